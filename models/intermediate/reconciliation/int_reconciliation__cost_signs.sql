with printings as (
    select * from {{ ref('int_budget_amounts__all_printings') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

cost_figures as (
    select printings.*
    from printings
    inner join line_items
        on printings.line_item_id = line_items.line_item_id
    where {{ is_cost_figure('line_items.direction', 'printings.scenario') }}
),

-- Each table that prints a cost other than zero, and how (int_budget_tables__signs).
tables as (
    select
        document_id,
        table_line,
        cost_figure_count,
        negative_cost_count,
        costs_printed = 'negative' as prints_minus
    from signs
    where costs_printed is not null
),

-- One figure stands for its table: the first printed (by line, year and scenario) of its
-- negative costs, or of its positive ones where it prints its costs positive.
first_figures as (
    select
        cost_figures.*,
        tables.cost_figure_count,
        tables.negative_cost_count,
        tables.prints_minus,
        row_number() over (
            partition by cost_figures.document_id, cost_figures.table_line
            order by cost_figures.source_line, cost_figures.fiscal_year, cost_figures.scenario
        ) as figure_number
    from cost_figures
    inner join tables
        on
            cost_figures.document_id = tables.document_id
            and cost_figures.table_line = tables.table_line
    where
        (tables.prints_minus and cost_figures.amount_eur < 0)
        or (not tables.prints_minus and cost_figures.amount_eur > 0)
),

-- The figure as printed against the same cost with a minus sign: they tie where the table
-- prints its costs negative; the reason explains the difference where it does not (and is
-- empty where they tie).
compared as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        amount_eur as expected_value,
        -abs(amount_eur) as computed_value,
        'the same cost with a minus sign' as computed_from,
        case
            when not prints_minus
                then
                    'the table at ' || source_file || ':' || table_line || ' prints '
                    || case
                        when negative_cost_count = 0 then 'none'
                        else 'only ' || negative_cost_count
                    end
                    || ' of its ' || cost_figure_count || ' cost figures with a minus sign: amount_eur keeps its costs'
                    || ' as printed, positive where other tables'' are negative; signed_amount_eur'
                    || ' and its subtotals read them by the table''s signs'
        end as warn_reason,
        source_file,
        source_line
    from first_figures
    where figure_number = 1
),

-- A sign, not a rounding: no tolerance.
final as (
    {{
        reconciliation_check(
            'compared', 'cost_sign', measure_unit="'eur'", term_count='1', tolerance='0',
            absent=[
                'value_decimals', 'incomplete_reason', 'mismatch_reason',
                'other_document_id', 'other_source_file', 'other_source_line',
            ]
        )
    }}
)

select * from final
