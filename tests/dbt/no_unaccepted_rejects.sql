-- Everything the extractor could not read (raw_rejects, written by extract --keep-going)
-- fails the build until it is fixed in the report or accepted in ref_accepted_rejects:
-- a rejected figure is missing from the warehouse. Not what it leaves out by design (the
-- municipal group's statements; a summary's rows, which summary_rows_name_read_units checks).
with rejects as (
    select * from {{ ref('stg_reports__rejects') }}
),

accepted as (
    select * from {{ ref('stg_reference__accepted_rejects') }}
),

unaccepted as (
    select rejects.*
    from rejects
    left join accepted
        on
            rejects.source_file = accepted.source_file
            and rejects.source_line is not distinct from accepted.source_line
            and rejects.column_name = accepted.column_name
            and rejects.raw_text = accepted.raw_text
    where accepted.source_file is null and rejects.by_design is null
),

final as (
    select
        'rejected ' || scope || ' at ' || source_file
        || coalesce(':' || cast(source_line as varchar), '')
        -- The column, unless the reason names it already (a cell's reason: "column 'X': ...").
        || case
            when column_name != '' and not starts_with(reason, 'column ''' || column_name || '''')
                then ', column ''' || column_name || ''''
            else ''
        end
        || ': ' || reason
        || ' (fix the report, or accept the reject in ref_accepted_rejects.csv)' as message,
        source_file,
        source_line,
        last_line,
        scope,
        table_kind,
        column_name,
        raw_text,
        reason
    from unaccepted
)

select * from final
