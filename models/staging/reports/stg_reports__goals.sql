with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_goals')) }}
),

final as (
    select
        document_id,
        source_file,
        source_line,
        last_line,
        table_line,
        table_heading,
        goal_level,
        strategic_goal,
        strategic_goal_text,
        is_strategic_goal_inherited,
        sub_area,
        goal,
        measure,
        target_level,
        responsible,
        outcome,
        status_raw,
        status
    from source
)

select * from final
