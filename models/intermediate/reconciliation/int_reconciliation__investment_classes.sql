with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

investment_figures as (
    select * from figures
    where statement = 'investment'
),

-- Each unit's figure of all its investments (asset class Yhteensä) in a report.
totals as (
    select * from investment_figures
    where lower(investment_category) = '{{ var("whole_unit_category") }}'
),

-- The same figure summed over the unit's asset classes that the report prints, with the sum's
-- rounding: half a printed unit of each term.
class_sums as (
    select
        document_id,
        unit_id,
        statement,
        line_item_id,
        fiscal_year,
        scenario,
        sum(amount_eur) as computed_value,
        count(*) as term_count,
        string_agg(investment_category, ' + ' order by source_line) as computed_from,
        sum({{ rounding_half_unit('amount_decimals') }}) as terms_rounding_eur
    from investment_figures
    where lower(investment_category) != '{{ var("whole_unit_category") }}'
    group by document_id, unit_id, statement, line_item_id, fiscal_year, scenario
),

compared as (
    select
        totals.document_id,
        totals.unit_id,
        totals.line_item_id,
        totals.statement,
        totals.investment_category,
        totals.fiscal_year,
        totals.scenario,
        totals.amount_eur as expected_value,
        class_sums.computed_value,
        class_sums.term_count,
        class_sums.computed_from,
        class_sums.terms_rounding_eur + {{ rounding_half_unit('totals.amount_decimals') }} as tolerance,
        totals.source_file,
        totals.source_line
    from totals
    inner join class_sums
        on
            totals.document_id = class_sums.document_id
            and totals.unit_id = class_sums.unit_id
            and totals.statement = class_sums.statement
            and totals.line_item_id = class_sums.line_item_id
            and totals.fiscal_year = class_sums.fiscal_year
            and totals.scenario = class_sums.scenario
),

final as (
    {{
        reconciliation_check(
            'compared', 'investment_classes', measure_unit="'eur'",
            absent=[
                'value_decimals', 'incomplete_reason', 'warn_reason', 'mismatch_reason',
                'other_document_id', 'other_source_file', 'other_source_line',
            ]
        )
    }}
)

select * from final
