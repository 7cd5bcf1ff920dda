with municipalities as (
    select * from {{ ref('stg_reference__municipalities') }}
),

final as (
    select
        municipality_code,
        municipality_name,
        municipality_name_sv,
        region_name,
        language_status,
        {{ slugify('municipality_name') }} as city_unit_id
    from municipalities
)

select * from final
