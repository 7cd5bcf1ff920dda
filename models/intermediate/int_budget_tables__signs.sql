with budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

printings as (
    select * from {{ ref('int_budget_amounts__all_printings') }}
),

figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

term_sums as (
    select * from {{ ref('int_budget_amounts__term_sums') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

cost_figures as (
    select printings.*
    from printings
    inner join line_items
        on printings.line_item_id = line_items.line_item_id
    where {{ is_cost_figure('line_items.direction', 'printings.scenario') }}
),

-- How each table prints its costs: negative where any is printed with a minus sign (a table
-- that prints its costs negative may still print a positive one: a refund), positive where
-- none is; a table whose costs are all zero says nothing.
cost_signs as (
    select
        document_id,
        table_line,
        count(*) as cost_figure_count,
        case when min(amount_eur) < 0 then 'negative' else 'positive' end as costs_printed
    from cost_figures
    group by document_id, table_line
    having max(abs(amount_eur)) > 0
),

-- Each balance subtotal of a table that prints its costs positive, against its terms read by
-- the two ways such a table may print a balance: revenue − costs (Toimintakate −38 007 400
-- beside Toimintakulut 40 347 700) or costs − revenue (Netto 800 beside Menot 1 000 and
-- Tulot 200). Which one its figures tie with, within their printed rounding.
balance_readings as (
    select
        figures.document_id,
        figures.table_line,
        {{
            within_tolerance(
                'figures.amount_eur',
                signed_term_sum('term_sums', "'positive'", "'revenue_minus_costs'"),
                'term_sums.terms_rounding_eur + ' ~ rounding_half_unit('figures.amount_decimals'),
            )
        }} as ties_as_revenue_minus_costs,
        {{
            within_tolerance(
                'figures.amount_eur',
                '-' ~ signed_term_sum('term_sums', "'positive'", "'costs_minus_revenue'"),
                'term_sums.terms_rounding_eur + ' ~ rounding_half_unit('figures.amount_decimals'),
            )
        }} as ties_as_costs_minus_revenue
    from figures
    inner join line_items
        on figures.line_item_id = line_items.line_item_id
    inner join cost_signs
        on
            figures.document_id = cost_signs.document_id
            and figures.table_line = cost_signs.table_line
    inner join term_sums
        on
            figures.document_id = term_sums.document_id
            and {{ same_figure('figures', 'term_sums') }}
    where line_items.direction = 'balance' and cost_signs.costs_printed = 'positive'
),

-- A table prints every balance one way: the way more of its balances tie with, and only
-- that way (a balance that ties only the other way fails the subtotal check). Where neither
-- has more, revenue − costs, the warehouse's own.
balance_counts as (
    select
        document_id,
        table_line,
        count(case when ties_as_revenue_minus_costs and not ties_as_costs_minus_revenue then 1 end)
            as revenue_minus_costs_count,
        count(case when ties_as_costs_minus_revenue and not ties_as_revenue_minus_costs then 1 end)
            as costs_minus_revenue_count
    from balance_readings
    group by document_id, table_line
),

final as (
    select
        budget_tables.document_id,
        budget_tables.table_line,
        coalesce(cost_signs.cost_figure_count, 0) as cost_figure_count,
        cost_signs.costs_printed,
        case
            when balance_counts.costs_minus_revenue_count > balance_counts.revenue_minus_costs_count
                then 'costs_minus_revenue'
            else 'revenue_minus_costs'
        end as balances_printed,
        coalesce(balance_counts.revenue_minus_costs_count, 0) as revenue_minus_costs_count,
        coalesce(balance_counts.costs_minus_revenue_count, 0) as costs_minus_revenue_count
    from budget_tables
    left join cost_signs
        on
            budget_tables.document_id = cost_signs.document_id
            and budget_tables.table_line = cost_signs.table_line
    left join balance_counts
        on
            budget_tables.document_id = balance_counts.document_id
            and budget_tables.table_line = balance_counts.table_line
)

select * from final
