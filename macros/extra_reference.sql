{% macro extra_reference(seed_name, columns) -%}
    {#- Rows to add to a curated reference seed, from <folder>/<seed_name>.csv when the
        environment variable KUNTATALOUS_EXTRA_REFERENCE names a folder (the synthetic
        corpus writes its municipalities' organisation there); no rows otherwise. The CSV
        has the seed's columns, all read as text. -#}
    {%- set folder = env_var('KUNTATALOUS_EXTRA_REFERENCE', '') -%}
    {%- if folder -%}
        {%- set path = (folder.rstrip('/') ~ '/' ~ seed_name ~ '.csv') | replace("'", "''") -%}
        select {{ columns | join(', ') }}
        from read_csv(
            '{{ path }}',
            header = true,
            auto_detect = false,
            delim = ',',
            quote = '"',
            columns = { {%- for column in columns %}'{{ column }}': 'VARCHAR'{{ ', ' if not loop.last }}{%- endfor %} }
        )
    {%- else -%}
        select
            {%- for column in columns %}
            cast(null as varchar) as {{ column }}{{ ',' if not loop.last }}
            {%- endfor %}
        where false
    {%- endif -%}
{%- endmacro %}
