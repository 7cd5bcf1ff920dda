{#
    The catalogue a reader sees: each layer in its own schema, named as configured in
    dbt_project.yml (`analytics` for the marts, `staging`, `intermediate`, `reference`, and
    `audit` for the tests' stored failures), not prefixed with the target's schema. A node
    without a configured schema goes to the target's schema.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
