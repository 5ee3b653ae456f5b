"""Metadata from page text (and, for HTML, from the markup)."""
