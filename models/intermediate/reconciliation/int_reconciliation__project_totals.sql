with projects as (
    select * from {{ ref('stg_reports__projects') }}
),

table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

-- Each project's figures a total row sums, one row each: its total funding (the project's
-- budget) and its spending in euros (the actual, where a column prints it).
figures as (
    select
        document_id,
        table_line,
        source_file,
        source_line,
        row_kind,
        project_name,
        'budget' as scenario,
        'funding' as what,
        total_funding_eur as amount_eur,
        funding_decimals as amount_decimals,
        true as is_printed_in_total
    from projects
    union all
    select
        document_id,
        table_line,
        source_file,
        source_line,
        row_kind,
        project_name,
        'actual' as scenario,
        'spending' as what,
        spend_eur as amount_eur,
        spend_decimals as amount_decimals,
        spend_eur_raw is not null as is_printed_in_total
    from projects
),

project_sums as (
    select
        document_id,
        table_line,
        scenario,
        sum(amount_eur) as computed_eur,
        count(amount_eur) as term_count,
        count(*) as project_count,
        sum({{ rounding_half_unit('amount_decimals') }}) as terms_rounding_eur,
        string_agg(project_name, ', ' order by source_line) filter (
            where amount_eur is null
        ) as projects_without_amount
    from figures
    where row_kind = 'project'
    group by document_id, table_line, scenario
),

-- The total row's figures: its funding always, its spending where its cell prints one.
totals as (
    select * from figures
    where row_kind = 'total' and is_printed_in_total
),

-- A projects table's Yhteensä row against the sum of its projects', funding and spending.
compared as (
    select
        totals.document_id,
        table_units.unit_id,
        documents.fiscal_year,
        totals.scenario,
        totals.amount_eur as expected_value,
        project_sums.computed_eur as computed_value,
        project_sums.term_count,
        project_sums.project_count || ' projects' as computed_from,
        coalesce(project_sums.terms_rounding_eur, 0)
        + {{ rounding_half_unit('totals.amount_decimals') }} as tolerance,
        case
            when totals.amount_eur is null then 'the total row prints no ' || totals.what
            when project_sums.project_count is null then 'the table prints a total but no project'
            when project_sums.projects_without_amount is not null
                then 'no ' || totals.what || ' printed for: ' || project_sums.projects_without_amount
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
            and totals.scenario = project_sums.scenario
),

final as (
    {{
        reconciliation_check(
            'compared', 'project_total', measure_unit="'eur'",
            absent=['mismatch_reason', 'value_decimals', 'line_item_id', 'statement', 'investment_category', 'warn_reason', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
