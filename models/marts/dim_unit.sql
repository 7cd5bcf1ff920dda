with units as (
    select * from {{ ref('int_units') }}
),

final as (
    select
        unit_id,
        unit_name,
        unit_name_en,
        unit_level,
        parent_unit_id,
        municipality,
        is_curated
    from units
)

select * from final
