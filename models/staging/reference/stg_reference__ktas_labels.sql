with source as (
    select * from {{ ref('ref_ktas_income_statement_labels') }}
),

final as (
    select
        line_item_id,
        label_fi as ktas_label_fi,
        label_sv as ktas_label_sv,
        label_en as ktas_label_en,
        cast(sort_order as integer) as ktas_sort_order
    from source
)

select * from final
