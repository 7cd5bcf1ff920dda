{#
    A partial build rebuilds only the municipalities whose reports changed
    (src/kuntatalous/warehouse/build_plan.py writes the plan into the candidate, a copy of the
    published warehouse, and scripts/build.sh runs dbt with the var `partial_build`):

    - the staging models over the extractor's CSVs read only the documents to rebuild
      (`rebuilt_documents_only`), so every staging and intermediate table holds just those
      (in the work file, which every build writes afresh beside its candidate: profiles.yml);
    - a model that keeps every municipality's rows across builds is `incremental`, lives in the
      candidate (the published file, not the work file: `database=target.database`), and names the
      column that places a row in a municipality in its meta, `rebuilt_by`: `document_id` (the
      row's report) or `municipality`. Before such a model runs, its rows of the municipalities
      to rebuild are deleted (`delete_rebuilt_rows`, the models' pre-hook), and it inserts the
      rows it computes for them (`rebuilt_rows_only` keeps no others);
    - the generic data tests of such a model test those rows only, the rows the build wrote
      (`get_where_subquery`, which dbt wraps around every generic test's model): its rows of
      the rebuilt documents or municipalities, with the test's own `where`. The rows kept from
      the published warehouse passed the same tests with the same code (a partial build runs
      only when the project's fingerprint is unchanged). So a partial build's test failures,
      warnings and their counts are those of the rebuilt municipalities. A `relationships`
      test's parents (`to`) are the whole table; every key tested unique on such a model is
      made from its rebuilt_by column (a document's or municipality's rows), so no duplicate
      pairs a rebuilt row with a kept one. Singular tests (tests/dbt) and the tests of the
      other models read their tables whole.

    A full build (dbt's --full-refresh, and no var) ignores all of this: every model is built and
    tested whole (its compiled tests are dbt's own). So does a `dbt build` without either: each
    incremental model replaces all its rows.
#}

{% macro is_partial_build() %}
    {{ return(var('partial_build', false) in (true, 'true', 'True', 1, '1')) }}
{% endmacro %}

{#- The plan's tables in the candidate (schema build_plan in build_plan.py). -#}
{#- dbt's is_incremental(), false where there is no relation to ask about (a unit test). -#}
{% macro keeps_rows() %}
    {{ return(this is not none and config.get('materialized') == 'incremental' and is_incremental()) }}
{% endmacro %}

{% macro rebuild_set(column) %}
    {%- if column == 'municipality' -%}
        select municipality from build_plan.rebuild_municipalities
    {%- else -%}
        select document_id from build_plan.rebuild_documents
    {%- endif -%}
{% endmacro %}

{#- A staging model's source, narrowed to the documents to rebuild in a partial build. A row
    with no document (a reject of a file that could not be read) is always kept. -#}
{% macro rebuilt_documents_only(relation) %}
    select * from {{ relation }}
    {%- if is_partial_build() %}
    where document_id is null or document_id in ({{ rebuild_set('document_id') }})
    {%- endif %}
{% endmacro %}

{% macro rebuilt_by() %}
    {%- set column = (config.get('meta') or {}).get('rebuilt_by') -%}
    {%- if column not in ('document_id', 'municipality') -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ " is incremental: its meta must say rebuilt_by: document_id or municipality") }}
    {%- endif -%}
    {{ return(column) }}
{% endmacro %}

{#- The model's own rows of the municipalities to rebuild, in a partial build. -#}
{% macro rebuilt_rows_only() %}
    {%- if keeps_rows() and is_partial_build() -%}
        where {{ rebuilt_by() }} in ({{ rebuild_set(rebuilt_by()) }})
    {%- elif is_partial_build() and config.get('materialized') == 'incremental' and this is not none and execute -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ " is not in the candidate: a partial build starts from a copy of the published warehouse") }}
    {%- endif -%}
{% endmacro %}

{#- The pre-hook of every model (dbt_project.yml): nothing unless the model is incremental and
    exists. A partial build deletes the rows it rebuilds; any other run that finds the table
    (a `dbt build` without --full-refresh, outside make build) replaces all of them. An
    incremental model in the work file (profiles.yml), which a build starts empty, is an error. -#}
{% macro delete_rebuilt_rows() %}
    {%- if config.get('materialized') == 'incremental' and model.database != target.database -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ " is incremental, kept across builds: it belongs in the published file"
            ~ " (config database=target.database), not in " ~ model.database
            ~ ", which each build writes afresh") }}
    {%- endif -%}
    {%- if keeps_rows() -%}
        delete from {{ this }} {{ rebuilt_rows_only() }}
    {%- endif -%}
{% endmacro %}

{#- A post-hook for a model that copies attributes of a dimension built from every report: a
    partial build keeps the other municipalities' rows, and those take the dimension's values
    now (a discovered line item is named as first printed in any report). `columns` maps the
    model's column to the dimension's. A partial build records the municipalities whose kept
    rows change (build_plan.refreshed_municipalities, by the model's `municipality` column), so
    that the export and the site do not carry those municipalities' files as unchanged. -#}
{% macro refresh_from_dimension(dimension, key, columns) %}
    {%- if keeps_rows() and is_partial_build() -%}
        insert into build_plan.refreshed_municipalities
        select distinct kept.municipality
        from {{ this }} as kept
        inner join {{ dimension }} as dimension
            on kept.{{ key }} = dimension.{{ key }}
        where
            kept.municipality is not null
            and (
            {%- for column, attribute in columns.items() %}
                kept.{{ column }} is distinct from dimension.{{ attribute }}{{ " or" if not loop.last }}
            {%- endfor %}
            );
    {% endif -%}
    {%- if keeps_rows() -%}
        update {{ this }} as kept
        set
        {%- for column, attribute in columns.items() %}
            {{ column }} = dimension.{{ attribute }}{{ "," if not loop.last }}
        {%- endfor %}
        from {{ dimension }} as dimension
        where
            kept.{{ key }} = dimension.{{ key }}
            and (
            {%- for column, attribute in columns.items() %}
                kept.{{ column }} is distinct from dimension.{{ attribute }}{{ " or" if not loop.last }}
            {%- endfor %}
            )
    {%- endif -%}
{% endmacro %}

{#- The model a generic test's `model` argument is in a partial build: its rows of the
    municipalities rebuilt, if the tested relation is an incremental model (its meta names
    rebuilt_by), with the test's own `where`. Any other test, and every test of a full build,
    gets dbt's own subquery. -#}
{% macro get_where_subquery(relation) -%}
    {%- set column = rebuilt_by_of(relation) if is_partial_build() else none -%}
    {%- if column is none -%}
        {%- do return(adapter.dispatch('get_where_subquery', 'dbt')(relation)) -%}
    {%- endif -%}
    {%- set where = config.get('where', '') -%}
    {%- set filtered -%}
        (select * from {{ relation }} where {% if where %}({{ where }}) and {% endif -%}
        {{ column }} in ({{ rebuild_set(column) }})) dbt_subquery
    {%- endset -%}
    {%- do return(filtered) -%}
{%- endmacro %}

{#- The rebuilt_by of the incremental model that `relation` is (none for anything else). -#}
{% macro rebuilt_by_of(relation) %}
    {%- if not execute or relation.identifier is not defined -%}
        {{ return(none) }}
    {%- endif -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model'
        and node.config.materialized == 'incremental'
        and (node.alias or node.name) | lower == (relation.identifier or '') | lower
        and node.schema | lower == (relation.schema or '') | lower -%}
        {%- set column = (node.config.meta or {}).get('rebuilt_by') -%}
        {%- if column in ('document_id', 'municipality') -%}
            {{ return(column) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}
