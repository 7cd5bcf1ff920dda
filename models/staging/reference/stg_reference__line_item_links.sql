with source as (
    select * from {{ ref('ref_line_item_links') }}
),

final as (
    select
        line_item_id,
        term_line_item_id,
        cast(term_factor as integer) as term_factor,
        cast(term_year_offset as integer) as term_year_offset,
        nullif(scenario, '') as scenario,
        cast(is_warning as boolean) as is_warning,
        description
    from source
)

select * from final
