"""RSS and Atom feeds: one article per item (title + summary/content, HTML stripped)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.ingest.text import clean_text
from eventwire.models import Article

if TYPE_CHECKING:
    from eventwire.ingest import Item

TAG = re.compile(r"<[^>]+>")


def strip_html(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment)).replace("\xa0", " ").strip()


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value:
            return strip_html(value)
    return strip_html(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
    except (ValueError, AttributeError):
        return None  # an impossible date in one item must not lose the item


def read_feed(data: bytes, stem: str) -> Iterator[Item]:
    import feedparser

    from eventwire.ingest import Failed

    feed = feedparser.parse(data)
    entries = feed.get("entries") or []
    if not entries:
        reason = str(feed.get("bozo_exception") or "no items")
        raise RecordProblem(ErrorCode.BAD_SOURCE, f"feed has no readable items ({reason})", stem)
    feed_lang = (feed.get("feed", {}).get("language") or "")[:2].lower() or None
    source = feed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        record_id = str(entry.get("id") or entry.get("link") or f"{stem}:{number}")
        body = clean_text(_entry_text(entry))
        if not body:
            yield Failed(record_id, RecordProblem(ErrorCode.NO_ARTICLE, "feed item without text", record_id))
            continue
        published = _entry_date(entry)
        title = strip_html(entry.get("title") or "") or None
        yield Article(id=record_id, text=body, title=title, url=entry.get("link"), source=source,
                      published=published, lang=feed_lang)
