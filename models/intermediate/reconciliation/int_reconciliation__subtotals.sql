with figures as (
    select * from {{ ref('int_budget_amounts__unpivoted') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

-- Every printed figure whose line item adds into a subtotal, per the line-item hierarchy.
terms as (
    select
        figures.document_id,
        figures.unit_id,
        figures.statement,
        figures.investment_category,
        figures.fiscal_year,
        figures.scenario,
        figures.line_item_id,
        figures.amount_eur,
        figures.amount_decimals,
        line_items.parent_line_item_id,
        line_items.sort_order
    from figures
    inner join line_items
        on figures.line_item_id = line_items.line_item_id
    where line_items.parent_line_item_id is not null
),

-- The printed terms of each subtotal: a line the report does not print is not a term.
term_sums as (
    select
        document_id,
        unit_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        parent_line_item_id as line_item_id,
        sum(amount_eur) as computed_eur,
        count(*) as term_count,
        sum({{ rounding_half_unit('amount_decimals') }}) as terms_rounding_eur,
        string_agg(line_item_id, ' + ' order by sort_order) as computed_from
    from terms
    group by all
),

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
        term_sums.computed_eur as computed_value,
        term_sums.term_count,
        term_sums.computed_from,
        term_sums.terms_rounding_eur + {{ rounding_half_unit('figures.amount_decimals') }} as tolerance,
        figures.source_file,
        figures.source_line
    from figures
    inner join term_sums
        on
            figures.document_id = term_sums.document_id
            and figures.unit_id = term_sums.unit_id
            and figures.statement = term_sums.statement
            and figures.investment_category is not distinct from term_sums.investment_category
            and figures.fiscal_year = term_sums.fiscal_year
            and figures.scenario = term_sums.scenario
            and figures.line_item_id = term_sums.line_item_id
),

final as (
    select
        'subtotal' as check_name,
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        'eur' as measure_unit,
        cast(expected_value as decimal(20, 6)) as expected_value,
        cast(computed_value as decimal(20, 6)) as computed_value,
        term_count,
        computed_from,
        cast(tolerance as decimal(20, 6)) as tolerance,
        cast(null as varchar) as incomplete_reason,
        -- A column's lines add up whether or not the column is comparable with another
        -- year's organisation: a note on comparability excuses nothing here.
        cast(null as varchar) as warn_reason,
        source_file,
        source_line,
        cast(null as varchar) as other_document_id,
        cast(null as varchar) as other_source_file,
        cast(null as integer) as other_source_line
    from compared
)

select * from final
