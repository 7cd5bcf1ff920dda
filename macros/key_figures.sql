{% macro key_figure_key(relation=none) -%}
    {#- The columns that identify a key figure wherever it is printed: its unit, indicator, unit
        of measure, sub-area, year and measure (actual, target or plan). Two reports printing these
        alike print the same figure (key_figure_restatement compares them; fact_kpi's
        is_latest_printing marks one). -#}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {{ prefix }}unit_id,
    {{ prefix }}indicator,
    {{ prefix }}unit_of_measure,
    {{ prefix }}sub_area,
    {{ prefix }}fiscal_year,
    {{ prefix }}measure_type
{%- endmacro %}
