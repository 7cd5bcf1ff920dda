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

links as (
    select * from {{ ref('stg_reference__line_item_links') }}
),

-- The lines that an identity names (a few of a report's figures), of a unit's whole: an
-- investment line of all its investments, not of one asset class.
linked_lines as (
    select line_item_id from links
    union
    select term_line_item_id as line_item_id from links
),

linked_figures as (
    select *
    from figures
    where
        line_item_id in (select linked_lines.line_item_id from linked_lines)
        and (investment_category is null or lower(investment_category) = '{{ var("whole_unit_category") }}')
),

signed_figures as (
    {{ with_sign_factors('linked_figures', 'line_items', 'signs') }}
),

-- Each figure once per report year: its first printing in that year's reports.
first_figures as (
    {{ first_printings_in_report_year('signed_figures', 'documents') }}
),

-- Each line an identity holds, beside each of its terms' declarations.
totals as (
    select
        first_figures.*,
        links.term_line_item_id,
        links.term_factor,
        links.term_year_offset,
        links.is_warning,
        links.description
    from first_figures
    inner join links
        on first_figures.line_item_id = links.line_item_id
    where links.scenario is null or first_figures.scenario = links.scenario
),

-- Each term's figure, of the line's unit in the same report year, in the warehouse's signs
-- (macros/signs.sql) times its factor; NULL where no report of the year prints it.
terms as (
    select
        totals.document_id,
        {{ figure_key('totals') }},
        totals.amount_eur,
        totals.amount_decimals,
        totals.sign_factor,
        totals.source_file,
        totals.source_line,
        totals.term_line_item_id,
        totals.term_year_offset,
        totals.is_warning,
        totals.description,
        term_figures.amount_eur * term_figures.sign_factor * totals.term_factor as term_eur,
        term_figures.amount_decimals as term_decimals,
        term_figures.document_id as term_document_id,
        term_figures.source_file as term_source_file,
        term_figures.source_line as term_source_line,
        totals.report_year
    from totals
    left join first_figures as term_figures
        on
            totals.report_year = term_figures.report_year
            and totals.unit_id = term_figures.unit_id
            and totals.term_line_item_id = term_figures.line_item_id
            and totals.fiscal_year + totals.term_year_offset = term_figures.fiscal_year
            and totals.scenario = term_figures.scenario
),

-- The line against the sum of its terms, given in the line's printed sign. One term is the
-- same figure printed again (identical when rounded alike); several each add their rounding.
-- A line is not checked where none of its terms is printed, nor where a term of another year
-- is not (the prior year's Lainakannan muutokset, beside no Lainakanta of the year before it).
compared as (
    select
        document_id,
        {{ figure_key() }},
        amount_eur as expected_value,
        sum(term_eur) * sign_factor as computed_value,
        count(term_eur) as term_count,
        description as computed_from,
        case
            when count(*) = 1
                then max({{ printing_tolerance('term_decimals', 'amount_decimals') }})
            else sum({{ rounding_half_unit('term_decimals') }}) + {{ rounding_half_unit('amount_decimals') }}
        end as tolerance,
        case
            when count(term_eur) < count(*)
                then
                    'not every term is printed in the ' || report_year || ' reports: '
                    || string_agg(
                        case when term_eur is null then term_line_item_id end, ', ' order by term_line_item_id
                    )
        end as incomplete_reason,
        case
            when is_warning then description || ' is the usual practice, not a definition'
        end as warn_reason,
        source_file,
        source_line,
        {{ arg_min_by('term_document_id', ['term_source_file', 'term_source_line']) }} as other_document_id,
        {{ arg_min_by('term_source_file', ['term_source_file', 'term_source_line']) }} as other_source_file,
        {{ arg_min_by('term_source_line', ['term_source_file', 'term_source_line']) }} as other_source_line
    from terms
    group by
        document_id,
        {{ figure_key() }},
        amount_eur,
        amount_decimals,
        sign_factor,
        description,
        is_warning,
        report_year,
        source_file,
        source_line
    having
        count(term_eur) > 0
        and count(case when term_year_offset <> 0 and term_eur is null then 1 end) = 0
),

final as (
    {{
        reconciliation_check(
            'compared', 'statement_link', measure_unit="'eur'",
            absent=['mismatch_reason', 'value_decimals']
        )
    }}
)

select * from final
