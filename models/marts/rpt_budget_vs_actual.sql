{{
    config(
        materialized='incremental',
        meta={'rebuilt_by': 'document_id'},
        post_hook="{{ refresh_from_dimension(ref('dim_line_item'), 'line_item_id', {
            'line_item_name': 'line_item_name',
            'line_item_name_en': 'line_item_name_en',
            'line_item_sort_order': 'sort_order'}) }}"
    )
}}

with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

line_items as (
    select * from {{ ref('dim_line_item') }}
),

ancestors as (
    select * from {{ ref('int_unit_ancestors') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

-- A figure printed in both a unit's short and detailed table is reported once.
ranked_printings as (
    select
        *,
        row_number() over (
            partition by document_id, unit_id, statement, investment_category, line_item_id
            order by source_line
        ) as printing_rank
    from budget_rows
),

first_printings as (
    select * from ranked_printings
    where printing_rank = 1
),

-- A unit's line of a year printed in two documents (the whole city's income statement in the
-- budget's execution and again among the financial statements, a section saved twice) counts
-- once: in the document that prints its budget, else the first by file and line.
compared as (
    select
        *,
        row_number() over (
            partition by unit_id, statement, investment_category, line_item_id, budget_year
            order by case when budget_eur is null then 1 else 0 end, source_file, source_line
        ) as document_rank,
        cast(budget_eur - actual_eur as decimal(18, 2)) as variance_eur,
        case
            when budget_eur != 0 then cast(round(actual_eur / budget_eur * 100, 2) as decimal(18, 2))
        end as execution_pct
    from first_printings
),

-- Rows whose figure is also inside an ancestor unit's row (same line item and year):
-- summing only the other rows counts each euro once.
covered_by_ancestor as (
    select distinct
        compared.document_id,
        compared.unit_id,
        compared.statement,
        compared.investment_category,
        compared.line_item_id
    from compared
    inner join ancestors
        on compared.unit_id = ancestors.unit_id
    inner join compared as ancestor_rows
        on
            ancestors.ancestor_unit_id = ancestor_rows.unit_id
            and compared.statement = ancestor_rows.statement
            and compared.investment_category is not distinct from ancestor_rows.investment_category
            and compared.line_item_id = ancestor_rows.line_item_id
            and compared.budget_year = ancestor_rows.budget_year
),

final as (
    select
        compared.unit_id,
        units.unit_name,
        units.unit_name_en,
        {{ unit_context_columns('units') }},
        covered_by_ancestor.unit_id is null and compared.document_rank = 1 as is_top_level,
        compared.document_rank = 1 as is_first_printing,
        compared.line_item_id,
        line_items.line_item_name,
        line_items.line_item_name_en,
        compared.statement,
        compared.investment_category,
        compared.budget_year as fiscal_year,
        compared.budget_original_eur,
        compared.budget_change_eur,
        compared.budget_eur,
        compared.actual_eur,
        compared.prior_actual_eur as prior_year_actual_eur,
        cast(compared.budget_eur * {{ sign_factor('line_items.direction', 'signs') }} as decimal(18, 2))
            as signed_budget_eur,
        cast(compared.actual_eur * {{ sign_factor('line_items.direction', 'signs') }} as decimal(18, 2))
            as signed_actual_eur,
        compared.is_prior_year_comparable,
        compared.is_prior_year_restated,
        compared.variance_eur,
        compared.execution_pct,
        -- With the warehouse's signs (costs negative: macros/signs.sql, by the table's signs),
        -- an actual above the budget is an underspend on costs and an overshoot on income alike.
        -- A line of no known direction is neither: NULL, unless its table prints the signed
        -- variance, positive where the outcome is better than budget, whose sign says it; nor is
        -- a cash flow of the financing statement (more borrowing or less cash is no better or
        -- worse as such).
        case
            when compared.statement = 'financing' then null
            when line_items.direction is not null
                then
                    (compared.actual_eur - compared.budget_eur)
                    * {{ sign_factor('line_items.direction', 'signs') }}
                    > 0
            when
                compared.variance_convention = 'signed_actual_minus_signed_budget'
                and compared.variance_convention_status = 'detected'
                then compared.printed_variance_eur > 0
        end as is_favourable_variance,
        compared.printed_variance_eur,
        compared.variance_convention,
        compared.printed_execution_pct,
        line_items.sort_order as line_item_sort_order,
        compared.document_id,
        compared.source_file,
        compared.source_line
    from compared
    inner join units
        on compared.unit_id = units.unit_id
    inner join line_items
        on compared.line_item_id = line_items.line_item_id
    left join signs
        on
            compared.document_id = signs.document_id
            and compared.table_line = signs.table_line
    left join covered_by_ancestor
        on
            compared.document_id = covered_by_ancestor.document_id
            and compared.unit_id = covered_by_ancestor.unit_id
            and compared.statement = covered_by_ancestor.statement
            and compared.investment_category is not distinct from covered_by_ancestor.investment_category
            and compared.line_item_id = covered_by_ancestor.line_item_id
)

select * from final
{{ rebuilt_rows_only() }}
