{% macro extra_reference(seed_name, columns) -%}
    {#- Rows to add to a curated reference seed, from <folder>/<seed_name>.csv when the
        environment variable KUNTATALOUS_EXTRA_REFERENCE names a folder (the synthetic
        corpus writes its municipalities' organisation there); no rows otherwise. The CSV
        has the seed's columns, all read as text. -#}
    {{ return(adapter.dispatch('extra_reference', 'kuntatalous')(seed_name, columns)) }}
{%- endmacro %}

{% macro default__extra_reference(seed_name, columns) -%}
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
        {{ no_extra_reference(columns) }}
    {%- endif -%}
{%- endmacro %}

{% macro postgres__extra_reference(seed_name, columns) -%}
    {#- PostgreSQL reads no files: `kuntatalous postgres load` copies the folder's CSV into the
        raw schema as extra_<seed_name>, every column text. -#}
    {%- if env_var('KUNTATALOUS_EXTRA_REFERENCE', '') -%}
        select {{ columns | join(', ') }}
        from {{ env_var('KUNTATALOUS_PG_RAW_SCHEMA', 'kuntatalous_raw') }}.extra_{{ seed_name }}
    {%- else -%}
        {{ no_extra_reference(columns) }}
    {%- endif -%}
{%- endmacro %}

{% macro no_extra_reference(columns) -%}
    select
        {%- for column in columns %}
        cast(null as varchar) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    where false
{%- endmacro %}
