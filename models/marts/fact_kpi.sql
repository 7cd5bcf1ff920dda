{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with key_figures as (
    select * from {{ ref('int_key_figures__first_printings') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

final as (
    select
        md5(
            concat_ws(
                '|',
                key_figures.document_id,
                key_figures.indicator,
                coalesce(key_figures.unit_of_measure, ''),
                coalesce(key_figures.sub_area, ''),
                key_figures.fiscal_year,
                key_figures.measure_type
            )
        ) as kpi_value_id,
        key_figures.document_id,
        key_figures.unit_id,
        {{ unit_context_columns('units') }},
        key_figures.indicator,
        key_figures.indicator_qualifier,
        key_figures.unit_of_measure,
        key_figures.sub_area,
        key_figures.sub_area_name,
        key_figures.fiscal_year,
        key_figures.measure_type,
        key_figures.value,
        key_figures.value_decimals,
        key_figures.value_raw,
        key_figures.is_parsed,
        key_figures.print_count,
        key_figures.is_latest_printing,
        key_figures.source_file,
        key_figures.source_line
    from key_figures
    left join units
        on key_figures.unit_id = units.unit_id
)

select * from final
{{ rebuilt_rows_only() }}
