with statuses as (
    select * from {{ ref('stg_reference__goal_statuses') }}
),

final as (
    select
        goal_status_id,
        status_name,
        status_name_en,
        sort_order
    from statuses
)

select * from final
