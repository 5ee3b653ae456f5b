"""The standard library's regular-expression parser, for the modules that read a pattern's structure (which
characters a match can open with, which literals it must hold): `re._parser` from Python 3.11, `sre_parse` on
3.10. Its node constants (LITERAL, IN, BRANCH, ...) are attributes of it on both."""

try:
    from re import _parser as sre_parse
except ImportError:  # Python 3.10, which pyproject supports
    import sre_parse  # type: ignore[no-redef]

__all__ = ["sre_parse"]
