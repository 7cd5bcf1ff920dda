with source as (
    select * from {{ ref('ref_municipalities') }}
),

final as (
    select
        municipality_code,
        name_fi as municipality_name,
        name_sv as municipality_name_sv,
        region_fi as region_name,
        language as language_status
    from source
)

select * from final
