with source as (
    select * from {{ ref('ref_units') }}
),

final as (
    select
        unit_id,
        trim(municipality) as municipality,
        unit_name,
        unit_name_en,
        unit_level,
        parent_unit_id
    from source
)

select * from final
