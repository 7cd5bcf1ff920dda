{#- The reconciliation checks (listed once: var reconciliation_checks in dbt_project.yml) and
    the columns every check model has. -#}

{% macro reconciliation_checks() -%}
    {{ return(var('reconciliation_checks')) }}
{%- endmacro %}

{% macro reconciliation_check_models() -%}
    {#- The check models, once each, in list order. -#}
    {%- set models = [] -%}
    {%- for check in reconciliation_checks() if check.model not in models -%}
        {%- do models.append(check.model) -%}
    {%- endfor -%}
    {{ return(models) }}
{%- endmacro %}

{% macro reconciliation_check_columns() -%}
    {#- The columns of every check model, in order, with their types; rpt_reconciliation
        unions the check models on them and judges each row. -#}
    {{ return([
        ('check_name', 'varchar'),
        ('document_id', 'varchar'),
        ('unit_id', 'varchar'),
        ('line_item_id', 'varchar'),
        ('statement', 'varchar'),
        ('investment_category', 'varchar'),
        ('fiscal_year', 'integer'),
        ('scenario', 'varchar'),
        ('measure_unit', 'varchar'),
        ('expected_value', 'decimal(20, 6)'),
        ('computed_value', 'decimal(20, 6)'),
        ('term_count', 'integer'),
        ('computed_from', 'varchar'),
        ('tolerance', 'decimal(20, 6)'),
        ('value_decimals', 'integer'),
        ('incomplete_reason', 'varchar'),
        ('warn_reason', 'varchar'),
        ('mismatch_reason', 'varchar'),
        ('source_file', 'varchar'),
        ('source_line', 'integer'),
        ('other_document_id', 'varchar'),
        ('other_source_file', 'varchar'),
        ('other_source_line', 'integer'),
    ]) }}
{%- endmacro %}

{% macro reconciliation_check(relation, check_name, absent=[]) -%}
    {#- The select that projects a check's instances in `relation` onto the shared columns.
        Each column is taken by name from `relation`, unless given as an expression (keyword
        argument, e.g. measure_unit="'eur'") or listed in `absent` (NULL: the check has no
        such column). check_name must be on the list, for the model being built. -#}
    {%- set listed = reconciliation_checks() | selectattr('name', 'equalto', check_name) | list -%}
    {%- if listed | length != 1 -%}
        {{ exceptions.raise_compiler_error(
            "check " ~ check_name ~ " is not in var reconciliation_checks (dbt_project.yml)"
        ) }}
    {%- elif execute and model.resource_type == 'model' and listed[0].model != model.name -%}
        {{ exceptions.raise_compiler_error(
            "check " ~ check_name ~ " is listed for model " ~ listed[0].model ~ ", not " ~ model.name
        ) }}
    {%- endif -%}
    {%- set columns = reconciliation_check_columns() -%}
    {%- set names = columns | map(attribute=0) | list -%}
    {%- for name in absent + (kwargs.keys() | list) if name not in names -%}
        {{ exceptions.raise_compiler_error("not a reconciliation check column: " ~ name) }}
    {%- endfor -%}
    select
        {%- for name, data_type in columns %}
            {%- if name == 'check_name' %}
        cast('{{ check_name }}' as {{ data_type }}) as check_name
            {%- elif name in kwargs %}
        cast({{ kwargs[name] }} as {{ data_type }}) as {{ name }}
            {%- elif name in absent %}
        cast(null as {{ data_type }}) as {{ name }}
            {%- else %}
        cast({{ name }} as {{ data_type }}) as {{ name }}
            {%- endif %}
            {{- "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
{%- endmacro %}
