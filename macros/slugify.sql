{% macro slugify(expression) -%}
    trim(regexp_replace(lower({{ strip_accents_of(expression) }}), '[^a-z0-9]+', '_', 'g'), '_')
{%- endmacro %}

{#- The id of a unit the curated organisation does not know, from its municipality and its name
    as printed (`Tekninen lautakunta` of Vaala: `vaala.tekninen_lautakunta`): how a table's
    label names its unit (int_budget_tables), and a summary's row its unit
    (summary_rows_name_read_units). -#}
{% macro uncurated_unit_id(municipality, name) -%}
    {{ slugify(municipality) }} || '.' || {{ slugify(name) }}
{%- endmacro %}
