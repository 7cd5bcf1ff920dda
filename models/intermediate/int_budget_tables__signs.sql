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

-- The ways a table may print its figures, each as the factors that turn a printed figure of
-- each direction into the warehouse's signs (revenue positive, costs negative, a balance
-- revenue - costs; macros/signs.sql), and how the subtotal check names it where it differs
-- from adding as printed.
readings as (
    select
        'as_printed' as reading,
        1 as revenue_factor,
        1 as expenditure_factor,
        1 as balance_factor,
        cast(null as varchar) as described_as
    union all
    select
        'costs_positive' as reading,
        1 as revenue_factor,
        -1 as expenditure_factor,
        1 as balance_factor,
        'costs printed positive' as described_as
    union all
    select
        'net_costs_positive' as reading,
        1 as revenue_factor,
        -1 as expenditure_factor,
        -1 as balance_factor,
        'costs printed positive, balances as costs - revenue' as described_as
    union all
    select
        'mirrored' as reading,
        -1 as revenue_factor,
        -1 as expenditure_factor,
        -1 as balance_factor,
        null as described_as
),

direction_figures as (
    select
        printings.document_id,
        printings.table_line,
        printings.amount_eur,
        line_items.direction,
        {{ is_cost_figure('line_items.direction', 'printings.scenario') }} as is_cost
    from printings
    inner join line_items
        on printings.line_item_id = line_items.line_item_id
    where printings.scenario <> 'budget_change'
),

-- How each table prints its costs: by the sign of their sum, negative or positive (a table may
-- print a refund the other way: Muut toimintakulut -30 000 among costs printed positive, a
-- positive one among negative costs); where they cancel out, negative where any is printed with
-- a minus sign; none where every cost is zero (a table whose costs are all zero says nothing).
-- And whether it prints any revenue positive.
printed_signs as (
    select
        document_id,
        table_line,
        count(case when is_cost then 1 end) as cost_figure_count,
        count(case when is_cost and amount_eur < 0 then 1 end) as negative_cost_count,
        case
            when sum(case when is_cost then amount_eur end) < 0 then 'negative'
            when sum(case when is_cost then amount_eur end) > 0 then 'positive'
            when min(case when is_cost then amount_eur end) < 0 then 'negative'
        end as costs_printed,
        coalesce(max(case when direction = 'revenue' then amount_eur end) > 0, false) as prints_positive_revenue
    from direction_figures
    group by document_id, table_line
),

-- Each balance subtotal of a table that prints its costs positive, against its terms read
-- each way such a table may print (adding as printed stands for mirrored too: the two read
-- every subtotal alike), within the printed rounding.
balance_ties as (
    select
        figures.document_id,
        {{ figure_key('figures') }},
        figures.table_line,
        readings.reading,
        {{
            within_tolerance(
                'figures.amount_eur',
                sign_factor('line_items.direction', 'readings') ~ ' * ' ~ signed_term_sum('term_sums', 'readings'),
                subtotal_tolerance('figures', 'term_sums'),
            )
        }} as adds_up
    from figures
    inner join line_items
        on figures.line_item_id = line_items.line_item_id
    inner join printed_signs
        on
            figures.document_id = printed_signs.document_id
            and figures.table_line = printed_signs.table_line
    inner join term_sums
        on
            figures.document_id = term_sums.document_id
            and {{ same_figure('figures', 'term_sums') }}
    cross join readings
    where
        line_items.direction = 'balance'
        and printed_signs.costs_printed = 'positive'
        and readings.reading in ('as_printed', 'costs_positive', 'net_costs_positive')
),

-- A figure that ties every way (its terms all zero) tells nothing.
telling_ties as (
    select
        *,
        count(case when adds_up then 1 end) over (partition by document_id, {{ figure_key() }}) as readings_tied
    from balance_ties
),

balance_counts as (
    select
        document_id,
        table_line,
        count(case when reading = 'as_printed' and adds_up and readings_tied < 3 then 1 end) as as_printed_count,
        count(case when reading = 'costs_positive' and adds_up and readings_tied < 3 then 1 end)
            as costs_positive_count,
        count(case when reading = 'net_costs_positive' and adds_up and readings_tied < 3 then 1 end)
            as net_costs_positive_count
    from telling_ties
    group by document_id, table_line
),

-- Every table with its costs' sign and its balances' counts (none where it prints no balance).
voted as (
    select
        budget_tables.document_id,
        budget_tables.table_line,
        coalesce(printed_signs.cost_figure_count, 0) as cost_figure_count,
        coalesce(printed_signs.negative_cost_count, 0) as negative_cost_count,
        printed_signs.costs_printed,
        coalesce(printed_signs.prints_positive_revenue, false) as prints_positive_revenue,
        coalesce(balance_counts.as_printed_count, 0) as as_printed_count,
        coalesce(balance_counts.costs_positive_count, 0) as costs_positive_count,
        coalesce(balance_counts.net_costs_positive_count, 0) as net_costs_positive_count
    from budget_tables
    left join printed_signs
        on
            budget_tables.document_id = printed_signs.document_id
            and budget_tables.table_line = printed_signs.table_line
    left join balance_counts
        on
            budget_tables.document_id = balance_counts.document_id
            and budget_tables.table_line = balance_counts.table_line
),

-- A table prints every figure one way, its refunds aside. Its costs negative: as printed. Its
-- costs positive: the way more of its balance subtotals add up by, and only that way (a balance
-- that adds up only another way fails the subtotal check); as printed where that is so
-- (mirrored: revenue negative too, where it prints none positive), else costs - revenue, else
-- revenue - costs.
chosen as (
    select
        *,
        case
            when coalesce(costs_printed, 'none') <> 'positive' then 'as_printed'
            when as_printed_count > greatest(costs_positive_count, net_costs_positive_count)
                then case when prints_positive_revenue then 'as_printed' else 'mirrored' end
            when net_costs_positive_count > costs_positive_count then 'net_costs_positive'
            else 'costs_positive'
        end as reading
    from voted
),

final as (
    select
        chosen.document_id,
        chosen.table_line,
        chosen.cost_figure_count,
        chosen.negative_cost_count,
        chosen.costs_printed,
        chosen.reading,
        readings.revenue_factor,
        readings.expenditure_factor,
        readings.balance_factor,
        readings.described_as,
        chosen.as_printed_count,
        chosen.costs_positive_count,
        chosen.net_costs_positive_count
    from chosen
    inner join readings
        on chosen.reading = readings.reading
)

select * from final
