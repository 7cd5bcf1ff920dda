with report_tables as (
    select * from {{ ref('stg_reports__report_tables') }}
),

budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

units as (
    select * from {{ ref('int_units') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

-- Each operating table with the level of the heading it is printed under (0, above every
-- heading, where it has none).
operating_tables as (
    select
        budget_tables.document_id,
        budget_tables.table_line,
        budget_tables.unit_id,
        coalesce(report_tables.heading_level, 0) as heading_level
    from budget_tables
    left join report_tables
        on
            budget_tables.document_id = report_tables.document_id
            and budget_tables.table_line = report_tables.first_line
    where budget_tables.statement = 'operating'
),

-- Where each operating table's section is closed: the first table after it printed under a
-- heading of a higher rank than its own (`## Kaupunkiympäristön investoinnit` closes the `###`
-- boards' sections above it); NULL where none is.
closed_sections as (
    select
        operating_tables.document_id,
        operating_tables.table_line,
        operating_tables.unit_id,
        operating_tables.heading_level,
        min(later.first_line) as closed_at_line
    from operating_tables
    left join report_tables as later
        on
            operating_tables.document_id = later.document_id
            and operating_tables.table_line < later.first_line
            and operating_tables.heading_level > later.heading_level
    group by
        operating_tables.document_id,
        operating_tables.table_line,
        operating_tables.unit_id,
        operating_tables.heading_level
),

text_tables as (
    select * from report_tables
    where table_kind not in ('operating', 'investment')
),

-- A section prints a unit's budget table and then its goals, key figures, risks and
-- projects: a text table belongs to the unit of the nearest budget table above it whose
-- heading is of its own heading's rank or a higher one and whose section no table between
-- them closes (`## Toiminnalliset tavoitteet` after a `##` service area's table and its `###`
-- boards' is the service area's, and so is `### Tunnusluvut` after `## Kaupunkiympäristön
-- investoinnit` there: a heading closes the sections of lower ranks); else of the nearest
-- budget table above it; else of the document's first.
nearest_units as (
    select
        text_tables.document_id,
        text_tables.first_line as table_line,
        text_tables.table_kind,
        text_tables.is_city_chapter,
        coalesce(
            {{
                arg_max_by(
                    'operating_tables.unit_id',
                    ['operating_tables.table_line'],
                    filter='operating_tables.table_line < text_tables.first_line'
                    ~ ' and operating_tables.heading_level <= text_tables.heading_level'
                    ~ ' and text_tables.first_line <= coalesce(operating_tables.closed_at_line, text_tables.first_line)',
                )
            }},
            {{
                arg_max_by(
                    'operating_tables.unit_id',
                    ['operating_tables.table_line'],
                    filter='operating_tables.table_line < text_tables.first_line',
                )
            }},
            {{ arg_min_by('operating_tables.unit_id', ['operating_tables.table_line']) }}
        ) as nearest_unit_id
    from text_tables
    left join closed_sections as operating_tables
        on text_tables.document_id = operating_tables.document_id
    group by
        text_tables.document_id,
        text_tables.first_line,
        text_tables.table_kind,
        text_tables.is_city_chapter
),

-- A table in a chapter of the whole city's, beside its units' sections, is the city's
-- (stg_reports__report_tables.is_city_chapter), as the investments and statements there are.
-- Responsibility areas print a short budget table and a narrative; the goals, key figures,
-- risks and projects after them are their board's or service area's. A document without
-- budget tables gives its tables to the city.
final as (
    select
        nearest_units.document_id,
        nearest_units.table_line,
        nearest_units.table_kind,
        case
            when nearest_units.is_city_chapter then {{ slugify('documents.municipality') }}
            when units.unit_level = 'responsibility_area' then units.parent_unit_id
            else coalesce(nearest_units.nearest_unit_id, {{ slugify('documents.municipality') }})
        end as unit_id,
        nearest_units.nearest_unit_id
    from nearest_units
    inner join documents
        on nearest_units.document_id = documents.document_id
    left join units
        on nearest_units.nearest_unit_id = units.unit_id
)

select * from final
