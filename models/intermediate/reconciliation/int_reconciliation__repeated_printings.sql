with printings as (
    select * from {{ ref('int_budget_amounts__all_printings') }}
),

line_items as (
    select * from {{ ref('int_line_items') }}
),

signs as (
    select * from {{ ref('int_budget_tables__signs') }}
),

signed_printings as (
    {{ with_sign_factors('printings', 'line_items', 'signs') }}
),

-- A unit's short and detailed tables print some figures twice; each printing is compared
-- with the one the warehouse keeps (the most precise, the first printed among equals:
-- kept_printing_order), whose values the window carries to every printing (no join).
numbered as (
    select
        *,
        row_number() over printings_of_figure as printing_number,
        first_value(amount_eur) over printings_of_figure as first_amount_eur,
        first_value(sign_factor) over printings_of_figure as first_sign_factor,
        first_value(amount_decimals) over printings_of_figure as first_amount_decimals,
        first_value(source_line) over printings_of_figure as first_source_line
    from signed_printings
    window printings_of_figure as (
        partition by document_id, {{ figure_key() }}
        order by {{ kept_printing_order() }}
    )
),

-- A printing by a table that prints its costs another way than the first's is given in the
-- first's printed sign (macros/signs.sql): Toimintakulut 100 of a table printing costs
-- positive is the -100 of one printing them negative.
compared as (
    select
        document_id,
        {{ figure_key() }},
        first_amount_eur as expected_value,
        amount_eur * sign_factor * first_sign_factor as computed_value,
        'the same figure printed at line ' || first_source_line
        || case when sign_factor <> first_sign_factor then ', read by each table''s signs' else '' end
            as computed_from,
        {{ printing_tolerance('amount_decimals', 'first_amount_decimals') }} as tolerance,
        source_file,
        source_line,
        document_id as other_document_id,
        source_file as other_source_file,
        first_source_line as other_source_line
    from numbered
    where printing_number > 1
),

-- Two printings in one report of one figure must agree, comparable or not: no warn reason.
final as (
    {{
        reconciliation_check(
            'compared', 'repeated_printing', measure_unit="'eur'", term_count='1',
            absent=['mismatch_reason', 'value_decimals', 'incomplete_reason', 'warn_reason']
        )
    }}
)

select * from final
