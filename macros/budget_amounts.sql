{% macro budget_row_columns() -%}
    {#- The raw budget row's columns, in source order, each a dict of its `name` and, for an
        amount column, its role under `amount` (the column meta in _reports__sources.yml,
        generated from the record declarations in src/kuntatalous/output/records.py). Empty
        while dbt parses. -#}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for node in graph.sources.values()
            if node.source_name == 'reports' and node.name == 'raw_budget_rows' -%}
            {%- for column in node.columns.values() -%}
                {%- set meta = (column.get('config') or {}).get('meta') or column.get('meta') or {} -%}
                {%- do found.append({'name': column.name, 'amount': meta.get('amount')}) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do return(found) -%}
{%- endmacro %}

{% macro budget_amount_columns() -%}
    {#- The raw budget row's amount columns, in source order, each a dict of its role and its
        `name`. -#}
    {%- set found = [] -%}
    {%- for column in budget_row_columns() if column.amount -%}
        {%- set role = {'name': column.name} -%}
        {%- do role.update(column.amount) -%}
        {%- do found.append(role) -%}
    {%- endfor -%}
    {%- do return(found) -%}
{%- endmacro %}

{% macro budget_scenarios() -%}
    {#- The scenarios the budget amount columns unpivot to, each once, in source order. -#}
    {%- set found = [] -%}
    {%- for amount in budget_amount_columns() if amount.scenario and amount.scenario not in found -%}
        {%- do found.append(amount.scenario) -%}
    {%- endfor -%}
    {%- do return(found) -%}
{%- endmacro %}

{% macro budget_amount_select(relation=none, staged=true) -%}
    {#- The select-list items of the budget amount columns and the year and term-count columns
        they name, in source order, each followed by a comma: as staged (`staged`), or from the
        source, renamed to their staged names. -#}
    {%- set named = budget_amount_columns() | map(attribute='year_column') | select | list
        + budget_amount_columns() | map(attribute='terms_column') | select | list -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- for column in budget_row_columns() -%}
        {%- set amount = column.amount or {} -%}
        {%- if amount.staged_as and staged %}
        {{ prefix }}{{ amount.staged_as }},
        {%- elif amount.staged_as %}
        {{ prefix }}{{ column.name }} as {{ amount.staged_as }},
        {%- elif column.amount or column.name in named %}
        {{ prefix }}{{ column.name }},
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}

{% macro budget_amount_unpivot(relation, columns) -%}
    {#- One row per unpivoted amount column of each budget row (those with a scenario): the
        given columns, then the figure's year, scenario, printed column, amount and
        comparability (whether comparable, whether restated, and the note that says either); a
        select per amount column, in source order, joined by union all. -#}
    {%- for amount in budget_amount_columns() if amount.scenario %}
    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        {{ amount.year_column }} as fiscal_year,
        '{{ amount.scenario }}' as scenario,
        '{{ amount.source_column }}' as source_column,
        {{ amount.staged_as or amount.name }} as amount_eur,
        {{ amount.comparability.flag if amount.comparability else 'true' }} as is_comparable,
        {{ amount.comparability.restated if amount.comparability else 'false' }} as is_restated,
        {{ amount.comparability.note if amount.comparability else 'cast(null as varchar)' }} as comparability_note,
        {{ amount.comparability.note_line if amount.comparability else 'cast(null as integer)' }}
        as comparability_note_line
    from {{ relation }}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro budget_source_columns() -%}
    {#- The printed columns the budget amounts are unpivoted from (`source_column`), in order. -#}
    {%- do return(budget_amount_columns() | map(attribute='source_column') | select | list) -%}
{%- endmacro %}
