{{ built_in_turn() }}

with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

term_sums as (
    select * from {{ ref('int_budget_amounts__term_sums') }}
),

compared as (
    select
        figures.document_id,
        figures.unit_id,
        figures.line_item_id,
        figures.statement,
        figures.investment_category,
        figures.fiscal_year,
        figures.scenario,
        figures.amount_eur as expected_value,
        term_sums.computed_eur as computed_value,
        term_sums.term_count,
        term_sums.computed_from,
        term_sums.terms_rounding_eur + {{ rounding_half_unit('figures.amount_decimals') }} as tolerance,
        figures.source_file,
        figures.source_line
    from figures
    inner join term_sums
        on
            figures.document_id = term_sums.document_id
            and {{ same_figure('figures', 'term_sums') }}
),

-- A column's lines add up whether or not the column is comparable with another year's
-- organisation: a note on comparability excuses nothing here, so there is no warn reason.
final as (
    {{
        reconciliation_check(
            'compared', 'subtotal', measure_unit="'eur'",
            absent=['mismatch_reason', 'value_decimals', 'incomplete_reason', 'warn_reason', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
