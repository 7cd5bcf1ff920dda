{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with projects as (
    select * from {{ ref('fact_project') }}
),

funders as (
    select * from {{ ref('stg_reference__funders') }}
),

-- A project's funders as the text names them, one row each, in the order named.
named as (
    select
        project_id,
        unnest(string_to_array(funders, '; ')) as printed_name,
        generate_subscripts(string_to_array(funders, '; '), 1) as name_order
    from projects
    where funders is not null
),

-- Each printed name without the place it may be named with (a regional office, or a fund's
-- programme there): the region's genitive before it (`Lapin ELY-keskus`, `Kaakkois-Suomen
-- ELY-keskus`) or, in Swedish, `i` and the place after it (`NTM-centralen i Lappland`,
-- `NTM-centralen i Södra Österbotten`).
unplaced as (
    select
        project_id,
        printed_name,
        regexp_replace(printed_name, '^[A-ZÅÄÖ][^ ]*n ', '') as without_genitive,
        regexp_replace(printed_name, ' i [A-ZÅÄÖ][^ ]*( [A-ZÅÄÖ][^ ]*)*$', '') as without_place
    from named
),

-- After a genitive Finnish writes a common noun in lower case (`Lapin elinvoimakeskus`): the
-- name without its genitive also with its first letter capitalised. A name that starts a
-- funder cell is capitalised however Finnish writes it (`Opetus- ja kulttuuriministeriö`, a
-- ministry, in lower case mid-sentence): the printed name also with its first letter in lower
-- case.
capitalised as (
    select
        *,
        upper(substr(without_genitive, 1, 1)) || substr(without_genitive, 2) as without_genitive_capitalised,
        lower(substr(printed_name, 1, 1)) || substr(printed_name, 2) as printed_in_lower_case
    from unplaced
),

-- The curated name each funder is: its printed name (or in lower case, as above), else that
-- name without its place.
curated_names as (
    select
        capitalised.project_id,
        capitalised.printed_name,
        coalesce(
            as_printed.printed_name,
            in_lower_case.printed_name,
            after_genitive.printed_name,
            after_genitive_capitalised.printed_name,
            before_place.printed_name
        ) as curated_name
    from capitalised
    left join funders as as_printed
        on capitalised.printed_name = as_printed.printed_name
    left join funders as in_lower_case
        on capitalised.printed_in_lower_case = in_lower_case.printed_name
    -- Two equalities, not an `in`: each is a hash join (tests/python/test_join_plans.py).
    left join funders as after_genitive
        on capitalised.without_genitive = after_genitive.printed_name
    left join funders as after_genitive_capitalised
        on capitalised.without_genitive_capitalised = after_genitive_capitalised.printed_name
    left join funders as before_place
        on capitalised.without_place = before_place.printed_name
),

-- Each printed name's funder: the curated one it is, else its printed name's slug.
resolved as (
    select
        named.project_id,
        named.printed_name,
        named.name_order,
        coalesce(funders.funder_id, {{ slugify('named.printed_name') }}) as funder_id,
        funders.funder_name,
        funders.funder_name_en,
        funders.funder_kind
    from named
    inner join curated_names
        on named.project_id = curated_names.project_id and named.printed_name = curated_names.printed_name
    left join funders
        on curated_names.curated_name = funders.printed_name
),

-- One row per project and funder: two printed names of one funder (`ESR+` and `Euroopan
-- sosiaalirahasto`, `OPH` and `Opetushallitus`) are one funder, their names joined as printed.
per_funder as (
    select
        project_id,
        funder_id,
        string_agg(printed_name, '; ' order by name_order) as printed_name,
        coalesce(max(funder_name), string_agg(printed_name, '; ' order by name_order)) as funder_name,
        max(funder_name_en) as funder_name_en,
        max(funder_kind) as funder_kind,
        max(funder_name) is not null as is_curated
    from resolved
    group by project_id, funder_id
),

-- A funder's share is printed only in so far as it is the project's only funder: then it
-- has everything the city does not (Kaupungin rahoitusosuus %).
funder_counts as (
    select
        project_id,
        count(*) as funder_count
    from per_funder
    group by project_id
),

final as (
    select
        per_funder.project_id,
        projects.document_id,
        per_funder.funder_id,
        per_funder.printed_name,
        -- A funder ref_funders does not know is named as printed, so that it is not summed under
        -- NULL with every other uncurated funder; its English name and kind are not guessed.
        per_funder.funder_name,
        per_funder.funder_name_en,
        per_funder.funder_kind,
        per_funder.is_curated,
        funder_counts.funder_count,
        case
            when funder_counts.funder_count = 1 then cast(100 - projects.city_share_pct as decimal(5, 2))
        end as funding_share_pct,
        case when funder_counts.funder_count = 1 then projects.external_funding_eur end as funding_eur
    from per_funder
    inner join projects
        on per_funder.project_id = projects.project_id
    inner join funder_counts
        on per_funder.project_id = funder_counts.project_id
)

select * from final
{{ rebuilt_rows_only() }}
