with risks as (
    select * from {{ ref('stg_reports__risks') }}
),

table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

-- A risk's score as its table prints it (a whole number; a score printed in words is kept as
-- printed in fact_risk and not compared), against probability × significance: whole numbers,
-- so they must be equal. Every printing is checked, a reprinted table's too.
compared as (
    select
        risks.document_id,
        table_units.unit_id,
        documents.fiscal_year,
        risks.printed_risk_score as expected_value,
        risks.probability * risks.significance as computed_value,
        2 as term_count,
        risks.risk || ': probability ' || coalesce(cast(risks.probability as varchar), '-')
        || ' × significance ' || coalesce(cast(risks.significance as varchar), '-') as computed_from,
        0 as tolerance,
        0 as value_decimals,
        case
            when risks.probability is null or risks.significance is null
                then 'a judgement is printed in words (' || risks.risk_value_raw || '): no number to multiply'
        end as incomplete_reason,
        risks.source_file,
        risks.source_line
    from risks
    inner join documents
        on risks.document_id = documents.document_id
    inner join table_units
        on
            risks.document_id = table_units.document_id
            and risks.table_line = table_units.table_line
    where risks.printed_risk_score is not null
),

final as (
    {{
        reconciliation_check(
            'compared', 'risk_score', measure_unit="'number'",
            absent=['line_item_id', 'statement', 'investment_category', 'scenario', 'warn_reason', 'mismatch_reason', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
