"""HTML pages: the main text through trafilatura (comments and boilerplate excluded)."""

from __future__ import annotations

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.ingest.jsonl import parse_published
from eventwire.ingest.text import clean_text, decode_bytes
from eventwire.models import Article

MIN_WORDS = 4  # fewer words than this outside the boilerplate is a menu or a title, not an article


def read_html(data: bytes, record_id: str) -> Article:
    import trafilatura

    html = decode_bytes(data, record_id)
    document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True, favor_precision=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        found = f"only {len(text.split())} word(s) outside menus and boilerplate" if text and text.strip() else \
            "nothing outside menus and boilerplate"
        raise RecordProblem(ErrorCode.NO_ARTICLE, f"no article text found in the HTML page ({found})", record_id)
    published = None
    date = getattr(document, "date", None)
    if date:
        try:
            published = parse_published(date, record_id)
        except RecordProblem:
            published = None
    return Article(
        id=record_id,
        text=clean_text(text),
        title=getattr(document, "title", None) or None,
        url=getattr(document, "url", None) or None,
        source=getattr(document, "sitename", None) or None,
        published=published,
        lang=None,
    )
