with printings as (
    select * from {{ ref('int_budget_amounts__all_printings') }}
),

-- A unit's short and detailed tables print some figures twice, and a financial statement
-- may print the budget execution's figures again to the cent; keep the most precise
-- printing, the first of equally precise ones (kept_printing_order), and count how often the
-- figure was printed (the repeated_printing reconciliation checks that the printings agree).
counted as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        source_column,
        amount_eur,
        is_comparable,
        is_restated,
        comparability_note,
        comparability_note_line,
        source_file,
        source_line,
        table_line,
        amount_decimals,
        is_city_statement,
        count(*) over figure as print_count,
        row_number() over (figure order by {{ kept_printing_order() }}) as printing
    from printings
    window
        figure as (
            partition by document_id, {{ figure_key() }}
        )
),

final as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        source_column,
        amount_eur,
        is_comparable,
        is_restated,
        comparability_note,
        comparability_note_line,
        source_file,
        source_line,
        table_line,
        amount_decimals,
        is_city_statement,
        print_count
    from counted
    where printing = 1
)

select * from final
