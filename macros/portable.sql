{#- Expressions that DuckDB and PostgreSQL spell differently, dispatched on the adapter
    (adapter.dispatch): default__ is DuckDB's form, postgres__ PostgreSQL's, each giving the
    same value. Everything else in the project is written in SQL both engines read. -#}

{% macro strip_accents_of(expression) -%}
    {#- The text with its diacritics removed (ä → a, é → e). -#}
    {{ return(adapter.dispatch('strip_accents_of', 'kuntatalous')(expression)) }}
{%- endmacro %}

{% macro default__strip_accents_of(expression) -%}
    strip_accents({{ expression }})
{%- endmacro %}

{% macro postgres__strip_accents_of(expression) -%}
    {#- Decomposed (NFD), the combining marks dropped: what DuckDB's strip_accents does. -#}
    regexp_replace(normalize({{ expression }}, nfd), '[\u0300-\u036f]', '', 'g')
{%- endmacro %}

{% macro arg_min_by(value, keys, filter=none) -%}
    {#- The value of the group's row that comes first in the order of keys (a list of
        expressions), over the rows where value is not null (and filter holds). -#}
    {{ return(adapter.dispatch('arg_min_by', 'kuntatalous')(value, keys, filter, 'min')) }}
{%- endmacro %}

{% macro arg_max_by(value, keys, filter=none) -%}
    {#- The value of the group's row that comes last in the order of keys. -#}
    {{ return(adapter.dispatch('arg_min_by', 'kuntatalous')(value, keys, filter, 'max')) }}
{%- endmacro %}

{% macro default__arg_min_by(value, keys, filter, direction) -%}
    arg_{{ direction }}({{ value }}, {{ keys[0] if keys | length == 1 else '(' ~ keys | join(', ') ~ ')' }})
    {%- if filter %} filter (where {{ filter }}){% endif %}
{%- endmacro %}

{% macro postgres__arg_min_by(value, keys, filter, direction) -%}
    {%- set order = ' desc' if direction == 'max' else '' -%}
    (array_agg({{ value }} order by {{ keys | join(order ~ ', ') }}{{ order }}) filter (
        where {{ value }} is not null{% if filter %} and ({{ filter }}){% endif %}
    ))[1]
{%- endmacro %}

{% macro any_value_of(value) -%}
    {#- A value of the group, for a column that is the same on every row of it. -#}
    {{ return(adapter.dispatch('any_value_of', 'kuntatalous')(value)) }}
{%- endmacro %}

{% macro default__any_value_of(value) -%}
    any_value({{ value }})
{%- endmacro %}

{% macro postgres__any_value_of(value) -%}
    min({{ value }})
{%- endmacro %}

{% macro fixed_point(expression, decimals) -%}
    {#- The number as text with exactly `decimals` decimals, rounded as C's printf rounds
        the double (DuckDB's printf; PostgreSQL's to_char of a double). -#}
    {{ return(adapter.dispatch('fixed_point', 'kuntatalous')(expression, decimals)) }}
{%- endmacro %}

{% macro default__fixed_point(expression, decimals) -%}
    printf('%.{{ decimals }}f', {{ expression }})
{%- endmacro %}

{% macro postgres__fixed_point(expression, decimals) -%}
    to_char(cast({{ expression }} as double precision), 'FM99999999999999999990{{ "." ~ "0" * decimals if decimals }}')
{%- endmacro %}

{% macro text_hash(expression, seed) -%}
    {#- A 64-bit hash of the text, one of a family by seed (an integer). Each engine hashes its
        own way: compare hashes within one build only. -#}
    {{ return(adapter.dispatch('text_hash', 'kuntatalous')(expression, seed)) }}
{%- endmacro %}

{% macro default__text_hash(expression, seed) -%}
    hash({{ expression }}, {{ seed }})
{%- endmacro %}

{% macro postgres__text_hash(expression, seed) -%}
    hashtextextended({{ expression }}, {{ seed }})
{%- endmacro %}
