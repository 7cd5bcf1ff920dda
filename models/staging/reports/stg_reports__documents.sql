with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_documents')) }}
),

final as (
    select
        document_id,
        source_file,
        content_sha256,
        trim(municipality) as municipality,
        municipality_code,
        municipality_source,
        cast(fiscal_year as integer) as fiscal_year,
        section_title,
        cast(line_count as integer) as line_count
    from source
)

select * from final
