-- Budget and investment tables read as whole euros (no unit named in the header, above the
-- table or in its section) whose amounts are all printed with one decimal, as tables in
-- thousands are (`-27 095,1`): a unit statement the extractor did not read would leave them
-- 1 000 times too small with every check ok. Each with where it is printed.
{{ config(severity='warn') }}

with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

tables as (
    select
        document_id,
        table_line,
        {{ any_value_of('source_file') }} as source_file,
        {{ any_value_of('unit_id') }} as unit_id,
        count(*) as row_count
    from budget_rows
    where amount_scale = 1
    group by document_id, table_line
    having min(printed_decimals) = 1 and max(printed_decimals) = 1
)

select
    source_file || ':' || table_line as printed_at,
    unit_id,
    row_count
from tables
