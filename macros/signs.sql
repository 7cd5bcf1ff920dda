{#- A table's signs (int_budget_tables__signs): how it prints its figures, its reading. The
    warehouse keeps every figure as printed (amount_eur) and reads it by its table's reading
    where figures of tables that print them differently meet: revenue positive, costs
    negative, a balance (Toimintakate, an investment table's Netto) revenue - costs. -#}

{% macro sign_factor(direction, signs) -%}
    {#- The factor (1 or -1) that turns a printed figure of a line item of `direction` into the
        warehouse's signs, by its table's reading (`signs`: a row of int_budget_tables__signs,
        or of its readings, with revenue_factor, expenditure_factor and balance_factor). A
        line of no known direction, or of a table with no row there, stays as printed. The one
        statement of the rule: the subtotal check, the choice of a table's reading, the
        comparisons of two printings and the marts' signed amounts all take it from here. -#}
    (case {{ direction }}
        when 'revenue' then coalesce({{ signs }}.revenue_factor, 1)
        when 'expenditure' then coalesce({{ signs }}.expenditure_factor, 1)
        when 'balance' then coalesce({{ signs }}.balance_factor, 1)
        else 1
    end)
{%- endmacro %}

{% macro signed_term_sum(sums, signs) -%}
    {#- A subtotal's terms (a row of int_budget_amounts__term_sums, `sums`) summed with the
        warehouse's signs by a table's reading (`signs`, as for sign_factor): the sum as
        printed, with its revenue, cost and balance terms each turned by their factor. -#}
    ({{ sums }}.computed_eur
    + ({{ sign_factor("'revenue'", signs) }} - 1) * {{ sums }}.revenue_terms_eur
    + ({{ sign_factor("'expenditure'", signs) }} - 1) * {{ sums }}.expenditure_terms_eur
    + ({{ sign_factor("'balance'", signs) }} - 1) * {{ sums }}.balance_terms_eur)
{%- endmacro %}

{% macro is_cost_figure(direction, scenario) -%}
    {#- A figure that tells how its table prints costs: of a line the curated chart calls a cost
        (direction expenditure: Toimintakulut and its lines, an investment's Menot), budget
        changes left out (a change is signed by its direction, a cut to a cost printed positive
        negative, not by the table's way with costs). -#}
    ({{ direction }} = 'expenditure' and {{ scenario }} <> 'budget_change')
{%- endmacro %}

{% macro with_sign_factors(printings, line_items, signs) -%}
    {#- The rows of `printings` (each with its document_id, table_line and line_item_id) with
        the sign_factor of its table's signs: the checks that compare figures of two tables
        (repeated_printing, restatement, unit_rollup) compare them by it, so that tables printing
        costs differently agree where their figures do, and fact_budget's signed amounts are the
        amounts times it. -#}
    select
        {{ printings }}.*,
        {{ sign_factor(line_items ~ '.direction', signs) }} as sign_factor
    from {{ printings }}
    left join {{ line_items }}
        on {{ printings }}.line_item_id = {{ line_items }}.line_item_id
    left join {{ signs }}
        on
            {{ printings }}.document_id = {{ signs }}.document_id
            and {{ printings }}.table_line = {{ signs }}.table_line
{%- endmacro %}
