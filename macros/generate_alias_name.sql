{#
    Readable names for the tests' stored failures in the `audit` schema. dbt names a generic
    test after its arguments (`accepted_values_fact_budget_source_column___budget_source_…`)
    but stores its failures under a name cut to 30 characters plus an MD5 once the full one
    passes 63 (`accepted_values_fact_budget_9d098e99…`). Such a test's table takes its full name
    instead where that fits PostgreSQL's 63 characters, else the test, its model and its
    column (`accepted_values_fact_budget_source_column`,
    `unique_combination_of_columns_fact_kpi`), else dbt's. Other tests, models and seeds are
    named as dbt names them (tests/python/test_audit_names.py checks the names are unique).
#}
{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
    {%- if custom_alias_name and node.resource_type == 'test'
        and modules.re.search('_[0-9a-f]{32}$', custom_alias_name | trim) -%}
        {{ readable_test_alias(node, custom_alias_name | trim) }}
    {%- elif custom_alias_name -%}
        {{ custom_alias_name | trim }}
    {%- elif node.version -%}
        {{ node.name ~ "_v" ~ (node.version | replace(".", "_")) }}
    {%- else -%}
        {{ node.name }}
    {%- endif -%}
{%- endmacro %}

{% macro readable_test_alias(node, cut_name) -%}
    {%- set metadata = node.test_metadata if node.test_metadata is defined else none -%}
    {%- set kwargs = metadata.kwargs if metadata else {} -%}
    {%- set model = modules.re.search("ref\\(\\s*'([^']+)'", kwargs.get('model', '') or '') -%}
    {%- set parts = [metadata.name if metadata else node.name] -%}
    {%- if model -%}
        {%- do parts.append(model.group(1)) -%}
    {%- endif -%}
    {%- if kwargs.get('column_name') -%}
        {%- do parts.append(kwargs.get('column_name')) -%}
    {%- endif -%}
    {%- set short = parts | join('_') -%}
    {%- if node.name | length <= 63 -%}
        {{ node.name }}
    {%- elif model and short | length <= 63 -%}
        {{ short }}
    {%- else -%}
        {{ cut_name }}
    {%- endif -%}
{%- endmacro %}
