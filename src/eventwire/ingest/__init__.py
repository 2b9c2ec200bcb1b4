"""Ingest: turn files, stdin, web pages, feeds and JSONL into :class:`~eventwire.models.Article` records.

Every input unit (a text file, a JSONL line, an HTML page, a feed item) yields exactly one :class:`Item`: either an
article or a :class:`Failed` record naming the problem, so that the output always has one line per input.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_jsonl, read_jsonl_lines
from eventwire.ingest.text import decode_bytes, read_text
from eventwire.models import Article


@dataclass(frozen=True)
class Failed:
    """An input unit that could not become an article; it still produces one output record."""

    id: str
    problem: RecordProblem


Item = Article | Failed
log = logging.getLogger(__name__)

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


@dataclass(frozen=True)
class Defaults:
    """Values applied to records that do not carry their own (from the command line)."""

    published: dt.date | None = None
    lang: str | None = None


def sniff_kind(path_name: str, head: bytes) -> str:
    """Guess the input kind from the file name, then from its first bytes."""
    suffix = Path(path_name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    start = head.lstrip()[:200].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<?xml") or b"<rss" in start or b"<feed" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_bytes(data: bytes, name: str, defaults: Defaults = Defaults(), kind: str | None = None) -> Iterator[Item]:
    """Read one input (file content or stdin) of any supported kind."""
    kind = kind or sniff_kind(name, data[:512])
    stem = Path(name).stem or "stdin"
    try:
        if kind == "jsonl":
            yield from _with_defaults(read_jsonl(data, stem), defaults)
        elif kind == "feed":
            yield from _with_defaults(read_feed(data, stem), defaults)
        elif kind == "html":
            yield from _with_defaults([_catch(stem, lambda: read_html(data, stem))], defaults)
        else:
            yield from _with_defaults([_catch(stem, lambda: read_text(decode_bytes(data, stem), stem))], defaults)
    except RecordProblem as problem:  # a whole source that cannot be parsed at all
        yield Failed(stem, problem)


MAX_FILE_BYTES = 64 * 2**20  # a text, HTML or feed file larger than this is refused (JSONL files are streamed)


def read_paths(paths: Iterable[str], defaults: Defaults = Defaults(),
               max_bytes: int = MAX_FILE_BYTES) -> Iterator[Item]:
    """Read every path (``-`` for stdin); directories are walked for files, sorted by name.

    JSONL (files and stdin) is streamed line by line, so memory does not grow with the input; other files are read
    whole, up to ``max_bytes``. A record whose id an earlier record already had is processed, with a warning."""
    return unique_ids(_read_paths(paths, defaults, max_bytes))


def _read_paths(paths: Iterable[str], defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    for raw in paths:
        if raw == "-":
            yield from _read_stream(sys.stdin.buffer, "stdin", defaults, max_bytes)
            continue
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                with file.open("rb") as handle:
                    yield from _read_stream(handle, str(file), defaults, max_bytes)
            except OSError as exc:
                yield Failed(file.stem, RecordProblem(ErrorCode.BAD_SOURCE, f"cannot read {file}: {exc}", file.stem))


def _read_stream(handle: BinaryIO, name: str, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    head = handle.peek(512)[:512] if isinstance(handle, io.BufferedReader) else b""
    stem = Path(name).stem or "stdin"
    if head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and sniff_kind(name, head) == "jsonl":
        yield from _with_defaults(read_jsonl_lines(handle, stem), defaults)
        return
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Failed(stem, RecordProblem(ErrorCode.TOO_LONG, f"{name} is larger than {max_bytes:,} bytes (the limit "
                                         "for a single text, HTML or feed file); split it or use JSONL", stem))
        return
    yield from read_bytes(data, name, defaults)


def unique_ids(items: Iterable[Item]) -> Iterator[Item]:
    """Pass every item through, warning (on the ``eventwire.ingest`` logger, stderr by default) about each record
    whose id an earlier record of this run already had. Both are processed and both appear in the output under that
    id: whatever reads the output keyed by id (a store, the scorer) keeps the last one, as a re-sent dispatch should."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            log.warning("duplicate id %r: an earlier record of this run has it too; both are in the output, and "
                        "a store keyed by id keeps this later one", item.id)
        seen.add(item.id)
        yield item


def _catch(record_id: str, make: Callable[[], Article]) -> Item:
    try:
        return make()
    except RecordProblem as problem:
        return Failed(record_id, problem)


def _with_defaults(items: Iterable[Item], defaults: Defaults) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Article):
            update: dict[str, object] = {}
            if item.published is None and defaults.published is not None:
                update["published"] = defaults.published
            if defaults.lang is not None and item.lang is None:
                update["lang"] = defaults.lang
            yield item.model_copy(update=update) if update else item
        else:
            yield item


__all__ = ["Defaults", "Failed", "Item", "read_bytes", "read_paths", "sniff_kind", "unique_ids"]
