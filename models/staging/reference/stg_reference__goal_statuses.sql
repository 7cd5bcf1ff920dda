with source as (
    select * from {{ ref('ref_goal_statuses') }}
),

final as (
    select
        goal_status_id,
        status_name,
        status_name_en,
        cast(sort_order as integer) as sort_order
    from source
)

select * from final
