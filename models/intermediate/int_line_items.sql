with curated_line_items as (
    select * from {{ ref('stg_reference__line_items') }}
),

-- Every warehouse's printings, not only the rebuilt municipalities' of a partial build: a
-- discovered item is named as first printed anywhere.
uncurated_printings as (
    select * from {{ ref('int_line_item_printings__uncurated') }}
),

curated as (
    select
        line_item_id,
        statement,
        line_item_name,
        line_item_name_sv,
        line_item_name_en,
        parent_line_item_id,
        direction,
        is_subtotal,
        sort_order,
        true as is_curated
    from curated_line_items
),

-- Row labels that the curated chart of accounts does not know, named as first printed.
discovered as (
    select
        line_item_id,
        {{ any_value_of('statement') }} as statement,
        {{ arg_min_by('row_label', ['document_id', 'source_line']) }} as line_item_name,
        cast(null as varchar) as line_item_name_sv,
        cast(null as varchar) as line_item_name_en,
        cast(null as varchar) as parent_line_item_id,
        cast(null as varchar) as direction,
        false as is_subtotal,
        cast(null as integer) as sort_order,
        false as is_curated
    from uncurated_printings
    group by line_item_id
),

final as (
    select * from curated
    union all
    select * from discovered
)

select * from final
