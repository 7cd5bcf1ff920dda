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
named as (
    select
        with_units.*,
        coalesce(as_printed.line_item_id, as_total.line_item_id) as curated_line_item_id
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

-- A label the curated chart does not know printed twice in one table (`Ulkoiset` under
-- Toimintatuotot and again under Toimintakulut) is two lines: each is named after the curated
-- line printed nearest above it (`toimintatuotot_ulkoiset`), as `Toimintatuotot, ulkoiset`
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

repeated_rows as (
    select named.*
    from named
    inner join repeated_labels
        on
            named.document_id = repeated_labels.document_id
            and named.table_line = repeated_labels.table_line
            and named.label_key = repeated_labels.label_key
    where named.curated_line_item_id is null
),

qualifiers as (
    select
        repeated_rows.document_id,
        repeated_rows.source_line,
        above.curated_line_item_id as qualifier,
        row_number() over (
            partition by repeated_rows.document_id, repeated_rows.source_line
            order by above.source_line desc
        ) as nearness
    from repeated_rows
    inner join named as above
        on
            repeated_rows.document_id = above.document_id
            and repeated_rows.table_line = above.table_line
            and repeated_rows.source_line > above.source_line
            and above.curated_line_item_id is not null
),

final as (
    select
        named.document_id,
        named.source_file,
        named.source_line,
        named.table_line,
        named.statement,
        named.investment_category,
        named.unit_id,
        named.row_label,
        coalesce(
            named.curated_line_item_id,
            named.statement || '.' || coalesce(qualifiers.qualifier || '_', '') || {{ slugify('named.row_label') }}
        ) as line_item_id,
        named.curated_line_item_id is not null as is_curated_line_item,
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
            and qualifiers.nearness = 1
)

select * from final
