{% macro slugify(expression) -%}
    trim(regexp_replace(lower(strip_accents({{ expression }})), '[^a-z0-9]+', '_', 'g'), '_')
{%- endmacro %}
