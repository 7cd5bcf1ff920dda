with budget_rows as (
    select * from {{ ref('stg_reports__budget_rows') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

unit_names as (
    select * from {{ ref('int_unit_names') }}
),

curated_units as (
    select * from {{ ref('stg_reference__units') }}
),

level_words as (
    select * from {{ ref('stg_reference__unit_level_words') }}
),

-- Each table once, its unit named without a total word after it (`Sivistyslautakunta
-- yhteensä`, a unit's table printed below its parts').
tables as (
    select distinct
        document_id,
        table_line,
        statement,
        {{ without_printed_total_word('unit_label') }} as unit_label,
        {{ without_printed_total_word('heading') }} as heading,
        heading_level,
        outranking_heading_line,
        investment_category,
        prior_year,
        budget_year,
        is_city_statement,
        is_enterprise,
        is_prior_year_comparable,
        is_prior_year_restated,
        comparability_note,
        comparability_note_line
    from budget_rows
),

tables_with_documents as (
    select
        tables.*,
        documents.municipality,
        {{ slugify('documents.municipality') }} as city_unit_id
    from tables
    inner join documents
        on tables.document_id = documents.document_id
),

matched as (
    select
        tables_with_documents.*,
        by_label.unit_id as label_unit_id,
        by_heading.unit_id as heading_unit_id,
        {{ uncurated_unit_id('tables_with_documents.municipality', 'tables_with_documents.unit_label') }}
            as uncurated_unit_id
    from tables_with_documents
    left join unit_names as by_label
        on
            {{ normalise_name('tables_with_documents.municipality') }} = by_label.municipality_key
            and {{ normalise_name('tables_with_documents.unit_label') }} = by_label.unit_name_key
    left join unit_names as by_heading
        on
            {{ normalise_name('tables_with_documents.municipality') }} = by_heading.municipality_key
            and {{ normalise_name('tables_with_documents.heading') }} = by_heading.unit_name_key
),

-- The whole city's income statement belongs to the city unit, whatever its unit cell says.
resolved as (
    select
        *,
        case
            when is_city_statement then city_unit_id
            else coalesce(label_unit_id, heading_unit_id, uncurated_unit_id)
        end as unit_id,
        case
            when is_city_statement then 'city_statement'
            when label_unit_id is not null then 'label'
            when heading_unit_id is not null then 'heading'
            else 'uncurated'
        end as unit_match
    from matched
),

-- The section's own unit is the parent of any unit in the document that the curated
-- organisation does not know: the unit of its first operating table (document_roots). The
-- whole city's income statement is no section's table.
operating_tables as (
    select
        document_id,
        unit_id,
        table_line,
        row_number() over (partition by document_id order by table_line) as table_rank
    from resolved
    where statement = 'operating' and not is_city_statement
),

-- The level a table's unit has by name: curated, else a board where its name is a municipal
-- enterprise's (`Kittilän Vesi -liikelaitos`: run by a board of its own, johtokunta), else by
-- the longest level word in its printed name (Hyvinvoinnin edistämisen lautakunta: a board).
-- Its heading is its caption where it is the unit's name as printed in the table
-- ("Käyttösuunnitelma" names no unit).
ranked_levels as (
    select
        resolved.document_id,
        resolved.table_line,
        resolved.unit_id,
        coalesce(
            curated_units.unit_level,
            case when resolved.is_enterprise then 'board' end,
            level_words.unit_level
        ) as named_level,
        resolved.heading_level,
        resolved.outranking_heading_line,
        {{ normalise_name('resolved.heading') }} = {{ normalise_name('resolved.unit_label') }} as is_captioned,
        row_number() over (
            partition by resolved.document_id, resolved.table_line
            order by length(level_words.word) desc nulls last
        ) as level_rank
    from resolved
    left join curated_units
        on resolved.unit_id = curated_units.unit_id
    left join level_words
        on strpos(lower(resolved.unit_label), level_words.word) > 0
),

table_levels as (
    select
        document_id,
        table_line,
        unit_id,
        named_level,
        heading_level,
        outranking_heading_line,
        is_captioned
    from ranked_levels
    where level_rank = 1
),

-- Each document's operating tables' units: whether one prints the document's first table, and
-- the rank of the level its name gives (macro unit_level_rank).
document_units as (
    select
        operating_tables.document_id,
        operating_tables.unit_id,
        min(operating_tables.table_line) as table_line,
        bool_or(operating_tables.table_rank = 1) as is_first,
        min({{ unit_level_rank('table_levels.named_level') }}) as level_rank
    from operating_tables
    inner join table_levels
        on
            operating_tables.document_id = table_levels.document_id
            and operating_tables.table_line = table_levels.table_line
    group by operating_tables.document_id, operating_tables.unit_id
),

-- The section's own unit: its first table's, unless that is named at a level below the one
-- unit of the highest level the section names (a board printed after its responsibility
-- areas, `Varhaiskasvatuksen vastuualue`, ..., `Sivistyslautakunta`): that unit. A first unit
-- of no level word (`Sivistystoimi`) is the section's.
ranked_units as (
    select
        *,
        min(level_rank) over (partition by document_id) as top_level_rank
    from document_units
),

root_choices as (
    select
        document_id,
        max(unit_id) filter (where is_first) as first_unit_id,
        max(table_line) filter (where is_first) as first_table_line,
        min(unit_id) filter (where level_rank = top_level_rank) as top_unit_id,
        min(table_line) filter (where level_rank = top_level_rank) as top_table_line,
        coalesce(
            count(*) filter (where level_rank = top_level_rank) = 1
            and max(top_level_rank) < max(level_rank) filter (where is_first),
            false
        ) as takes_top_unit
    from ranked_units
    group by document_id
),

document_roots as (
    select
        document_id,
        case when takes_top_unit then top_unit_id else first_unit_id end as root_unit_id,
        case when takes_top_unit then top_table_line else first_table_line end as root_table_line
    from root_choices
),

-- The level of the caption that names a unit in its document: the heading above one of its
-- tables that is its caption.
unit_captions as (
    select
        document_id,
        unit_id,
        min(case when is_captioned then heading_level end) as caption_level
    from table_levels
    group by document_id, unit_id
),

-- Whether a table is still in the section of a board captioned above it: the section ends at
-- the first heading that ranks above the board's caption (`# 6 KITTILÄN VESI -LIIKELAITOS`
-- after `## Rakennus- ja ympäristölautakunta`). A heading at the caption's rank does not end
-- it: a report printing every heading at one rank (`## Hyvinvoinnin edistämisen lautakunta`,
-- `## Tunnusluvut`, `## Virikkeellinen elämä`) prints the board's areas under headings of its
-- caption's rank. In any of the board's captions above it, where it has several.
board_sections as (
    select
        later.document_id,
        later.table_line,
        captions.unit_id as board_unit_id,
        bool_or(
            captions.outranking_heading_line is null
            or later.table_line < captions.outranking_heading_line
        ) as is_in_section
    from table_levels as later
    inner join table_levels as captions
        on
            later.document_id = captions.document_id
            and later.table_line > captions.table_line
            and captions.named_level = 'board'
            and captions.is_captioned
            and later.unit_id != captions.unit_id
    group by later.document_id, later.table_line, captions.unit_id
),

-- The nearest board printed above a table in its document (another unit than its own) whose
-- section it is still in (a board with no caption above it: by print order alone).
boards_above as (
    select
        later.document_id,
        later.table_line,
        boards.unit_id as board_unit_id,
        row_number() over (
            partition by later.document_id, later.table_line
            order by boards.table_line desc
        ) as board_rank
    from table_levels as later
    inner join table_levels as boards
        on
            later.document_id = boards.document_id
            and later.table_line > boards.table_line
            and boards.named_level = 'board'
            and later.unit_id != boards.unit_id
    left join board_sections
        on
            later.document_id = board_sections.document_id
            and later.table_line = board_sections.table_line
            and boards.unit_id = board_sections.board_unit_id
    where coalesce(board_sections.is_in_section, true)
),

nearest_boards as (
    select
        document_id,
        table_line,
        board_unit_id
    from boards_above
    where board_rank = 1
),

-- Each table with what places its unit: the section's top unit and its level, caption and
-- curated parent, the table's own level word and caption, and the nearest board above it.
placement_inputs as (
    select
        resolved.*,
        document_roots.root_unit_id,
        root_levels.named_level as root_named_level,
        root_captions.caption_level as root_caption_level,
        root_curated.parent_unit_id as root_parent_unit_id,
        table_levels.named_level,
        own_captions.caption_level as own_caption_level,
        nearest_boards.board_unit_id
    from resolved
    left join document_roots
        on resolved.document_id = document_roots.document_id
    left join table_levels as root_levels
        on
            document_roots.document_id = root_levels.document_id
            and document_roots.root_table_line = root_levels.table_line
    left join unit_captions as root_captions
        on
            document_roots.document_id = root_captions.document_id
            and document_roots.root_unit_id = root_captions.unit_id
    left join curated_units as root_curated
        on document_roots.root_unit_id = root_curated.unit_id
    left join table_levels
        on
            resolved.document_id = table_levels.document_id
            and resolved.table_line = table_levels.table_line
    left join unit_captions as own_captions
        on
            resolved.document_id = own_captions.document_id
            and resolved.unit_id = own_captions.unit_id
    left join nearest_boards
        on
            resolved.document_id = nearest_boards.document_id
            and resolved.table_line = nearest_boards.table_line
),

-- Where the print order alone would place a unit under the top unit (no board printed above
-- it), a caption at the top unit's rank or above (`## Sivistystoimi` after `## Yleishallinto`)
-- puts it beside the top unit instead: under the top unit's parent, at its level (the sums
-- may still place it under a unit printed above it, int_unit_edges__sums). The unit printed
-- under it is the nearest board above, else the top unit.
placed as (
    select
        *,
        coalesce(board_unit_id, root_unit_id) as print_order_parent_unit_id,
        coalesce(
            unit_id != root_unit_id
            and named_level is null
            and coalesce(board_unit_id, root_unit_id) = root_unit_id
            and own_caption_level <= root_caption_level,
            false
        ) as is_beside_top
    from placement_inputs
),

final as (
    select
        placed.document_id,
        placed.table_line,
        placed.statement,
        placed.unit_label,
        placed.heading,
        placed.investment_category,
        placed.prior_year,
        placed.budget_year,
        placed.is_city_statement,
        placed.is_prior_year_comparable,
        placed.is_prior_year_restated,
        placed.comparability_note,
        placed.comparability_note_line,
        placed.municipality,
        placed.unit_id,
        placed.unit_match,
        placed.city_unit_id,
        -- Text rule for a unit the curated organisation does not know: the section's top
        -- unit belongs to the city; a board to the top unit, or to the city where the top unit
        -- is a board too (a chapter of the boards, one after the other) or where it is a
        -- municipal enterprise; a unit captioned at the top unit's rank, with no board above
        -- it, beside the top unit; any other unit to the nearest board printed above it whose
        -- section it is in, else to the top unit.
        case
            when placed.unit_match != 'uncurated' then null
            when placed.unit_id = coalesce(placed.root_unit_id, placed.unit_id) then placed.city_unit_id
            when
                placed.named_level = 'board'
                and (placed.root_named_level = 'board' or placed.is_enterprise)
                then placed.city_unit_id
            when placed.named_level = 'board' then placed.root_unit_id
            when placed.is_beside_top then coalesce(placed.root_parent_unit_id, placed.city_unit_id)
            else placed.print_order_parent_unit_id
        end as uncurated_parent_unit_id,
        case
            when placed.unit_match != 'uncurated' then null
            when placed.unit_id = coalesce(placed.root_unit_id, placed.unit_id)
                then coalesce(placed.named_level, 'service_area')
            when placed.named_level = 'board' then 'board'
            when placed.is_beside_top then coalesce(placed.root_named_level, 'service_area')
            else 'responsibility_area'
        end as uncurated_unit_level,
        -- What in the text placed it: the section's table order (its top unit), a level
        -- word in its name, a caption deeper than that of the unit it is placed under (a
        -- `###` or bold caption under a `##` one), or nothing but the print order (the
        -- nearest board above, else the top unit, or beside it where its caption is at the top
        -- unit's rank: where the printed sums may place it).
        case
            when placed.unit_match != 'uncurated' then null
            when placed.unit_id = coalesce(placed.root_unit_id, placed.unit_id) then 'table_order'
            when placed.named_level is not null then 'level_word'
            when placed.own_caption_level > parent_captions.caption_level then 'heading'
            else 'print_order'
        end as uncurated_placement
    from placed
    left join unit_captions as parent_captions
        on
            placed.document_id = parent_captions.document_id
            and placed.print_order_parent_unit_id = parent_captions.unit_id
)

select * from final
