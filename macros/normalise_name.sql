{% macro normalise_name(expression) -%}
    lower(regexp_replace(trim({{ expression }}), '\s+', ' ', 'g'))
{%- endmacro %}

{#- A printed line's name key (`normalise_name`) without the word that marks the line a total:
    `toimintatuotot yhteensä` and `summa verksamhetens intäkter` are the keys of `Toimintatuotot`
    and `Verksamhetens intäkter`. Looked up only where the name as printed is no line's. -#}
{% macro without_total_word(key) -%}
    regexp_replace(regexp_replace({{ key }}, '\s+(yhteensä|totalt|sammanlagt)$', ''), '^(summa|yhteensä)\s+', '')
{%- endmacro %}
