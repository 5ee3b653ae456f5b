"""The HTML path."""

from .extract import clean_html

__all__ = ["clean_html"]
