{#- Kept across builds (incremental), so in the published file, not the work file that each
    build writes afresh (macros/partial_build.sql). -#}
{{ config(materialized='incremental', database=target.database, meta={'rebuilt_by': 'document_id'}) }}

with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

final as (
    select
        line_item_id,
        statement,
        row_label,
        document_id,
        source_line
    from budget_rows
    where not is_curated_line_item
)

select * from final
{{ rebuilt_rows_only() }}
