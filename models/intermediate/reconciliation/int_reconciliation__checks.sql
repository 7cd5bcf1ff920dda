{#- A view: rpt_reconciliation, its one reader, judges the check tables' rows as it reads them
    (at 24 000 documents a table of the 5.1 million rows cost 6.4 to 6.6 s of the build and the
    mart read through the view took 1.2 to 2.5 s more; docs/benchmark-decisions.md). -#}
{{ config(materialized='view') }}

{#- Every check instance of the checks listed in var reconciliation_checks, unjudged: one
    import CTE per check model, named after it. -#}
{%- set columns = reconciliation_check_columns() | map(attribute=0) | list %}
with
{%- for check_model in reconciliation_check_models() %}
    {{ check_model }} as (
        select * from {{ ref(check_model) }}
    ),
{% endfor %}
-- Every check model has the same columns in the same order (reconciliation_check macro).
final as (
    {%- for check_model in reconciliation_check_models() %}
        select {{ columns | join(', ') }}
        from {{ check_model }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from final
