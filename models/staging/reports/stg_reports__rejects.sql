with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_rejects')) }}
),

final as (
    select
        nullif(document_id, '') as document_id,
        source_file,
        source_line,
        last_line,
        scope,
        nullif(table_kind, '') as table_kind,
        table_line,
        coalesce(column_name, '') as column_name,
        coalesce(raw_text, '') as raw_text,
        reason,
        nullif(by_design, '') as by_design
    from source
)

select * from final
