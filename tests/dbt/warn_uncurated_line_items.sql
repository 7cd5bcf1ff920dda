-- Row labels that the curated chart (ref_line_items) does not know. They load with no
-- parent or direction; curate them so that they roll up.
{{ config(severity='warn') }}

select
    line_item_id,
    line_item_name,
    statement
from {{ ref('dim_line_item') }}
where not is_curated
