with printings as (
    select * from {{ ref('int_budget_amounts__all_printings') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

line_item_names as (
    select * from {{ ref('int_line_item_names') }}
),

-- The rows whose label names another line too, where printed among the terms of a line beside
-- it (`Avustukset`: Tuet ja avustukset among Toimintatuotot's), and not read so: printed twice
-- in one table, such a row may be the other line printed where the table does not show it.
other_readings as (
    select
        budget_rows.document_id,
        budget_rows.source_line,
        min(
            '`' || budget_rows.row_label || '` names ' || rules.line_item_id
            || ' too, read so only where printed among the terms of ' || totals.line_item_id
        ) as other_reading
    from budget_rows
    inner join line_item_names as rules
        on
            budget_rows.statement = rules.statement
            and {{ normalise_name('budget_rows.row_label') }} = rules.name_key
            and budget_rows.line_item_id <> rules.line_item_id
    inner join line_item_names as totals
        on
            rules.statement = totals.statement
            and rules.beside_key = totals.name_key
            and totals.beside_key is null
    group by budget_rows.document_id, budget_rows.source_line
),

signed_printings as (
    {{ with_sign_factors('printings', 'line_items', 'signs') }}
),

-- A unit's short and detailed tables print some figures twice; each printing is compared
-- with the one the warehouse keeps (the most precise, the first printed among equals:
-- kept_printing_order), whose values the window carries to every printing (no join).
numbered as (
    select
        *,
        row_number() over printings_of_figure as printing_number,
        first_value(amount_eur) over printings_of_figure as first_amount_eur,
        first_value(sign_factor) over printings_of_figure as first_sign_factor,
        first_value(amount_decimals) over printings_of_figure as first_amount_decimals,
        first_value(source_line) over printings_of_figure as first_source_line,
        first_value(table_line) over printings_of_figure as first_table_line
    from signed_printings
    window printings_of_figure as (
        partition by document_id, {{ figure_key() }}
        order by {{ kept_printing_order() }}
    )
),

-- A printing by a table that prints its costs another way than the first's is given in the
-- first's printed sign (macros/signs.sql): Toimintakulut 100 of a table printing costs
-- positive is the -100 of one printing them negative. A line printed twice in one table under
-- a label that names another line too says so (other_readings).
compared as (
    select
        numbered.document_id,
        {{ figure_key('numbered') }},
        numbered.first_amount_eur as expected_value,
        numbered.amount_eur * numbered.sign_factor * numbered.first_sign_factor as computed_value,
        'the same figure printed at line ' || numbered.first_source_line
        || case when numbered.sign_factor <> numbered.first_sign_factor then ', read by each table''s signs' else '' end
        || coalesce(
            case when numbered.table_line = numbered.first_table_line then '; ' || other_readings.other_reading end, ''
        ) as computed_from,
        {{ printing_tolerance('numbered.amount_decimals', 'numbered.first_amount_decimals') }} as tolerance,
        numbered.source_file,
        numbered.source_line,
        numbered.document_id as other_document_id,
        numbered.source_file as other_source_file,
        numbered.first_source_line as other_source_line
    from numbered
    left join other_readings
        on
            numbered.document_id = other_readings.document_id
            and numbered.source_line = other_readings.source_line
    where numbered.printing_number > 1
),

-- Two printings in one report of one figure must agree, comparable or not: no warn reason.
final as (
    {{
        reconciliation_check(
            'compared', 'repeated_printing', measure_unit="'eur'", term_count='1',
            absent=['mismatch_reason', 'value_decimals', 'incomplete_reason', 'warn_reason']
        )
    }}
)

select * from final
