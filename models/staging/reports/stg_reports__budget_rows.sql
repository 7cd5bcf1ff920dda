with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_budget_rows')) }}
),

final as (
    select
        document_id,
        source_file,
        cast(source_line as integer) as source_line,
        cast(table_line as integer) as table_line,
        table_kind as statement,
        unit_label,
        heading,
        cast(heading_level as integer) as heading_level,
        cast(outranking_heading_line as integer) as outranking_heading_line,
        -- An asset class as printed in its table's label, capitals in sentence case (class_name).
        {{ class_name('investment_category') }} as investment_category,
        row_label,
        is_bold,
        is_section_row,
        -- The amount columns and their years, typed by the source (column meta `amount`).
        {{- budget_amount_select(staged=false) }}
        cast(amount_scale as integer) as amount_scale,
        cast(printed_decimals as integer) as printed_decimals,
        cast(amount_decimals as integer) as amount_decimals,
        cast(execution_pct_decimals as integer) as execution_pct_decimals,
        variance_convention,
        variance_convention_status,
        is_city_statement,
        is_enterprise,
        other_columns,
        unread_columns,
        footnote,
        is_prior_year_comparable,
        is_prior_year_restated,
        comparability_note,
        cast(comparability_note_line as integer) as comparability_note_line
    from source
)

select * from final
