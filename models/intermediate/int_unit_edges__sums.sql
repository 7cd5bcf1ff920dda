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

-- Its sibling set: the run and the section's units that the curated seed or the text
-- (table order, level words, captions) already places under the parent.
run_members as (
    select
        candidates.document_id,
        candidates.parent_unit_id,
        candidates.first_rank,
        candidates.last_rank,
        silent_units.unit_id as member_unit_id
    from candidates
    inner join silent_units
        on
            candidates.document_id = silent_units.document_id
            and silent_units.silent_rank between candidates.first_rank and candidates.last_rank
),

placed_members as (
    select
        candidates.document_id,
        candidates.parent_unit_id,
        candidates.first_rank,
        candidates.last_rank,
        placed.unit_id as member_unit_id
    from candidates
    inner join section_units as placed
        on
            candidates.document_id = placed.document_id
            and candidates.parent_unit_id = placed.placed_parent_unit_id
            and not placed.is_silent
),

members as (
    select * from run_members
    union all
    select * from placed_members
),

member_counts as (
    select
        document_id,
        parent_unit_id,
        first_rank,
        last_rank,
        count(*) as member_count
    from members
    group by document_id, parent_unit_id, first_rank, last_rank
),

-- Each line the sibling set prints, summed, with the rounding of its terms.
member_sums as (
    select
        members.document_id,
        members.parent_unit_id,
        members.first_rank,
        members.last_rank,
        figures.line_item_id,
        figures.fiscal_year,
        figures.scenario,
        count(*) as printed_by,
        sum(figures.amount_eur) as computed_eur,
        sum({{ rounding_half_unit('figures.amount_decimals') }}) as terms_rounding_eur,
        min(case when figures.is_comparable then 1 else 0 end) as all_comparable
    from members
    inner join figures
        on
            members.document_id = figures.document_id
            and members.member_unit_id = figures.unit_id
            and figures.statement = 'operating'
    group by
        members.document_id,
        members.parent_unit_id,
        members.first_rank,
        members.last_rank,
        figures.line_item_id,
        figures.fiscal_year,
        figures.scenario
),

-- Every line that each member and the parent print, and that the report does not call
-- incomparable, against the parent's figure, within the printed rounding.
compared as (
    select
        member_sums.document_id,
        member_sums.parent_unit_id,
        member_sums.first_rank,
        member_sums.last_rank,
        case
            when
                abs(parent_figures.amount_eur - member_sums.computed_eur)
                <= member_sums.terms_rounding_eur + {{ rounding_half_unit('parent_figures.amount_decimals') }}
                then 1
            else 0
        end as is_within
    from member_sums
    inner join member_counts
        on
            member_sums.document_id = member_counts.document_id
            and member_sums.parent_unit_id = member_counts.parent_unit_id
            and member_sums.first_rank = member_counts.first_rank
            and member_sums.last_rank = member_counts.last_rank
    inner join figures as parent_figures
        on
            member_sums.document_id = parent_figures.document_id
            and member_sums.parent_unit_id = parent_figures.unit_id
            and parent_figures.statement = 'operating'
            and member_sums.line_item_id = parent_figures.line_item_id
            and member_sums.fiscal_year = parent_figures.fiscal_year
            and member_sums.scenario = parent_figures.scenario
    where
        member_sums.printed_by = member_counts.member_count
        and member_sums.all_comparable = 1
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
