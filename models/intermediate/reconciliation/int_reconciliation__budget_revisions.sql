with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

-- The budget in force as printed against the original budget plus the changes of the same
-- row, where the row prints all three: rounded figures, up to a half-unit each apart, the
-- changes being as many figures as the row prints (one per change column it sums).
revisions as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        budget_year as fiscal_year,
        'budget' as scenario,
        'eur' as measure_unit,
        budget_eur as expected_value,
        budget_original_eur + budget_change_eur as computed_value,
        1 + budget_change_terms as term_count,
        'original budget + changes' as computed_from,
        (2 + budget_change_terms) * {{ rounding_half_unit('amount_decimals') }} as tolerance,
        case
            when budget_eur is null
                then 'the row prints an original budget and changes but no budget in force'
        end as incomplete_reason,
        source_file,
        source_line
    from budget_rows
    where budget_original_eur is not null and budget_change_eur is not null
),

-- All three are the statement year's budget; a note on comparability concerns the prior
-- year only.
final as (
    {{
        reconciliation_check(
            'revisions', 'budget_revision',
            absent=['mismatch_reason', 'value_decimals', 'warn_reason', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
