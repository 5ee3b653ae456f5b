"""The plain-text path: whole-page text dumps -> article body, removals and metadata."""

from .extract import clean_text

__all__ = ["clean_text"]
