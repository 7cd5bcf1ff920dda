with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
),

investment_figures as (
    select * from figures
    where statement = 'investment'
),

-- Each unit's figure of all its investments (asset class Yhteensä) in a report.
totals as (
    select * from investment_figures
    where lower(investment_category) = '{{ var("whole_unit_category") }}'
),

classes as (
    select * from investment_figures
    where lower(investment_category) != '{{ var("whole_unit_category") }}'
),

-- Each total against the same figure summed over the unit's asset classes that the report
-- prints, with the sum's rounding (half a printed unit of each term) and whether every class is
-- printed in the total's own table (as its rows), not in tables of their own.
compared as (
    select
        totals.document_id,
        totals.unit_id,
        totals.line_item_id,
        totals.statement,
        totals.investment_category,
        totals.fiscal_year,
        totals.scenario,
        totals.amount_eur as expected_value,
        sum(classes.amount_eur) as computed_value,
        count(*) as term_count,
        string_agg(classes.investment_category, ' + ' order by classes.source_line) as computed_from,
        sum({{ rounding_half_unit('classes.amount_decimals') }})
        + {{ rounding_half_unit('totals.amount_decimals') }} as tolerance,
        case
            when not bool_and(classes.table_line = totals.table_line)
                then
                    'some of its classes are printed in tables of their own, not as rows of the total''s '
                    || 'table: the report may print only some of its classes'
        end as warn_reason,
        totals.source_file,
        totals.source_line
    from totals
    inner join classes
        on
            totals.document_id = classes.document_id
            and totals.unit_id = classes.unit_id
            and totals.statement = classes.statement
            and totals.line_item_id = classes.line_item_id
            and totals.fiscal_year = classes.fiscal_year
            and totals.scenario = classes.scenario
    group by
        totals.document_id, totals.unit_id, totals.line_item_id, totals.statement, totals.investment_category,
        totals.fiscal_year, totals.scenario, totals.amount_eur, totals.amount_decimals, totals.source_file,
        totals.source_line
),

-- An asset class printed with its projects above its own total (`Koulun peruskorjaus`,
-- `Päiväkoti`, `Talonrakennus yhteensä`): the total against the sum of its projects, per
-- printed column.
projects as (
    select * from budget_rows
    where class_total_line is not null
),

totalled_lines as (
    select distinct
        document_id,
        class_total_line
    from projects
),

class_totals as (
    select budget_rows.*
    from budget_rows
    inner join totalled_lines
        on
            budget_rows.document_id = totalled_lines.document_id
            and budget_rows.source_line = totalled_lines.class_total_line
),

project_columns as (
    {{-
        budget_amount_unpivot(
            'projects', ['document_id', 'class_total_line', 'line_item_id', 'amount_decimals', 'source_line']
        )
    }}
),

-- An empty cell is no term.
project_figures as (
    select * from project_columns
    where amount_eur is not null
),

class_total_figures as (
    {{-
        budget_amount_unpivot(
            'class_totals',
            [
                'document_id', 'unit_id', 'line_item_id', 'statement', 'investment_category', 'amount_decimals',
                'source_file', 'source_line',
            ],
        )
    }}
),

class_projects as (
    select
        class_total_figures.document_id,
        class_total_figures.unit_id,
        class_total_figures.line_item_id,
        class_total_figures.statement,
        class_total_figures.investment_category,
        class_total_figures.fiscal_year,
        class_total_figures.scenario,
        class_total_figures.amount_eur as expected_value,
        sum(project_figures.amount_eur) as computed_value,
        count(*) as term_count,
        string_agg(project_figures.line_item_id, ' + ' order by project_figures.source_line) as computed_from,
        sum({{ rounding_half_unit('project_figures.amount_decimals') }})
        + {{ rounding_half_unit('class_total_figures.amount_decimals') }} as tolerance,
        cast(null as varchar) as warn_reason,
        class_total_figures.source_file,
        class_total_figures.source_line
    from class_total_figures
    inner join project_figures
        on
            class_total_figures.document_id = project_figures.document_id
            and class_total_figures.source_line = project_figures.class_total_line
            and class_total_figures.source_column = project_figures.source_column
    where class_total_figures.amount_eur is not null
    group by
        class_total_figures.document_id, class_total_figures.unit_id, class_total_figures.line_item_id,
        class_total_figures.statement, class_total_figures.investment_category, class_total_figures.fiscal_year,
        class_total_figures.scenario, class_total_figures.amount_eur, class_total_figures.amount_decimals,
        class_total_figures.source_file, class_total_figures.source_line
),

-- A class's figure printed twice with its projects is checked at its first printing.
numbered_class_projects as (
    select
        *,
        row_number() over (
            partition by document_id, {{ figure_key() }}
            order by source_line
        ) as printing
    from class_projects
),

{% set checked_columns -%}
    document_id, unit_id, line_item_id, statement, investment_category, fiscal_year, scenario, expected_value,
    computed_value, term_count, computed_from, tolerance, warn_reason, source_file, source_line
{%- endset -%}

checked as (
    select {{ checked_columns }} from compared
    union all
    select {{ checked_columns }} from numbered_class_projects
    where printing = 1
),

final as (
    {{
        reconciliation_check(
            'checked', 'investment_classes', measure_unit="'eur'",
            absent=[
                'value_decimals', 'incomplete_reason', 'mismatch_reason',
                'other_document_id', 'other_source_file', 'other_source_line',
            ]
        )
    }}
)

select * from final
