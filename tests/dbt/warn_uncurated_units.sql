-- Units printed in a report of a municipality whose organisation the curated seeds know
-- (ref_units, ref_unit_aliases), but which the curated organisation does not: renamed,
-- new, or out of date. They load, placed by the report's text or sums; curate them. A
-- municipality without a curated organisation is wholly inferred, and not listed here.
{{ config(severity='warn') }}

with units as (
    select * from {{ ref('dim_unit') }}
),

curated_municipalities as (
    select distinct municipality from units
    where is_curated
)

select
    units.unit_id,
    units.unit_name,
    units.unit_level,
    units.parent_unit_id,
    units.hierarchy_source,
    units.municipality
from units
inner join curated_municipalities
    on units.municipality = curated_municipalities.municipality
where not units.is_curated
