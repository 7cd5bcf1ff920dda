with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_report_tables')) }}
),

final as (
    select
        document_id,
        source_file,
        cast(first_line as integer) as first_line,
        cast(last_line as integer) as last_line,
        table_kind,
        heading,
        cast(heading_level as integer) as heading_level,
        header_text,
        cast(row_count as integer) as row_count,
        is_extracted,
        is_city_chapter
    from source
)

select * from final
