with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

prior_year_actuals as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        prior_year as fiscal_year,
        'actual' as scenario,
        'prior_year_actual' as source_column,
        prior_actual_eur as amount_eur,
        is_prior_year_comparable as is_comparable,
        source_file,
        source_line
    from budget_rows
    where prior_actual_eur is not null
),

budgets as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        budget_year as fiscal_year,
        'budget' as scenario,
        'budget' as source_column,
        budget_eur as amount_eur,
        true as is_comparable,
        source_file,
        source_line
    from budget_rows
    where budget_eur is not null
),

actuals as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        actual_year as fiscal_year,
        'actual' as scenario,
        'actual' as source_column,
        actual_eur as amount_eur,
        true as is_comparable,
        source_file,
        source_line
    from budget_rows
    where actual_eur is not null
),

unioned as (
    select * from prior_year_actuals
    union all
    select * from budgets
    union all
    select * from actuals
),

final as (
    select * from unioned
)

select * from final
