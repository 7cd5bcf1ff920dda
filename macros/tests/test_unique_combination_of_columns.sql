{% test unique_combination_of_columns(model, combination_of_columns) %}
{#- Rows whose combination of the given columns is not unique (NULLs compare equal). -#}
{%- set columns_csv = combination_of_columns | join(', ') %}

with grouped as (
    select
        {{ columns_csv }},
        count(*) as row_count
    from {{ model }}
    group by {{ columns_csv }}
)

select *
from grouped
where row_count > 1

{% endtest %}
