-- Accepted rejects that match no reject: the report was fixed or changed at that line, so
-- the acceptance no longer applies. Remove it from ref_accepted_rejects.
{{ config(severity='warn') }}

with accepted as (
    select * from {{ ref('stg_reference__accepted_rejects') }}
),

rejects as (
    select * from {{ ref('stg_reports__rejects') }}
),

final as (
    select
        accepted.source_file,
        accepted.source_line,
        accepted.column_name,
        accepted.raw_text,
        accepted.accepted_reason
    from accepted
    left join rejects
        on
            accepted.source_file = rejects.source_file
            and accepted.source_line is not distinct from rejects.source_line
            and accepted.column_name = rejects.column_name
            and accepted.raw_text = rejects.raw_text
    where rejects.source_file is null
)

select * from final
