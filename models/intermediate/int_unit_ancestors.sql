with recursive units as (
    select * from {{ ref('int_units') }}
),

-- Each unit's parent, its parent's parent, … up to the municipality's city unit.
ancestors as (
    select
        unit_id,
        parent_unit_id as ancestor_unit_id,
        1 as distance
    from units
    where parent_unit_id is not null and parent_unit_id != unit_id

    union all

    select
        ancestors.unit_id,
        units.parent_unit_id as ancestor_unit_id,
        ancestors.distance + 1 as distance
    from ancestors
    inner join units
        on ancestors.ancestor_unit_id = units.unit_id
    where units.parent_unit_id is not null and units.parent_unit_id != units.unit_id
),

final as (
    select
        unit_id,
        ancestor_unit_id,
        distance
    from ancestors
)

select * from final
