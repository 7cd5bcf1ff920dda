with key_figures as (
    select * from {{ ref('stg_reports__key_figures') }}
),

table_units as (
    select * from {{ ref('int_report_tables__units') }}
),

-- The key-figure tables that reprint an earlier one (fact_kpi counts them once), each with
-- the table it reprints.
reprints as (
    select * from {{ reprinted_tables(ref('stg_reports__key_figures'), key_figure_line_columns()) }}
),

-- A value's place in its table: the line's offset from the header, the column, and its
-- order among the sub-areas of a cell that holds several.
placed as (
    select
        *,
        source_line - table_line as line_offset,
        row_number() over (
            partition by document_id, table_line, source_line, fiscal_year, measure_type
            order by sub_area nulls first
        ) as part_number
    from key_figures
),

-- Each reprinted value beside the value printed in the same place of the first printing.
paired as (
    select
        later.document_id,
        table_units.unit_id,
        later.fiscal_year,
        later.measure_type as scenario,
        later.indicator,
        earlier.value as expected_value,
        earlier.value_decimals,
        later.value as computed_value,
        earlier.source_line as earlier_line,
        earlier.sub_area as earlier_sub_area,
        later.sub_area as later_sub_area,
        earlier.printed_unit as earlier_unit,
        later.printed_unit as later_unit,
        earlier.value_raw as earlier_raw,
        later.value_raw as later_raw,
        {{ printing_tolerance('later.value_decimals', 'earlier.value_decimals') }} as tolerance,
        later.source_file,
        later.source_line,
        earlier.document_id as other_document_id,
        earlier.source_file as other_source_file,
        earlier.source_line as other_source_line
    from reprints
    inner join placed as later
        on reprints.document_id = later.document_id and reprints.table_line = later.table_line
    inner join placed as earlier
        on
            reprints.document_id = earlier.document_id
            and reprints.original_table_line = earlier.table_line
            and later.line_offset = earlier.line_offset
            and later.fiscal_year = earlier.fiscal_year
            and later.measure_type = earlier.measure_type
            and later.part_number = earlier.part_number
    inner join table_units
        on later.document_id = table_units.document_id and later.table_line = table_units.table_line
    -- A cell without a readable number is kept as text in fact_kpi; there is nothing to compare.
    where later.value is not null and earlier.value is not null
),

-- Beside the value, a printing names its sub-area and may print a unit: the two printings
-- must name the same.
differences as (
    select
        *,
        nullif(
            concat_ws(
                ' and ',
                case when earlier_sub_area is distinct from later_sub_area then 'another sub-area' end,
                case when earlier_unit is distinct from later_unit then 'another unit' end
            ),
            ''
        ) as what_differs
    from paired
),

compared as (
    select
        *,
        indicator || ': the value printed at line ' || earlier_line || ' (' || earlier_raw || ')' as computed_from,
        indicator || ': ''' || later_raw || ''' here, ''' || earlier_raw || ''' at line ' || earlier_line
        || ' (' || what_differs || ')' as mismatch_reason
    from differences
),

-- Two printings in one report of one key figure must agree, in value and in what they name.
final as (
    {{
        reconciliation_check(
            'compared', 'key_figure_reprint', measure_unit="'number'", term_count='1',
            absent=['line_item_id', 'statement', 'investment_category', 'incomplete_reason', 'warn_reason']
        )
    }}
)

select * from final
