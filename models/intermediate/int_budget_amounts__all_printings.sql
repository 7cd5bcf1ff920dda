with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

-- Each printed row holds three amounts: the prior year's actual, the budget and the
-- actual. One struct per column carries its year, scenario and comparability.
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
        unnest([
            {
                'fiscal_year': prior_year,
                'scenario': 'actual',
                'source_column': 'prior_year_actual',
                'amount_eur': prior_actual_eur,
                'is_comparable': is_prior_year_comparable,
                'comparability_note': comparability_note,
                'comparability_note_line': comparability_note_line
            },
            {
                'fiscal_year': budget_year,
                'scenario': 'budget',
                'source_column': 'budget',
                'amount_eur': budget_eur,
                'is_comparable': true,
                'comparability_note': null,
                'comparability_note_line': null
            },
            {
                'fiscal_year': actual_year,
                'scenario': 'actual',
                'source_column': 'actual',
                'amount_eur': actual_eur,
                'is_comparable': true,
                'comparability_note': null,
                'comparability_note_line': null
            }
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
        amount_decimals
    from printed_columns
    -- An empty cell is a missing figure: no row, never a zero.
    where struct_extract(printed, 'amount_eur') is not null
)

select * from final
