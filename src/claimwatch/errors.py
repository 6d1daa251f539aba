"""Domain errors. Each class knows its exit code; the CLI edge prints ``Error: ...``."""

from __future__ import annotations


class ClaimwatchError(Exception):
    exit_code = 1
    http_status = 500


class InputError(ClaimwatchError):
    """A bad input the user gave: a file, a line, a date, an option."""

    exit_code = 2
    http_status = 400


class NothingFound(ClaimwatchError):
    """A command whose whole answer is empty (a timeline with no point): said, exit 1."""

    exit_code = 1
    http_status = 404


class NotFound(ClaimwatchError):
    exit_code = 3
    http_status = 404


class ModelError(ClaimwatchError):
    """The NLP model could not be loaded."""

    exit_code = 4


class StoreError(ClaimwatchError):
    """The store cannot be opened or is of an unknown schema."""

    exit_code = 5


class EvalBelowFloor(ClaimwatchError):
    """An evaluation scored below a pinned floor."""

    exit_code = 6


class WriterBusy(StoreError):
    """Another process holds the store's single-writer lock."""

    http_status = 409


class QueryTimeout(ClaimwatchError):
    """A read ran past its time cap (the web app's read-only connections)."""

    http_status = 503
