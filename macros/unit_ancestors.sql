{% macro unit_ancestor_steps(units, ancestors='ancestors') -%}
    {#- The two members of a recursive CTE named `ancestors` over the units in `units` (with
        unit_id and parent_unit_id): each unit's parent at distance 1, then each ancestor's
        parent one further, up to the municipality's city unit (its own parent, or none).
        Declared once for the organisation tree (int_unit_ancestors) and the mart's
        (dim_unit, which a partial build's intermediate tables cannot stand in for). -#}
    select
        unit_id,
        parent_unit_id as ancestor_unit_id,
        1 as distance
    from {{ units }}
    where parent_unit_id is not null and parent_unit_id != unit_id

    union all

    select
        {{ ancestors }}.unit_id,
        parents.parent_unit_id as ancestor_unit_id,
        {{ ancestors }}.distance + 1 as distance
    from {{ ancestors }}
    inner join {{ units }} as parents
        on {{ ancestors }}.ancestor_unit_id = parents.unit_id
    where parents.parent_unit_id is not null and parents.parent_unit_id != parents.unit_id
{%- endmacro %}
