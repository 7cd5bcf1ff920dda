with risks as (
    select * from {{ ref('stg_reports__risks') }}
),

table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

-- A table scores its risks as probability × significance, or as their sum: the figures
-- decide, the sum where every scored risk of the table is the sum and not every one the
-- product (a score printed in words, or beside a judgement in words, says nothing).
readings as (
    select
        *,
        coalesce(
            bool_and(printed_risk_score = probability + significance) over scored_table
            and not bool_and(printed_risk_score = probability * significance) over scored_table,
            false
        ) as is_sum
    from risks
    where printed_risk_score is not null
    window scored_table as (partition by document_id, table_line)
),

-- A risk's score as its table prints it (a whole number; a score printed in words is kept as
-- printed in fact_risk and not compared), against probability × significance (or their sum):
-- whole numbers, so they must be equal. Every printing is checked, a reprinted table's too.
compared as (
    select
        risks.document_id,
        table_units.unit_id,
        documents.fiscal_year,
        risks.printed_risk_score as expected_value,
        case
            when risks.is_sum then risks.probability + risks.significance
            else risks.probability * risks.significance
        end as computed_value,
        2 as term_count,
        risks.risk || ': probability ' || coalesce(cast(risks.probability as varchar), '-')
        || case when risks.is_sum then ' + ' else ' × ' end
        || 'significance ' || coalesce(cast(risks.significance as varchar), '-')
        || case when risks.is_sum then ' (the table scores its risks as sums)' else '' end as computed_from,
        0 as tolerance,
        0 as value_decimals,
        case
            when risks.probability is null or risks.significance is null
                then 'a judgement is printed in words (' || risks.risk_value_raw || '): no number to compute from'
        end as incomplete_reason,
        risks.source_file,
        risks.source_line
    from readings as risks
    inner join documents
        on risks.document_id = documents.document_id
    inner join table_units
        on
            risks.document_id = table_units.document_id
            and risks.table_line = table_units.table_line
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
