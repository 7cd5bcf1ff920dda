with line_items as (
    select * from {{ ref('stg_reference__line_items') }}
),

ktas_labels as (
    select * from {{ ref('stg_reference__ktas_labels') }}
),

further_names as (
    select * from {{ ref('stg_reference__line_item_names') }}
),

-- The chart's own names: the decree's Finnish and Swedish wording, and the English term.
canonical_names as (
    select
        line_item_id,
        statement,
        line_item_name as name_printed,
        'canonical_fi' as name_kind,
        cast(null as varchar) as printed_beside
    from line_items
    union all
    select
        line_item_id,
        statement,
        line_item_name_sv as name_printed,
        'canonical_sv' as name_kind,
        cast(null as varchar) as printed_beside
    from line_items
    union all
    select
        line_item_id,
        statement,
        line_item_name_en as name_printed,
        'canonical_en' as name_kind,
        cast(null as varchar) as printed_beside
    from line_items
),

-- The State Treasury taxonomy's labels for the same lines (tulot/menot wording).
ktas_names as (
    select
        line_item_id,
        ktas_label_fi as name_printed,
        'ktas_fi' as name_kind
    from ktas_labels
    union all
    select
        line_item_id,
        ktas_label_sv as name_printed,
        'ktas_sv' as name_kind
    from ktas_labels
    union all
    select
        line_item_id,
        ktas_label_en as name_printed,
        'ktas_en' as name_kind
    from ktas_labels
),

ktas_names_with_statement as (
    select
        ktas_names.line_item_id,
        line_items.statement,
        ktas_names.name_printed,
        ktas_names.name_kind,
        cast(null as varchar) as printed_beside
    from ktas_names
    inner join line_items
        on ktas_names.line_item_id = line_items.line_item_id
),

-- The chart's Finnish names in the Treasury's tulot/menot wording, which its labels print for
-- the main lines only: Henkilösivumenot, Eläkemenot, Korkotulot, Korkomenot, Rahoitustulot ja
-- -menot (the chart's Henkilösivukulut, Eläkekulut, Korkotuotot, ...).
treasury_words as (
    select
        line_item_id,
        statement,
        replace(replace(line_item_name, 'kulut', 'menot'), 'tuotot', 'tulot') as name_printed,
        'treasury_fi' as name_kind,
        cast(null as varchar) as printed_beside
    from line_items
    where line_item_name like '%kulut%' or line_item_name like '%tuotot%'
),

-- Further names the reports print (ref_line_item_names): Investointimenot, Nettoinvestoinnit;
-- Menot as a unit's Toimintakulut only beside Nettomenot or Netto.
further_names_with_statement as (
    select
        further_names.line_item_id,
        line_items.statement,
        further_names.name_printed,
        'further_' || further_names.language as name_kind,
        further_names.printed_beside
    from further_names
    inner join line_items
        on further_names.line_item_id = line_items.line_item_id
),

unioned as (
    select * from canonical_names
    union all
    select * from ktas_names_with_statement
    union all
    select * from treasury_words
    union all
    select * from further_names_with_statement
),

keyed as (
    select
        line_item_id,
        statement,
        name_printed,
        name_kind,
        {{ normalise_name('name_printed') }} as name_key,
        {{ normalise_name('printed_beside') }} as beside_key
    from unioned
    where name_printed is not null
),

-- One row per statement, match key and line it must be printed beside: a name printed alike by
-- several sources is kept once, from the first source in the order above.
ranked as (
    select
        *,
        row_number() over (
            partition by statement, name_key, beside_key, line_item_id
            order by
                case name_kind
                    when 'canonical_fi' then 1
                    when 'canonical_sv' then 2
                    when 'canonical_en' then 3
                    when 'ktas_fi' then 4
                    when 'ktas_sv' then 5
                    when 'ktas_en' then 6
                    when 'treasury_fi' then 7
                    else 8
                end
        ) as source_rank
    from keyed
),

final as (
    select
        line_item_id,
        statement,
        name_printed,
        name_kind,
        name_key,
        beside_key
    from ranked
    where source_rank = 1
)

select * from final
