with budget_rows as (
    select * from {{ ref('stg_reports__budget_rows') }}
),

budget_tables as (
    select * from {{ ref('int_budget_tables') }}
),

line_item_names as (
    select * from {{ ref('int_line_item_names') }}
),

amount_rows as (
    select * from budget_rows
    where not is_section_row
),

with_units as (
    select
        amount_rows.*,
        budget_tables.unit_id
    from amount_rows
    inner join budget_tables
        on
            amount_rows.document_id = budget_tables.document_id
            and amount_rows.table_line = budget_tables.table_line
),

final as (
    select
        with_units.document_id,
        with_units.source_file,
        with_units.source_line,
        with_units.table_line,
        with_units.statement,
        with_units.investment_category,
        with_units.unit_id,
        with_units.row_label,
        coalesce(
            line_item_names.line_item_id,
            with_units.statement || '.' || {{ slugify('with_units.row_label') }}
        ) as line_item_id,
        line_item_names.line_item_id is not null as is_curated_line_item,
        {{- budget_amount_select('with_units') }}
        with_units.amount_scale,
        with_units.printed_decimals,
        with_units.amount_decimals,
        with_units.execution_pct_decimals,
        with_units.variance_convention,
        with_units.variance_convention_status,
        with_units.is_city_statement,
        with_units.is_prior_year_comparable,
        with_units.comparability_note,
        with_units.comparability_note_line
    from with_units
    left join line_item_names
        on
            with_units.statement = line_item_names.statement
            and {{ normalise_name('with_units.row_label') }} = line_item_names.name_key
)

select * from final
