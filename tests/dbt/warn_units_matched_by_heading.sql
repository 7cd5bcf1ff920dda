-- Tables whose label names no known unit but whose heading does: attributed to the
-- heading's unit. Add the label to ref_unit_aliases once it is confirmed.
{{ config(severity='warn') }}

select
    document_id,
    table_line,
    unit_label,
    heading,
    unit_id
from {{ ref('int_budget_tables') }}
where unit_match = 'heading'
