"""Warehouse operations: publish, export, the last run's record and the build report."""
