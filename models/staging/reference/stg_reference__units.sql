-- A table, not a view: extra reference rows are read from a file at build time.
{{ config(materialized='table') }}

with curated as (
    select * from {{ ref('ref_units') }}
),

extra as (
    {{
        extra_reference(
            'ref_units', ['unit_id', 'municipality', 'unit_name', 'unit_name_en', 'unit_level', 'parent_unit_id']
        )
    }}
),

source as (
    select
        unit_id,
        municipality,
        unit_name,
        unit_name_en,
        unit_level,
        parent_unit_id
    from curated
    union all
    select
        unit_id,
        municipality,
        unit_name,
        unit_name_en,
        unit_level,
        parent_unit_id
    from extra
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
