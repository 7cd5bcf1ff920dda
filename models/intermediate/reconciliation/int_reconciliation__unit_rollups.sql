with figures as (
    select * from {{ ref('int_budget_amounts__first_printings') }}
),

documents as (
    select * from {{ ref('stg_reports__documents') }}
),

units as (
    select * from {{ ref('int_units') }}
),

-- A year's statements are printed in sections; a parent unit and its children may sit in
-- different sections. Where two sections print the same figure, the first is used here
-- (the restatement check compares them).
figures_with_report_year as (
    select
        figures.*,
        documents.fiscal_year as report_year
    from figures
    inner join documents
        on figures.document_id = documents.document_id
),

ranked_printings as (
    select
        *,
        row_number() over (
            partition by report_year, {{ figure_key() }}
            order by source_file, source_line
        ) as printing_rank
    from figures_with_report_year
),

edition_figures as (
    select * from ranked_printings
    where printing_rank = 1
),

-- A unit is loaded in a report year when any section of that year prints a figure of it.
loaded_units as (
    select distinct
        report_year,
        unit_id
    from edition_figures
),

children as (
    select
        unit_id as child_unit_id,
        unit_name as child_unit_name,
        parent_unit_id,
        hierarchy_source as child_hierarchy_source
    from units
    where parent_unit_id is not null
),

-- The whole city's income statement is no sum of the units' budgets: it adds the city's
-- taxes, state transfers and financing, and internal items drop out.
parent_figures as (
    select * from edition_figures
    where
        unit_id in (select children.parent_unit_id from children)
        and not is_city_statement
),

-- Each parent figure beside every child unit, with the child's figure where printed.
child_terms as (
    select
        parent_figures.report_year,
        parent_figures.document_id,
        parent_figures.unit_id,
        parent_figures.line_item_id,
        parent_figures.statement,
        parent_figures.investment_category,
        parent_figures.fiscal_year,
        parent_figures.scenario,
        children.child_unit_id,
        children.child_unit_name,
        children.child_hierarchy_source,
        loaded_units.unit_id is not null as is_child_loaded,
        child_figures.amount_eur as child_amount_eur,
        child_figures.amount_decimals as child_amount_decimals,
        child_figures.is_comparable as is_child_comparable,
        child_figures.comparability_note as child_comparability_note,
        child_figures.comparability_note_line as child_comparability_note_line,
        child_figures.source_file as child_source_file
    from parent_figures
    inner join children
        on parent_figures.unit_id = children.parent_unit_id
    left join loaded_units
        on
            parent_figures.report_year = loaded_units.report_year
            and children.child_unit_id = loaded_units.unit_id
    left join edition_figures as child_figures
        on
            parent_figures.report_year = child_figures.report_year
            and children.child_unit_id = child_figures.unit_id
            and parent_figures.statement = child_figures.statement
            and parent_figures.investment_category is not distinct from child_figures.investment_category
            and parent_figures.line_item_id = child_figures.line_item_id
            and parent_figures.fiscal_year = child_figures.fiscal_year
            and parent_figures.scenario = child_figures.scenario
),

child_sums as (
    select
        report_year,
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        sum(child_amount_eur) as computed_eur,
        count(child_amount_eur) as term_count,
        sum({{ rounding_half_unit('child_amount_decimals') }}) as terms_rounding_eur,
        string_agg(child_unit_id, ' + ' order by child_unit_id) filter (
            where child_amount_eur is not null
        ) as computed_from,
        string_agg(child_unit_name, ', ' order by child_unit_id) filter (
            where not is_child_loaded
        ) as children_not_loaded,
        string_agg(child_unit_id, ', ' order by child_unit_id) filter (
            where child_hierarchy_source = 'text'
        ) as children_from_text,
        string_agg(child_unit_id, ', ' order by child_unit_id) filter (
            where child_hierarchy_source = 'sums'
        ) as children_from_sums,
        string_agg(child_unit_name, ', ' order by child_unit_id) filter (
            where is_child_loaded and child_amount_eur is null
        ) as children_not_printing,
        {{
            arg_min_by(
                comparability_reason('child_comparability_note', 'child_source_file', 'child_comparability_note_line'),
                ['child_unit_id'],
                filter='not is_child_comparable',
            )
        }} as children_comparability_reason
    from child_terms
    group by report_year, document_id, unit_id, line_item_id, statement, investment_category, fiscal_year, scenario
),

compared as (
    select
        parent_figures.document_id,
        parent_figures.unit_id,
        parent_figures.line_item_id,
        parent_figures.statement,
        parent_figures.investment_category,
        parent_figures.fiscal_year,
        parent_figures.scenario,
        parent_figures.amount_eur as expected_value,
        child_sums.computed_eur as computed_value,
        child_sums.term_count,
        child_sums.computed_from,
        coalesce(child_sums.terms_rounding_eur, 0)
        + {{ rounding_half_unit('parent_figures.amount_decimals') }} as tolerance,
        case
            when child_sums.children_not_loaded is not null
                then
                    'no section of the ' || parent_figures.report_year || ' report loaded for: '
                    || child_sums.children_not_loaded
            when child_sums.children_not_printing is not null
                then 'not broken out by: ' || child_sums.children_not_printing
        end as incomplete_reason,
        case
            when not parent_figures.is_comparable
                then {{
                    comparability_reason(
                        'parent_figures.comparability_note',
                        'parent_figures.source_file',
                        'parent_figures.comparability_note_line'
                    )
                }}
            when child_sums.children_comparability_reason is not null
                then child_sums.children_comparability_reason
            when child_sums.children_from_text is not null
                then
                    'the text places ' || child_sums.children_from_text || ' under '
                    || parent_figures.unit_id || ', and the numbers contradict it'
            when child_sums.children_from_sums is not null
                then
                    'the printed sums place ' || child_sums.children_from_sums || ' under '
                    || parent_figures.unit_id || ' elsewhere, and these numbers contradict it'
        end as warn_reason,
        parent_figures.source_file,
        parent_figures.source_line
    from parent_figures
    inner join child_sums
        on
            parent_figures.report_year = child_sums.report_year
            and {{ same_figure('parent_figures', 'child_sums') }}
    -- A line item that no loaded child prints is not broken out by unit: nothing to sum.
    -- One that only some print cannot be summed either (their short tables may leave it
    -- out): incomplete, naming them.
    where child_sums.term_count > 0 or child_sums.children_not_loaded is not null
),

final as (
    {{
        reconciliation_check(
            'compared', 'unit_rollup', measure_unit="'eur'",
            absent=['mismatch_reason', 'value_decimals', 'other_document_id', 'other_source_file', 'other_source_line']
        )
    }}
)

select * from final
