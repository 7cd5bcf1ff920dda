-- Funders named in a project's text that the curated ref_funders does not know. They load,
-- with their printed name as key and no kind; curate them to name and classify them.
{{ config(severity='warn') }}

select distinct printed_name
from {{ ref('fact_project_funder') }}
where not is_curated
