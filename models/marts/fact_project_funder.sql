{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with projects as (
    select * from {{ ref('fact_project') }}
),

funders as (
    select * from {{ ref('stg_reference__funders') }}
),

-- A project's funders as the text names them, one row each.
named as (
    select
        project_id,
        unnest(string_to_array(funders, '; ')) as printed_name
    from projects
    where funders is not null
),

-- A funder's share is printed only in so far as it is the project's only funder: then it
-- has everything the city does not (Kaupungin rahoitusosuus %).
funder_counts as (
    select
        project_id,
        count(*) as funder_count
    from named
    group by project_id
),

final as (
    select
        named.project_id,
        projects.document_id,
        coalesce(funders.funder_id, {{ slugify('named.printed_name') }}) as funder_id,
        named.printed_name,
        -- A funder ref_funders does not know is named as printed, so that it is not summed under
        -- NULL with every other uncurated funder; its English name and kind are not guessed.
        coalesce(funders.funder_name, named.printed_name) as funder_name,
        funders.funder_name_en,
        funders.funder_kind,
        funders.funder_id is not null as is_curated,
        funder_counts.funder_count,
        case
            when funder_counts.funder_count = 1 then cast(100 - projects.city_share_pct as decimal(5, 2))
        end as funding_share_pct,
        case when funder_counts.funder_count = 1 then projects.external_funding_eur end as funding_eur
    from named
    inner join projects
        on named.project_id = projects.project_id
    inner join funder_counts
        on named.project_id = funder_counts.project_id
    left join funders
        on named.printed_name = funders.printed_name
)

select * from final
{{ rebuilt_rows_only() }}
