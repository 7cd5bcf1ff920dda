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

-- A unit-year's figures, each as its line, scenario and amount, summed and xor-ed as two 64-bit
-- hashes: two sets of figures alike have the same count and hashes, in any order. (A string of
-- the figures in order, aggregated over 24 000 documents, ran out of memory: ordered
-- aggregates do not spill.)
figure_texts as (
    select
        municipality,
        unit_id,
        fiscal_year,
        line_item_id || ' ' || scenario || ' ' || cast(amount_eur as varchar) as printed
    from budget
    where statement = 'operating'
),

figures as (
    select
        municipality,
        unit_id,
        fiscal_year,
        count(*) as figure_count,
        sum({{ text_hash('printed', 0) }}) as printed_sum,
        bit_xor({{ text_hash('printed', 1) }}) as printed_xor
    from figure_texts
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
            and one.figure_count = other.figure_count
            and one.printed_sum = other.printed_sum
            and one.printed_xor = other.printed_xor
            and one.unit_id < other.unit_id
)

-- Neither is the other's ancestor (two anti-joins on equalities: one on an `or` would be a
-- nested loop).
select alike.*
from alike
left join ancestors as below
    on
        alike.unit_id = below.unit_id
        and alike.same_figures_as = below.ancestor_unit_id
left join ancestors as above
    on
        alike.same_figures_as = above.unit_id
        and alike.unit_id = above.ancestor_unit_id
where below.unit_id is null and above.unit_id is null
