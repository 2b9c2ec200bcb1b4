"""Ingest: turn files, stdin, web pages, feeds and JSONL into :class:`~eventwire.models.Article` records.

Every input unit (a text file, a JSONL line, an HTML page, a feed item) yields exactly one :class:`Item`: either an
article or a :class:`Failed` record naming the problem, so that the output always has one line per input.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.text import decode_bytes, read_text
from eventwire.models import Article


@dataclass(frozen=True)
class Failed:
    """An input unit that could not become an article; it still produces one output record."""

    id: str
    problem: RecordProblem


Item = Article | Failed

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


def read_paths(paths: Iterable[str], defaults: Defaults = Defaults()) -> Iterator[Item]:
    """Read every path (``-`` for stdin); directories are walked for files, sorted by name."""
    for raw in paths:
        if raw == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "stdin", defaults)
            continue
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as exc:
                yield Failed(file.stem, RecordProblem(ErrorCode.BAD_SOURCE, f"cannot read {file}: {exc}", file.stem))
                continue
            yield from read_bytes(data, str(file), defaults)


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


__all__ = ["Defaults", "Failed", "Item", "read_bytes", "read_paths", "sniff_kind"]
