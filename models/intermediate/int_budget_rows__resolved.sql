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

ancestry as (
    select * from {{ ref('int_line_items__ancestry') }}
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

names_anywhere as (
    select * from line_item_names
    where beside_key is null
),

-- The lines each table prints under a name of their own (as printed, or without its total word).
lines_named_anywhere as (
    select
        with_units.document_id,
        with_units.table_line,
        names_anywhere.statement,
        names_anywhere.line_item_id
    from with_units
    inner join names_anywhere
        on
            with_units.statement = names_anywhere.statement
            and with_units.label_key = names_anywhere.name_key
    union
    select
        with_units.document_id,
        with_units.table_line,
        names_anywhere.statement,
        names_anywhere.line_item_id
    from with_units
    inner join names_anywhere
        on
            with_units.statement = names_anywhere.statement
            and {{ without_total_word('with_units.label_key') }} = names_anywhere.name_key
),

-- The labels each table prints, on rows of figures or as captions over them (`TOIMINTATUOTOT`).
printed_labels as (
    select
        document_id,
        table_line,
        statement,
        label_key
    from with_units
    union
    select
        document_id,
        table_line,
        statement,
        {{ normalise_name('row_label') }} as label_key
    from budget_rows
    where is_section_row
),

-- The names that are a line's only where the same table prints another line too, in each table
-- that prints it (`Menot` beside `Nettomenot` or `Netto`: a unit's Toimintakulut; `Avustukset`
-- beside Toimintatuotot, its total or a caption), and prints that line under no name of its own:
-- beside Toimintakulut printed so, `Menot` is another line (an investment's, in a table of a
-- unit's operations and its investments).
names_beside as (
    select distinct
        printed_labels.document_id,
        printed_labels.table_line,
        line_item_names.statement,
        line_item_names.name_key,
        line_item_names.line_item_id
    from printed_labels
    inner join line_item_names
        on
            printed_labels.statement = line_item_names.statement
            and {{ without_total_word('printed_labels.label_key') }} = line_item_names.beside_key
    left join lines_named_anywhere
        on
            printed_labels.document_id = lines_named_anywhere.document_id
            and printed_labels.table_line = lines_named_anywhere.table_line
            and line_item_names.statement = lines_named_anywhere.statement
            and line_item_names.line_item_id = lines_named_anywhere.line_item_id
    where lines_named_anywhere.line_item_id is null
),

-- The keys that name a line of the chart anywhere or beside another (once each).
name_keys as (
    select distinct
        statement,
        name_key
    from line_item_names
),

-- The line item whose name is printed (where its table prints what the name needs beside it);
-- else the one named by the label without its total word (`Toimintatuotot yhteensä`, `Menot
-- yhteensä` beside Nettomenot). A label that names one line anywhere and another beside a line
-- its table prints keeps both (own_line_item_id, beside_line_item_id) for its place to decide.
name_candidates as (
    select
        with_units.*,
        beside.line_item_id as beside_line_item_id,
        as_printed.line_item_id as own_line_item_id,
        coalesce(beside.line_item_id, as_printed.line_item_id, beside_total.line_item_id, as_total.line_item_id)
            as read_line_item_id,
        {{ is_breakdown('with_units.label_key') }} as is_breakdown
    from with_units
    left join names_beside as beside
        on
            with_units.document_id = beside.document_id
            and with_units.table_line = beside.table_line
            and with_units.statement = beside.statement
            and with_units.label_key = beside.name_key
    left join names_anywhere as as_printed
        on
            with_units.statement = as_printed.statement
            and with_units.label_key = as_printed.name_key
    -- The label without its total word is a key only where the label itself named no line: an
    -- equality the engine joins by hash (a condition on the joins before it would be a nested loop).
    left join names_beside as beside_total
        on
            with_units.document_id = beside_total.document_id
            and with_units.table_line = beside_total.table_line
            and with_units.statement = beside_total.statement
            and case
                when beside.line_item_id is null and as_printed.line_item_id is null
                    then {{ without_total_word('with_units.label_key') }}
            end = beside_total.name_key
    left join names_anywhere as as_total
        on
            with_units.statement = as_total.statement
            and case
                when beside.line_item_id is null and as_printed.line_item_id is null
                    then {{ without_total_word('with_units.label_key') }}
            end = as_total.name_key
),

-- A row whose label names one line anywhere and another beside a line its table prints
-- (`Avustukset`: the cost line Avustukset, and Tuet ja avustukset, the Treasury's short form of
-- it, beside Toimintatuotot) is the line beside only where it is printed among that line's terms:
-- above its total with none but its terms between (`Maksutuotot`, `Avustukset`, `Muut
-- toimintatuotot`, `Toimintatuotot`), under a caption naming it (`TOIMINTATUOTOT`), or below its
-- total printed first where the terms after it add up to it (contested_* below). Elsewhere
-- (among the costs) it is the line it names anywhere.
contested_rows as (
    select
        document_id,
        table_line,
        source_line,
        statement,
        label_key,
        beside_line_item_id
    from name_candidates
    where beside_line_item_id <> own_line_item_id
),

contested_tables as (
    select distinct
        document_id,
        table_line
    from contested_rows
),

-- Each printing of the line a contested row is read beside (the line its beside label names
-- anywhere): its total, or a caption over its terms.
contested_totals as (
    select
        contested_rows.document_id,
        contested_rows.table_line,
        contested_rows.source_line,
        budget_rows.source_line as total_line,
        budget_rows.is_section_row as is_caption,
        totals.line_item_id as total_line_item_id
    from contested_rows
    inner join line_item_names as rules
        on
            contested_rows.statement = rules.statement
            and contested_rows.label_key = rules.name_key
            and contested_rows.beside_line_item_id = rules.line_item_id
    inner join names_anywhere as totals
        on
            rules.statement = totals.statement
            and rules.beside_key = totals.name_key
    inner join budget_rows
        on
            contested_rows.document_id = budget_rows.document_id
            and contested_rows.table_line = budget_rows.table_line
            and {{ without_total_word(normalise_name('budget_rows.row_label')) }} = rules.beside_key
),

-- The rows of those tables that may end a run of a line's terms: those read as a line of the
-- chart, and captions.
contested_table_rows as (
    select
        name_candidates.document_id,
        name_candidates.table_line,
        name_candidates.source_line,
        name_candidates.read_line_item_id
    from name_candidates
    inner join contested_tables
        on
            name_candidates.document_id = contested_tables.document_id
            and name_candidates.table_line = contested_tables.table_line
    where name_candidates.read_line_item_id is not null
    union all
    select
        budget_rows.document_id,
        budget_rows.table_line,
        budget_rows.source_line,
        cast(null as varchar) as read_line_item_id
    from budget_rows
    inner join contested_tables
        on
            budget_rows.document_id = contested_tables.document_id
            and budget_rows.table_line = contested_tables.table_line
    where budget_rows.is_section_row
),

contested_total_lines as (
    select distinct
        document_id,
        table_line,
        total_line_item_id
    from contested_totals
),

-- Those rows against each line read beside in their table: the ones that end a run of its
-- terms, a caption or a row read as a line of the chart not under it (a row the chart does not
-- know, or one under the line, does not).
contested_run_ends as (
    select
        contested_table_rows.document_id,
        contested_table_rows.table_line,
        contested_table_rows.source_line,
        contested_total_lines.total_line_item_id
    from contested_table_rows
    inner join contested_total_lines
        on
            contested_table_rows.document_id = contested_total_lines.document_id
            and contested_table_rows.table_line = contested_total_lines.table_line
    left join ancestry
        on
            contested_table_rows.read_line_item_id = ancestry.line_item_id
            and contested_total_lines.total_line_item_id = ancestry.ancestor_line_item_id
    where ancestry.line_item_id is null
),

-- The printings each contested row reaches: no run end lies between the two.
contested_reaches as (
    select contested_totals.*
    from contested_totals
    left join contested_run_ends
        on
            contested_totals.document_id = contested_run_ends.document_id
            and contested_totals.table_line = contested_run_ends.table_line
            and contested_totals.total_line_item_id = contested_run_ends.total_line_item_id
            and contested_run_ends.source_line > least(contested_totals.source_line, contested_totals.total_line)
            and contested_run_ends.source_line < greatest(contested_totals.source_line, contested_totals.total_line)
    where contested_run_ends.source_line is null
),

-- A total printed above the contested row it reaches, with the run of rows after it up to the
-- next run end (or the table's end): its terms, where they add up to it.
contested_total_firsts as (
    select
        contested_reaches.document_id,
        contested_reaches.table_line,
        contested_reaches.source_line as contested_line,
        contested_reaches.total_line,
        contested_reaches.total_line_item_id,
        min(contested_run_ends.source_line) as run_end_line
    from contested_reaches
    left join contested_run_ends
        on
            contested_reaches.document_id = contested_run_ends.document_id
            and contested_reaches.table_line = contested_run_ends.table_line
            and contested_reaches.total_line_item_id = contested_run_ends.total_line_item_id
            and contested_reaches.total_line < contested_run_ends.source_line
    where not contested_reaches.is_caption and contested_reaches.total_line < contested_reaches.source_line
    group by
        contested_reaches.document_id, contested_reaches.table_line, contested_reaches.source_line,
        contested_reaches.total_line, contested_reaches.total_line_item_id
),

-- The terms of such a run: its rows read as lines right under the total, or as no line of the
-- chart, that detail no line above them.
contested_run_terms as (
    select
        contested_total_firsts.contested_line,
        contested_total_firsts.total_line,
        name_candidates.*
    from contested_total_firsts
    inner join name_candidates
        on
            contested_total_firsts.document_id = name_candidates.document_id
            and contested_total_firsts.table_line = name_candidates.table_line
            and contested_total_firsts.total_line < name_candidates.source_line
            and (
                contested_total_firsts.run_end_line is null
                or contested_total_firsts.run_end_line > name_candidates.source_line
            )
    left join line_items
        on name_candidates.read_line_item_id = line_items.line_item_id
    where
        not name_candidates.is_breakdown
        and (
            name_candidates.read_line_item_id is null
            or line_items.parent_line_item_id = contested_total_firsts.total_line_item_id
        )
),

contested_term_figures as (
    {{-
        budget_amount_unpivot(
            'contested_run_terms', ['document_id', 'contested_line', 'total_line', 'amount_decimals']
        )
    }}
),

contested_term_sums as (
    select
        document_id,
        contested_line,
        total_line,
        source_column,
        sum(amount_eur) as terms_eur,
        count(amount_eur) as term_count,
        sum({{ rounding_half_unit('amount_decimals') }}) filter (where amount_eur is not null) as terms_rounding_eur
    from contested_term_figures
    group by document_id, contested_line, total_line, source_column
),

contested_first_total_lines as (
    select distinct
        document_id,
        total_line
    from contested_total_firsts
),

contested_total_rows as (
    select name_candidates.*
    from name_candidates
    inner join contested_first_total_lines
        on
            name_candidates.document_id = contested_first_total_lines.document_id
            and name_candidates.source_line = contested_first_total_lines.total_line
),

contested_total_figures as (
    {{- budget_amount_unpivot('contested_total_rows', ['document_id', 'source_line', 'amount_decimals']) }}
),

-- A total printed first that its run adds up to in every column either prints, and is no total
-- of zeros (which any run of zeros adds up to).
contested_fitting_firsts as (
    select
        contested_term_sums.document_id,
        contested_term_sums.contested_line
    from contested_term_sums
    inner join contested_total_figures
        on
            contested_term_sums.document_id = contested_total_figures.document_id
            and contested_term_sums.total_line = contested_total_figures.source_line
            and contested_term_sums.source_column = contested_total_figures.source_column
    group by contested_term_sums.document_id, contested_term_sums.contested_line, contested_term_sums.total_line
    having
        {{
            adds_up_in_every_column(
                'contested_total_figures.amount_eur', 'contested_total_figures.amount_decimals',
                'contested_term_sums.terms_eur', 'contested_term_sums.terms_rounding_eur',
                'contested_term_sums.term_count'
            )
        }}
        and bool_or(contested_total_figures.amount_eur <> 0)
),

-- The contested rows printed among the terms of the line they are read beside.
contested_placed as (
    select
        document_id,
        source_line
    from contested_reaches
    where
        (not is_caption and total_line > source_line)
        or (is_caption and total_line < source_line)
    union
    select
        document_id,
        contested_line as source_line
    from contested_fitting_firsts
),

printed_names as (
    select
        name_candidates.*,
        case
            when
                name_candidates.beside_line_item_id <> name_candidates.own_line_item_id
                and contested_placed.source_line is null
                then name_candidates.own_line_item_id
            else name_candidates.read_line_item_id
        end as printed_line_item_id
    from name_candidates
    left join contested_placed
        on
            name_candidates.document_id = contested_placed.document_id
            and name_candidates.source_line = contested_placed.source_line
),

-- A label the curated chart does not know printed twice in one table (`Ulkoiset` under
-- Toimintatuotot and again under Toimintakulut) is two lines: each is named after the curated
-- line that its block adds into (`toimintatuotot_ulkoiset`), as `Toimintatuotot, ulkoiset`
-- would be.
repeated_labels as (
    select
        document_id,
        table_line,
        label_key
    from printed_names
    where printed_line_item_id is null
    group by document_id, table_line, label_key
    having count(*) > 1
),

-- An investment table of all a unit's investments (asset class Yhteensä) may print its asset
-- classes as rows: `Talonrakennus`, ..., `Investointimenot yhteensä`, `Maa-alueiden myynti`, ...,
-- `Investointitulot yhteensä`, `Nettoinvestoinnit`, or each total above its classes, or Menot's
-- above its classes and Tulot's below its own. A row there that the chart does not name (nor
-- details the row above it) is an asset class of its own, of the line its block adds into
-- (class_owners), or of its side of the block's split (block_splits).
class_tables as (
    select distinct
        document_id,
        table_line
    from printed_names
    where
        statement = 'investment'
        and lower(investment_category) = '{{ var("whole_unit_category") }}'
        and printed_line_item_id is null
        and not is_breakdown
),

-- Only the rows of these two kinds of table are searched for blocks.
block_tables as (
    select
        document_id,
        table_line
    from repeated_labels
    union
    select
        document_id,
        table_line
    from class_tables
),

-- Each row of those tables with the curated lines printed next before and next after it: an
-- uncurated row's block is the run of uncurated rows between the two (or the table's edge).
neighboured_rows as (
    select
        printed_names.*,
        {{ nearest_line('printed_names.printed_line_item_id is not null', 'before', 'table_order') }} as line_before,
        {{ nearest_line('printed_names.printed_line_item_id is not null', 'after', 'table_order') }} as line_after
    from printed_names
    inner join block_tables
        on
            printed_names.document_id = block_tables.document_id
            and printed_names.table_line = block_tables.table_line
    window table_order as (
        partition by printed_names.document_id, printed_names.table_line
        order by printed_names.source_line
    )
),

-- A block is keyed by the line printed right before it: its curated line, else the table's
-- header (the top of the table).
blocked_rows as (
    select
        *,
        coalesce(line_before, table_line) as block_line
    from neighboured_rows
),

-- A block of asset classes may print each class's projects above the class's own total
-- (`Koulun peruskorjaus`, `Päiväkoti`, `Talonrakennus yhteensä`): a row named by a total word
-- and a name (a class total) is the class, and the rows of its block printed since the last
-- such total, or the block's top, are its projects, no terms of the block's sum.
class_block_rows as (
    select
        blocked_rows.*,
        {{ without_total_word('blocked_rows.label_key') }} <> blocked_rows.label_key as is_class_total,
        {{ names_a_total('blocked_rows.label_key') }} as is_total
    from blocked_rows
    inner join class_tables
        on
            blocked_rows.document_id = class_tables.document_id
            and blocked_rows.table_line = class_tables.table_line
    where blocked_rows.printed_line_item_id is null and not blocked_rows.is_breakdown
),

totalled_rows as (
    select
        *,
        {{ nearest_line('is_class_total', 'after', 'block_order') }} as class_total_line
    from class_block_rows
    window block_order as (
        partition by document_id, table_line, block_line
        order by source_line
    )
),

-- ... or print the class's total first, in bold, over its projects (`Maa- ja vesialueet`,
-- `Maanhankinta`, `Kaavoitukseen liittyvät tutkimukset`): a bold row naming no total is such
-- a head where the rows after it, up to the next bold row, add up to it in every column
-- either prints (at least one).
headed_rows as (
    select
        *,
        {{ nearest_line('is_bold', 'before', 'block_order') }} as head_line
    from totalled_rows
    window block_order as (
        partition by document_id, table_line, block_line
        order by source_line
    )
),

head_terms as (
    select headed_rows.*
    from headed_rows
    inner join class_block_rows as heads
        on
            headed_rows.document_id = heads.document_id
            and headed_rows.head_line = heads.source_line
    where
        not heads.is_total
        and not headed_rows.is_bold
        and not headed_rows.is_total
        and headed_rows.class_total_line is null
),

head_term_figures as (
    {{- budget_amount_unpivot('head_terms', ['document_id', 'head_line', 'amount_decimals']) }}
),

head_figures as (
    {{- budget_amount_unpivot('class_block_rows', ['document_id', 'source_line', 'amount_decimals']) }}
),

head_sums as (
    select
        document_id,
        head_line,
        source_column,
        sum(amount_eur) as terms_eur,
        count(amount_eur) as term_count,
        sum({{ rounding_half_unit('amount_decimals') }}) filter (where amount_eur is not null) as terms_rounding_eur
    from head_term_figures
    group by document_id, head_line, source_column
),

fitting_heads as (
    select
        head_sums.document_id,
        head_sums.head_line
    from head_sums
    inner join head_figures
        on
            head_sums.document_id = head_figures.document_id
            and head_sums.head_line = head_figures.source_line
            and head_sums.source_column = head_figures.source_column
    group by head_sums.document_id, head_sums.head_line
    having
        {{
            adds_up_in_every_column(
                'head_figures.amount_eur', 'head_figures.amount_decimals',
                'head_sums.terms_eur', 'head_sums.terms_rounding_eur', 'head_sums.term_count'
            )
        }}
),

project_rows as (
    select
        document_id,
        source_line,
        class_total_line
    from totalled_rows
    where not is_total and class_total_line is not null
    union all
    select
        head_terms.document_id,
        head_terms.source_line,
        head_terms.head_line as class_total_line
    from head_terms
    inner join fitting_heads
        on
            head_terms.document_id = fitting_heads.document_id
            and head_terms.head_line = fitting_heads.head_line
),

-- A block's term: a row the chart does not name, that details no line above it (`josta`) and
-- is no project under its asset class (block_rows, block_sums and split_terms read this one flag).
table_rows as (
    select
        blocked_rows.*,
        project_rows.class_total_line,
        (
            blocked_rows.printed_line_item_id is null
            and not blocked_rows.is_breakdown
            and project_rows.class_total_line is null
        ) as is_block_term
    from blocked_rows
    left join project_rows
        on
            blocked_rows.document_id = project_rows.document_id
            and blocked_rows.source_line = project_rows.source_line
),

block_rows as (
    select * from table_rows
    where is_block_term
),

repeated_rows as (
    select table_rows.*
    from table_rows
    inner join repeated_labels
        on
            table_rows.document_id = repeated_labels.document_id
            and table_rows.table_line = repeated_labels.table_line
            and table_rows.label_key = repeated_labels.label_key
    where table_rows.printed_line_item_id is null
),

-- The lines a block may add into: the curated line printed right before it (terms printed
-- under their total) and the one right after it (terms, then their total).
candidates as (
    select distinct
        document_id,
        table_line,
        block_line,
        'before' as candidate,
        line_before as candidate_line
    from block_rows
    where line_before is not null
    union all
    select distinct
        document_id,
        table_line,
        block_line,
        'after' as candidate,
        line_after as candidate_line
    from block_rows
    where line_after is not null
),

-- Each row of those tables once per printed amount column (empty cells kept: a column that
-- one side prints and the other leaves empty is a column where they differ).
table_figures as (
    {{-
        budget_amount_unpivot(
            'table_rows',
            [
                'document_id', 'table_line', 'source_line', 'block_line', 'printed_line_item_id',
                'amount_decimals', 'is_block_term',
            ],
        )
    }}
),

-- Each block's figures summed per column, with the sum's rounding: half a printed unit of each
-- figure summed, of the block's terms alone (is_block_term).
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
    where is_block_term
    group by document_id, table_line, block_line, source_column
),

-- Each candidate's columns beside its block's sums.
candidate_columns as (
    select
        candidates.document_id,
        candidates.table_line,
        candidates.block_line,
        candidates.candidate,
        candidate_figures.printed_line_item_id as curated_line_item_id,
        candidate_figures.source_column,
        candidate_figures.amount_eur as candidate_eur,
        candidate_figures.amount_decimals as candidate_decimals,
        block_sums.block_eur,
        block_sums.block_rounding_eur,
        block_sums.figure_count
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

-- A candidate fits its block where every column that either prints adds up (at least one),
-- within the printed rounding, as int_budget_amounts__uncurated_terms reads a run above a total.
fitting_candidates as (
    select
        document_id,
        table_line,
        block_line,
        candidate,
        curated_line_item_id,
        {{
            adds_up_in_every_column(
                'candidate_eur', 'candidate_decimals', 'block_eur', 'block_rounding_eur', 'figure_count'
            )
        }} as is_fitting
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

-- The lines beside a block of asset classes, each with whether classes may add into it: a line
-- right under the statement's top line (Menot, Tulot; never Netto, nor a line of Tulot's such as
-- Rahoitusosuudet investointimenoihin), and with the line it is of.
class_candidates as (
    select
        fitting_candidates.*,
        line_items.parent_line_item_id,
        top_lines.line_item_id is not null as is_class_line
    from fitting_candidates
    inner join class_tables
        on
            fitting_candidates.document_id = class_tables.document_id
            and fitting_candidates.table_line = class_tables.table_line
    inner join line_items
        on fitting_candidates.curated_line_item_id = line_items.line_item_id
    left join line_items as top_lines
        on
            line_items.parent_line_item_id = top_lines.line_item_id
            and top_lines.parent_line_item_id is null
),

-- Each block of asset classes with the lines beside it: the one classes may add into that its
-- classes add up to (how many do), the one printed right after it, and the line the one printed
-- right before it is of.
block_candidates as (
    select
        document_id,
        table_line,
        block_line,
        count(*) filter (where is_fitting and is_class_line) as fitting_count,
        max(curated_line_item_id) filter (where is_fitting and is_class_line) as fitting_line_item_id,
        max(curated_line_item_id) filter (where candidate = 'after' and is_class_line) as after_line_item_id,
        max(parent_line_item_id) filter (where candidate = 'before') as before_parent_line_item_id
    from class_candidates
    group by document_id, table_line, block_line
),

-- The line a block of asset classes adds into: of the lines beside it classes may add into, the
-- one its classes add up to in every column; where neither does, the one printed right after it
-- (classes, then their total), which the investment_classes check then fails on, unless the
-- block splits between the two (block_splits), or the line printed right before it is one of
-- that line's own (Rahoitusosuudet investointimenoihin, then `Muut tulot`, then Investointitulot
-- yhteensä: a further line of Tulot beside the chart's, no class). Where both fit, or none is
-- beside it (`Muut tulot` between Investointimenot yhteensä and Rahoitusosuudet
-- investointimenoihin), its rows stay lines of their own, which the subtotal above them reads as
-- its terms where they add up.
class_owners as (
    select
        document_id,
        table_line,
        block_line,
        case
            when fitting_count = 1 then fitting_line_item_id
            when fitting_count = 0 and coalesce(after_line_item_id <> before_parent_line_item_id, true)
                then after_line_item_id
        end as class_line_item_id
    from block_candidates
),

-- A table may print Menot's total over its classes and Tulot's under its own
-- (`Investointimenot yhteensä`, `Talonrakennus`, ..., `Maa-alueiden myynti`, ..., `Investointitulot
-- yhteensä`): the classes of both are one block, between the two totals, that adds up to
-- neither whole. Only such blocks (both candidates beside it lines classes may add into,
-- neither fitting) are searched for the row after which they split.
split_blocks as (
    select
        document_id,
        table_line,
        block_line,
        max(curated_line_item_id) filter (where candidate = 'before') as before_line_item_id,
        max(curated_line_item_id) filter (where candidate = 'after') as after_line_item_id
    from class_candidates
    where is_class_line
    group by document_id, table_line, block_line
    having count(*) = 2 and not bool_or(is_fitting)
),

-- The figures of those blocks' terms (block_sums's terms).
split_terms as (
    select table_figures.*
    from table_figures
    inner join split_blocks
        on
            table_figures.document_id = split_blocks.document_id
            and table_figures.table_line = split_blocks.table_line
            and table_figures.block_line = split_blocks.block_line
    where table_figures.is_block_term
),

-- Each term once per printed column, with the sums of its block's terms printed up to it (itself
-- included) and after it, each with its rounding as in block_sums: the block split after it.
split_sums as (
    select
        document_id,
        table_line,
        block_line,
        source_line as split_line,
        source_column,
        sum(amount_eur) over up_to_term as head_eur,
        count(amount_eur) over up_to_term as head_count,
        sum({{ rounding_half_unit('amount_decimals') }}) filter (where amount_eur is not null) over up_to_term
            as head_rounding_eur,
        sum(amount_eur) over after_term as tail_eur,
        count(amount_eur) over after_term as tail_count,
        sum({{ rounding_half_unit('amount_decimals') }}) filter (where amount_eur is not null) over after_term
            as tail_rounding_eur
    from split_terms
    window
        up_to_term as (
            partition by document_id, table_line, block_line, source_column
            order by source_line
            rows between unbounded preceding and current row
        ),
        after_term as (
            partition by document_id, table_line, block_line, source_column
            order by source_line
            rows between 1 following and unbounded following
        )
),

-- The terms after which a block splits: those up to it add up to the line before the block and
-- the rest to the line after it, each in every column either prints (so neither part is empty).
fitting_splits as (
    select
        split_sums.document_id,
        split_sums.table_line,
        split_sums.block_line,
        split_sums.split_line
    from split_sums
    inner join candidate_columns as before_columns
        on
            split_sums.document_id = before_columns.document_id
            and split_sums.table_line = before_columns.table_line
            and split_sums.block_line = before_columns.block_line
            and split_sums.source_column = before_columns.source_column
            and before_columns.candidate = 'before'
    inner join candidate_columns as after_columns
        on
            split_sums.document_id = after_columns.document_id
            and split_sums.table_line = after_columns.table_line
            and split_sums.block_line = after_columns.block_line
            and split_sums.source_column = after_columns.source_column
            and after_columns.candidate = 'after'
    group by split_sums.document_id, split_sums.table_line, split_sums.block_line, split_sums.split_line
    having
        {{
            adds_up_in_every_column(
                'before_columns.candidate_eur', 'before_columns.candidate_decimals',
                'split_sums.head_eur', 'split_sums.head_rounding_eur', 'split_sums.head_count'
            )
        }}
        and {{
            adds_up_in_every_column(
                'after_columns.candidate_eur', 'after_columns.candidate_decimals',
                'split_sums.tail_eur', 'split_sums.tail_rounding_eur', 'split_sums.tail_count'
            )
        }}
),

-- Each such block's split. Where several terms fit (only rows of zeros, or of no figures, lie
-- between them), the last: those rows are classes of the line before them, as a block's rows
-- are of the line before it where it fits both (owners). Where none fits, the block is left to
-- class_owners.
block_splits as (
    select
        split_blocks.document_id,
        split_blocks.table_line,
        split_blocks.block_line,
        split_blocks.before_line_item_id,
        split_blocks.after_line_item_id,
        max(fitting_splits.split_line) as split_line
    from split_blocks
    inner join fitting_splits
        on
            split_blocks.document_id = fitting_splits.document_id
            and split_blocks.table_line = fitting_splits.table_line
            and split_blocks.block_line = fitting_splits.block_line
    group by
        split_blocks.document_id, split_blocks.table_line, split_blocks.block_line,
        split_blocks.before_line_item_id, split_blocks.after_line_item_id
),

-- Each class with the line it adds into: its block's, or where its block splits, the line
-- before the block up to the split and the line after it below. A class is named as printed
-- (class_name), a class total without its total word (`Talonrakennus yhteensä`: Talonrakennus).
class_lines as (
    select
        block_rows.document_id,
        block_rows.source_line,
        {{ class_name(without_total_word_as_printed('block_rows.row_label')) }} as asset_class,
        case
            when block_splits.split_line is null then class_owners.class_line_item_id
            when block_rows.source_line <= block_splits.split_line then block_splits.before_line_item_id
            else block_splits.after_line_item_id
        end as class_line_item_id
    from block_rows
    inner join class_owners
        on
            block_rows.document_id = class_owners.document_id
            and block_rows.table_line = class_owners.table_line
            and block_rows.block_line = class_owners.block_line
    left join block_splits
        on
            block_rows.document_id = block_splits.document_id
            and block_rows.table_line = block_splits.table_line
            and block_rows.block_line = block_splits.block_line
    where class_owners.class_line_item_id is not null
),

-- A class's projects are of its class and named after the line it adds into
-- (`investment.menot_koulun_peruskorjaus`).
project_lines as (
    select
        table_rows.document_id,
        table_rows.source_line,
        table_rows.class_total_line,
        class_lines.asset_class,
        class_lines.class_line_item_id as qualifier
    from table_rows
    inner join class_lines
        on
            table_rows.document_id = class_lines.document_id
            and table_rows.class_total_line = class_lines.source_line
),

-- Such a table may instead print each asset class as a caption with its lines under it
-- (`Talonrakennus`, then Menot, Tulot, Netto). A caption that names a line of the chart
-- (`INVESTOINTIMENOT`) or a total (`Yhteensä`) is no class: the rows under it are all the
-- unit's investments.
captions as (
    select
        budget_rows.document_id,
        budget_rows.table_line,
        budget_rows.source_line as caption_line,
        {{ class_name('budget_rows.row_label') }} as caption,
        {{ names_a_total(normalise_name('budget_rows.row_label')) }}
        or name_keys.name_key is not null as is_class_free
    from budget_rows
    left join name_keys
        on
            budget_rows.statement = name_keys.statement
            and {{ without_total_word(normalise_name('budget_rows.row_label')) }} = name_keys.name_key
    where
        budget_rows.is_section_row
        and budget_rows.statement = 'investment'
        and lower(budget_rows.investment_category) = '{{ var("whole_unit_category") }}'
),

captioned_rows as (
    select
        printed_names.document_id,
        printed_names.table_line,
        printed_names.source_line,
        printed_names.printed_line_item_id,
        max(captions.caption_line) as caption_line
    from printed_names
    inner join captions
        on
            printed_names.document_id = captions.document_id
            and printed_names.table_line = captions.table_line
            and printed_names.source_line > captions.caption_line
    where printed_names.printed_line_item_id is not null
    group by
        printed_names.document_id, printed_names.table_line, printed_names.source_line,
        printed_names.printed_line_item_id
),

-- A class's lines run up to the first line printed a second time under its caption: the
-- totals printed after the last class (Investointimenot yhteensä after its Menot).
numbered_rows as (
    select
        *,
        row_number() over (
            partition by document_id, table_line, caption_line, printed_line_item_id
            order by source_line
        ) as printing
    from captioned_rows
),

-- ... or up to its own total (`Talonrakennus yhteensä` under `Talonrakennus`, its projects
-- between: project_lines).
caption_totals as (
    select
        captions.document_id,
        captions.table_line,
        captions.caption_line,
        min(printed_names.source_line) as end_line
    from captions
    inner join printed_names
        on
            captions.document_id = printed_names.document_id
            and captions.table_line = printed_names.table_line
            and captions.caption_line < printed_names.source_line
            and {{ without_total_word('printed_names.label_key') }} <> printed_names.label_key
            and {{ without_total_word('printed_names.label_key') }} = {{ normalise_name('captions.caption') }}
    group by captions.document_id, captions.table_line, captions.caption_line
),

caption_ends as (
    select
        document_id,
        table_line,
        caption_line,
        min(end_line) as end_line
    from (
        select
            document_id,
            table_line,
            caption_line,
            source_line as end_line
        from numbered_rows
        where printing > 1
        union all
        select * from caption_totals
    ) as ends
    group by document_id, table_line, caption_line
),

caption_classes as (
    select
        numbered_rows.document_id,
        numbered_rows.source_line,
        captions.caption as asset_class
    from numbered_rows
    inner join captions
        on
            numbered_rows.document_id = captions.document_id
            and numbered_rows.table_line = captions.table_line
            and numbered_rows.caption_line = captions.caption_line
    left join caption_ends
        on
            numbered_rows.document_id = caption_ends.document_id
            and numbered_rows.table_line = caption_ends.table_line
            and numbered_rows.caption_line = caption_ends.caption_line
    where
        not captions.is_class_free
        and (caption_ends.end_line is null or numbered_rows.source_line < caption_ends.end_line)
),

-- Each row with its line item (printed, or an asset class row's) and its asset class (the
-- row's own, its caption's, or the table's).
named as (
    select
        printed_names.*,
        coalesce(printed_names.printed_line_item_id, class_lines.class_line_item_id) as curated_line_item_id,
        coalesce(
            class_lines.asset_class,
            project_lines.asset_class,
            caption_classes.asset_class,
            printed_names.investment_category
        ) as asset_class,
        project_lines.class_total_line,
        project_lines.qualifier as project_qualifier
    from printed_names
    left join class_lines
        on
            printed_names.document_id = class_lines.document_id
            and printed_names.source_line = class_lines.source_line
    left join project_lines
        on
            printed_names.document_id = project_lines.document_id
            and printed_names.source_line = project_lines.source_line
    left join caption_classes
        on
            printed_names.document_id = caption_classes.document_id
            and printed_names.source_line = caption_classes.source_line
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
            || coalesce(
                coalesce(named.project_qualifier, qualifiers.qualifier, breakdown_qualifiers.qualifier) || '_', ''
            )
            || {{ slugify('named.row_label') }}
        ) as line_item_id,
        named.curated_line_item_id is not null as is_curated_line_item,
        named.is_breakdown,
        named.class_total_line,
        {{- budget_amount_select('named') }}
        named.amount_scale,
        named.printed_decimals,
        named.amount_decimals,
        named.execution_pct_decimals,
        named.variance_convention,
        named.variance_convention_status,
        named.is_city_statement,
        named.is_prior_year_comparable,
        named.is_prior_year_restated,
        named.comparability_note,
        named.comparability_note_line,
        named.unread_columns
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
