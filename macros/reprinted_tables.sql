{% macro first_printings(relation, line_signature) -%}
    {#- The rows of a relation (document_id, table_line, source_line, …) not in a reprinted
        table, each with print_count: 1 + how many times its table was reprinted. -#}
    (
        with reprints as (
            select * from {{ reprinted_tables(relation, line_signature) }}
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

{% macro reprinted_tables(relation, line_signature) -%}
    {#- The tables of a relation (document_id, table_line, source_line, …) that reprint an
        earlier table of the same document: as many printed lines, and at least half of them
        printing the same as the earlier table's line at the same offset. Reports reprint a
        section's key figures or risks under the next unit, sometimes with a word changed, so
        identical text alone would count some rows twice. One row per reprint with its
        original's table_line. line_signature is an aggregate expression over a line's rows. -#}
    (
        with printed_lines as (
            select
                document_id,
                table_line,
                source_line - table_line as line_offset,
                {{ line_signature }} as signature
            from {{ relation }}
            group by document_id, table_line, source_line
        ),

        table_sizes as (
            select
                document_id,
                table_line,
                count(*) as line_count
            from printed_lines
            group by document_id, table_line
        ),

        alike as (
            select
                later.document_id,
                later.table_line,
                earlier.table_line as original_table_line,
                count(*) filter (where later.signature = earlier.signature) as same_lines
            from printed_lines as later
            inner join printed_lines as earlier
                on
                    later.document_id = earlier.document_id
                    and later.line_offset = earlier.line_offset
                    and earlier.table_line < later.table_line
            group by later.document_id, later.table_line, earlier.table_line
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

{% macro key_figure_line_signature() -%}
    {#- What a printed key-figure line shows, for reprinted_tables over stg_reports__key_figures
        (fact_kpi counts a reprint once; key_figure_reprint compares it with its first printing). -#}
    string_agg(concat_ws(':', fiscal_year, measure_type, value), ',' order by fiscal_year, measure_type, value)
{%- endmacro %}
