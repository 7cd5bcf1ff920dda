{#- Sets of members as bit masks: fixed-size numbers that an aggregate can combine with bit_or
    and that DuckDB can spill to disk, where a per-group string or list cannot be spilled. A
    set of up to 62 members fits one bigint word (the sign bit is left alone); more members
    take more words, each a column. A member's place is (bit_word, bit_value). -#}

{% macro bit_mask_bits_per_word() -%}
    {{ return(var('bit_mask_bits_per_word', 62)) }}
{%- endmacro %}

{% macro bit_mask_words(relation, members_sql) -%}
    {#- How many words a mask needs for the most members any one set draws from, counted by
        members_sql (a query returning one number, reading {relation}) on relation, while the
        model runs. Compiled without its inputs (parsing, linting, unit tests on fixtures), room
        for 16 members. -#}
    {%- set members = 16 -%}
    {%- if execute and model.resource_type == 'model' and load_relation(relation) is not none -%}
        {%- set members = run_query(members_sql | replace('{relation}', relation | string)).columns[0].values()[0] or 0 -%}
    {%- endif -%}
    {{ return([1, ((members | int) + bit_mask_bits_per_word() - 1) // bit_mask_bits_per_word()] | max) }}
{%- endmacro %}

{% macro bit_place(position) -%}
    {#- A member's word and bit value from its 0-based position among its set's members. -#}
    {%- set per_word = bit_mask_bits_per_word() %}
    cast(floor(({{ position }}) / {{ per_word }}.0) as integer) as bit_word,
    cast(1 as bigint) << cast(({{ position }}) - {{ per_word }} * floor(({{ position }}) / {{ per_word }}.0) as integer)
    as bit_value
{%- endmacro %}

{% macro bit_mask_columns(prefix, words, filter=none) -%}
    {#- The aggregate masks prefix_0 .. prefix_<words - 1> of the group's rows' places (where
        filter holds); 0 for an empty set. -#}
    {%- for word in range(words) %}
    coalesce(bit_or(case when bit_word = {{ word }}{% if filter %} and ({{ filter }}){% endif %} then bit_value end), 0) as {{ prefix }}_{{ word }}
    {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro bit_mask_names(prefix, words) -%}
    {#- The mask columns prefix_0 .. prefix_<words - 1>, comma-separated (for select and
        group by). -#}
    {%- for word in range(words) %}{{ prefix }}_{{ word }}{{ ", " if not loop.last }}{% endfor -%}
{%- endmacro %}

{% macro bit_mask_holds(prefix, words) -%}
    {#- The member at (bit_word, bit_value) is in the mask prefix_0 .. prefix_<words - 1>. -#}
    (
    {%- for word in range(words) %}
        (bit_word = {{ word }} and ({{ prefix }}_{{ word }} & bit_value) <> 0)
        {{- " or" if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

{% macro bit_masks_equal(left, right, prefix, words) -%}
    {#- The masks prefix_* of two relations are equal word by word. -#}
    {%- for word in range(words) %}
    {{ left }}.{{ prefix }}_{{ word }} = {{ right }}.{{ prefix }}_{{ word }}
    {{- " and" if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro bit_masks_or_empty(relation, prefix, words) -%}
    {#- relation's masks prefix_*, 0 (the empty set) where NULL (a left join found no row). -#}
    {%- for word in range(words) %}
    coalesce({{ relation }}.{{ prefix }}_{{ word }}, 0) as {{ prefix }}_{{ word }}
    {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro bit_masks_without(prefix, minus, words, as_prefix) -%}
    {#- The masks prefix_* less the members of minus_* (minus: one prefix or a list of them),
        word by word, as as_prefix_*. -#}
    {%- set minuses = [minus] if minus is string else minus -%}
    {%- for word in range(words) %}
    {{ prefix }}_{{ word }}{% for each in minuses %} & ~{{ each }}_{{ word }}{% endfor %} as {{ as_prefix }}_{{ word }}
    {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro bit_mask_set_names(figures, members, prefix, words, name, separator, key=none) -%}
    {#- Each distinct set of the masks prefix_* in figures named once: the names (column name of
        members, whose rows have their places as bit_word and bit_value) of its members, in
        the order of their places, joined by separator, as column names. With key, a pair
        (figures' column, members' column), the places are numbered within each key (a
        parent's children): the sets and their names are per key, the key kept under the
        figures' column name. -#}
    select
        {%- if key %}
        sets.{{ key[0] }},
        {%- endif %}
        {{ bit_mask_names('sets.' ~ prefix, words) }},
        string_agg(members.{{ name }}, '{{ separator }}' order by members.bit_word, members.bit_value) as names
    from (
        select distinct
            {% if key %}{{ key[0] }}, {% endif %}{{ bit_mask_names(prefix, words) }}
        from {{ figures }}
    ) as sets
    inner join {{ members }} as members
        on {% if key %}sets.{{ key[0] }} = members.{{ key[1] }}{% else %}true{% endif %}
    where {{ bit_mask_holds('sets.' ~ prefix, words) }}
    group by {% if key %}sets.{{ key[0] }}, {% endif %}{{ bit_mask_names('sets.' ~ prefix, words) }}
{%- endmacro %}
