with source as (
    select * from {{ ref('ref_unit_level_words') }}
),

final as (
    select
        lower(trim(word)) as word,
        unit_level,
        language
    from source
)

select * from final
