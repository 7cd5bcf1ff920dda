with line_items as (
    select * from {{ ref('int_line_items') }}
),

final as (
    select
        line_item_id,
        line_item_name,
        line_item_name_en,
        statement,
        parent_line_item_id,
        company_form_parent_line_item_id,
        direction,
        is_subtotal,
        sort_order,
        is_curated
    from line_items
)

select * from final
