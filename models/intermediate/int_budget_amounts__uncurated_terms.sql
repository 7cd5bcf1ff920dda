with printings as (
    select * from {{ ref('int_budget_amounts__all_printings') }}
),

budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

ancestry as (
    select * from {{ ref('int_line_items__ancestry') }}
),

-- The tables that print a line the curated chart does not know: only their rows are walked.
uncurated_tables as (
    select distinct
        document_id,
        table_line
    from budget_rows
    where not is_curated_line_item
),

table_rows as (
    select
        printings.*,
        line_items.is_curated,
        line_items.is_subtotal
    from printings
    inner join uncurated_tables
        on
            printings.document_id = uncurated_tables.document_id
            and printings.table_line = uncurated_tables.table_line
    inner join line_items
        on printings.line_item_id = line_items.line_item_id
),

-- The line items that a table's column prints as totals: those with a line below them in the
-- hierarchy printed in the same column (Henkilöstökulut printed without its lines is a line).
printed_totals as (
    select distinct
        table_rows.document_id,
        table_rows.table_line,
        table_rows.unit_id,
        table_rows.statement,
        table_rows.investment_category,
        table_rows.fiscal_year,
        table_rows.scenario,
        ancestry.ancestor_line_item_id as line_item_id
    from table_rows
    inner join ancestry
        on table_rows.line_item_id = ancestry.line_item_id
),

totals_marked as (
    select
        table_rows.*,
        printed_totals.line_item_id is not null as is_printed_total
    from table_rows
    left join printed_totals
        on
            table_rows.document_id = printed_totals.document_id
            and table_rows.table_line = printed_totals.table_line
            and {{ same_figure('table_rows', 'printed_totals') }}
),

-- Each printed figure with the lines of the totals that its table prints in the same column
-- next below and next above it (the figure is in the block above the one and the block below
-- the other), and of the curated line next below it (an uncurated figure is in the run of
-- them just above that line).
blocked as (
    select
        totals_marked.*,
        {{ nearest_line('totals_marked.is_printed_total', 'after', 'table_column') }} as next_subtotal_line,
        {{ nearest_line('totals_marked.is_printed_total', 'before', 'table_column') }} as previous_subtotal_line,
        {{ nearest_line('totals_marked.is_curated', 'after', 'table_column') }} as next_curated_line,
        {{ nearest_line('totals_marked.is_curated', 'before', 'table_column') }} as previous_curated_line
    from totals_marked
    window table_column as (
        partition by document_id, table_line, unit_id, statement, investment_category, fiscal_year, scenario
        order by source_line
    )
),

block_positions as (
    select 'above' as block_position
    union all
    select 'below' as block_position
    union all
    select 'just_above' as block_position
),

-- Each uncurated figure in the block above its next total and in the block below its
-- previous one; and in the run just above its next curated line.
uncurated_rows as (
    select
        blocked.document_id,
        blocked.table_line,
        blocked.unit_id,
        blocked.statement,
        blocked.investment_category,
        blocked.fiscal_year,
        blocked.scenario,
        case positions.block_position
            when 'above' then blocked.next_subtotal_line
            when 'below' then blocked.previous_subtotal_line
            else blocked.next_curated_line
        end as subtotal_line,
        positions.block_position,
        blocked.line_item_id,
        blocked.amount_eur,
        blocked.amount_decimals,
        blocked.source_line,
        blocked.previous_curated_line
    from blocked
    cross join block_positions as positions
    -- A line that details the one above it (`josta sisäiset`) is no term.
    where not blocked.is_curated and not blocked.is_breakdown
),

blocks as (
    select
        document_id,
        table_line,
        unit_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        subtotal_line,
        block_position,
        sum(amount_eur) as uncurated_eur,
        count(*) as uncurated_count,
        sum({{ rounding_half_unit('amount_decimals') }}) as uncurated_rounding_eur,
        string_agg(line_item_id, ' + ' order by source_line) as uncurated_from,
        min(source_line) as first_term_line,
        max(source_line) as last_term_line,
        -- For a run just above a curated line: the curated line just above the run.
        min(previous_curated_line) as run_after_line
    from uncurated_rows
    where subtotal_line is not null
    group by
        document_id, table_line, unit_id, statement, investment_category, fiscal_year, scenario, subtotal_line,
        block_position
),

final as (
    select
        subtotals.document_id,
        {{ figure_key('subtotals') }},
        subtotals.source_line as subtotal_line,
        blocks.block_position,
        cast(blocks.uncurated_eur as decimal(20, 6)) as uncurated_eur,
        blocks.uncurated_count,
        cast(blocks.uncurated_rounding_eur as decimal(20, 6)) as uncurated_rounding_eur,
        blocks.uncurated_from,
        blocks.first_term_line,
        blocks.last_term_line
    from blocks
    inner join totals_marked as subtotals
        on
            blocks.document_id = subtotals.document_id
            and blocks.table_line = subtotals.table_line
            and {{ same_figure('blocks', 'subtotals', compare_line_item=false) }}
            and blocks.subtotal_line = subtotals.source_line
    left join totals_marked as run_heads
        on
            blocks.document_id = run_heads.document_id
            and blocks.table_line = run_heads.table_line
            and {{ same_figure('blocks', 'run_heads', compare_line_item=false) }}
            and blocks.run_after_line = run_heads.source_line
    -- A run of uncurated lines next to a curated line is a block only of a subtotal of the
    -- chart, and none where it adds up to the curated line just above it (`Toimintatuotot`,
    -- then `Ulkoiset` and `Sisäiset`: its terms, printed after it, not the next line's).
    where
        blocks.block_position in ('above', 'below')
        or (
            subtotals.is_subtotal
            and (
                run_heads.document_id is null
                or not {{
                    adds_up_to(
                        'run_heads.amount_eur', 'run_heads.amount_decimals',
                        'blocks.uncurated_eur', 'blocks.uncurated_rounding_eur'
                    )
                }}
            )
        )
)

select * from final
