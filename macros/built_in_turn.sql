{#- The heaviest models are built one at a time (var built_in_turn in dbt_project.yml, in its
    order): each depends on the one listed before it, so that dbt never builds two of them at
    once and they never share DuckDB's memory limit between them. A model in the list calls
    this macro; it is an error in any other model. A unit test of such a model (its inputs are
    fixtures, built by no other model) depends on nothing more. -#}

{% macro built_in_turn() -%}
    {%- set order = var('built_in_turn') -%}
    {%- if model.resource_type == 'unit_test' -%}
        {{ return('') }}
    {%- endif -%}
    {%- if model.name not in order -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ " calls built_in_turn() but is not in var built_in_turn (dbt_project.yml)"
        ) }}
    {%- endif -%}
    {%- set place = order.index(model.name) -%}
    {%- if place > 0 %}
-- built after {{ order[place - 1] }} (var built_in_turn): depends_on: {{ ref(order[place - 1]) }}
    {%- endif -%}
{%- endmacro %}
