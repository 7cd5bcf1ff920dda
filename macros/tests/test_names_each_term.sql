{% test names_each_term(model, separator=' + ') %}
{#- Rows whose computed_from does not name exactly term_count terms (joined by separator): a
    check whose names are built apart from its sums (from bit masks, macros/bit_masks.sql) must
    name every term it summed, and nothing else. -#}

select *
from {{ model }}
where
    term_count > 0
    and (
        computed_from is null
        or length(computed_from) - length(replace(computed_from, '{{ separator }}', ''))
        <> {{ separator | length }} * (term_count - 1)
    )

{% endtest %}
