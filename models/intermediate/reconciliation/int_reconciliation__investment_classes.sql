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

classes as (
    select * from investment_figures
    where lower(investment_category) != '{{ var("whole_unit_category") }}'
),

-- Each total against the same figure summed over the unit's asset classes that the report
-- prints, with the sum's rounding (half a printed unit of each term) and whether every class is
-- printed in the total's own table (as its rows), not in tables of their own.
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
        sum(classes.amount_eur) as computed_value,
        count(*) as term_count,
        string_agg(classes.investment_category, ' + ' order by classes.source_line) as computed_from,
        sum({{ rounding_half_unit('classes.amount_decimals') }})
        + {{ rounding_half_unit('totals.amount_decimals') }} as tolerance,
        case
            when not bool_and(classes.table_line = totals.table_line)
                then
                    'some of its classes are printed in tables of their own, not as rows of the total''s '
                    || 'table: the report may print only some of its classes'
        end as warn_reason,
        totals.source_file,
        totals.source_line
    from totals
    inner join classes
        on
            totals.document_id = classes.document_id
            and totals.unit_id = classes.unit_id
            and totals.statement = classes.statement
            and totals.line_item_id = classes.line_item_id
            and totals.fiscal_year = classes.fiscal_year
            and totals.scenario = classes.scenario
    group by
        totals.document_id, totals.unit_id, totals.line_item_id, totals.statement, totals.investment_category,
        totals.fiscal_year, totals.scenario, totals.amount_eur, totals.amount_decimals, totals.source_file,
        totals.source_line
),

final as (
    {{
        reconciliation_check(
            'compared', 'investment_classes', measure_unit="'eur'",
            absent=[
                'value_decimals', 'incomplete_reason', 'mismatch_reason',
                'other_document_id', 'other_source_file', 'other_source_line',
            ]
        )
    }}
)

select * from final
