"""Errors a caller can act on: each names what is wrong with one input."""


class CleanerError(Exception):
    """Base class for errors about one input."""


class InputError(CleanerError):
    """The input cannot be cleaned as given (binary data, wrong kind, too large, a bad argument...)."""


class TimeBudgetExceeded(CleanerError):
    """Cleaning one page took longer than `Options.time_budget` (raised only with `Options.budget_raises`;
    otherwise `clean()` returns an empty document whose `empty_reason` says so)."""
