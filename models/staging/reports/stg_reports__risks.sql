with source as (
    {{ rebuilt_documents_only(source('reports', 'raw_risks')) }}
),

final as (
    select
        document_id,
        source_file,
        source_line,
        table_line,
        table_heading,
        risk_class,
        risk,
        probability,
        significance,
        risk_value_raw,
        probability_scale_max,
        significance_scale_max,
        printed_risk_score,
        printed_risk_score_raw,
        mitigation,
        mitigation_outcome
    from source
)

select * from final
