{#- A printed name's match key: lower case, spaces collapsed, and a dash printed as an en or em
    dash or a minus sign read as the hyphen (`Rahoitustuotot ja –kulut`). -#}
{% macro normalise_name(expression) -%}
    lower(translate(regexp_replace(trim({{ expression }}), '\s+', ' ', 'g'), '–—−', '---'))
{%- endmacro %}

{#- A printed line's name key (`normalise_name`) without the word that marks the line a total:
    `toimintatuotot yhteensä` and `summa verksamhetens intäkter` are the keys of `Toimintatuotot`
    and `Verksamhetens intäkter`. Looked up only where the name as printed is no line's. -#}
{% macro without_total_word(key) -%}
    regexp_replace(regexp_replace({{ key }}, {{ total_word_after() }}, ''), {{ total_word_before() }}, '')
{%- endmacro %}

{#- A printed name without the word that marks it a total, before or after it, its case and dashes
    kept (`Siirtoviemäri Levi–Köngäs yhteensä`: Siirtoviemäri Levi–Köngäs), spaces collapsed. -#}
{% macro without_total_word_as_printed(expression) -%}
    regexp_replace(
        regexp_replace(regexp_replace(trim({{ expression }}), '\s+', ' ', 'g'), {{ total_word_after() }}, '', 'i'),
        {{ total_word_before() }}, '', 'i'
    )
{%- endmacro %}

{#- A total word after a name (`Sivistyslautakunta yhteensä`, `Investeringar totalt`), as a
    regular expression: the words text.cells.TOTAL_WORDS declares (tests/python/test_total_words.py). -#}
{% macro total_word_after() -%}
    '\s+(yhteensä|totalt|sammanlagt)$'
{%- endmacro %}

{#- A total word before a name (`Summa verksamhetens intäkter`), as a regular expression: the words
    text.cells.SUM_WORDS declares (tests/python/test_total_words.py). -#}
{% macro total_word_before() -%}
    '^(summa|yhteensä)\s+'
{%- endmacro %}

{#- A unit's name as printed without a total word after it: a table of a unit's figures printed
    below its parts' tables may name it so (`Sivistyslautakunta yhteensä`: Sivistyslautakunta).
    Its case kept; a total word alone (`Yhteensä`) stays. -#}
{% macro without_printed_total_word(expression) -%}
    regexp_replace({{ expression }}, {{ total_word_after() }}, '', 'i')
{%- endmacro %}

{#- Whether a name key marks a total: it has a total word at its end or start (`investoinnit
    yhteensä`, `summa investeringar`) or is one alone (`yhteensä`). -#}
{% macro names_a_total(key) -%}
    ({{ without_total_word(key) }} != {{ key }} or {{ without_total_word("'x ' || " ~ key) }} = 'x')
{%- endmacro %}

{#- A printed line that details the line above it rather than adding up with its neighbours:
    `josta sisäiset` (of which internal), `joista`, `siitä`, Swedish `varav`, `därav`, after a
    dash, bullet or bracket or before a colon (`- josta:`, `(josta`) too. It is no term of any
    total; its name is qualified by the line it details. `key` is a name key (`normalise_name`):
    the whole of a breakdown's key is replaced by nothing, one regular expression evaluated. -#}
{% macro is_breakdown(key) -%}
    (
        {{ key }} <> ''
        and regexp_replace({{ key }}, '^[-–—(•* ]*(josta|joista|siitä|varav|därav)[: ].*$', '') = ''
    )
{%- endmacro %}

{#- A name in sentence case: its first letter capitalised, the rest in lower case
    (`TEKNINEN LAUTAKUNTA`: Tekninen lautakunta), for a name printed in capitals throughout. -#}
{% macro sentence_case(expression) -%}
    upper(left({{ expression }}, 1)) || lower(substr({{ expression }}, 2))
{%- endmacro %}

{#- An asset class as stored (`investment_category`), from the name printed: in capitals
    throughout, in sentence case, as a unit's is (`YHTEISET PALVELUT IRTAIN OMAISUUS`: Irtain
    omaisuus); else as printed, capitals within it and its dashes kept (`Siirtoviemäri
    Levi–Köngäs`), its first letter capitalised (`Tekninen lautakunta talonrakennus`:
    Talonrakennus). -#}
{% macro class_name(expression) -%}
    case
        when {{ is_in_capitals(expression) }} then {{ sentence_case(expression) }}
        else upper(left({{ expression }}, 1)) || substr({{ expression }}, 2)
    end
{%- endmacro %}

{#- Whether a printed name is in capitals throughout (`TEKNINEN LAUTAKUNTA`): it has letters
    and none in lower case. -#}
{% macro is_in_capitals(expression) -%}
    ({{ expression }} = upper({{ expression }}) and {{ expression }} <> lower({{ expression }}))
{%- endmacro %}
