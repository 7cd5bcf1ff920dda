with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_key_figures')) }}
),

final as (
    select
        document_id,
        source_file,
        source_line,
        table_line,
        table_heading,
        row_label,
        indicator,
        indicator_qualifier,
        unit_of_measure,
        column_header,
        fiscal_year,
        measure_type,
        sub_area,
        sub_area_name,
        value,
        value_raw,
        value_decimals,
        printed_unit,
        is_parsed
    from source
)

select * from final
