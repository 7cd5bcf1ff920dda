{{ built_in_turn() }}
with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

figures_with_report_year as (
    select
        figures.*,
        documents.fiscal_year as report_year
    from figures
    inner join documents
        on figures.document_id = documents.document_id
),

with_comparability as (
    select
        *,
        case
            when not is_comparable
                then {{ comparability_reason('comparability_note', 'source_file', 'comparability_note_line') }}
        end as comparability_reason
    from figures_with_report_year
),

-- A figure may be printed by several reports: two sections of one year's statements, or
-- a report's prior-year column repeating the previous year's actual. Within a report
-- year, printings are numbered in print order; the first is that year's figure.
numbered as (
    select
        *,
        row_number() over (
            partition by report_year, {{ figure_key() }}
            order by source_file, source_line
        ) as printing_number
    from with_comparability
),

year_figures as (
    select * from numbered
    where printing_number = 1
),

later_printings as (
    select * from numbered
    where printing_number > 1
),

-- Two reports of one year must print a figure alike (unless the later one's note says
-- its prior-year figures are not comparable).
same_year as (
    select
        later_printings.document_id,
        later_printings.unit_id,
        later_printings.line_item_id,
        later_printings.statement,
        later_printings.investment_category,
        later_printings.fiscal_year,
        later_printings.scenario,
        year_figures.amount_eur as expected_value,
        later_printings.amount_eur as computed_value,
        'the same figure in another ' || year_figures.report_year || ' report' as computed_from,
        {{ printing_tolerance('later_printings.amount_decimals', 'year_figures.amount_decimals') }} as tolerance,
        later_printings.comparability_reason as warn_reason,
        later_printings.source_file,
        later_printings.source_line,
        year_figures.document_id as other_document_id,
        year_figures.source_file as other_source_file,
        year_figures.source_line as other_source_line
    from later_printings
    inner join year_figures
        on
            later_printings.report_year = year_figures.report_year
            and {{ same_figure('later_printings', 'year_figures') }}
),

-- Each report year's figure beside the figure of the previous report year printing it.
with_previous_year as (
    select
        *,
        lag(report_year) over previous_report as previous_report_year,
        lag(document_id) over previous_report as previous_document_id,
        lag(amount_eur) over previous_report as previous_amount_eur,
        lag(amount_decimals) over previous_report as previous_amount_decimals,
        lag(source_file) over previous_report as previous_source_file,
        lag(source_line) over previous_report as previous_source_line
    from year_figures
    window previous_report as (partition by {{ figure_key() }} order by report_year)
),

-- A later year's report may restate a figure: a difference is a warning, with both sources.
across_years as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        previous_amount_eur as expected_value,
        amount_eur as computed_value,
        'the same figure in the ' || previous_report_year || ' report' as computed_from,
        {{ printing_tolerance('amount_decimals', 'previous_amount_decimals') }} as tolerance,
        'restated in the ' || report_year || ' report (first printed in the ' || previous_report_year || ' report)'
        || coalesce('; ' || comparability_reason, '') as warn_reason,
        source_file,
        source_line,
        previous_document_id as other_document_id,
        previous_source_file as other_source_file,
        previous_source_line as other_source_line
    from with_previous_year
    where previous_report_year is not null
),

unioned as (
    select * from same_year
    union all
    select * from across_years
),

final as (
    {{
        reconciliation_check(
            'unioned', 'restatement', measure_unit="'eur'", term_count='1',
            absent=['mismatch_reason', 'value_decimals', 'incomplete_reason']
        )
    }}
)

select * from final
