with curated_line_items as (
    select * from {{ ref('stg_reference__line_items') }}
),

-- Every warehouse's printings, not only the rebuilt municipalities' of a partial build: a
-- discovered item is named as first printed anywhere.
uncurated_printings as (
    select * from {{ ref('int_line_items__discovered') }}
),

curated as (
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
        sort_order,
        true as is_curated
    from curated_line_items
),

-- Row labels that the curated chart of accounts does not know, named as first printed.
printed as (
    select
        line_item_id,
        {{ any_value_of('statement') }} as statement,
        {{ arg_min_by('row_label', ['document_id', 'source_line']) }} as line_item_name
    from uncurated_printings
    group by line_item_id
),

-- A discovered line named after the curated line it is of (`investment.menot_koulun_peruskorjaus`,
-- a project of its class's Menot; `operating.toimintakulut_josta_sisaiset`) is of that line's
-- direction, the longest such name where two are: read by its table's signs as that line is.
qualified as (
    select
        printed.line_item_id,
        {{ arg_max_by('curated.direction', ['length(curated.line_item_id)']) }} as direction
    from printed
    inner join curated
        on
            printed.statement = curated.statement
            and starts_with(printed.line_item_id, curated.statement || '.' || curated.line_item_id || '_')
    group by printed.line_item_id
),

discovered as (
    select
        printed.line_item_id,
        printed.statement,
        printed.line_item_name,
        cast(null as varchar) as line_item_name_sv,
        cast(null as varchar) as line_item_name_en,
        cast(null as varchar) as parent_line_item_id,
        cast(null as varchar) as company_form_parent_line_item_id,
        qualified.direction,
        false as is_subtotal,
        cast(null as integer) as sort_order,
        false as is_curated
    from printed
    left join qualified
        on printed.line_item_id = qualified.line_item_id
),

final as (
    select * from curated
    union all
    select * from discovered
)

select * from final
