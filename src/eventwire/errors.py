"""Named errors. Per-record problems carry a stable code so users can filter and count them."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    EMPTY = "E001"  # empty or whitespace-only text
    UNDECODABLE = "E002"  # bytes that are not text in any encoding we try
    BAD_JSON = "E003"  # a JSONL line that is not JSON, or not an object
    NO_TEXT = "E004"  # a record without a string `text`
    UNSUPPORTED_LANG = "E005"  # language we have no model for
    BAD_FIELD = "E006"  # a field with a wrong type or value (e.g. an impossible `published`)
    NO_ARTICLE = "E007"  # an HTML page or feed item with no article text
    TOO_LONG = "E008"  # text longer than the configured limit
    BAD_SOURCE = "E009"  # a path that cannot be read or a feed that cannot be parsed
    INTERNAL = "E999"  # a bug: reported per record so the batch goes on


class EventwireError(Exception):
    """Base class for errors raised to library callers (usage problems, missing models)."""


class RecordProblem(EventwireError):
    """A problem with one input record; turned into an ``errors`` entry, never allowed to stop a batch."""

    def __init__(self, code: ErrorCode, message: str, record_id: str | None = None) -> None:
        super().__init__(f"[{code.value}] {record_id or '?'}: {message}")
        self.code = code
        self.message = message
        self.record_id = record_id

    def __reduce__(self) -> tuple[type[RecordProblem], tuple[ErrorCode, str, str | None]]:
        return (RecordProblem, (self.code, self.message, self.record_id))  # crosses process boundaries intact


class ModelNotFound(EventwireError):
    def __init__(self, lang: str, name: str) -> None:
        super().__init__(
            f"spaCy model {name!r} for language {lang!r} is not installed. Install the project with "
            f"`pip install -e .` (it pins the models), or set EVENTWIRE_MODEL_{lang.upper()} to an installed model."
        )


class StoreError(EventwireError):
    """The store cannot be opened or written (bad location, full disk, lost database server)."""


class StoreFull(StoreError):
    """No space left for the store: nothing of the current article was written; free space and run again."""


class StoreRefused(StoreError):
    """The database refused an article's rows (a constraint, a trigger, a value it cannot hold): nothing of that
    article was written; the articles before it are stored."""


class StoreUnavailable(StoreError):
    """The database server cannot be reached (or was lost and could not be reached again)."""
