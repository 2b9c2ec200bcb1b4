"""Plain text: files and stdin."""

from __future__ import annotations

import re

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.models import Article

ENCODINGS = ("utf-8-sig", "utf-16", "cp1252", "latin-1")
TEXT_CONTROLS = {9, 10, 12, 13, 27}  # tab, line feed, form feed, carriage return, escape


def decode_bytes(data: bytes, record_id: str) -> str:
    """Decode bytes as UTF-8 (with BOM), UTF-16 (with BOM), else Windows-1252; refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise RecordProblem(ErrorCode.UNDECODABLE, f"invalid UTF-16: {exc}", record_id) from exc
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 32 and byte not in TEXT_CONTROLS)
    if controls > len(sample) // 10:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise RecordProblem(ErrorCode.UNDECODABLE, f"binary data, not text ({controls} control bytes in the first "
                            f"{len(sample):,})", record_id)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if b"\x00" in sample:
            raise RecordProblem(ErrorCode.UNDECODABLE, "binary data (NUL bytes and no valid UTF-8), not text",
                                record_id) from None
        return data.decode("cp1252", errors="replace")


CONTROL = {i: " " for i in range(32) if chr(i) not in "\n\t\r"}
SURROGATES = re.compile("[\ud800-\udfff]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NUL in nearly every other byte, and it decodes to text."""
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if len(data) % 2 == 0 and zeros.count(0) > len(zeros) * 0.6:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if sum(ch.isprintable() or ch.isspace() for ch in text) > len(text) * 0.95:
                return text
    return None


def clean_text(text: str) -> str:
    """Blank NUL and other C0 control characters, replace lone surrogates (from JSON escapes) with U+FFFD: one
    character for one, so offsets are unchanged, and the text can always be written back as UTF-8."""
    return SURROGATES.sub("\ufffd", text.translate(CONTROL))


def read_text(text: str, record_id: str) -> Article:
    text = clean_text(text)
    if not text.strip():
        raise RecordProblem(ErrorCode.EMPTY, "empty or whitespace-only text", record_id)
    return Article(id=record_id, text=text)
