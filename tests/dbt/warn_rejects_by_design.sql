-- Tables and rows left out on purpose (raw_rejects.by_design): the municipal group's
-- statements, whose figures are another entity's, and summaries by unit, whose units' own
-- tables are read. One row per table, so that someone sees what was not loaded and why.
{{ config(severity='warn') }}

with rejects as (
    select * from {{ ref('stg_reports__rejects') }}
),

by_table as (
    select
        source_file,
        coalesce(table_line, source_line) as table_line,
        by_design,
        min(reason) as reason,
        count(*) as reject_count
    from rejects
    where by_design is not null
    group by source_file, coalesce(table_line, source_line), by_design
),

final as (
    select
        'left out by design at ' || source_file || ':' || cast(table_line as varchar) || ' (' || by_design || ', '
        || cast(reject_count as varchar) || ' reject(s)): ' || reason as message,
        source_file,
        table_line,
        by_design,
        reject_count,
        reason
    from by_table
)

select * from final
