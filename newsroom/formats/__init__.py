"""Date formats for staff pages, over Django's own for each language (FORMAT_MODULE_PATH)."""
