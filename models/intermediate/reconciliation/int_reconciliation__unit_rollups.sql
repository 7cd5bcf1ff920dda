{%- set mask_words = bit_mask_words(
    ref('int_units'),
    'select max(children) from (select count(*) as children from {relation}'
    ~ ' where parent_unit_id is not null group by parent_unit_id) as parents'
) -%}
{{ built_in_turn() }}

with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

units as (
    select * from {{ ref('int_units') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

unread as (
    select * from {{ ref('int_budget_amounts__unread') }}
),

-- Each figure with its table's sign factor (macros/signs.sql): a parent and its children
-- may print costs differently (a board's Toimintakulut -41 879, its areas' 21 655 and 15 513).
signed_figures as (
    {{ with_sign_factors('figures', 'line_items', 'signs') }}
),

-- A year's statements are printed in sections; a parent unit and its children may sit in
-- different sections. Where two sections print the same figure, the first is used here
-- (the restatement check compares them).
edition_figures as (
    {{ first_printings_in_report_year('signed_figures', 'documents') }}
),

-- A unit is loaded in a report year when any section of that year prints a figure of it.
loaded_units as (
    select distinct
        report_year,
        unit_id
    from edition_figures
),

-- A year's sections: a municipality's documents of that year, told apart by their titles, as
-- the extractor tells them (extract.same_section_and_year). An untitled one is the same as none
-- of another year.
report_sections as (
    select distinct
        municipality,
        lower(section_title) as section_key,
        fiscal_year as report_year
    from documents
    where section_title <> ''
),

-- The documents each unit prints a figure in, in any year's report.
unit_documents as (
    select distinct
        document_id,
        unit_id
    from figures
),

unit_sections as (
    select distinct
        unit_documents.unit_id,
        documents.municipality,
        lower(documents.section_title) as section_key
    from unit_documents
    inner join documents
        on unit_documents.document_id = documents.document_id
    where documents.section_title <> ''
),

-- A unit's section is loaded in a report year when that year's reports hold a section of the
-- same title as one the unit prints in, in that year's report or another's. Printing nothing
-- there, the unit was no unit that year (one added, renamed or split in another year).
units_in_loaded_sections as (
    select distinct
        report_sections.report_year,
        unit_sections.unit_id
    from unit_sections
    inner join report_sections
        on
            unit_sections.municipality = report_sections.municipality
            and unit_sections.section_key = report_sections.section_key
),

-- Each child has a place in its parent's masks: a figure's set of printing children is a
-- fixed-size number, not a growing list, so the sums of millions of figures can spill.
children as (
    select
        unit_id as child_unit_id,
        unit_name as child_unit_name,
        parent_unit_id,
        hierarchy_source as child_hierarchy_source,
        {{ bit_place('row_number() over (partition by parent_unit_id order by unit_id) - 1') }}
    from units
    where parent_unit_id is not null
),

-- The whole city's income statement is no sum of the units' budgets: it adds the city's
-- taxes, state transfers and financing, and internal items drop out.
parent_figures as (
    select * from edition_figures
    where
        unit_id in (select children.parent_unit_id from children)
        and not is_city_statement
),

-- Each child's figure as a term of its parent's figure of the same key. A parent figure is
-- its report year's only printing of that key (edition_figures), so its terms are grouped by
-- report year, parent and key, and meet the parent's figures only once summed: joined to the
-- parent figures first, the figures' many-column key was matched once per child, with a table
-- of every figure on the other side (at 24 000 documents, twice the time and a spilling join).
child_terms as (
    select
        child_figures.report_year,
        children.parent_unit_id as unit_id,
        child_figures.line_item_id,
        child_figures.statement,
        child_figures.investment_category,
        child_figures.fiscal_year,
        child_figures.scenario,
        children.child_unit_id,
        children.bit_word,
        children.bit_value,
        child_figures.amount_eur * child_figures.sign_factor as child_amount_eur,
        child_figures.amount_decimals as child_amount_decimals,
        -- A child whose column the report says is not comparable, with the note it quotes.
        case
            when
                not child_figures.is_comparable
                and child_figures.comparability_note is not null
                and child_figures.comparability_note_line is not null
                then children.child_unit_id
        end as incomparable_child_unit_id
    from edition_figures as child_figures
    inner join children
        on child_figures.unit_id = children.child_unit_id
),

-- Fixed-size aggregates only: the names come from the masks below. A group whose parent
-- prints no such figure (or only in the whole city's statement) meets no parent figure.
child_sums as (
    select
        report_year,
        {{ figure_key() }},
        sum(child_amount_eur) as computed_eur,
        count(child_amount_eur) as term_count,
        sum({{ rounding_half_unit('child_amount_decimals') }}) as terms_rounding_eur,
        {{ bit_mask_columns('printing_mask', mask_words, filter='child_amount_eur is not null') }},
        min(incomparable_child_unit_id) as incomparable_child_unit_id
    from child_terms
    group by report_year, {{ figure_key() }}
),

-- A child whose figure its report year's sections print but no section readably (a rejected
-- cell: int_budget_amounts__unread) is no term of the sum, and the figure's rollup cannot be
-- checked; the reason names the cell. Few rows: the names are aggregated here, with a mask of
-- the children that the silent ones below leave out.
unread_children as (
    select
        documents.fiscal_year as report_year,
        children.parent_unit_id as unit_id,
        unread.statement,
        unread.investment_category,
        unread.line_item_id,
        unread.fiscal_year,
        unread.scenario,
        children.bit_word,
        children.bit_value,
        children.child_unit_name || ' (' || unread.row_label || ' at ' || unread.source_file || ':'
        || cast(unread.source_line as varchar) || ')' as unread_cell,
        unread.source_file,
        unread.source_line
    from unread
    inner join documents
        on unread.document_id = documents.document_id
    inner join children
        on unread.unit_id = children.child_unit_id
    left join edition_figures as read_figures
        on
            documents.fiscal_year = read_figures.report_year
            and {{ same_figure('unread', 'read_figures') }}
    where read_figures.unit_id is null
),

unread_child_sums as (
    select
        report_year,
        {{ figure_key() }},
        {{ bit_mask_columns('unread_mask', mask_words) }},
        string_agg(unread_cell, ', ' order by source_file, source_line) as unread_from
    from unread_children
    group by report_year, {{ figure_key() }}
),

-- Per report year and parent: which children some section of that year loads, which that
-- year's organisation has not (their section is loaded and prints them not), and which are in
-- no section of that year loaded.
parent_years as (
    select distinct
        report_year,
        unit_id as parent_unit_id
    from parent_figures
),

parent_year_children as (
    select
        parent_years.report_year,
        parent_years.parent_unit_id,
        children.child_unit_id,
        children.child_unit_name,
        children.child_hierarchy_source,
        children.bit_word,
        children.bit_value,
        loaded_units.unit_id is not null as is_child_loaded,
        loaded_units.unit_id is null and units_in_loaded_sections.unit_id is not null as is_child_absent
    from parent_years
    inner join children
        on parent_years.parent_unit_id = children.parent_unit_id
    left join loaded_units
        on
            parent_years.report_year = loaded_units.report_year
            and children.child_unit_id = loaded_units.unit_id
    left join units_in_loaded_sections
        on
            parent_years.report_year = units_in_loaded_sections.report_year
            and children.child_unit_id = units_in_loaded_sections.unit_id
),

-- The mask of the loaded children, the names of those not loaded, and the children of the
-- edges the text or the sums infer, named where the numbers contradict them: that year's only.
parent_year_loads as (
    select
        report_year,
        parent_unit_id,
        {{ bit_mask_columns('loaded_mask', mask_words, filter='is_child_loaded') }},
        string_agg(child_unit_name, ', ' order by child_unit_id) filter (
            where not is_child_loaded and not is_child_absent
        ) as children_not_loaded,
        string_agg(child_unit_id, ', ' order by child_unit_id) filter (
            where child_hierarchy_source = 'text' and not is_child_absent
        ) as children_from_text,
        string_agg(child_unit_id, ', ' order by child_unit_id) filter (
            where child_hierarchy_source = 'sums' and not is_child_absent
        ) as children_from_sums
    from parent_year_children
    group by report_year, parent_unit_id
),

-- Each parent figure with its children's sums, its printing children and its loaded children.
figure_sums as (
    select
        parent_figures.*,
        child_sums.computed_eur,
        coalesce(child_sums.term_count, 0) as term_count,
        child_sums.terms_rounding_eur,
        child_sums.incomparable_child_unit_id,
        {{ bit_masks_or_empty('child_sums', 'printing_mask', mask_words) }},
        {{ bit_masks_or_empty('unread_child_sums', 'unread_mask', mask_words) }},
        unread_child_sums.unread_from,
        {{ bit_mask_names('parent_year_loads.loaded_mask', mask_words) }},
        parent_year_loads.children_not_loaded,
        parent_year_loads.children_from_text,
        parent_year_loads.children_from_sums
    from parent_figures
    inner join parent_year_loads
        on
            parent_figures.report_year = parent_year_loads.report_year
            and parent_figures.unit_id = parent_year_loads.parent_unit_id
    left join child_sums
        on
            parent_figures.report_year = child_sums.report_year
            and {{ same_figure('parent_figures', 'child_sums') }}
    left join unread_child_sums
        on
            parent_figures.report_year = unread_child_sums.report_year
            and {{ same_figure('parent_figures', 'unread_child_sums') }}
),

-- The loaded children that do not print the figure, nor print it unreadably.
figure_sets as (
    select
        figure_sums.*,
        {{ bit_masks_without('loaded_mask', ['printing_mask', 'unread_mask'], mask_words, 'silent_mask') }}
    from figure_sums
),

-- Each distinct set of printing children, and of silent ones, named once per parent.
printing_set_names as (
    {{
        bit_mask_set_names(
            'figure_sets', 'children', 'printing_mask', mask_words, 'child_unit_id', ' + ',
            key=('unit_id', 'parent_unit_id')
        )
    }}
),

silent_set_names as (
    {{
        bit_mask_set_names(
            'figure_sets', 'children', 'silent_mask', mask_words, 'child_unit_name', ', ',
            key=('unit_id', 'parent_unit_id')
        )
    }}
),

named_sums as (
    select
        figure_sets.*,
        printing_set_names.names as computed_from,
        silent_set_names.names as children_not_printing,
        {{
            comparability_reason(
                'incomparable_figures.comparability_note',
                'incomparable_figures.source_file',
                'incomparable_figures.comparability_note_line'
            )
        }} as children_comparability_reason
    from figure_sets
    left join printing_set_names
        on
            figure_sets.unit_id = printing_set_names.unit_id
            and {{ bit_masks_equal('figure_sets', 'printing_set_names', 'printing_mask', mask_words) }}
    left join silent_set_names
        on
            figure_sets.unit_id = silent_set_names.unit_id
            and {{ bit_masks_equal('figure_sets', 'silent_set_names', 'silent_mask', mask_words) }}
    left join edition_figures as incomparable_figures
        on
            figure_sets.report_year = incomparable_figures.report_year
            and figure_sets.incomparable_child_unit_id = incomparable_figures.unit_id
            and {{ same_figure('figure_sets', 'incomparable_figures', compare_unit=false) }}
),

-- A sum that misses but ties a thousand times larger or smaller is a table read in the wrong scale
-- (a responsibility area under a board whose header alone says 1 000 €): never excused by
-- what the text says of the tree.
sums_with_scale_slips as (
    select
        *,
        coalesce(
            computed_eur <> 0
            and abs(amount_eur - computed_eur * sign_factor)
            > coalesce(terms_rounding_eur, 0) + {{ rounding_half_unit('amount_decimals') }}
            and (
                abs(amount_eur - computed_eur * sign_factor * 1000)
                <= coalesce(terms_rounding_eur, 0) * 1000 + {{ rounding_half_unit('amount_decimals') }}
                or abs(amount_eur * 1000 - computed_eur * sign_factor)
                <= coalesce(terms_rounding_eur, 0) + {{ rounding_half_unit('amount_decimals') }} * 1000
            ),
            false
        ) as is_scale_slip
    from named_sums
),

compared as (
    select
        document_id,
        {{ figure_key() }},
        amount_eur as expected_value,
        -- The children's sum with the warehouse's signs, given in the parent's printed sign.
        computed_eur * sign_factor as computed_value,
        term_count,
        computed_from
        || case
            when is_scale_slip
                then ' (a thousand times it, or a thousandth, would tie: a table read in the wrong scale?)'
            else ''
        end as computed_from,
        coalesce(terms_rounding_eur, 0) + {{ rounding_half_unit('amount_decimals') }} as tolerance,
        case
            when children_not_loaded is not null
                then
                    'no section of the ' || report_year || ' report loaded for: '
                    || children_not_loaded
            when children_not_printing is not null or unread_from is not null
                then
                    concat_ws(
                        '; ',
                        'not broken out by: ' || children_not_printing,
                        'a child''s figure could not be read (a rejected cell): ' || unread_from
                    )
        end as incomplete_reason,
        case
            when is_scale_slip then null
            when not is_comparable
                then {{ comparability_reason('comparability_note', 'source_file', 'comparability_note_line') }}
            when children_comparability_reason is not null
                then children_comparability_reason
            when children_from_text is not null
                then
                    'the text places ' || children_from_text || ' under '
                    || unit_id || ', and the numbers contradict it'
            when children_from_sums is not null
                then
                    'the printed sums place ' || children_from_sums || ' under '
                    || unit_id || ' elsewhere, and these numbers contradict it'
        end as warn_reason,
        source_file,
        source_line
    from sums_with_scale_slips
    -- A line item that no loaded child prints is not broken out by unit: nothing to sum.
    -- One that only some print cannot be summed either (their short tables may leave it
    -- out): incomplete, naming them, as is one a child prints unreadably.
    where term_count > 0 or children_not_loaded is not null or unread_from is not null
),

final as (
    {{
        reconciliation_check(
            'compared', 'unit_rollup', measure_unit="'eur'",
            absent=['mismatch_reason', 'value_decimals', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
