-- Row labels that the curated chart (ref_line_items) does not know. They load with no
-- parent; curate them so that they roll up. Each with where it is first printed and how
-- often, so that it can be found in the reports. An investment line named after Menot or
-- Tulot (`investment.menot_koulun_peruskorjaus`) is a project of an asset class, or a line
-- detailing one, which no chart names: not listed.
{{ config(severity='warn') }}

with line_items as (
    select * from {{ ref('dim_line_item') }}
),

printings as (
    select * from {{ ref('int_line_items__discovered') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

located as (
    select
        printings.line_item_id,
        documents.source_file,
        printings.source_line
    from printings
    inner join documents
        on printings.document_id = documents.document_id
),

first_printed as (
    select
        line_item_id,
        {{ arg_min_by("source_file || ':' || source_line", ['source_file', 'source_line']) }} as first_printed_at,
        count(*) as printings
    from located
    group by line_item_id
)

select
    line_items.line_item_id,
    line_items.line_item_name,
    line_items.statement,
    first_printed.first_printed_at,
    first_printed.printings
from line_items
left join first_printed
    on line_items.line_item_id = first_printed.line_item_id
where not line_items.is_curated and not (line_items.statement = 'investment' and line_items.direction is not null)
