{#- Apart from the subtotal check that compares them (int_reconciliation__subtotals): the sums
    and their masks' names are built here, and the printed subtotals joined to the result
    there, so that neither holds the other's hash tables (README, Scale). -#}
{%- set mask_words = bit_mask_words(
    ref('int_line_items'), 'select count(*) from {relation} where parent_line_item_id is not null'
) -%}
{{ built_in_turn() }}

with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

ancestry as (
    select * from {{ ref('int_line_items__ancestry') }}
),

-- Each figure beside each subtotal above its line item, and the figures of subtotals: the
-- joins below go through the line-item hierarchy, never figure to figure within a column
-- (which grows with the square of a table's length: 7.2 million pairs for 1 200 rows).
term_ancestors as (
    select
        figures.document_id,
        {{ figure_key('figures') }},
        figures.amount_eur,
        figures.amount_decimals,
        ancestry.ancestor_line_item_id,
        ancestry.ancestor_distance
    from figures
    inner join ancestry
        on figures.line_item_id = ancestry.line_item_id
),

subtotal_figures as (
    select *
    from figures
    where line_item_id in (select ancestry.ancestor_line_item_id from ancestry)
),

-- A printed figure is a term of the nearest subtotal above it that the same column of the
-- same unit prints: where a report leaves out a subtotal (prints Toimintakulut's lines but
-- not Toimintakulut), its lines count towards the next subtotal up; in a municipal
-- enterprise's company form, Henkilöstökulut counts towards Liikeylijäämä, not Toimintakulut
-- (int_line_items__ancestry; macro nearest_subtotal_order).
subtotals_printed as (
    select
        term_ancestors.document_id,
        {{ figure_key('term_ancestors') }},
        term_ancestors.amount_eur,
        term_ancestors.amount_decimals,
        term_ancestors.ancestor_line_item_id as subtotal_line_item_id,
        row_number() over (
            partition by term_ancestors.document_id, {{ figure_key('term_ancestors') }}
            order by {{ nearest_subtotal_order('term_ancestors') }}
        ) as subtotal_rank
    from term_ancestors
    inner join subtotal_figures
        on
            term_ancestors.document_id = subtotal_figures.document_id
            and {{ same_figure('term_ancestors', 'subtotal_figures', compare_line_item=false) }}
            and term_ancestors.ancestor_line_item_id = subtotal_figures.line_item_id
),

terms as (
    select
        document_id,
        {{ figure_key() }},
        amount_eur,
        amount_decimals,
        subtotal_line_item_id
    from subtotals_printed
    where subtotal_rank = 1
),

-- Each line item under a subtotal has a place in the term masks, in the hierarchy's order: a
-- column's set of terms is a fixed-size number, not a growing list, so the sums of millions
-- of columns can spill.
line_item_places as (
    select
        line_item_id,
        direction,
        {{ bit_place('row_number() over (order by sort_order, line_item_id) - 1') }}
    from line_items
    where parent_line_item_id is not null
),

placed_terms as (
    select
        terms.*,
        line_item_places.direction,
        line_item_places.bit_word,
        line_item_places.bit_value
    from terms
    inner join line_item_places
        on terms.line_item_id = line_item_places.line_item_id
),

term_sums as (
    select
        document_id,
        unit_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        subtotal_line_item_id as line_item_id,
        sum(amount_eur) as computed_eur,
        -- The terms of each direction apart, which a table's reading may turn (macros/signs.sql).
        coalesce(sum(case when direction = 'revenue' then amount_eur end), 0) as revenue_terms_eur,
        coalesce(sum(case when direction = 'expenditure' then amount_eur end), 0) as expenditure_terms_eur,
        coalesce(sum(case when direction = 'balance' then amount_eur end), 0) as balance_terms_eur,
        count(*) as term_count,
        sum({{ rounding_half_unit('amount_decimals') }}) as terms_rounding_eur,
        {{ bit_mask_columns('term_mask', mask_words) }}
    from placed_terms
    group by document_id, unit_id, statement, investment_category, fiscal_year, scenario, subtotal_line_item_id
),

-- Each distinct set of terms named once: its line items in the hierarchy's order.
term_set_names as (
    {{ bit_mask_set_names('term_sums', 'line_item_places', 'term_mask', mask_words, 'line_item_id', ' + ') }}
),

named_term_sums as (
    select
        term_sums.*,
        term_set_names.names as computed_from
    from term_sums
    inner join term_set_names
        on {{ bit_masks_equal('term_sums', 'term_set_names', 'term_mask', mask_words) }}
),

-- The sums without their masks, which only named them, in the check's decimal type on every engine.
final as (
    select
        document_id,
        {{ figure_key() }},
        cast(computed_eur as decimal(20, 6)) as computed_eur,
        cast(revenue_terms_eur as decimal(20, 6)) as revenue_terms_eur,
        cast(expenditure_terms_eur as decimal(20, 6)) as expenditure_terms_eur,
        cast(balance_terms_eur as decimal(20, 6)) as balance_terms_eur,
        term_count,
        cast(terms_rounding_eur as decimal(20, 6)) as terms_rounding_eur,
        computed_from
    from named_term_sums
)

select * from final
