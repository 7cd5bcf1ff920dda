with figures as (
    select * from {{ ref('int_budget_amounts__unpivoted') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

-- The same figure may be printed by several reports: a report's prior-year column repeats
-- the previous year's actual. Each later printing is compared with the earliest report's.
numbered as (
    select
        figures.*,
        documents.fiscal_year as report_year,
        case
            when not figures.is_comparable
                then {{
                    comparability_reason('figures.comparability_note', 'figures.source_file', 'figures.comparability_note_line')
                }}
        end as comparability_reason,
        row_number() over (
            partition by
                figures.unit_id,
                figures.statement,
                figures.investment_category,
                figures.line_item_id,
                figures.fiscal_year,
                figures.scenario
            order by documents.fiscal_year, figures.document_id
        ) as printing_number
    from figures
    inner join documents
        on figures.document_id = documents.document_id
),

first_printings as (
    select * from numbered
    where printing_number = 1
),

later_printings as (
    select * from numbered
    where printing_number > 1
),

compared as (
    select
        later_printings.document_id,
        later_printings.unit_id,
        later_printings.line_item_id,
        later_printings.statement,
        later_printings.investment_category,
        later_printings.fiscal_year,
        later_printings.scenario,
        first_printings.amount_eur as expected_value,
        later_printings.amount_eur as computed_value,
        'the same figure in the ' || first_printings.report_year || ' report' as computed_from,
        case
            when later_printings.amount_decimals = first_printings.amount_decimals then 0
            else
                {{ rounding_half_unit('later_printings.amount_decimals') }}
                + {{ rounding_half_unit('first_printings.amount_decimals') }}
        end as tolerance,
        -- A later year's report may restate a figure; two reports of one year may not
        -- disagree, unless the later one says its prior-year figures are not comparable.
        case
            when later_printings.report_year > first_printings.report_year
                then
                    'restated in the ' || later_printings.report_year || ' report (first printed in the '
                    || first_printings.report_year || ' report)'
                    || coalesce('; ' || later_printings.comparability_reason, '')
            else later_printings.comparability_reason
        end as warn_reason,
        later_printings.source_file,
        later_printings.source_line,
        first_printings.document_id as other_document_id,
        first_printings.source_file as other_source_file,
        first_printings.source_line as other_source_line
    from later_printings
    inner join first_printings
        on
            later_printings.unit_id = first_printings.unit_id
            and later_printings.statement = first_printings.statement
            and later_printings.investment_category is not distinct from first_printings.investment_category
            and later_printings.line_item_id = first_printings.line_item_id
            and later_printings.fiscal_year = first_printings.fiscal_year
            and later_printings.scenario = first_printings.scenario
),

final as (
    select
        'restatement' as check_name,
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        'eur' as measure_unit,
        cast(expected_value as decimal(20, 6)) as expected_value,
        cast(computed_value as decimal(20, 6)) as computed_value,
        1 as term_count,
        computed_from,
        cast(tolerance as decimal(20, 6)) as tolerance,
        cast(null as varchar) as incomplete_reason,
        warn_reason,
        source_file,
        source_line,
        other_document_id,
        other_source_file,
        other_source_line
    from compared
)

select * from final
