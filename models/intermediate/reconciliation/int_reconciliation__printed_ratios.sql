with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

-- Each row that prints a variance with its line's direction and the factor that turns its
-- figures into the warehouse's signs by its table's reading (revenue positive, costs negative,
-- a balance revenue - costs).
directed_rows as (
    select
        budget_rows.*,
        line_items.direction,
        {{ sign_factor('line_items.direction', 'signs') }} as sign_factor,
        signs.described_as as signs_described_as
    from budget_rows
    left join line_items
        on budget_rows.line_item_id = line_items.line_item_id
    left join signs
        on
            budget_rows.document_id = signs.document_id
            and budget_rows.table_line = signs.table_line
    where budget_rows.printed_variance_eur is not null
),

-- Signed actual - signed budget (better than budget positive): actual - budget times the
-- factor, so budget - actual on a cost printed positive. A line of no known direction as the
-- extractor reads it (src/kuntatalous/tables/variance.py, signed_variance): budget - actual
-- where neither figure is negative and that is nearer the printed one, else actual - budget.
signed_rows as (
    select
        *,
        case
            when direction is not null then (actual_eur - budget_eur) * sign_factor
            when
                budget_eur >= 0
                and actual_eur >= 0
                and abs(printed_variance_eur - (budget_eur - actual_eur))
                < abs(printed_variance_eur - (actual_eur - budget_eur))
                then budget_eur - actual_eur
            else actual_eur - budget_eur
        end as signed_variance_eur,
        'signed actual - signed budget'
        || case
            when direction is null then ' (the line''s direction unknown: by its figures)'
            else coalesce(' (by the table''s signs: ' || signs_described_as || ')', '')
        end as signed_computed_from
    from directed_rows
),

-- Poikkeama as printed against the budget in force and the actual of the same row, by the
-- convention detected for its table (budget - actual, actual - budget, the overrun by size
-- |actual| - |budget|, or the signed variance): three rounded figures, so up to three
-- half-units apart.
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
            when 'signed_actual_minus_signed_budget' then signed_variance_eur
            else budget_eur - actual_eur
        end as computed_value,
        2 as term_count,
        case variance_convention
            when 'actual_minus_budget' then 'actual - budget'
            when 'abs_actual_minus_abs_budget' then '|actual| - |budget|'
            when 'signed_actual_minus_signed_budget' then signed_computed_from
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
                then 'the row prints a variance but no budget or no actual' || {{ unread_cells('unread_columns') }}
        end as incomplete_reason,
        source_file,
        source_line
    from signed_rows
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
                then 'the row prints a percentage but no budget or no actual' || {{ unread_cells('unread_columns') }}
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
