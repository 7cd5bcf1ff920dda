{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with documents as (
    select * from {{ ref('stg_reports__documents') }}
),

final as (
    select
        document_id,
        source_file,
        municipality,
        municipality_code,
        {{ slugify('municipality') }} as city_unit_id,
        fiscal_year,
        section_title,
        content_sha256,
        municipality_source,
        line_count
    from documents
)

select * from final
{{ rebuilt_rows_only() }}
