{{ config(materialized='incremental', meta={'rebuilt_by': 'municipality'}) }}

with units as (
    select * from {{ ref('int_units') }}
),

municipalities as (
    select * from {{ ref('stg_reference__municipalities') }}
),

final as (
    select
        units.unit_id,
        units.unit_name,
        units.unit_name_en,
        units.unit_level,
        units.parent_unit_id,
        units.municipality,
        municipalities.municipality_code,
        units.is_curated,
        units.hierarchy_source
    from units
    left join municipalities on units.municipality = municipalities.municipality_name
)

select * from final
{{ rebuilt_rows_only() }}
