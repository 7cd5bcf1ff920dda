{#- Tolerances for reconciling printed figures, derived from how they were rounded. -#}

{% macro rounding_half_unit(decimals) -%}
    {#- How far a printed figure can be from the true one: half its last printed digit
        (0.50 € for whole euros, 0.005 for a percentage printed with two decimals). -#}
    cast(0.5 / power(10, {{ decimals }}) as decimal(20, 6))
{%- endmacro %}

{% macro subtotal_tolerance(figure, sums) -%}
    {#- How far a printed subtotal (`figure`, a first printing) may be from the sum of its
        printed terms (`sums`, a row of int_budget_amounts__term_sums): their rounding and its own. -#}
    {{ sums }}.terms_rounding_eur + {{ rounding_half_unit(figure ~ '.amount_decimals') }}
{%- endmacro %}

{% macro within_tolerance(expected, computed, tolerance) -%}
    {#- A check's computed value ties with the printed one: the difference is no more than the
        printed figures' rounding can explain. NULL where either side is. -#}
    (abs({{ computed }} - {{ expected }}) <= {{ tolerance }})
{%- endmacro %}

{% macro adds_up_to(total, total_decimals, terms_eur, terms_rounding_eur) -%}
    {#- Printed terms summing to terms_eur add up to a printed total: they are within the
        total's own rounding (half its last printed digit) and the terms' (terms_rounding_eur,
        half a printed unit of each term). NULL where either side is. -#}
    (abs({{ total }} - {{ terms_eur }}) <= {{ terms_rounding_eur }} + {{ rounding_half_unit(total_decimals) }})
{%- endmacro %}

{% macro adds_up_in_every_column(total, total_decimals, terms_eur, terms_rounding_eur, term_count) -%}
    {#- An aggregate over a total's printed columns (a row per column, empty cells kept, with
        its terms' sum, their rounding and how many of them print a figure there): whether the
        terms add up to the total (adds_up_to) in every column that either side prints, and in
        one at least. A column one side prints and the other leaves empty is one where they
        differ. -#}
    (
        bool_and(
            coalesce({{ adds_up_to(total, total_decimals, terms_eur, terms_rounding_eur) }}, false)
            or ({{ total }} is null and {{ term_count }} = 0)
        )
        and bool_or(coalesce({{ adds_up_to(total, total_decimals, terms_eur, terms_rounding_eur) }}, false))
    )
{%- endmacro %}

{% macro execution_pct_tolerance(actual, budget, half_unit, pct_decimals) -%}
    {#- How far the printed actual / budget × 100 can be from the ratio of the printed
        amounts: each amount may be off by half_unit, so the true ratio lies between the
        ratios of the corners (the ratio is monotonic in each amount while the budget keeps
        its sign, which it does: a non-zero printed budget is at least twice half_unit);
        the printed percentage adds its own rounding. -#}
    cast(
        100 * greatest(
            abs(({{ actual }} + {{ half_unit }}) / ({{ budget }} + {{ half_unit }}) - {{ actual }} / {{ budget }}),
            abs(({{ actual }} + {{ half_unit }}) / ({{ budget }} - {{ half_unit }}) - {{ actual }} / {{ budget }}),
            abs(({{ actual }} - {{ half_unit }}) / ({{ budget }} + {{ half_unit }}) - {{ actual }} / {{ budget }}),
            abs(({{ actual }} - {{ half_unit }}) / ({{ budget }} - {{ half_unit }}) - {{ actual }} / {{ budget }})
        )
        + {{ rounding_half_unit(pct_decimals) }}
        as decimal(20, 6)
    )
{%- endmacro %}

{% macro comparability_reason(note, source_file, note_line) -%}
    {#- Why a mismatch involving a non-comparable prior-year figure is only a warning. -#}
    'the report says the prior-year figures are not comparable: "'
    || {{ note }} || '" (' || {{ source_file }} || ':' || {{ note_line }} || ')'
{%- endmacro %}

{% macro restatement_note_reason(report_year, note, source_file, note_line) -%}
    {#- The note of a report that says its prior-year figures were restated, cited. -#}
    'the ' || {{ report_year }} || ' report says its prior-year figures were restated: "'
    || {{ note }} || '" (' || {{ source_file }} || ':' || {{ note_line }} || ')'
{%- endmacro %}

{% macro format_value(expression, measure_unit) -%}
    {#- A checked value for a message: euros to the cent, percentages to four decimals, a
        key figure with the decimals it needs (up to four). -#}
    case {{ measure_unit }}
        when 'pct' then {{ fixed_point(expression, 4) }} || ' %'
        when 'number' then rtrim(rtrim({{ fixed_point(expression, 4) }}, '0'), '.')
        else {{ fixed_point(expression, 2) }} || ' €'
    end
{%- endmacro %}

{% macro same_figure(left, right, compare_line_item=true, compare_unit=true) -%}
    {#- Two relations' rows are the same figure: unit, statement, asset class (NULL for
        operating figures, so compared NULL-safely), line item, year and scenario. Without
        the line item: figures of one unit's column. Without the unit: the same figure of
        two units (a parent's and its child's). -#}
    {%- if compare_unit %}
    {{ left }}.unit_id = {{ right }}.unit_id
    and {% endif %}{{ left }}.statement = {{ right }}.statement
    and {{ left }}.investment_category is not distinct from {{ right }}.investment_category
    {%- if compare_line_item %}
    and {{ left }}.line_item_id = {{ right }}.line_item_id
    {%- endif %}
    and {{ left }}.fiscal_year = {{ right }}.fiscal_year
    and {{ left }}.scenario = {{ right }}.scenario
{%- endmacro %}

{% macro figure_key(relation=none) -%}
    {#- The columns that identify a figure within a document: its key wherever the checks
        partition, group or select by figure. -#}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {{ prefix }}unit_id,
    {{ prefix }}statement,
    {{ prefix }}investment_category,
    {{ prefix }}line_item_id,
    {{ prefix }}fiscal_year,
    {{ prefix }}scenario
{%- endmacro %}

{% macro printings_in_report_year(key=none) -%}
    {#- A window over every printing of a figure in one report year's reports (the sections
        of that year's statements; a prior-year column belongs to the year of the report that
        prints it), in print order: its first row is the year's figure, which the restatement,
        key-figure restatement and unit-rollup checks use. Needs the column report_year beside
        the figure's key: `key`, the columns that identify it (a budget figure's, figure_key,
        unless given: key_figure_key for a key figure). -#}
    partition by report_year, {{ key if key else figure_key() }}
    order by source_file, source_line
{%- endmacro %}

{% macro nearest_subtotal_order(ancestry) -%}
    {#- Of the subtotals above a figure that its column prints (`ancestry`'s rows:
        int_line_items__ancestry), the order whose first is the figure's subtotal: the nearest
        in the hierarchy, of two as near the first by id, so that each build reads alike. A read
        figure is summed into it (int_budget_amounts__term_sums); an unread one leaves it
        incomplete (int_reconciliation__subtotals). -#}
    {{ ancestry }}.ancestor_distance, {{ ancestry }}.ancestor_line_item_id
{%- endmacro %}

{% macro unread_separator() -%}
    {#- Between the amount columns a budget row lists in `unread_columns`, as a SQL literal: the
        extractor's output.records.UNREAD_SEPARATOR (tests/python/test_unread_separator.py holds
        the two together). -#}
    '|'
{%- endmacro %}

{% macro lists_unread(unread_columns, source_column) -%}
    {#- Whether a budget row's `unread_columns` lists the amount column `source_column`. -#}
    {%- set separator = unread_separator() | trim -%}
    {{ separator }} || {{ unread_columns }} || {{ separator }}
    like '%' || {{ separator }} || {{ source_column }} || {{ separator }} || '%'
{%- endmacro %}

{% macro unread_cells(unread_columns) -%}
    {#- What a budget row's `unread_columns` (its amount columns printed but not read, each a
        rejected cell) says, to end a reason: ': its actual could not be read (a rejected
        cell)'; empty where every printed amount was read. -#}
    case
        when {{ unread_columns }} is not null and {{ unread_columns }} <> ''
            then ': its ' || replace({{ unread_columns }}, {{ unread_separator() | trim }}, ', ') || ' could not be read (a rejected cell)'
        else ''
    end
{%- endmacro %}

{% macro carried_over(function, window, prefix, columns) -%}
    {#- Each of `columns` of another printing beside a figure's own, named `<prefix>_<column>`:
        `function` over the named `window` (first_value over printings_in_report_year: the
        year's first printing; lag over the report years: the previous year's). The two
        restatement checks compare a printing with these. -#}
    {%- for column in columns %}
    {{ function }}({{ column }}) over {{ window }} as {{ prefix }}_{{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro compared_printings(prefix) -%}
    {#- Where a printing and the one it is compared with stand (carried_over's `<prefix>_`
        columns: `year`, the report year's first printing; `previous`, the previous report
        year's): a restatement check's source and other columns. -#}
    source_file,
    source_line,
    {{ prefix }}_document_id as other_document_id,
    {{ prefix }}_source_file as other_source_file,
    {{ prefix }}_source_line as other_source_line
{%- endmacro %}

{% macro first_printings_in_report_year(figures, documents) -%}
    {#- Each figure of `figures` (rows with document_id, source_file, source_line and the figure
        key) once per report year, with the column report_year: its first printing in that
        year's reports (printings_in_report_year). The unit-rollup and statement-link checks
        compare figures of different sections of one year's statements by it. -#}
    select *
    from (
        select
            *,
            row_number() over ({{ printings_in_report_year() }}) as report_year_printing
        from (
            select
                {{ figures }}.*,
                {{ documents }}.fiscal_year as report_year
            from {{ figures }}
            inner join {{ documents }}
                on {{ figures }}.document_id = {{ documents }}.document_id
        ) as with_report_year
    ) as numbered
    where report_year_printing = 1
{%- endmacro %}

{% macro kept_printing_order() -%}
    {#- The order of a figure's printings in one document whose first the warehouse keeps and
        compares the others with: the most precise (the statutory income statement's cents
        over the budget execution's whole euros), the first printed among equally precise. -#}
    amount_decimals desc nulls last, source_line
{%- endmacro %}

{% macro printing_tolerance(decimals, other_decimals) -%}
    {#- Two printings of one figure: identical when rounded alike, else each within half
        its own last digit. -#}
    case
        when {{ decimals }} = {{ other_decimals }} then 0
        else {{ rounding_half_unit(decimals) }} + {{ rounding_half_unit(other_decimals) }}
    end
{%- endmacro %}
