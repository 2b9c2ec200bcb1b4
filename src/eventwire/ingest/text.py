"""Plain text: files and stdin."""

from __future__ import annotations

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.models import Article

ENCODINGS = ("utf-8-sig", "utf-16", "cp1252", "latin-1")


def decode_bytes(data: bytes, record_id: str) -> str:
    """Decode bytes as UTF-8 (with BOM), UTF-16 (with BOM), else Windows-1252; refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise RecordProblem(ErrorCode.UNDECODABLE, f"invalid UTF-16: {exc}", record_id) from exc
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 100:
        raise RecordProblem(ErrorCode.UNDECODABLE, "binary data (NUL bytes), not text", record_id)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def clean_text(text: str) -> str:
    """Drop NUL and other C0 control characters that break downstream tools; keep offsets-stable newlines/tabs."""
    return "".join(ch if ch >= " " or ch in "\n\t\r" else " " for ch in text)


def read_text(text: str, record_id: str) -> Article:
    text = clean_text(text)
    if not text.strip():
        raise RecordProblem(ErrorCode.EMPTY, "empty or whitespace-only text", record_id)
    return Article(id=record_id, text=text)
