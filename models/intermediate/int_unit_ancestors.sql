with recursive units as (
    select * from {{ ref('int_units') }}
),

-- Each unit's parent, its parent's parent, … up to the municipality's city unit.
ancestors as (
    {{ unit_ancestor_steps('units') }}
),

final as (
    select
        unit_id,
        ancestor_unit_id,
        distance
    from ancestors
)

select * from final
