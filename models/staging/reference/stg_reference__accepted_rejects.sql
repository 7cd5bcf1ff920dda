with source as (
    select * from {{ ref('ref_accepted_rejects') }}
),

final as (
    select
        source_file,
        source_line,
        coalesce(column_name, '') as column_name,
        coalesce(raw_text, '') as raw_text,
        accepted_reason
    from source
)

select * from final
