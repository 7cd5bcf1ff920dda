{{ config(materialized='incremental', meta={'rebuilt_by': 'document_id'}) }}

with goals as (
    select * from {{ ref('stg_reports__goals') }}
),

table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

final as (
    select
        md5(goals.document_id || '|' || goals.source_line) as goal_id,
        goals.document_id,
        table_units.unit_id,
        {{ unit_context_columns('units') }},
        goals.goal_level,
        goals.strategic_goal,
        goals.is_strategic_goal_inherited,
        goals.sub_area,
        goals.goal,
        goals.measure,
        goals.target_level,
        goals.responsible,
        goals.outcome,
        goals.status as goal_status_id,
        goals.status_raw,
        goals.source_file,
        goals.source_line,
        goals.last_line
    from goals
    inner join table_units
        on
            goals.document_id = table_units.document_id
            and goals.table_line = table_units.table_line
    left join units
        on table_units.unit_id = units.unit_id
)

select * from final
{{ rebuilt_rows_only() }}
