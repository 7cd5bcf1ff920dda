"""Table parsers: each kind of printed table into records and rejects, and their shared helpers."""
