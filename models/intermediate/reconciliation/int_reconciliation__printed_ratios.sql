with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

-- Poikkeama as printed against the budget in force and the actual of the same row, by the
-- convention detected for its table (budget - actual, actual - budget, or the overrun by size
-- |actual| - |budget|): three rounded figures, so up to three half-units apart.
variances as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        budget_year as fiscal_year,
        'eur' as measure_unit,
        printed_variance_eur as expected_value,
        case variance_convention
            when 'actual_minus_budget' then actual_eur - budget_eur
            when 'abs_actual_minus_abs_budget' then abs(actual_eur) - abs(budget_eur)
            else budget_eur - actual_eur
        end as computed_value,
        2 as term_count,
        case variance_convention
            when 'actual_minus_budget' then 'actual - budget'
            when 'abs_actual_minus_abs_budget' then '|actual| - |budget|'
            else 'budget - actual'
        end
        || case variance_convention_status
            when 'neither' then ' (the table fits no convention; the closest one)'
            else ''
        end as computed_from,
        -- The budget, the actual and the variance are each within half a printed unit.
        3 * {{ rounding_half_unit('amount_decimals') }} as tolerance,
        case
            when budget_eur is null or actual_eur is null
                then 'the row prints a variance but no budget or no actual'
        end as incomplete_reason,
        source_file,
        source_line
    from budget_rows
    where printed_variance_eur is not null
),

-- Toteuma % as printed against actual / budget × 100 of the same row; the reports print
-- 0,00 where the budget is 0.
execution_pcts as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        budget_year as fiscal_year,
        'pct' as measure_unit,
        printed_execution_pct as expected_value,
        case
            when budget_eur = 0 then 0
            else actual_eur / budget_eur * 100
        end as computed_value,
        2 as term_count,
        'actual / budget * 100' as computed_from,
        case
            when budget_eur is null or actual_eur is null or budget_eur = 0 then 0
            else
                {{
                    execution_pct_tolerance(
                        'actual_eur', 'budget_eur', rounding_half_unit('amount_decimals'), 'execution_pct_decimals'
                    )
                }}
        end as tolerance,
        case
            when budget_eur is null or actual_eur is null
                then 'the row prints a percentage but no budget or no actual'
        end as incomplete_reason,
        execution_pct_decimals as value_decimals,
        source_file,
        source_line
    from budget_rows
    where printed_execution_pct is not null
),

-- Both columns are the current year's, and a report's note on comparability concerns the
-- prior year only: there is no warn reason. Neither is a scenario: the two are compared.
variance_checks as (
    {{
        reconciliation_check(
            'variances', 'printed_variance',
            absent=['mismatch_reason', 'value_decimals', 'scenario', 'warn_reason', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
),

execution_pct_checks as (
    {{
        reconciliation_check(
            'execution_pcts', 'printed_execution_pct',
            absent=['mismatch_reason', 'scenario', 'warn_reason', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
),

final as (
    select * from variance_checks
    union all
    select * from execution_pct_checks
)

select * from final
