with recursive line_items as (
    select * from {{ ref('stg_reference__line_items') }}
),

-- Each line item's parents: the subtotal it adds into, and where a municipal enterprise's
-- company-form income statement puts it under another (Henkilöstökulut under Liikeylijäämä),
-- that one too. The two forms' subtotals are alternatives: a printed line is a term of the
-- nearest one its table prints (int_budget_amounts__term_sums).
parents as (
    select
        line_item_id,
        parent_line_item_id
    from line_items
    where parent_line_item_id is not null
    union
    select
        line_item_id,
        company_form_parent_line_item_id as parent_line_item_id
    from line_items
    where company_form_parent_line_item_id is not null
),

-- Every line item with each line item above it in the hierarchy, by every path up.
paths as (
    select
        line_item_id,
        parent_line_item_id as ancestor_line_item_id,
        1 as ancestor_distance
    from parents
    union all
    select
        paths.line_item_id,
        parents.parent_line_item_id as ancestor_line_item_id,
        paths.ancestor_distance + 1 as ancestor_distance
    from paths
    inner join parents
        on paths.ancestor_line_item_id = parents.line_item_id
),

-- Each line item above it once, at its nearest (Tilikauden ylijäämä (alijäämä) is three steps
-- above Henkilöstökulut through Liikeylijäämä, five through Toimintakulut).
final as (
    select
        line_item_id,
        ancestor_line_item_id,
        min(ancestor_distance) as ancestor_distance
    from paths
    group by line_item_id, ancestor_line_item_id
)

select * from final
