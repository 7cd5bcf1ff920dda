{% test expression_is_true(model, expression, column_name=none) %}
{#- Rows for which the expression is not true. -#}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)

{% endtest %}
