{% macro first_printings(relation, line_columns) -%}
    {#- The rows of a relation (document_id, table_line, source_line, …) not in a reprinted
        table, each with print_count: 1 + how many times its table was reprinted. -#}
    (
        with reprints as (
            select * from {{ reprinted_tables(relation, line_columns) }}
        ),

        reprint_counts as (
            select
                document_id,
                original_table_line as table_line,
                count(*) as reprint_count
            from reprints
            group by document_id, original_table_line
        )

        select
            printed.*,
            1 + coalesce(reprint_counts.reprint_count, 0) as print_count
        from {{ relation }} as printed
        left join reprint_counts
            on printed.document_id = reprint_counts.document_id and printed.table_line = reprint_counts.table_line
        where not exists (
            select 1
            from reprints
            where printed.document_id = reprints.document_id and printed.table_line = reprints.table_line
        )
    ) as first_printings
{%- endmacro %}

{% macro reprinted_tables(relation, line_columns) -%}
    {#- The tables of a relation (document_id, table_line, source_line, …) that reprint an
        earlier table of the same document: as many printed lines, and at least half of them
        printing the same as the earlier table's line at the same offset. Reports reprint a
        section's key figures or risks under the next unit, sometimes with a word changed, so
        identical text alone would count some rows twice. One row per reprint with its
        original's table_line. Two lines print the same when their rows hold the same values of
        line_columns, as many times each (a missing value the same as another missing one).
        Rows are matched by joins and lines counted, not a line's values aggregated into one
        text: a string per line is an aggregate that cannot spill (README, Scale). -#}
    (
        with printed_rows as (
            select
                document_id,
                table_line,
                source_line,
                source_line - table_line as line_offset,
                {{ line_columns | join(', ') }},
                -- Rows of one line that print the same values are told apart by their count.
                row_number() over (
                    partition by document_id, table_line, source_line, {{ line_columns | join(', ') }}
                    order by source_line
                ) as occurrence
            from {{ relation }}
        ),

        printed_lines as (
            select
                document_id,
                table_line,
                source_line,
                line_offset,
                count(*) as row_count
            from printed_rows
            group by document_id, table_line, source_line, line_offset
        ),

        table_sizes as (
            select
                document_id,
                table_line,
                count(*) as line_count
            from printed_lines
            group by document_id, table_line
        ),

        -- Each row of a later table beside the same row of an earlier one, at the same offset.
        matched_rows as (
            select
                later.document_id,
                later.table_line,
                later.source_line,
                earlier.table_line as original_table_line,
                count(*) as matched_count
            from printed_rows as later
            inner join printed_rows as earlier
                on
                    later.document_id = earlier.document_id
                    and later.line_offset = earlier.line_offset
                    and later.occurrence = earlier.occurrence
                    and earlier.table_line < later.table_line
                    {%- for column in line_columns %}
                    and later.{{ column }} is not distinct from earlier.{{ column }}
                    {%- endfor %}
            group by later.document_id, later.table_line, later.source_line, earlier.table_line
        ),

        -- A later line prints the same as the earlier line at its offset when every row of
        -- each is matched in the other: as many rows, all of them matched.
        same_lines as (
            select
                matched_rows.document_id,
                matched_rows.table_line,
                matched_rows.original_table_line
            from matched_rows
            inner join printed_lines as later
                on
                    matched_rows.document_id = later.document_id
                    and matched_rows.table_line = later.table_line
                    and matched_rows.source_line = later.source_line
            inner join printed_lines as earlier
                on
                    matched_rows.document_id = earlier.document_id
                    and matched_rows.original_table_line = earlier.table_line
                    and later.line_offset = earlier.line_offset
            where
                matched_rows.matched_count = later.row_count
                and later.row_count = earlier.row_count
        ),

        alike as (
            select
                document_id,
                table_line,
                original_table_line,
                count(*) as same_lines
            from same_lines
            group by document_id, table_line, original_table_line
        )

        select
            alike.document_id,
            alike.table_line,
            min(alike.original_table_line) as original_table_line
        from alike
        inner join table_sizes as later_size
            on alike.document_id = later_size.document_id and alike.table_line = later_size.table_line
        inner join table_sizes as original_size
            on alike.document_id = original_size.document_id and alike.original_table_line = original_size.table_line
        where
            later_size.line_count = original_size.line_count
            and 2 * alike.same_lines >= later_size.line_count
        group by alike.document_id, alike.table_line
    ) as reprinted_tables
{%- endmacro %}

{% macro key_figure_line_columns() -%}
    {#- What a printed key-figure line shows, for reprinted_tables over stg_reports__key_figures
        (fact_kpi counts a reprint once; key_figure_reprint compares it with its first printing). -#}
    {{ return(['fiscal_year', 'measure_type', 'value']) }}
{%- endmacro %}
