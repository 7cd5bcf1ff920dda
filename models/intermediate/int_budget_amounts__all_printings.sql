{#- A view: its two readers (the first printings and the repeated-printings check) unpivot
    the resolved rows as they read them. At 24 000 documents a table of it (3.6 million rows)
    cost 20.5 to 22.2 CPU seconds with its two readers, the view 16.4 to 16.7. -#}
{{ config(materialized='view') }}

with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

-- Each printed row holds an amount per printed column (the budget row's amount columns
-- with a scenario: prior year's actual, budget, actual): one row per column, with its
-- year, scenario and comparability.
printed_columns as (
    {{-
        budget_amount_unpivot(
            'budget_rows',
            [
                'document_id',
                'unit_id',
                'line_item_id',
                'statement',
                'investment_category',
                'source_file',
                'source_line',
                'table_line',
                'amount_decimals',
                'is_city_statement',
                'is_breakdown',
            ],
        )
    }}
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
        is_breakdown
    from printed_columns
    -- An empty cell is a missing figure: no row, never a zero.
    where amount_eur is not null
)

select * from final
