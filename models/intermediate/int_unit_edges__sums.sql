{#- A run's sums are differences of running sums over the section's silent units, so that
    the work grows with runs × lines, not with the members of every run. A section of 100
    silent units: this node 39.8 s and the build's peak 1.37 GB when each run's members were
    summed one by one, 2.4 s and 0.36 GB this way (tests/python/test_unit_edges_sums.py holds
    it to the rule, brute force). -#}
with budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

curated_units as (
    select * from {{ ref('stg_reference__units') }}
),

-- Each unit of a section's operating tables (the whole city's income statement left out),
-- where it is first printed, the parent the curated seed or the text gives it, and whether
-- nothing in the text but the print order placed it.
section_tables as (
    select
        budget_tables.document_id,
        budget_tables.unit_id,
        budget_tables.table_line,
        coalesce(curated_units.parent_unit_id, budget_tables.uncurated_parent_unit_id) as placed_parent_unit_id,
        coalesce(budget_tables.uncurated_placement = 'print_order', false) as is_silent
    from budget_tables
    left join curated_units
        on budget_tables.unit_id = curated_units.unit_id
    where budget_tables.statement = 'operating' and not budget_tables.is_city_statement
),

section_units as (
    select
        document_id,
        unit_id,
        min(table_line) as first_line,
        {{ arg_min_by('placed_parent_unit_id', ['table_line']) }} as placed_parent_unit_id,
        {{ arg_min_by('is_silent', ['table_line']) }} as is_silent
    from section_tables
    group by document_id, unit_id
),

silent_units as (
    select
        document_id,
        unit_id,
        first_line,
        row_number() over (partition by document_id order by first_line) as silent_rank
    from section_units
    where is_silent
),

-- Every run of silent units printed one after another (among the section's silent units).
runs as (
    select
        first_units.document_id,
        first_units.silent_rank as first_rank,
        last_units.silent_rank as last_rank,
        first_units.first_line as run_first_line
    from silent_units as first_units
    inner join silent_units as last_units
        on
            first_units.document_id = last_units.document_id
            and first_units.silent_rank <= last_units.silent_rank
),

-- A candidate: a unit of the section printed before the run, with the run as children.
candidates as (
    select
        runs.document_id,
        parents.unit_id as parent_unit_id,
        runs.first_rank,
        runs.last_rank
    from runs
    inner join section_units as parents
        on
            runs.document_id = parents.document_id
            and runs.run_first_line > parents.first_line
),

-- The units that the curated seed or the text (table order, level words, captions) already
-- places under a candidate's parent: with the run, the parent's sibling set.
candidate_parents as (
    select distinct
        document_id,
        parent_unit_id
    from candidates
),

placed_units as (
    select
        section_units.document_id,
        section_units.placed_parent_unit_id as parent_unit_id,
        section_units.unit_id
    from section_units
    inner join candidate_parents
        on
            section_units.document_id = candidate_parents.document_id
            and section_units.placed_parent_unit_id = candidate_parents.parent_unit_id
    where not section_units.is_silent
),

placed_counts as (
    select
        document_id,
        parent_unit_id,
        count(*) as placed_count
    from placed_units
    group by document_id, parent_unit_id
),

member_units as (
    select
        document_id,
        unit_id
    from silent_units
    union all
    select
        document_id,
        unit_id
    from placed_units
),

-- Each line a possible member prints: its printings, their sum and rounding, and how many
-- of them the report calls not comparable.
unit_lines as (
    select
        member_units.document_id,
        member_units.unit_id,
        figures.line_item_id,
        figures.fiscal_year,
        figures.scenario,
        count(*) as printings,
        sum(figures.amount_eur) as amount_eur,
        sum({{ rounding_half_unit('figures.amount_decimals') }}) as rounding_eur,
        sum(case when figures.is_comparable then 0 else 1 end) as incomparable
    from member_units
    inner join figures
        on
            member_units.document_id = figures.document_id
            and member_units.unit_id = figures.unit_id
            and figures.statement = 'operating'
    group by
        member_units.document_id,
        member_units.unit_id,
        figures.line_item_id,
        figures.fiscal_year,
        figures.scenario
),

-- Every line any silent unit of the section prints, at every silent rank (nothing where the
-- unit does not print it), summed over the ranks up to and before each: a run's sum on a
-- line is one difference of two of these, whatever the run's length.
silent_lines as (
    select distinct
        silent_units.document_id,
        unit_lines.line_item_id,
        unit_lines.fiscal_year,
        unit_lines.scenario
    from silent_units
    inner join unit_lines
        on
            silent_units.document_id = unit_lines.document_id
            and silent_units.unit_id = unit_lines.unit_id
),

silent_grid as (
    select
        silent_lines.document_id,
        silent_lines.line_item_id,
        silent_lines.fiscal_year,
        silent_lines.scenario,
        silent_units.silent_rank,
        coalesce(unit_lines.printings, 0) as printings,
        coalesce(unit_lines.amount_eur, 0) as amount_eur,
        coalesce(unit_lines.rounding_eur, 0) as rounding_eur,
        coalesce(unit_lines.incomparable, 0) as incomparable
    from silent_lines
    inner join silent_units
        on silent_lines.document_id = silent_units.document_id
    left join unit_lines
        on
            silent_units.document_id = unit_lines.document_id
            and silent_units.unit_id = unit_lines.unit_id
            and silent_lines.line_item_id = unit_lines.line_item_id
            and silent_lines.fiscal_year = unit_lines.fiscal_year
            and silent_lines.scenario = unit_lines.scenario
),

silent_prefixes as (
    select
        document_id,
        line_item_id,
        fiscal_year,
        scenario,
        silent_rank,
        sum(printings) over through_rank as printings_through,
        sum(amount_eur) over through_rank as amount_through,
        sum(rounding_eur) over through_rank as rounding_through,
        sum(incomparable) over through_rank as incomparable_through,
        sum(printings) over through_rank - printings as printings_before,
        sum(amount_eur) over through_rank - amount_eur as amount_before,
        sum(rounding_eur) over through_rank - rounding_eur as rounding_before,
        sum(incomparable) over through_rank - incomparable as incomparable_before
    from silent_grid
    window through_rank as (
        partition by document_id, line_item_id, fiscal_year, scenario
        order by silent_rank
        rows between unbounded preceding and current row
    )
),

-- Each run's printings, sum, rounding and incomparable printings on each line.
run_lines as (
    select
        runs.document_id,
        runs.first_rank,
        runs.last_rank,
        run_last.line_item_id,
        run_last.fiscal_year,
        run_last.scenario,
        run_last.printings_through - run_first.printings_before as printings,
        run_last.amount_through - run_first.amount_before as amount_eur,
        run_last.rounding_through - run_first.rounding_before as rounding_eur,
        run_last.incomparable_through - run_first.incomparable_before as incomparable
    from runs
    inner join silent_prefixes as run_first
        on
            runs.document_id = run_first.document_id
            and runs.first_rank = run_first.silent_rank
    inner join silent_prefixes as run_last
        on
            runs.document_id = run_last.document_id
            and runs.last_rank = run_last.silent_rank
            and run_first.line_item_id = run_last.line_item_id
            and run_first.fiscal_year = run_last.fiscal_year
            and run_first.scenario = run_last.scenario
),

placed_lines as (
    select
        placed_units.document_id,
        placed_units.parent_unit_id,
        unit_lines.line_item_id,
        unit_lines.fiscal_year,
        unit_lines.scenario,
        sum(unit_lines.printings) as printings,
        sum(unit_lines.amount_eur) as amount_eur,
        sum(unit_lines.rounding_eur) as rounding_eur,
        sum(unit_lines.incomparable) as incomparable
    from placed_units
    inner join unit_lines
        on
            placed_units.document_id = unit_lines.document_id
            and placed_units.unit_id = unit_lines.unit_id
    group by
        placed_units.document_id,
        placed_units.parent_unit_id,
        unit_lines.line_item_id,
        unit_lines.fiscal_year,
        unit_lines.scenario
),

-- A candidate's sibling set is the run and the units placed under its parent. Every line
-- that each of them and the parent print, and that the report does not call incomparable,
-- against the parent's figure, within the printed rounding.
compared as (
    select
        candidates.document_id,
        candidates.parent_unit_id,
        candidates.first_rank,
        candidates.last_rank,
        case
            when
                abs(parent_figures.amount_eur - (run_lines.amount_eur + coalesce(placed_lines.amount_eur, 0)))
                <= run_lines.rounding_eur + coalesce(placed_lines.rounding_eur, 0)
                + {{ rounding_half_unit('parent_figures.amount_decimals') }}
                then 1
            else 0
        end as is_within
    from candidates
    inner join run_lines
        on
            candidates.document_id = run_lines.document_id
            and candidates.first_rank = run_lines.first_rank
            and candidates.last_rank = run_lines.last_rank
    left join placed_counts
        on
            candidates.document_id = placed_counts.document_id
            and candidates.parent_unit_id = placed_counts.parent_unit_id
    left join placed_lines
        on
            candidates.document_id = placed_lines.document_id
            and candidates.parent_unit_id = placed_lines.parent_unit_id
            and run_lines.line_item_id = placed_lines.line_item_id
            and run_lines.fiscal_year = placed_lines.fiscal_year
            and run_lines.scenario = placed_lines.scenario
    inner join figures as parent_figures
        on
            candidates.document_id = parent_figures.document_id
            and candidates.parent_unit_id = parent_figures.unit_id
            and parent_figures.statement = 'operating'
            and run_lines.line_item_id = parent_figures.line_item_id
            and run_lines.fiscal_year = parent_figures.fiscal_year
            and run_lines.scenario = parent_figures.scenario
    where
        run_lines.printings + coalesce(placed_lines.printings, 0)
        = candidates.last_rank - candidates.first_rank + 1 + coalesce(placed_counts.placed_count, 0)
        and run_lines.incomparable + coalesce(placed_lines.incomparable, 0) = 0
        and parent_figures.is_comparable
),

matches as (
    select
        document_id,
        parent_unit_id,
        first_rank,
        last_rank
    from compared
    group by document_id, parent_unit_id, first_rank, last_rank
    having min(is_within) = 1
),

-- A silent unit in a matching run belongs to the parent printed nearest above it.
edges as (
    select
        matches.document_id,
        silent_units.unit_id,
        matches.parent_unit_id,
        row_number() over (
            partition by matches.document_id, silent_units.unit_id
            order by parents.first_line desc
        ) as parent_rank
    from matches
    inner join silent_units
        on
            matches.document_id = silent_units.document_id
            and silent_units.silent_rank between matches.first_rank and matches.last_rank
    inner join section_units as parents
        on
            matches.document_id = parents.document_id
            and matches.parent_unit_id = parents.unit_id
),

final as (
    select
        document_id,
        unit_id,
        parent_unit_id
    from edges
    where parent_rank = 1
)

select * from final
