{% macro slugify(expression) -%}
    trim(regexp_replace(lower({{ strip_accents_of(expression) }}), '[^a-z0-9]+', '_', 'g'), '_')
{%- endmacro %}
