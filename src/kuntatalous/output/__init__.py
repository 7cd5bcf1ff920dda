"""Extraction output: rejects, the per-report cache and the raw CSVs."""
