"""The static budget-execution report site (``kuntatalous report``, ``make report``): one page per
municipality and statement year plus an index, read from the published warehouse's marts."""

MARKER = ".kuntatalous-report"
"""A file in every site folder: only a folder holding it (or an empty one) is replaced by a new site."""
