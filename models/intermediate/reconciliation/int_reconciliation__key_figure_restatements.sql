{#- What a printing is compared by: where it is, and its value as printed and read. -#}
{%- set printing_columns = ['document_id', 'value', 'value_raw', 'value_decimals', 'source_file', 'source_line'] -%}

with key_figures as (
    select * from {{ ref('int_key_figures__first_printings') }}
),

-- A cell without a readable number is kept as text in fact_kpi; there is nothing to compare.
valued as (
    select * from key_figures
    where value is not null
),

-- What a printing is, beside its value: the indicator, its unit of measure and the sub-area
-- of its cell (`Perusopetuksen oppilaat, count`, `Nettokustannukset, €/asukas (opkou)`).
named as (
    select
        *,
        indicator || coalesce(', ' || unit_of_measure, '') || coalesce(' (' || sub_area || ')', '') as figure_name
    from valued
),

-- A key figure may be printed by several reports: two sections of one year's statements, or
-- a report's earlier-year columns repeating an earlier report's figure. Within a report year,
-- printings are numbered in print order; the first is that year's figure, whose value the
-- window carries to every printing of the year (no join).
numbered as (
    select
        *,
        row_number() over printings_in_year as printing_number,
        {{ carried_over('first_value', 'printings_in_year', 'year', printing_columns) }}
    from named
    window printings_in_year as ({{ printings_in_report_year(key_figure_key()) }})
),

year_figures as (
    select * from numbered
    where printing_number = 1
),

-- Two reports of one year must print a key figure alike: the value printed here against the
-- year's first printing (a disagreement fails, as a budget figure's does).
same_year as (
    select
        document_id,
        unit_id,
        fiscal_year,
        measure_type as scenario,
        value as expected_value,
        value_decimals,
        year_value as computed_value,
        figure_name || ': the value in another ' || report_year || ' report (' || year_value_raw || ')'
            as computed_from,
        {{ printing_tolerance('value_decimals', 'year_value_decimals') }} as tolerance,
        cast(null as varchar) as warn_reason,
        {{ compared_printings('year') }}
    from numbered
    where printing_number > 1
),

-- Each report year's figure beside the figure of the previous report year printing it.
with_previous_year as (
    select
        *,
        {{ carried_over('lag', 'previous_report', 'previous', ['report_year'] + printing_columns) }}
    from year_figures
    window previous_report as (partition by {{ key_figure_key() }} order by report_year)
),

-- A later year's report may revise a key figure (a count settled after the statements were
-- printed): a difference is a warning; the message names both printings and their values. A
-- year of the financial plan is planned anew with each budget: a later report's other value
-- is no restatement, and is not compared.
across_years as (
    select
        document_id,
        unit_id,
        fiscal_year,
        measure_type as scenario,
        value as expected_value,
        value_decimals,
        previous_value as computed_value,
        figure_name || ': the value in the ' || previous_report_year || ' report (' || previous_value_raw || ')'
            as computed_from,
        {{ printing_tolerance('value_decimals', 'previous_value_decimals') }} as tolerance,
        'the ' || report_year || ' report prints another value than the ' || previous_report_year || ' report'
            as warn_reason,
        {{ compared_printings('previous') }}
    from with_previous_year
    where previous_report_year is not null and measure_type <> 'plan'
),

unioned as (
    select * from same_year
    union all
    select * from across_years
),

final as (
    {{
        reconciliation_check(
            'unioned', 'key_figure_restatement', measure_unit="'number'", term_count='1',
            absent=['line_item_id', 'statement', 'investment_category', 'incomplete_reason', 'mismatch_reason']
        )
    }}
)

select * from final
