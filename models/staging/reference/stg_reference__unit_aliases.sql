-- A table, not a view: extra reference rows are read from a file at build time.
{{ config(materialized='table') }}

with curated as (
    select * from {{ ref('ref_unit_aliases') }}
),

extra as (
    {{ extra_reference('ref_unit_aliases', ['unit_id', 'alias']) }}
),

source as (
    select
        unit_id,
        alias
    from curated
    union all
    select
        unit_id,
        alias
    from extra
),

final as (
    select
        unit_id,
        alias
    from source
)

select * from final
