{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with projects as (
    select * from {{ ref('stg_reports__projects') }}
),

table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

final as (
    select
        md5(projects.document_id || '|' || projects.source_line) as project_id,
        projects.document_id,
        table_units.unit_id,
        {{ unit_context_columns('units') }},
        projects.strategic_goal,
        projects.project_name,
        projects.description,
        projects.funders,
        projects.funding_text,
        projects.period_start_year,
        projects.period_end_year,
        projects.total_funding_eur,
        projects.city_share_pct,
        -- The funding from others than the city: the total less the city's share, to the cent.
        cast(projects.total_funding_eur * (100 - projects.city_share_pct) * 0.01 as decimal(18, 2))
            as external_funding_eur,
        projects.spend_pct,
        projects.spend_eur,
        projects.city_share_raw,
        projects.status_text,
        projects.other_columns,
        projects.source_file,
        projects.source_line,
        projects.last_line
    from projects
    inner join table_units
        on
            projects.document_id = table_units.document_id
            and projects.table_line = table_units.table_line
    left join units
        on table_units.unit_id = units.unit_id
    where projects.row_kind = 'project'
)

select * from final
{{ rebuilt_rows_only() }}
