{#- A table's signs (int_budget_tables__signs): how it prints its costs and its balances. The
    warehouse keeps every figure as printed (amount_eur) and reads it by its table's signs
    where figures of tables that print them differently meet: revenue positive, costs
    negative, a balance (Toimintakate, an investment table's Netto) revenue − costs. -#}

{% macro sign_factor(direction, costs_printed, balances_printed) -%}
    {#- The factor (1 or -1) that turns a printed figure of a line item of `direction` into the
        warehouse's signs, in a table that prints its costs `costs_printed` ('negative',
        'positive', NULL: none other than zero) and its balances `balances_printed`
        ('revenue_minus_costs' or 'costs_minus_revenue'). A cost printed positive is negated;
        so is a balance printed as costs − revenue (Netto 800 beside Menot 1 000 and Tulot
        200); revenue, and lines of no known direction, stay as printed. The one statement of
        the rule: the subtotal check, the choice of a table's balance reading and the marts'
        signed amounts all take it from here. -#}
    (case
        when
            {{ costs_printed }} = 'positive'
            and (
                {{ direction }} = 'expenditure'
                or ({{ direction }} = 'balance' and {{ balances_printed }} = 'costs_minus_revenue')
            )
            then -1
        else 1
    end)
{%- endmacro %}

{% macro signed_term_sum(sums, costs_printed, balances_printed) -%}
    {#- A subtotal's terms (a row of int_budget_amounts__term_sums, `sums`) summed with the
        warehouse's signs by a table's signs: the sum as printed, with its cost and balance
        terms turned by sign_factor. -#}
    ({{ sums }}.computed_eur
    + ({{ sign_factor("'expenditure'", costs_printed, balances_printed) }} - 1) * {{ sums }}.expenditure_terms_eur
    + ({{ sign_factor("'balance'", costs_printed, balances_printed) }} - 1) * {{ sums }}.balance_terms_eur)
{%- endmacro %}

{% macro is_cost_figure(direction, scenario) -%}
    {#- A figure that tells how its table prints costs: of a line the curated chart calls a cost
        (direction expenditure: Toimintakulut and its lines, an investment's Menot), budget
        changes left out (a change is signed by its direction, a cut to a cost printed positive
        negative, not by the table's way with costs). -#}
    ({{ direction }} = 'expenditure' and {{ scenario }} <> 'budget_change')
{%- endmacro %}
