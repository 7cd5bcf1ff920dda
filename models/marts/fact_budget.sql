{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with amounts as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

line_items as (
    select * from {{ ref('dim_line_item') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

signed_amounts as (
    {{ with_sign_factors('amounts', 'line_items', 'signs') }}
),

final as (
    select
        md5(
            concat_ws(
                '|',
                amounts.document_id,
                amounts.unit_id,
                amounts.statement,
                coalesce(amounts.investment_category, ''),
                amounts.line_item_id,
                amounts.fiscal_year,
                amounts.scenario
            )
        ) as budget_amount_id,
        amounts.document_id,
        amounts.unit_id,
        {{ unit_context_columns('units') }},
        amounts.line_item_id,
        amounts.statement,
        amounts.investment_category,
        amounts.fiscal_year,
        amounts.scenario,
        amounts.amount_eur,
        cast(amounts.amount_eur * amounts.sign_factor as decimal(18, 2)) as signed_amount_eur,
        amounts.is_comparable,
        amounts.source_column,
        amounts.source_file,
        amounts.source_line,
        amounts.print_count
    from signed_amounts as amounts
    left join units
        on amounts.unit_id = units.unit_id
)

select * from final
{{ rebuilt_rows_only() }}
