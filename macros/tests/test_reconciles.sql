{% test reconciles(model, warnings=false) %}
{#- The check instances of rpt_reconciliation that the list of checks (var
    reconciliation_checks) makes errors, message first: a `fail`, or a status its check does
    not list in warns_on. With warnings=true (and severity warn): the instances whose status
    their check lists in warns_on. -#}
{%- set warned = [] -%}
{%- for check in reconciliation_checks() if check.warns_on -%}
    {%- do warned.append(
        "(check_name = '" ~ check.name ~ "' and status in ('" ~ check.warns_on | join("', '") ~ "'))"
    ) -%}
{%- endfor -%}
{%- set is_warned = '(' ~ (warned | join(' or ') if warned else '1 = 0') ~ ')' -%}
{#- Message first, then the other columns (a column named twice is no table in PostgreSQL).
    `model` is a relation, or in a partial build a subquery of its rebuilt rows
    (get_where_subquery, macros/partial_build.sql), whose columns are asked of a query. -#}
{%- set others = [] -%}
{%- if execute -%}
    {%- if model is string -%}
        {%- set columns = get_columns_in_query('select * from ' ~ model) -%}
    {%- else -%}
        {%- set columns = adapter.get_columns_in_relation(model) | map(attribute='name') | list -%}
    {%- endif -%}
    {%- for column in columns if column | lower != 'message' -%}
        {%- do others.append(adapter.quote(column)) -%}
    {%- endfor -%}
{%- endif %}

select
    message{{ ',' if others }}
    {{ others | join(',\n    ') }}
from {{ model }}
where
    status != 'ok'
    and {{ '' if warnings else 'not ' }}{{ is_warned }}

{% endtest %}


{% test reconciliation_check_grains(model) %}
{#- Check instances of rpt_reconciliation that share their check's grain (the grain of each
    check in var reconciliation_checks): each must be one instance. -#}
{%- for check in reconciliation_checks() %}
select
    check_name,
    concat_ws(' | ', {{ check.grain | join(', ') }}) as instance,
    count(*) as instance_count
from {{ model }}
where check_name = '{{ check.name }}'
group by check_name, {{ check.grain | join(', ') }}
having count(*) > 1
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}

{% endtest %}
