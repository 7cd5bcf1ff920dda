with projects as (
    select * from {{ ref('stg_reports__projects') }}
),

table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

project_sums as (
    select
        document_id,
        table_line,
        sum(total_funding_eur) as computed_eur,
        count(total_funding_eur) as term_count,
        count(*) as project_count,
        sum({{ rounding_half_unit('funding_decimals') }}) as terms_rounding_eur,
        string_agg(project_name, ', ' order by source_line) filter (
            where total_funding_eur is null
        ) as projects_without_funding
    from projects
    where row_kind = 'project'
    group by document_id, table_line
),

totals as (
    select * from projects
    where row_kind = 'total'
),

-- A projects table's Yhteensä row against the sum of its projects' total funding.
compared as (
    select
        totals.document_id,
        table_units.unit_id,
        documents.fiscal_year,
        totals.total_funding_eur as expected_value,
        project_sums.computed_eur as computed_value,
        project_sums.term_count,
        project_sums.project_count || ' projects' as computed_from,
        coalesce(project_sums.terms_rounding_eur, 0)
        + {{ rounding_half_unit('totals.funding_decimals') }} as tolerance,
        case
            when totals.total_funding_eur is null then 'the total row prints no funding'
            when project_sums.project_count is null then 'the table prints a total but no project'
            when project_sums.projects_without_funding is not null
                then 'no funding printed for: ' || project_sums.projects_without_funding
        end as incomplete_reason,
        totals.source_file,
        totals.source_line
    from totals
    inner join documents
        on totals.document_id = documents.document_id
    left join table_units
        on
            totals.document_id = table_units.document_id
            and totals.table_line = table_units.table_line
    left join project_sums
        on
            totals.document_id = project_sums.document_id
            and totals.table_line = project_sums.table_line
),

final as (
    {{
        reconciliation_check(
            'compared', 'project_total', measure_unit="'eur'",
            absent=['mismatch_reason', 'value_decimals', 'line_item_id', 'statement', 'investment_category', 'scenario', 'warn_reason', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
