{{ built_in_turn() }}

with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

term_sums as (
    select * from {{ ref('int_budget_amounts__term_sums') }}
),

uncurated_terms as (
    select * from {{ ref('int_budget_amounts__uncurated_terms') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

unread as (
    select * from {{ ref('int_budget_amounts__unread') }}
),

ancestry as (
    select * from {{ ref('int_line_items__ancestry') }}
),

-- A subtotal against its terms, read by its table's signs (macros/signs.sql): where the table
-- prints its costs positive, the terms are summed with the warehouse's signs and the sum
-- given back in the subtotal's printed sign (Netto 800 = Menot 1 000 - Tulot 200).
compared as (
    select
        figures.document_id,
        figures.unit_id,
        figures.line_item_id,
        figures.statement,
        figures.investment_category,
        figures.fiscal_year,
        figures.scenario,
        figures.amount_eur as expected_value,
        {{ sign_factor('line_items.direction', 'signs') }}
        * {{ signed_term_sum('term_sums', 'signs') }} as computed_value,
        term_sums.term_count,
        term_sums.computed_from || coalesce('; by the table''s signs: ' || signs.described_as, '') as computed_from,
        {{ subtotal_tolerance('figures', 'term_sums') }} as tolerance,
        figures.source_file,
        figures.source_line
    from figures
    inner join term_sums
        on
            figures.document_id = term_sums.document_id
            and {{ same_figure('figures', 'term_sums') }}
    left join line_items
        on figures.line_item_id = line_items.line_item_id
    left join signs
        on
            figures.document_id = signs.document_id
            and figures.table_line = signs.table_line
),

-- Where the curated terms miss the subtotal, the lines the curated chart does not know that a
-- printing of the subtotal has in a block above or below it (int_budget_amounts__uncurated_terms)
-- are its terms too if the numbers say so: the first such block whose lines make up the miss.
completing_blocks as (
    select
        compared.document_id,
        {{ figure_key('compared') }},
        uncurated_terms.uncurated_eur,
        uncurated_terms.uncurated_count,
        uncurated_terms.uncurated_rounding_eur,
        uncurated_terms.uncurated_from,
        uncurated_terms.first_term_line,
        uncurated_terms.last_term_line,
        row_number() over (
            partition by compared.document_id, {{ figure_key('compared') }}
            order by uncurated_terms.subtotal_line, uncurated_terms.block_position
        ) as block_rank
    from compared
    inner join uncurated_terms
        on
            compared.document_id = uncurated_terms.document_id
            and {{ same_figure('compared', 'uncurated_terms') }}
            and uncurated_terms.block_position in ('above', 'below')
    where
        not {{ within_tolerance('compared.expected_value', 'compared.computed_value', 'compared.tolerance') }}
        and {{
            within_tolerance(
                'compared.expected_value',
                'compared.computed_value + uncurated_terms.uncurated_eur',
                'compared.tolerance + uncurated_terms.uncurated_rounding_eur',
            )
        }}
),

completed as (
    select
        compared.document_id,
        {{ figure_key('compared') }},
        compared.expected_value,
        compared.computed_value + coalesce(completing_blocks.uncurated_eur, 0) as computed_value,
        compared.term_count + coalesce(completing_blocks.uncurated_count, 0) as term_count,
        coalesce(
            compared.computed_from || ' + ' || completing_blocks.uncurated_from, compared.computed_from
        ) as computed_from,
        compared.tolerance + coalesce(completing_blocks.uncurated_rounding_eur, 0) as tolerance,
        compared.source_file,
        compared.source_line,
        cast(null as varchar) as warn_reason
    from compared
    left join completing_blocks
        on
            compared.document_id = completing_blocks.document_id
            and {{ same_figure('compared', 'completing_blocks') }}
            and completing_blocks.block_rank = 1
),

-- A term printed with a figure that could not be read (a rejected cell: int_budget_amounts__unread)
-- is missing from the sum of the nearest subtotal above it that its column prints, as a read
-- figure would be its term (int_budget_amounts__term_sums); a subtotal further up sums that
-- one's printed figure, which the unread cell does not touch (macro nearest_subtotal_order).
unread_subtotals as (
    select
        unread.document_id,
        unread.unit_id,
        unread.statement,
        unread.investment_category,
        ancestry.ancestor_line_item_id as line_item_id,
        unread.fiscal_year,
        unread.scenario,
        unread.row_label,
        unread.source_line,
        row_number() over (
            partition by unread.document_id, {{ figure_key('unread') }}, unread.source_line
            order by {{ nearest_subtotal_order('ancestry') }}
        ) as subtotal_rank
    from unread
    inner join ancestry
        on unread.line_item_id = ancestry.line_item_id
    inner join figures
        on
            unread.document_id = figures.document_id
            and ancestry.ancestor_line_item_id = figures.line_item_id
            and {{ same_figure('unread', 'figures', compare_line_item=false) }}
),

unread_terms as (
    select
        document_id,
        {{ figure_key() }},
        string_agg(row_label || ' at line ' || cast(source_line as varchar), ', ' order by source_line) as unread_from
    from unread_subtotals
    where subtotal_rank = 1
    group by document_id, {{ figure_key() }}
),

-- A subtotal that its read terms do not make up, with a term unread, is incomplete: the missing
-- figure may be the difference. One they make up stands checked.
completed_with_unread as (
    select
        completed.*,
        case
            when
                unread_terms.unread_from is not null
                and not {{
                    within_tolerance('completed.expected_value', 'completed.computed_value', 'completed.tolerance')
                }}
                then 'a term''s figure could not be read (a rejected cell): ' || unread_terms.unread_from
        end as incomplete_reason
    from completed
    left join unread_terms
        on
            completed.document_id = unread_terms.document_id
            and {{ same_figure('completed', 'unread_terms') }}
),

-- The lines of the blocks that complete a printed subtotal's terms: the numbers say they are
-- that subtotal's.
completing_lines as (
    select
        document_id,
        {{ figure_key() }},
        first_term_line,
        last_term_line
    from completing_blocks
    where block_rank = 1
),

-- A subtotal none of whose printed terms the curated chart knows (`Toimintatuotot, ulkoiset`
-- and `Toimintatuotot, sisäiset` just above `Toimintatuotot`) is checked against the run of
-- uncurated lines just above a printing of it. That they are its terms is the layout's word
-- only, so where they do not add up the check warns, naming them. A run among the lines that
-- complete another subtotal printed in the column is that subtotal's: in a municipal
-- enterprise's company form, an unknown line above a plain `Henkilöstökulut` is one of
-- Liikeylijäämä's terms, as Henkilöstökulut is, not Henkilöstökulut's.
uncurated_sums as (
    select
        figures.document_id,
        {{ figure_key('figures') }},
        figures.amount_eur as expected_value,
        uncurated_terms.uncurated_eur as computed_value,
        uncurated_terms.uncurated_count as term_count,
        uncurated_terms.uncurated_from as computed_from,
        uncurated_terms.uncurated_rounding_eur + {{ rounding_half_unit('figures.amount_decimals') }} as tolerance,
        figures.source_file,
        figures.source_line,
        uncurated_terms.subtotal_line,
        uncurated_terms.block_position
    from figures
    inner join uncurated_terms
        on
            figures.document_id = uncurated_terms.document_id
            and {{ same_figure('figures', 'uncurated_terms') }}
            and uncurated_terms.block_position = 'just_above'
    left join term_sums
        on
            figures.document_id = term_sums.document_id
            and {{ same_figure('figures', 'term_sums') }}
    left join completing_lines
        on
            figures.document_id = completing_lines.document_id
            and {{ same_figure('figures', 'completing_lines', compare_line_item=false) }}
            and uncurated_terms.first_term_line >= completing_lines.first_term_line
            and uncurated_terms.last_term_line <= completing_lines.last_term_line
    where
        term_sums.document_id is null
        and completing_lines.document_id is null
),

-- Of a subtotal's printings, the first run that adds up to it, else the first.
ranked_uncurated_sums as (
    select
        *,
        row_number() over (
            partition by document_id, {{ figure_key() }}
            order by
                case when {{ within_tolerance('expected_value', 'computed_value', 'tolerance') }} then 0 else 1 end,
                subtotal_line,
                block_position
        ) as block_rank
    from uncurated_sums
),

uncurated_checked as (
    select
        document_id,
        {{ figure_key() }},
        expected_value,
        computed_value,
        term_count,
        computed_from,
        tolerance,
        source_file,
        source_line,
        'its printed terms are all lines the curated chart does not know; read by the layout as its terms, '
        || 'they do not add up to it' as warn_reason,
        cast(null as varchar) as incomplete_reason
    from ranked_uncurated_sums
    where block_rank = 1
),

checked as (
    select * from completed_with_unread
    union all
    select * from uncurated_checked
),

-- A column's lines add up whether or not the column is comparable with another year's
-- organisation: a note on comparability excuses nothing here; only terms that the curated
-- chart does not know at all warn instead of failing.
final as (
    {{
        reconciliation_check(
            'checked', 'subtotal', measure_unit="'eur'",
            absent=['mismatch_reason', 'value_decimals', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
