with budget_rows as (
    select * from {{ ref('int_budget_rows__resolved') }}
    where unread_columns is not null and unread_columns <> ''
),

-- Each amount column of the rows with an unread cell, empty or not.
printed_columns as (
    {{-
        budget_amount_unpivot(
            'budget_rows',
            [
                'document_id',
                'unit_id',
                'line_item_id',
                'statement',
                'investment_category',
                'row_label',
                'source_file',
                'source_line',
                'unread_columns',
            ],
        )
    }}
),

-- The columns the row lists as unread.
final as (
    select
        document_id,
        unit_id,
        line_item_id,
        statement,
        investment_category,
        fiscal_year,
        scenario,
        source_column,
        row_label,
        source_file,
        source_line
    from printed_columns
    where
        amount_eur is null
        and {{ lists_unread('unread_columns', 'source_column') }}
)

select * from final
