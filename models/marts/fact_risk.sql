{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

-- A section may print its risk table again under the next unit; each risk counts once,
-- as first printed.
first_printings as (
    select * from {{
        first_printings(
            ref('stg_reports__risks'),
            ['risk_class', 'risk', 'probability', 'significance', 'printed_risk_score_raw']
        )
    }}
),

final as (
    select
        md5(first_printings.document_id || '|' || first_printings.source_line) as risk_id,
        first_printings.document_id,
        table_units.unit_id,
        {{ unit_context_columns('units') }},
        first_printings.risk_class,
        first_printings.risk,
        first_printings.probability,
        first_printings.significance,
        first_printings.probability * first_printings.significance as risk_score,
        first_printings.risk_value_raw,
        first_printings.probability_scale_max,
        first_printings.significance_scale_max,
        first_printings.printed_risk_score,
        first_printings.printed_risk_score_raw,
        first_printings.mitigation,
        first_printings.mitigation_outcome,
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
