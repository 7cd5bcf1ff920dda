with table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

-- A section may print its key-figure table again under the next unit; each value counts
-- once, as first printed.
first_printings as (
    select * from {{
        first_printings(
            ref('stg_reports__key_figures'),
            key_figure_line_columns()
        )
    }}
),

-- Each value with the unit its table reports on and the year of the report printing it (a
-- report's earlier-year columns belong to that report's year).
placed as (
    select
        first_printings.*,
        table_units.unit_id,
        documents.fiscal_year as report_year
    from first_printings
    inner join table_units
        on
            first_printings.document_id = table_units.document_id
            and first_printings.table_line = table_units.table_line
    inner join documents
        on first_printings.document_id = documents.document_id
),

-- A key figure printed by several reports (this year's report and next year's, whose
-- earlier-year columns print it again): the latest report year's printing is the one to
-- read, the first in print order of that year's sections (the one key_figure_restatement
-- holds the others to).
final as (
    select
        *,
        row_number() over (
            partition by {{ key_figure_key() }}
            order by report_year desc, source_file asc, source_line asc
        ) = 1 as is_latest_printing
    from placed
)

select * from final
