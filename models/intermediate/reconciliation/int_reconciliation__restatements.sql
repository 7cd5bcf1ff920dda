{#- What a printing is compared by: where it is, and its amount as printed and read by its
    table's signs. -#}
{%- set printing_columns = [
    'document_id', 'amount_eur', 'sign_factor', 'amount_decimals', 'source_file', 'source_line'
] -%}

{{ built_in_turn() }}
with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

signed_figures as (
    {{ with_sign_factors('figures', 'line_items', 'signs') }}
),

figures_with_report_year as (
    select
        signed_figures.*,
        documents.fiscal_year as report_year
    from signed_figures
    inner join documents
        on signed_figures.document_id = documents.document_id
),

-- The note under a figure's table, where it has one: that the prior-year figures are not
-- comparable, or that they were restated.
with_comparability as (
    select
        *,
        case
            when not is_comparable
                then {{ comparability_reason('comparability_note', 'source_file', 'comparability_note_line') }}
        end as comparability_reason,
        case
            when is_restated
                then
                    {{
                        restatement_note_reason(
                            'report_year', 'comparability_note', 'source_file', 'comparability_note_line'
                        )
                    }}
        end as restatement_reason
    from figures_with_report_year
),

-- A figure may be printed by several reports: two sections of one year's statements, or
-- a report's prior-year column repeating the previous year's actual. Within a report
-- year, printings are numbered in print order; the first is that year's figure, whose
-- values the window carries to every printing of the year (no join).
numbered as (
    select
        *,
        row_number() over printings_in_year as printing_number,
        {{ carried_over('first_value', 'printings_in_year', 'year', printing_columns) }}
    from with_comparability
    window printings_in_year as ({{ printings_in_report_year() }})
),

year_figures as (
    select * from numbered
    where printing_number = 1
),

-- Two reports of one year must print a figure alike (unless the later one's note says
-- its prior-year figures are not comparable): the figure as printed here against the first
-- printing, each read by its table's signs and given in this one's printed sign
-- (macros/signs.sql).
same_year as (
    select
        document_id,
        {{ figure_key() }},
        amount_eur as expected_value,
        year_amount_eur * year_sign_factor * sign_factor as computed_value,
        'the same figure in another ' || report_year || ' report'
        || case when sign_factor <> year_sign_factor then ', read by each table''s signs' else '' end
            as computed_from,
        {{ printing_tolerance('amount_decimals', 'year_amount_decimals') }} as tolerance,
        comparability_reason as warn_reason,
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
    window previous_report as (partition by {{ figure_key() }} order by report_year)
),

-- A later year's report may restate a figure: a difference is a warning, with both sources,
-- citing the later report's note that says its prior-year figures were restated (or are not
-- comparable), or saying that it gives none. The figure as printed here, against the previous
-- report year's in this one's printed sign.
across_years as (
    select
        document_id,
        {{ figure_key() }},
        amount_eur as expected_value,
        previous_amount_eur * previous_sign_factor * sign_factor as computed_value,
        'the same figure in the ' || previous_report_year || ' report'
        || case when sign_factor <> previous_sign_factor then ', read by each table''s signs' else '' end
            as computed_from,
        {{ printing_tolerance('amount_decimals', 'previous_amount_decimals') }} as tolerance,
        'differs from the ' || previous_report_year || ' report; '
        || coalesce(
            restatement_reason, comparability_reason, 'the ' || report_year || ' report states no restatement'
        ) as warn_reason,
        {{ compared_printings('previous') }}
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
