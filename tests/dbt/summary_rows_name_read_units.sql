-- A summary by unit (Toimintakate lautakunnittain) is left out because each of its units
-- prints a table of its own, which is read. A row of it whose unit prints no operating table
-- in the same report year's reports (and that is no total) holds figures that nothing else
-- loads: the build fails, naming the row, until the unit's table is printed or the reject is
-- accepted in ref_accepted_rejects.
with rejects as (
    select * from {{ ref('stg_reports__rejects') }}
),

accepted as (
    select * from {{ ref('stg_reference__accepted_rejects') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

unit_names as (
    select * from {{ ref('int_unit_names') }}
),

-- Each row's unit as printed, its numbering left out (`2.1 Sivistyslautakunta`).
summary_rows as (
    select
        rejects.source_file,
        rejects.source_line,
        rejects.raw_text,
        rejects.column_name,
        documents.municipality,
        documents.fiscal_year,
        regexp_replace(trim(rejects.raw_text), '^[0-9]+([.][0-9]+)*[.]?\s+', '') as unit_label
    from rejects
    inner join documents
        on rejects.document_id = documents.document_id
    where rejects.by_design = 'summary_by_unit'
),

-- The unit a row names, as a table's label names it (int_budget_tables): curated, else by
-- its name.
named_units as (
    select
        summary_rows.*,
        {{ normalise_name('summary_rows.unit_label') }} as unit_key,
        coalesce(
            unit_names.unit_id, {{ uncurated_unit_id('summary_rows.municipality', 'summary_rows.unit_label') }}
        ) as unit_id
    from summary_rows
    left join unit_names
        on
            {{ normalise_name('summary_rows.municipality') }} = unit_names.municipality_key
            and {{ normalise_name('summary_rows.unit_label') }} = unit_names.unit_name_key
),

read_units as (
    select distinct
        documents.municipality,
        documents.fiscal_year,
        budget_tables.unit_id
    from budget_tables
    inner join documents
        on budget_tables.document_id = documents.document_id
    where budget_tables.statement = 'operating'
),

unread as (
    select named_units.*
    from named_units
    left join read_units
        on
            named_units.municipality = read_units.municipality
            and named_units.fiscal_year = read_units.fiscal_year
            and named_units.unit_id = read_units.unit_id
    left join accepted
        on
            named_units.source_file = accepted.source_file
            and named_units.source_line = accepted.source_line
            and named_units.column_name = accepted.column_name
            and named_units.raw_text = accepted.raw_text
    where
        read_units.unit_id is null
        and accepted.source_file is null
        and not {{ names_a_total('named_units.unit_key') }}
),

final as (
    select
        'summary by unit row at ' || source_file || ':' || cast(source_line as varchar) || ' names '''
        || unit_label || ''', which prints no table of its own in the ' || cast(fiscal_year as varchar)
        || ' reports: its figures are read nowhere (print the unit''s table, or accept the reject in '
        || 'ref_accepted_rejects.csv)' as message,
        source_file,
        source_line,
        unit_label,
        unit_id,
        fiscal_year
    from unread
)

select * from final
