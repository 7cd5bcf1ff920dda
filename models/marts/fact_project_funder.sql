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

final as (
    select
        named.project_id,
        coalesce(funders.funder_id, {{ slugify('named.printed_name') }}) as funder_id,
        named.printed_name,
        funders.funder_name,
        funders.funder_name_en,
        funders.funder_kind,
        funders.funder_id is not null as is_curated
    from named
    left join funders
        on named.printed_name = funders.printed_name
)

select * from final
