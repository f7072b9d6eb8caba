"""Tools for SOP authors: ``fmt`` (canonical layout, comments kept) and ``new`` (a
filled-in skeleton)."""
