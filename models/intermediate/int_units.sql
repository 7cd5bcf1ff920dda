with curated_units as (
    select * from {{ ref('stg_reference__units') }}
),

budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

sums_edges as (
    select * from {{ ref('int_unit_edges__sums') }}
),

curated as (
    select
        unit_id,
        municipality,
        unit_name,
        unit_name_en,
        unit_level,
        parent_unit_id,
        true as is_curated,
        'curated' as hierarchy_source
    from curated_units
),

-- Units printed in a report but unknown to the curated organisation: named as printed
-- (preferring a label in lower and upper case, then an operating table's), placed as the text
-- of their first printing places them.
printed_labels as (
    select
        unit_id,
        {{ arg_min_by('municipality', ['document_id', 'table_line']) }} as municipality,
        {{
            arg_min_by(
                'unit_label', [is_in_capitals('unit_label'), "statement != 'operating'", 'document_id', 'table_line']
            )
        }} as unit_label,
        {{ arg_min_by('uncurated_unit_level', ['document_id', 'table_line']) }} as unit_level,
        {{ arg_min_by('uncurated_parent_unit_id', ['document_id', 'table_line']) }} as parent_unit_id,
        {{ arg_min_by('uncurated_placement', ['document_id', 'table_line']) }} as placement
    from budget_tables
    where unit_match = 'uncurated'
    group by unit_id
),

-- A unit printed only in capitals (`TEKNINEN LAUTAKUNTA`) is named in sentence case.
printed as (
    select
        unit_id,
        municipality,
        case
            when {{ is_in_capitals('unit_label') }} then {{ sentence_case('unit_label') }}
            else unit_label
        end as unit_name,
        unit_level,
        parent_unit_id,
        placement
    from printed_labels
),

-- Where nothing but the print order placed a unit, the printed sums may: the parent that the
-- sums of most sections give it (of two as often, the first by id).
sums_votes as (
    select
        unit_id,
        parent_unit_id,
        count(*) as sections
    from sums_edges
    group by unit_id, parent_unit_id
),

sums_parents as (
    select
        unit_id,
        {{ arg_min_by('parent_unit_id', ['-sections', 'parent_unit_id']) }} as parent_unit_id
    from sums_votes
    group by unit_id
),

-- A unit the sums place is a responsibility area (discovered, below, may make it a board),
-- whatever level its text placement gave it (beside the top unit: the top unit's).
placed as (
    select
        printed.unit_id,
        printed.municipality,
        printed.unit_name,
        case
            when printed.placement = 'print_order' and sums_parents.unit_id is not null then 'responsibility_area'
            else printed.unit_level
        end as unit_level,
        -- The sums' parent counts where print order alone placed the unit (a condition on the
        -- joined unit in the select, not in the join: there it would make a nested loop).
        coalesce(
            case when printed.placement = 'print_order' then sums_parents.parent_unit_id end,
            printed.parent_unit_id
        ) as parent_unit_id,
        case
            when printed.placement = 'print_order' and sums_parents.unit_id is not null then 'sums' else 'text'
        end as hierarchy_source
    from printed
    left join sums_parents
        on printed.unit_id = sums_parents.unit_id
),

-- A unit without a level word that the sums give children of its own sits one level below
-- its parent (a board under a service area); one without children is a responsibility area.
parents_of_placed as (
    select distinct parent_unit_id as unit_id
    from placed
    where hierarchy_source = 'sums'
),

discovered as (
    select
        placed.unit_id,
        placed.municipality,
        placed.unit_name,
        cast(null as varchar) as unit_name_en,
        case
            when
                placed.hierarchy_source = 'sums'
                and parents_of_placed.unit_id is not null
                and coalesce(curated_parents.unit_level, placed_parents.unit_level) = 'service_area'
                then 'board'
            else placed.unit_level
        end as unit_level,
        placed.parent_unit_id,
        false as is_curated,
        placed.hierarchy_source
    from placed
    left join parents_of_placed
        on placed.unit_id = parents_of_placed.unit_id
    left join curated as curated_parents
        on placed.parent_unit_id = curated_parents.unit_id
    left join placed as placed_parents
        on placed.parent_unit_id = placed_parents.unit_id
),

-- A municipality with no curated organisation still gets its city unit.
uncurated_cities as (
    select distinct
        {{ slugify('documents.municipality') }} as unit_id,
        documents.municipality,
        documents.municipality as unit_name,
        cast(null as varchar) as unit_name_en,
        'city' as unit_level,
        cast(null as varchar) as parent_unit_id,
        false as is_curated,
        'text' as hierarchy_source
    from documents
    where {{ slugify('documents.municipality') }} not in (select curated.unit_id from curated)
),

-- The curated units of the municipalities whose reports are loaded: the curated organisation
-- may know others (the project's Heinola), which no figure of this warehouse names.
loaded_curated as (
    select * from curated
    where municipality in (select documents.municipality from documents)
),

final as (
    select * from loaded_curated
    union all
    select * from discovered
    union all
    select * from uncurated_cities
)

select * from final
