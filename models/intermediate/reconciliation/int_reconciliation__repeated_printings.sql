with printings as (
    select * from {{ ref('int_budget_amounts__all_printings') }}
),

-- A unit's short and detailed tables print some figures twice; each later printing is
-- compared with the first.
numbered as (
    select
        *,
        row_number() over (
            partition by document_id, {{ figure_key() }}
            order by source_line
        ) as printing_number
    from printings
),

first_printings as (
    select * from numbered
    where printing_number = 1
),

later_printings as (
    select * from numbered
    where printing_number > 1
),

compared as (
    select
        later_printings.document_id,
        later_printings.unit_id,
        later_printings.line_item_id,
        later_printings.statement,
        later_printings.investment_category,
        later_printings.fiscal_year,
        later_printings.scenario,
        first_printings.amount_eur as expected_value,
        later_printings.amount_eur as computed_value,
        'the same figure printed at line ' || first_printings.source_line as computed_from,
        {{ printing_tolerance('later_printings.amount_decimals', 'first_printings.amount_decimals') }} as tolerance,
        later_printings.source_file,
        later_printings.source_line,
        first_printings.document_id as other_document_id,
        first_printings.source_file as other_source_file,
        first_printings.source_line as other_source_line
    from later_printings
    inner join first_printings
        on
            later_printings.document_id = first_printings.document_id
            and {{ same_figure('later_printings', 'first_printings') }}
),

-- Two printings in one report of one figure must agree, comparable or not: no warn reason.
final as (
    {{
        reconciliation_check(
            'compared', 'repeated_printing', measure_unit="'eur'", term_count='1',
            absent=['mismatch_reason', 'value_decimals', 'incomplete_reason', 'warn_reason']
        )
    }}
)

select * from final
