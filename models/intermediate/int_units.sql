with curated_units as (
    select * from {{ ref('stg_reference__units') }}
),

budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

curated as (
    select
        unit_id,
        municipality,
        unit_name,
        unit_name_en,
        unit_level,
        parent_unit_id,
        true as is_curated,
        'curated' as hierarchy_source
    from curated_units
),

-- Units printed in a report but unknown to the curated organisation: named as
-- printed (preferring an operating table's label), placed under the document's unit.
discovered as (
    select
        unit_id,
        arg_min(municipality, (document_id, table_line)) as municipality,
        arg_min(
            unit_label,
            (statement != 'operating', document_id, table_line)
        ) as unit_name,
        cast(null as varchar) as unit_name_en,
        arg_min(uncurated_unit_level, (document_id, table_line)) as unit_level,
        arg_min(uncurated_parent_unit_id, (document_id, table_line)) as parent_unit_id,
        false as is_curated,
        'text' as hierarchy_source
    from budget_tables
    where unit_match = 'uncurated'
    group by unit_id
),

-- A municipality with no curated organisation still gets its city unit.
uncurated_cities as (
    select distinct
        {{ slugify('documents.municipality') }} as unit_id,
        documents.municipality,
        documents.municipality as unit_name,
        cast(null as varchar) as unit_name_en,
        'city' as unit_level,
        cast(null as varchar) as parent_unit_id,
        false as is_curated,
        'text' as hierarchy_source
    from documents
    where {{ slugify('documents.municipality') }} not in (select curated.unit_id from curated)
),

final as (
    select * from curated
    union all
    select * from discovered
    union all
    select * from uncurated_cities
)

select * from final
