with budget_rows as (
    select * from {{ ref('stg_reports__budget_rows') }}
),

budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

line_item_names as (
    select * from {{ ref('int_line_item_names') }}
),

line_items as (
    select * from {{ ref('stg_reference__line_items') }}
),

amount_rows as (
    select * from budget_rows
    where not is_section_row
),

with_units as (
    select
        amount_rows.*,
        budget_tables.unit_id,
        {{ normalise_name('amount_rows.row_label') }} as label_key
    from amount_rows
    inner join budget_tables
        on
            amount_rows.document_id = budget_tables.document_id
            and amount_rows.table_line = budget_tables.table_line
),

-- The line item whose name is printed; else the one named by the label without its total word
-- (`Toimintatuotot yhteensä`).
printed_names as (
    select
        with_units.*,
        coalesce(as_printed.line_item_id, as_total.line_item_id) as printed_line_item_id,
        {{ is_breakdown('with_units.label_key') }} as is_breakdown
    from with_units
    left join line_item_names as as_printed
        on
            with_units.statement = as_printed.statement
            and with_units.label_key = as_printed.name_key
    left join line_item_names as as_total
        on
            as_printed.line_item_id is null
            and with_units.statement = as_total.statement
            and {{ without_total_word('with_units.label_key') }} = as_total.name_key
),

-- An investment table of all a unit's investments (asset class Yhteensä) may print its asset
-- classes as rows: `Talonrakennus`, ..., `Investointimenot yhteensä`, `Rahoitusosuudet`, ...,
-- `Nettoinvestoinnit`. A row there that the chart does not name (nor details the row above it)
-- is an asset class of its own, of the chart's line printed next below it (the total its block
-- adds into); where that line is a sum of lines (Netto), of the one of its terms that the table
-- does not print (`Rahoitusosuudet` after Investointimenot yhteensä, just above
-- Nettoinvestoinnit: Tulot). The investment_classes check adds the classes up.
whole_unit_rows as (
    select
        *,
        {{ nearest_line('printed_line_item_id is not null', 'after', 'table_order') }} as next_named_line
    from printed_names
    where statement = 'investment' and lower(investment_category) = '{{ var("whole_unit_category") }}'
    window table_order as (
        partition by document_id, table_line
        order by source_line
    )
),

class_rows as (
    select
        class_row.document_id,
        class_row.table_line,
        class_row.source_line,
        class_row.row_label,
        next_named.printed_line_item_id as next_line_item_id
    from whole_unit_rows as class_row
    inner join whole_unit_rows as next_named
        on
            class_row.document_id = next_named.document_id
            and class_row.table_line = next_named.table_line
            and class_row.next_named_line = next_named.source_line
    where class_row.printed_line_item_id is null and not class_row.is_breakdown
),

printed_lines as (
    select distinct
        document_id,
        table_line,
        printed_line_item_id as line_item_id
    from whole_unit_rows
    where printed_line_item_id is not null
),

-- The terms of a sum of lines printed next below a class row that its table does not print.
unprinted_terms as (
    select
        class_rows.document_id,
        class_rows.source_line,
        count(*) as term_count,
        min(terms.line_item_id) as line_item_id
    from class_rows
    inner join line_items as terms
        on class_rows.next_line_item_id = terms.parent_line_item_id
    left join printed_lines
        on
            class_rows.document_id = printed_lines.document_id
            and class_rows.table_line = printed_lines.table_line
            and terms.line_item_id = printed_lines.line_item_id
    where printed_lines.line_item_id is null
    group by class_rows.document_id, class_rows.source_line
),

class_lines as (
    select
        class_rows.document_id,
        class_rows.source_line,
        {{ sentence_case('class_rows.row_label') }} as asset_class,
        case
            when not next_lines.is_subtotal then class_rows.next_line_item_id
            when unprinted_terms.term_count = 1 then unprinted_terms.line_item_id
        end as class_line_item_id
    from class_rows
    inner join line_items as next_lines
        on class_rows.next_line_item_id = next_lines.line_item_id
    left join unprinted_terms
        on
            class_rows.document_id = unprinted_terms.document_id
            and class_rows.source_line = unprinted_terms.source_line
),

-- Each row with its line item (printed, or an asset class row's) and its asset class (the
-- table's, or the row's own).
named as (
    select
        printed_names.*,
        coalesce(printed_names.printed_line_item_id, class_lines.class_line_item_id) as curated_line_item_id,
        case
            when class_lines.class_line_item_id is not null then class_lines.asset_class
            else printed_names.investment_category
        end as asset_class
    from printed_names
    left join class_lines
        on
            printed_names.document_id = class_lines.document_id
            and printed_names.source_line = class_lines.source_line
),

-- A label the curated chart does not know printed twice in one table (`Ulkoiset` under
-- Toimintatuotot and again under Toimintakulut) is two lines: each is named after the curated
-- line that its block adds into (`toimintatuotot_ulkoiset`), as `Toimintatuotot, ulkoiset`
-- would be. Only such tables' rows are searched.
repeated_labels as (
    select
        document_id,
        table_line,
        label_key
    from named
    where curated_line_item_id is null
    group by document_id, table_line, label_key
    having count(*) > 1
),

repeated_tables as (
    select distinct
        document_id,
        table_line
    from repeated_labels
),

-- Each row of those tables with the curated lines printed next before and next after it: an
-- uncurated row's block is the run of uncurated rows between the two (or the table's edge).
neighboured_rows as (
    select
        named.*,
        {{ nearest_line('named.curated_line_item_id is not null', 'before', 'table_order') }} as line_before,
        {{ nearest_line('named.curated_line_item_id is not null', 'after', 'table_order') }} as line_after
    from named
    inner join repeated_tables
        on
            named.document_id = repeated_tables.document_id
            and named.table_line = repeated_tables.table_line
    window table_order as (
        partition by named.document_id, named.table_line
        order by named.source_line
    )
),

-- A block is keyed by the line printed right before it: its curated line, else the table's
-- header (the top of the table).
table_rows as (
    select
        *,
        coalesce(line_before, table_line) as block_line
    from neighboured_rows
),

repeated_rows as (
    select table_rows.*
    from table_rows
    inner join repeated_labels
        on
            table_rows.document_id = repeated_labels.document_id
            and table_rows.table_line = repeated_labels.table_line
            and table_rows.label_key = repeated_labels.label_key
    where table_rows.curated_line_item_id is null
),

-- The lines a block of repeated rows may add into: the curated line printed right before it
-- (terms printed under their total) and the one right after it (terms, then their total).
candidates as (
    select distinct
        document_id,
        table_line,
        block_line,
        'before' as candidate,
        line_before as candidate_line
    from repeated_rows
    where line_before is not null
    union all
    select distinct
        document_id,
        table_line,
        block_line,
        'after' as candidate,
        line_after as candidate_line
    from repeated_rows
    where line_after is not null
),

-- Each row of those tables once per printed amount column (empty cells kept: a column that
-- one side prints and the other leaves empty is a column where they differ).
table_figures as (
    {{-
        budget_amount_unpivot(
            'table_rows',
            [
                'document_id', 'table_line', 'source_line', 'block_line', 'curated_line_item_id',
                'amount_decimals', 'is_breakdown',
            ],
        )
    }}
),

-- Each block's figures summed per column, with the sum's rounding: half a printed unit of each
-- figure summed. A line that details the one above it (`josta`) is no term of the block's sum.
block_sums as (
    select
        document_id,
        table_line,
        block_line,
        source_column,
        sum(amount_eur) as block_eur,
        count(amount_eur) as figure_count,
        sum({{ rounding_half_unit('amount_decimals') }}) filter (where amount_eur is not null) as block_rounding_eur
    from table_figures
    where curated_line_item_id is null and not is_breakdown
    group by document_id, table_line, block_line, source_column
),

-- Each candidate's columns against its block's: a column is printed if either side prints a
-- figure in it, and adds up where both do and the block's sum is the candidate's figure within
-- the printed rounding (as int_budget_amounts__uncurated_terms reads a run above a total).
candidate_columns as (
    select
        candidates.document_id,
        candidates.table_line,
        candidates.block_line,
        candidates.candidate,
        candidate_figures.curated_line_item_id,
        candidate_figures.amount_eur is not null or block_sums.figure_count > 0 as is_printed,
        coalesce(
            {{
                adds_up_to(
                    'candidate_figures.amount_eur', 'candidate_figures.amount_decimals',
                    'block_sums.block_eur', 'block_sums.block_rounding_eur'
                )
            }},
            false
        ) as is_sum
    from candidates
    inner join table_figures as candidate_figures
        on
            candidates.document_id = candidate_figures.document_id
            and candidates.table_line = candidate_figures.table_line
            and candidates.candidate_line = candidate_figures.source_line
    inner join block_sums
        on
            candidates.document_id = block_sums.document_id
            and candidates.table_line = block_sums.table_line
            and candidates.block_line = block_sums.block_line
            and candidate_figures.source_column = block_sums.source_column
),

-- A candidate fits its block where every column that either prints adds up (at least one).
fitting_candidates as (
    select
        document_id,
        table_line,
        block_line,
        candidate,
        curated_line_item_id,
        bool_and(is_sum or not is_printed) and bool_or(is_sum) as is_fitting
    from candidate_columns
    group by document_id, table_line, block_line, candidate, curated_line_item_id
),

-- A block's owner is the one candidate that fits; where both or neither do, the curated line
-- printed before it (terms printed under their total), so that such tables keep their ids.
owners as (
    select
        document_id,
        table_line,
        block_line,
        case
            when count(*) filter (where is_fitting) = 1
                then max(curated_line_item_id) filter (where is_fitting)
            else max(curated_line_item_id) filter (where candidate = 'before')
        end as qualifier
    from fitting_candidates
    group by document_id, table_line, block_line
),

qualifiers as (
    select
        repeated_rows.document_id,
        repeated_rows.source_line,
        owners.qualifier
    from repeated_rows
    inner join owners
        on
            repeated_rows.document_id = owners.document_id
            and repeated_rows.table_line = owners.table_line
            and repeated_rows.block_line = owners.block_line
),

-- A line that details the one above it (`josta sisäiset` under Toimintakulut) is named after
-- the nearest line above it that is no such line: its curated line, else its own label
-- (`toimintakulut_josta_sisaiset`, `vuokratuotot_josta_sisaiset`), and is of its asset class.
-- Only tables that print one are searched.
breakdown_tables as (
    select distinct
        document_id,
        table_line
    from named
    where is_breakdown
),

detailed_lines as (
    select
        named.document_id,
        named.source_line,
        named.is_breakdown,
        {{ nearest_line('not named.is_breakdown', 'before', 'table_order') }} as detailed_line
    from named
    inner join breakdown_tables
        on
            named.document_id = breakdown_tables.document_id
            and named.table_line = breakdown_tables.table_line
    window table_order as (
        partition by named.document_id, named.table_line
        order by named.source_line
    )
),

breakdown_qualifiers as (
    select
        detailed_lines.document_id,
        detailed_lines.source_line,
        coalesce(detailed.curated_line_item_id, {{ slugify('detailed.row_label') }}) as qualifier,
        detailed.asset_class
    from detailed_lines
    inner join named as detailed
        on
            detailed_lines.document_id = detailed.document_id
            and detailed_lines.detailed_line = detailed.source_line
    where detailed_lines.is_breakdown
),

final as (
    select
        named.document_id,
        named.source_file,
        named.source_line,
        named.table_line,
        named.statement,
        -- A line that details an asset class row is of that class.
        coalesce(breakdown_qualifiers.asset_class, named.asset_class) as investment_category,
        named.unit_id,
        named.row_label,
        coalesce(
            named.curated_line_item_id,
            named.statement
            || '.'
            || coalesce(coalesce(qualifiers.qualifier, breakdown_qualifiers.qualifier) || '_', '')
            || {{ slugify('named.row_label') }}
        ) as line_item_id,
        named.curated_line_item_id is not null as is_curated_line_item,
        named.is_breakdown,
        {{- budget_amount_select('named') }}
        named.amount_scale,
        named.printed_decimals,
        named.amount_decimals,
        named.execution_pct_decimals,
        named.variance_convention,
        named.variance_convention_status,
        named.is_city_statement,
        named.is_prior_year_comparable,
        named.comparability_note,
        named.comparability_note_line
    from named
    left join qualifiers
        on
            named.document_id = qualifiers.document_id
            and named.source_line = qualifiers.source_line
    left join breakdown_qualifiers
        on
            named.document_id = breakdown_qualifiers.document_id
            and named.source_line = breakdown_qualifiers.source_line
)

select * from final
