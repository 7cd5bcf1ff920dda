with source as (
    select * from {{ ref('ref_unit_aliases') }}
),

final as (
    select
        unit_id,
        alias
    from source
)

select * from final
