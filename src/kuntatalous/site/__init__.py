"""The static budget-execution report site (``kuntatalous report``, ``make report``): one page per
municipality and statement year plus an index, read from the published warehouse's marts."""
