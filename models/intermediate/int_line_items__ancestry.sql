with recursive line_items as (
    select * from {{ ref('int_line_items') }}
),

-- Every line item with each line item above it in the hierarchy, nearest first.
ancestry as (
    select
        line_item_id,
        parent_line_item_id as ancestor_line_item_id,
        1 as ancestor_distance
    from line_items
    where parent_line_item_id is not null
    union all
    select
        ancestry.line_item_id,
        line_items.parent_line_item_id as ancestor_line_item_id,
        ancestry.ancestor_distance + 1 as ancestor_distance
    from ancestry
    inner join line_items
        on ancestry.ancestor_line_item_id = line_items.line_item_id
    where line_items.parent_line_item_id is not null
),

final as (
    select
        line_item_id,
        ancestor_line_item_id,
        ancestor_distance
    from ancestry
)

select * from final
