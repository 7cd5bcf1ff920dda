{#- A unit level's rank in the organisation (var unit_levels: 1 for the city, then each level
    inside the one before it); NULL for no level. -#}
{% macro unit_level_rank(level) -%}
    case {{ level }}
        {%- for name in var('unit_levels') %}
        when '{{ name }}' then {{ loop.index }}
        {%- endfor %}
    end
{%- endmacro %}
