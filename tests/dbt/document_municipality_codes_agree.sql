-- A document's municipality code (resolved by the extractor) is its city unit's (looked up by
-- name in the municipality reference list): both name the same municipality, or neither has one.
select
    documents.document_id,
    documents.source_file,
    documents.municipality,
    documents.municipality_code,
    units.municipality_code as city_unit_municipality_code
from {{ ref('dim_document') }} as documents
inner join {{ ref('dim_unit') }} as units on documents.city_unit_id = units.unit_id
where documents.municipality_code is distinct from units.municipality_code
