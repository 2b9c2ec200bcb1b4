"""Bad input, one test per case: every input unit gives exactly one result (outputs = inputs), no traceback, and a
clear message naming the record and the problem. The corpus is generated here (composed dispatches, no outside
text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import ErrorCode
from eventwire.ingest import read_bytes, read_paths, unique_ids
from eventwire.models import Article, ArticleResult

pytestmark = pytest.mark.models

FR = "Des hommes armés ont tué trois civils jeudi près de Mopti, a indiqué un élu local."
EN = "Gunmen killed three villagers near Gao on Tuesday, the army said."


def run(pipeline, data: bytes, name: str, expected: int = 1) -> list[ArticleResult]:
    """Ingest bytes as a file called ``name`` and extract; check the one-result-per-input contract."""
    results = list(pipeline.pipe(unique_ids(read_bytes(data, name))))
    assert len(results) == expected
    for result in results:
        json.dumps(result.to_json_dict(), ensure_ascii=False).encode("utf-8")  # always writable as UTF-8
    return results


def only_error(result: ArticleResult, code: ErrorCode, *words: str) -> str:
    assert [e.code for e in result.errors] == [code.value]
    message = result.errors[0].message
    for word in words:
        assert word in message
    return message


def jsonl(*records: object) -> bytes:
    return b"\n".join(r if isinstance(r, bytes) else json.dumps(r).encode() for r in records)


def test_empty_and_whitespace_only_text(pipeline):
    (empty,) = run(pipeline, b"", "empty.txt")
    only_error(empty, ErrorCode.EMPTY)
    (blank,) = run(pipeline, b" \n\t \r\n ", "blank.txt")
    assert blank.id == "blank"
    only_error(blank, ErrorCode.EMPTY)


def test_binary_file(pipeline):
    (result,) = run(pipeline, bytes(range(256)) * 40, "photo.txt")
    only_error(result, ErrorCode.UNDECODABLE, "binary")


def test_utf16_with_and_without_byte_order_mark(pipeline):
    with_bom, = run(pipeline, FR.encode("utf-16"), "bom.txt")
    without, = run(pipeline, FR.encode("utf-16-le"), "nobom.txt")
    for result in (with_bom, without):
        assert not result.errors and result.lang == "fr" and result.events


def test_latin1_text(pipeline):
    (result,) = run(pipeline, FR.encode("latin-1"), "latin.txt")
    assert not result.errors and result.events and result.events[0].fatalities == 3


def test_invalid_utf8_in_jsonl_is_flagged_with_the_record_id(pipeline):
    data = jsonl({"id": "ok", "text": EN}, b'{"id": "latin", "text": "Attaque \xe0 Gao"}', {"id": "ok2", "text": EN})
    ok, bad, ok2 = run(pipeline, data, "wire.jsonl", expected=3)
    assert bad.id == "latin"
    only_error(bad, ErrorCode.UNDECODABLE, "line 2", "UTF-8", "0xe0")
    assert ok.events and ok2.events


def test_nul_bytes_inside_text(pipeline):
    (result,) = run(pipeline, EN.replace(" ", "\x00 ", 3).encode(), "nul.txt")
    assert not result.errors and result.events


def test_ten_megabyte_paragraph_is_refused_quickly(pipeline):
    (result,) = run(pipeline, ("Les combats se poursuivent " * 400_000).encode(), "huge.txt")
    only_error(result, ErrorCode.TOO_LONG, "characters", "max_chars")


def test_fifty_thousand_words_without_punctuation(pipeline):
    words = ("soldiers attacked the village and killed residents near the market " * 5000).split()
    assert len(words) == 50_000
    (refused,) = run(pipeline, " ".join(words).encode(), "dump.txt")
    only_error(refused, ErrorCode.TOO_LONG)
    # a shorter run of the same (3,000 words in one "sentence") is processed: sentences are capped in length
    text = " ".join(words[:3000])
    result = pipeline.run(Article(id="dump", text=text, lang="en"))
    assert not result.errors and result.events
    assert all(e.sentence.end - e.sentence.start < 2000 for e in result.events)


def test_unsupported_languages(pipeline):
    data = jsonl({"id": "de", "text": "Die Regierung hat heute in Berlin ein neues Gesetz zur Steuer beschlossen."},
                 {"id": "noise", "text": "@@@ ### 123 ... ---"}, {"id": "tag", "text": EN, "lang": "sw"})
    de, noise, tag = run(pipeline, data, "mixed.jsonl", expected=3)
    only_error(de, ErrorCode.UNSUPPORTED_LANG, "de", "supported: fr, en")
    only_error(noise, ErrorCode.UNSUPPORTED_LANG)
    only_error(tag, ErrorCode.UNSUPPORTED_LANG, "sw")


@pytest.mark.parametrize("text", [
    "Une attaque a fait 1e309 morts à Gao lundi, selon l'armée.",
    "An attack killed 123456789012345678901 people in Gao on Monday, police said.",
    "An attack killed -5 people and wounded -12 in Gao on Monday, police said.",
    "Les affrontements ont fait 99999999999999999999999 blessés à Mopti.",
])
def test_absurd_numbers_never_become_absurd_tolls(pipeline, text):
    result = pipeline.run(Article(id="n", text=text))
    assert not result.errors
    for event in result.events:
        for count in (event.fatalities, event.injured):
            assert count is None or 0 <= count < 10_000_000


def test_impossible_dates(pipeline):
    result = pipeline.run(Article(id="d", text="Des hommes armés ont tué trois civils le 31/02/2024 à Mopti."))
    assert not result.errors
    assert all(e.date is None or e.date.value is None or e.date.value.day <= 29 for e in result.events)
    (bad,) = run(pipeline, jsonl({"id": "p", "text": FR, "published": "31/02/2024"}), "dated.jsonl")
    only_error(bad, ErrorCode.BAD_FIELD, "published", "31/02/2024")


def test_malformed_jsonl_lines(pipeline):
    data = jsonl(b'{"id": "a", "text": ', b"not json at all", b"[" * 100_000 + b"]" * 100_000,
                 b'{"id": "big", "text": "x", "n": ' + b"9" * 5000 + b"}", {"id": "ok", "text": EN})
    *bad, ok = run(pipeline, data, "broken.jsonl", expected=5)
    for number, result in enumerate(bad, start=1):
        only_error(result, ErrorCode.BAD_JSON, f"line {number}")
    assert [r.id for r in bad] == ["broken:1", "broken:2", "broken:3", "broken:4"]
    assert ok.events


def test_records_without_text_or_with_non_string_text(pipeline):
    data = jsonl({"id": "none"}, {"id": "num", "text": 42}, {"id": "list", "text": ["a"]}, {"id": "nul", "text": None})
    results = run(pipeline, data, "fields.jsonl", expected=4)
    assert [r.id for r in results] == ["none", "num", "list", "nul"]
    for result in results:
        only_error(result, ErrorCode.NO_TEXT, "`text`")


def test_duplicate_ids_are_processed_and_reported(pipeline, caplog):
    data = jsonl({"id": "a", "text": EN}, {"id": "a", "text": FR}, {"id": "b", "text": FR})
    with caplog.at_level("WARNING", logger="eventwire.ingest"):
        results = run(pipeline, data, "dups.jsonl", expected=3)
    assert [r.id for r in results] == ["a", "a", "b"]
    assert all(r.events and not r.errors for r in results)
    assert [m for m in caplog.messages if "duplicate id 'a'" in m]  # one warning, naming the id
    assert len(caplog.messages) == 1


def test_json_that_is_not_an_object(pipeline):
    data = jsonl([1, 2], "a string", 3.5, None, True)
    for result in run(pipeline, data, "values.jsonl", expected=5):
        only_error(result, ErrorCode.BAD_JSON, "not an object")


def test_html_without_an_article(pipeline):
    page = b"<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    (result,) = run(pipeline, page, "index.html")
    only_error(result, ErrorCode.NO_ARTICLE, "HTML")
    (empty,) = run(pipeline, b"<html></html>", "blank.html")
    only_error(empty, ErrorCode.NO_ARTICLE)


def test_truncated_feeds(pipeline):
    feed = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Gao</title>"
            f"<link>http://example.org/1</link><description>{EN}</description></item><item><title>Mopti</title>"
            "<link>http://example.org/2</link><descrip").encode()
    first, second = run(pipeline, feed, "wire.xml", expected=2)
    assert first.events and not first.errors
    only_error(second, ErrorCode.NO_ARTICLE, "feed item")
    (cut,) = run(pipeline, b"<?xml version='1.0'?><rss version='2.0'><chan", "cut.rss")
    only_error(cut, ErrorCode.BAD_SOURCE, "feed")


def test_lone_surrogates_and_control_characters_in_json(pipeline):
    (result,) = run(pipeline, jsonl({"id": "s", "text": EN + " \ud800 \u0007 \ufeff"}), "odd.jsonl")
    assert not result.errors and result.events


def test_the_command_line_on_a_folder_of_bad_files(tmp_path: Path, caplog):
    files = {"empty.txt": b"", "binary.bin": bytes(range(256)) * 8, "latin.txt": FR.encode("latin-1"),
             "page.html": b"<html><body><nav>Menu</nav></body></html>",
             "wire.jsonl": jsonl({"id": "x", "text": EN}, b"{oops", {"id": "x", "text": EN}, [1])}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", *(str(tmp_path / n) for n in files), "-o", str(out), "--workers",
                                      "1"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4 + 4  # one per file, one per JSONL line
    assert [line["id"] for line in lines] == ["empty", "binary", "latin", "page", "x", "wire:2", "x", "wire:4"]
    assert "error: binary: [E002]" in result.output and "error: wire:2: [E003]" in result.output
    assert any("duplicate id 'x'" in m for m in caplog.messages)


def test_read_paths_refuses_a_file_over_the_byte_limit(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    (item,) = list(read_paths([str(big)], max_bytes=1000))
    assert item.id == "big" and item.problem.code is ErrorCode.TOO_LONG  # type: ignore[union-attr]
