with source as (
    select * from {{ ref('ref_line_item_names') }}
),

final as (
    select
        line_item_id,
        name_printed,
        language,
        printed_beside
    from source
)

select * from final
