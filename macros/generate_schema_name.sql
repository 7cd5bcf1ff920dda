{#
    The catalogue a reader sees: each layer in its own schema, named as configured in
    dbt_project.yml (`analytics` for the marts, `staging`, `intermediate`, `reference`, and
    `audit` for the tests' stored failures), not prefixed with the target's schema. A node
    without a configured schema goes to the target's schema.

    On PostgreSQL one database holds several builds side by side (the candidate, the published
    and the previous; kuntatalous.warehouse.postgres): there the target's schema names the
    build and prefixes each layer's (`kuntatalous_candidate_analytics`), and the publish renames
    them all at once.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif target.type == 'postgres' -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
