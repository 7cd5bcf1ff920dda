-- Units printed in a report that the curated organisation (ref_units, ref_unit_aliases)
-- does not know. They load, under the document's own unit; curate them to place them.
{{ config(severity='warn') }}

select
    unit_id,
    unit_name,
    unit_level,
    parent_unit_id,
    municipality
from {{ ref('dim_unit') }}
where not is_curated
