with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_projects')) }}
),

final as (
    select
        document_id,
        source_file,
        source_line,
        last_line,
        table_line,
        table_heading,
        row_kind,
        strategic_goal,
        strategic_goal_text,
        project_name,
        description,
        funding_text,
        funders,
        period_start_year,
        period_end_year,
        total_funding_eur,
        total_funding_raw,
        funding_scale,
        funding_decimals,
        city_share_pct,
        city_share_raw,
        spend_pct,
        spend_raw,
        spend_eur,
        spend_eur_raw,
        spend_decimals,
        status_text,
        other_columns
    from source
)

select * from final
