{#- Where a row stands among the rows printed around it. -#}

{% macro nearest_line(condition, side, window) -%}
    {#- The source line of the nearest other row of the named window (partitioned, in print
        order by source_line) printed `before` or `after` the row that meets the condition;
        NULL where none does. -#}
    {%- if side == 'before' -%}
    max(case when {{ condition }} then source_line end) over (
        {{ window }}
        rows between unbounded preceding and 1 preceding
    )
    {%- elif side == 'after' -%}
    min(case when {{ condition }} then source_line end) over (
        {{ window }}
        rows between 1 following and unbounded following
    )
    {%- else -%}
    {{ exceptions.raise_compiler_error("nearest_line: side is 'before' or 'after', not '" ~ side ~ "'") }}
    {%- endif -%}
{%- endmacro %}
