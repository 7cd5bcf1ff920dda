with amounts as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

final as (
    select
        md5(
            concat_ws(
                '|',
                document_id,
                unit_id,
                statement,
                coalesce(investment_category, ''),
                line_item_id,
                fiscal_year,
                scenario
            )
        ) as budget_amount_id,
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        amount_eur,
        is_comparable,
        source_column,
        source_file,
        source_line,
        print_count
    from amounts
)

select * from final
