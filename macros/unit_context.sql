{% macro unit_context_columns(units) -%}
    {#- The columns every unit-grained mart takes from dim_unit (aliased `units`) beside its
        unit_id, so that a BI tool can filter and sum by municipality and organisation level
        without a join: the unit's municipality, its level and the unit above it. -#}
    {{ units }}.municipality,
    {{ units }}.unit_level,
    {{ units }}.parent_unit_id
{%- endmacro %}

{% macro unit_context_column_names() -%}
    {{ return(['municipality', 'unit_level', 'parent_unit_id']) }}
{%- endmacro %}
