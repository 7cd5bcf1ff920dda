with source as (
    select * from {{ ref('ref_line_items') }}
),

final as (
    select
        line_item_id,
        statement,
        line_item_name,
        line_item_name_sv,
        line_item_name_en,
        parent_line_item_id,
        company_form_parent_line_item_id,
        direction,
        is_subtotal,
        cast(sort_order as integer) as sort_order
    from source
)

select * from final
