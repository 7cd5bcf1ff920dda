-- Two units of one municipality, neither above the other, that print the same operating
-- figures for a year (every line, scenario and amount alike, at least three): one unit printed
-- under two names, as a bilingual municipality's Finnish and Swedish sections name a board
-- (Sivistyslautakunta, Bildningsnämnden). Summed as two, its figures count twice; name the
-- one as the other in ref_unit_aliases.
{{ config(severity='warn') }}

with recursive budget as (
    select * from {{ ref('fact_budget') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

-- Each unit's ancestors (a unit with one child prints its child's figures), from the mart: a
-- partial build's intermediate tables hold the rebuilt municipalities only.
ancestors as (
    {{ unit_ancestor_steps('units') }}
),

figures as (
    select
        municipality,
        unit_id,
        fiscal_year,
        count(*) as figure_count,
        string_agg(
            line_item_id || ' ' || scenario || ' ' || cast(amount_eur as varchar), '; '
            order by line_item_id, scenario
        ) as printed
    from budget
    where statement = 'operating'
    group by municipality, unit_id, fiscal_year
    having count(*) >= 3
),

alike as (
    select
        one.municipality,
        one.fiscal_year,
        one.unit_id,
        other.unit_id as same_figures_as,
        one.figure_count
    from figures as one
    inner join figures as other
        on
            one.municipality = other.municipality
            and one.fiscal_year = other.fiscal_year
            and one.printed = other.printed
            and one.unit_id < other.unit_id
)

select alike.*
from alike
left join ancestors
    on
        (alike.unit_id = ancestors.unit_id and alike.same_figures_as = ancestors.ancestor_unit_id)
        or (alike.same_figures_as = ancestors.unit_id and alike.unit_id = ancestors.ancestor_unit_id)
where ancestors.unit_id is null
