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
