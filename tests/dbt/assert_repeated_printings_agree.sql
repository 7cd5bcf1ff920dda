-- A figure is kept once per document, unit, statement, investment category, line item,
-- fiscal year and scenario. Where a report prints it more than once (a unit's short
-- and detailed tables), every printing must carry the same amount: otherwise two
-- different figures share a key (a label printed twice, a unit matched by its heading)
-- and keeping one would drop the other.
with printings as (
    select * from {{ ref('int_budget_amounts__printings') }}
),

final as (
    select
        document_id,
        unit_id,
        statement,
        investment_category,
        line_item_id,
        fiscal_year,
        scenario,
        count(distinct amount_eur) as distinct_amounts,
        string_agg(source_file || ':' || source_line || ' = ' || amount_eur, ', ' order by source_line) as printings
    from printings
    group by all
    having count(distinct amount_eur) > 1
)

select * from final
