{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

-- A section may print its key-figure table again under the next unit; each value counts
-- once, as first printed.
first_printings as (
    select * from {{
        first_printings(
            ref('stg_reports__key_figures'),
            key_figure_line_columns()
        )
    }}
),

final as (
    select
        md5(
            concat_ws(
                '|',
                first_printings.document_id,
                first_printings.indicator,
                coalesce(first_printings.unit_of_measure, ''),
                coalesce(first_printings.sub_area, ''),
                first_printings.fiscal_year,
                first_printings.measure_type
            )
        ) as kpi_value_id,
        first_printings.document_id,
        table_units.unit_id,
        {{ unit_context_columns('units') }},
        first_printings.indicator,
        first_printings.indicator_qualifier,
        first_printings.unit_of_measure,
        first_printings.sub_area,
        first_printings.sub_area_name,
        first_printings.fiscal_year,
        first_printings.measure_type,
        first_printings.value,
        first_printings.value_decimals,
        first_printings.value_raw,
        first_printings.is_parsed,
        first_printings.print_count,
        first_printings.source_file,
        first_printings.source_line
    from first_printings
    inner join table_units
        on
            first_printings.document_id = table_units.document_id
            and first_printings.table_line = table_units.table_line
    left join units
        on table_units.unit_id = units.unit_id
)

select * from final
{{ rebuilt_rows_only() }}
