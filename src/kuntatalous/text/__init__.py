"""Reading report text: files, layout into table blocks, numbers and markup, truncation."""
