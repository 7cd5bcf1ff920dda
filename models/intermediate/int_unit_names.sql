with units as (
    select * from {{ ref('stg_reference__units') }}
),

aliases as (
    select * from {{ ref('stg_reference__unit_aliases') }}
),

canonical_names as (
    select
        unit_id,
        municipality,
        unit_name as unit_name_printed,
        'canonical' as name_kind
    from units
),

alias_names as (
    select
        aliases.unit_id,
        units.municipality,
        aliases.alias as unit_name_printed,
        'alias' as name_kind
    from aliases
    inner join units
        on aliases.unit_id = units.unit_id
),

unioned as (
    select * from canonical_names
    union all
    select * from alias_names
),

final as (
    select
        unit_id,
        unit_name_printed,
        name_kind,
        {{ normalise_name('municipality') }} as municipality_key,
        {{ normalise_name('unit_name_printed') }} as unit_name_key
    from unioned
)

select * from final
