{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with checks as (
    select * from {{ ref('int_reconciliation__checks') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

judged as (
    select
        *,
        cast(computed_value - expected_value as decimal(20, 6)) as difference,
        case
            when incomplete_reason is not null then 'incomplete'
            when not {{ within_tolerance('expected_value', 'computed_value', 'tolerance') }} and warn_reason is not null
                then 'warn'
            when not {{ within_tolerance('expected_value', 'computed_value', 'tolerance') }} then 'fail'
            -- The values tie, but the two printings disagree on what they print beside it.
            when mismatch_reason is not null then 'warn'
            else 'ok'
        end as status
    from checks
),

explained as (
    select
        *,
        case status
            when 'incomplete' then incomplete_reason
            when 'warn'
                then
                    case
                        when
                            {{ within_tolerance('expected_value', 'computed_value', 'tolerance') }}
                            then mismatch_reason
                        else warn_reason
                    end
            when 'fail' then 'the difference exceeds what rounding the printed figures can explain'
            when 'ok' then
                case
                    when difference != 0 then 'the difference is within what rounding the printed figures can explain'
                end
        end as reason
    from judged
),

final as (
    select
        md5(
            concat_ws(
                '|',
                explained.check_name,
                explained.document_id,
                explained.unit_id,
                explained.line_item_id,
                coalesce(explained.statement, ''),
                coalesce(explained.investment_category, ''),
                explained.fiscal_year,
                coalesce(explained.scenario, ''),
                explained.source_line,
                coalesce(explained.other_document_id, ''),
                coalesce(cast(explained.other_source_line as varchar), '')
            )
        ) as reconciliation_id,
        explained.check_name,
        documents.fiscal_year as report_year,
        explained.document_id,
        explained.unit_id,
        {{ unit_context_columns('units') }},
        explained.line_item_id,
        explained.statement,
        explained.investment_category,
        explained.fiscal_year,
        explained.scenario,
        explained.measure_unit,
        explained.expected_value,
        explained.computed_value,
        explained.difference,
        explained.tolerance,
        -- Euros to the cent, as every amount in the warehouse; else as printed.
        cast(coalesce(explained.value_decimals, 2) as integer) as value_decimals,
        cast(explained.term_count as integer) as term_count,
        explained.computed_from,
        explained.status,
        explained.reason,
        explained.source_file,
        explained.source_line,
        explained.other_document_id,
        explained.other_source_file,
        explained.other_source_line,
        -- A check that ties out says no more than its columns do: only the others, which a
        -- failing build and the report site print, are written out (most rows are ok, and their
        -- messages were most of the warehouse's bytes).
        case
            when explained.status != 'ok'
                then
                    explained.check_name
                    || ' ' || upper(explained.status)
                    || ': ' || explained.unit_id
                    || ' · ' || coalesce(explained.line_item_id, explained.check_name)
                    || ' · ' || explained.fiscal_year || coalesce(' ' || explained.scenario, '')
                    || coalesce(' · ' || explained.investment_category, '')
                    || ': printed ' || {{ format_value('explained.expected_value', 'explained.measure_unit') }}
                    || ', computed '
                    || coalesce({{ format_value('explained.computed_value', 'explained.measure_unit') }}, '-')
                    || coalesce(' (' || explained.computed_from || ')', '')
                    || ', difference '
                    || coalesce({{ format_value('explained.difference', 'explained.measure_unit') }}, '-')
                    || ', tolerance ' || {{ format_value('explained.tolerance', 'explained.measure_unit') }}
                    || ' at ' || explained.source_file || ':' || explained.source_line
                    || coalesce(' vs ' || explained.other_source_file || ':' || explained.other_source_line, '')
                    || coalesce(' - ' || explained.reason, '')
        end as message
    from explained
    inner join documents
        on explained.document_id = documents.document_id
    left join units
        on explained.unit_id = units.unit_id
)

select * from final
{{ rebuilt_rows_only() }}
