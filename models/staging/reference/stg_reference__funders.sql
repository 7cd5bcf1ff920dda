with source as (
    select * from {{ ref('ref_funders') }}
),

final as (
    select
        printed_name,
        funder_id,
        funder_name,
        funder_name_en,
        funder_kind
    from source
)

select * from final
