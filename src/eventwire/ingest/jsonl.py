"""JSON Lines records: ``{"id", "text", "title"?, "lang"?, "published"?, "url"?, "source"?}``; other fields ignored."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.ingest.text import clean_text
from eventwire.models import Article

if TYPE_CHECKING:
    from eventwire.ingest import Item

OPTIONAL_STR_FIELDS = ("title", "lang", "url", "source")


def parse_published(value: Any, record_id: str) -> dt.date | None:
    """Accept ``YYYY-MM-DD``, an ISO timestamp or a written date ("Dec 17, 2016 8:46 AM ET"); refuse impossible
    dates with a named error."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordProblem(ErrorCode.BAD_FIELD, f"`published` must be a string date, got {type(value).__name__}",
                            record_id)
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        if not re.match(r"\d{4}-\d\d-\d\d", value):  # "Dec 17, 2016 8:46 AM ET", "17 décembre 2016"
            parsed = _written_date(value)
            if parsed is not None:
                return parsed
        raise RecordProblem(ErrorCode.BAD_FIELD, f"`published` is not a valid YYYY-MM-DD date: {value!r}",
                            record_id) from exc


def _written_date(value: str) -> dt.date | None:
    """A date written out, with whatever time of day and zone around it ("8:56 AM, Dec 08, 2016 CT",
    "Wed Nov 23, 2016 | 4:58pm EST"): the text before the time, else the text without times and zones."""
    import dateparser

    time = r"\d{1,2}:\d\d(:\d\d?)?\s*([AaPp]\.?[Mm]\.?)?"
    candidates = [re.split(time, value)[0], re.sub(r"\b[A-Z]{2,4}\b", " ", re.sub(time, " ", value)), value]
    for text in candidates:
        text = re.sub(r"\s+", " ", text).strip(" ,|-")
        parsed = dateparser.parse(text, languages=["en", "fr"], settings={"STRICT_PARSING": True}) if text else None
        if parsed is not None:
            return parsed.date()
    return None


def record_to_article(obj: Any, default_id: str) -> Article:
    if not isinstance(obj, dict):
        raise RecordProblem(ErrorCode.BAD_JSON, f"a JSON {type(obj).__name__}, not an object", default_id)
    raw_id = obj.get("id")
    record_id = str(raw_id) if raw_id not in (None, "") else default_id
    text = obj.get("text")
    if not isinstance(text, str):
        what = "missing" if text is None else f"a {type(text).__name__}, not a string"
        raise RecordProblem(ErrorCode.NO_TEXT, f"`text` is {what}", record_id)
    text = clean_text(text)
    if not text.strip():
        raise RecordProblem(ErrorCode.EMPTY, "empty or whitespace-only `text`", record_id)
    fields: dict[str, Any] = {}
    for name in OPTIONAL_STR_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise RecordProblem(ErrorCode.BAD_FIELD, f"`{name}` must be a string", record_id)
        fields[name] = value or None
    return Article(id=record_id, text=text, published=parse_published(obj.get("published"), record_id), **fields)


def _id_of(line: str, default_id: str) -> str:
    """The record's own id when the line can be read at all, to name it in an error."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return default_id
    raw_id = obj.get("id") if isinstance(obj, dict) else None
    return str(raw_id) if raw_id not in (None, "") else default_id


def read_jsonl(data: bytes, stem: str) -> Iterator[Item]:
    """Records of a JSONL document held in memory (UTF-8; a UTF-16 file with a byte-order mark is accepted)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordProblem(ErrorCode.UNDECODABLE, f"invalid UTF-16: {exc}", stem) from exc
    yield from read_jsonl_lines(data.split(b"\n"), stem)


def read_jsonl_lines(lines: Iterable[bytes], stem: str) -> Iterator[Item]:
    """One item per non-blank line, streamed: a bad line (bytes that are not UTF-8, not JSON, not an object, no
    string ``text``) becomes a :class:`Failed` record naming the line and the problem."""
    from eventwire.ingest import Failed

    for number, raw in enumerate(lines, start=1):
        default_id = f"{stem}:{number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            record_id = _id_of(raw.decode("utf-8", errors="replace"), default_id)
            bad = raw[exc.start:exc.start + 1].hex()
            yield Failed(record_id, RecordProblem(
                ErrorCode.UNDECODABLE, f"line {number} is not valid UTF-8 (byte 0x{bad} at position {exc.start}); "
                "JSONL must be UTF-8", record_id))
            continue
        if not line.strip():
            continue
        try:
            yield record_to_article(json.loads(line), default_id)
        except json.JSONDecodeError as exc:
            yield Failed(default_id, RecordProblem(ErrorCode.BAD_JSON, f"line {number} is not JSON: {exc.msg}",
                                                   default_id))
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, arrays nested 100,000 deep
            yield Failed(default_id, RecordProblem(ErrorCode.BAD_JSON, f"line {number} cannot be read as JSON: "
                                                   f"{type(exc).__name__}: {str(exc)[:120]}", default_id))
        except RecordProblem as problem:
            yield Failed(problem.record_id or default_id, problem)
