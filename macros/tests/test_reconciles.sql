{% test reconciles(model, check_name, status='fail') %}
{#- The check instances of one reconciliation check with the given status, message first:
    with status `fail` (the default) a failing tie-out; used with severity warn to list the
    `warn` and `incomplete` ones. -#}

select
    message,
    *
from {{ model }}
where
    check_name = '{{ check_name }}'
    and status = '{{ status }}'

{% endtest %}
