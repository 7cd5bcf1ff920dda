with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

-- Each printed row holds an amount per printed column (the budget row's amount columns
-- with a scenario: prior year's actual, budget, actual). One struct per column carries
-- its year, scenario and comparability.
printed_columns as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        source_file,
        source_line,
        amount_decimals,
        is_city_statement,
        unnest([
            {{- budget_amount_structs() }}
        ]) as printed
    from budget_rows
),

final as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        struct_extract(printed, 'fiscal_year') as fiscal_year,
        struct_extract(printed, 'scenario') as scenario,
        struct_extract(printed, 'source_column') as source_column,
        struct_extract(printed, 'amount_eur') as amount_eur,
        struct_extract(printed, 'is_comparable') as is_comparable,
        struct_extract(printed, 'comparability_note') as comparability_note,
        struct_extract(printed, 'comparability_note_line') as comparability_note_line,
        source_file,
        source_line,
        amount_decimals,
        is_city_statement
    from printed_columns
    -- An empty cell is a missing figure: no row, never a zero.
    where struct_extract(printed, 'amount_eur') is not null
)

select * from final
