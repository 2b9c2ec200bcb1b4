import datetime as dt
import json

from eventwire.errors import ErrorCode
from eventwire.ingest import Defaults, Failed, read_bytes, read_paths, sniff_kind
from eventwire.models import Article


def _lines(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


def test_every_jsonl_line_yields_one_item_and_bad_lines_name_the_problem():
    data = _lines({"id": "a", "text": "Des hommes armés ont attaqué un village."}, "{not json", {"id": "c"},
                  {"id": "d", "text": 42}, "[1, 2]", {"id": "f", "text": "   "},
                  {"id": "g", "text": "ok", "published": "2024-02-31"})
    items = list(read_bytes(data, "batch.jsonl"))
    assert len(items) == 7
    assert isinstance(items[0], Article)
    codes = [i.problem.code for i in items[1:]]  # type: ignore[union-attr]
    assert codes == [ErrorCode.BAD_JSON, ErrorCode.NO_TEXT, ErrorCode.NO_TEXT, ErrorCode.BAD_JSON, ErrorCode.EMPTY,
                     ErrorCode.BAD_FIELD]
    assert items[1].id == "batch:2"
    assert "2024-02-31" in items[6].problem.message  # type: ignore[union-attr]


def test_missing_id_is_derived_from_file_and_line():
    items = list(read_bytes(_lines({"text": "Une manifestation a eu lieu."}), "feed.jsonl"))
    assert items[0].id == "feed:1"


def test_defaults_fill_only_missing_fields():
    data = _lines({"id": "a", "text": "x y z", "published": "2020-01-01"}, {"id": "b", "text": "x y z"})
    a, b = read_bytes(data, "x.jsonl", Defaults(published=dt.date(2024, 3, 1), lang="fr"))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.published == dt.date(2020, 1, 1) and b.published == dt.date(2024, 3, 1)
    assert a.lang == "fr"


def test_text_decoding_utf16_latin1_and_binary():
    text = "Les rebelles ont pris Goma."
    assert read_bytes(text.encode("utf-16"), "a.txt").__next__().text == text  # type: ignore[union-attr]
    latin = next(read_bytes("Attaque à Kidal, déclaré".encode("cp1252"), "b.txt"))
    assert isinstance(latin, Article) and "à Kidal" in latin.text
    binary = next(read_bytes(b"\x00\x01\x02" * 100, "c.txt"))
    assert isinstance(binary, Failed) and binary.problem.code is ErrorCode.UNDECODABLE


def test_sniffing():
    assert sniff_kind("x", b'{"id": 1}') == "jsonl"
    assert sniff_kind("x", b"<?xml version='1.0'?><rss>") == "feed"
    assert sniff_kind("x", b"<!DOCTYPE html><html>") == "html"
    assert sniff_kind("x.txt", b"Plain words") == "text"


def test_html_page_keeps_the_article_and_drops_boilerplate(tmp_path):
    body = " ".join(["Insurgents attacked an army post near Mopti on Tuesday, killing four soldiers, the army said."]
                    * 3)
    page = (f"<html><head><title>Attack</title></head><body><nav>Home | World | Sport</nav><article><h1>Attack"
            f"</h1><p>{body}</p><p>{body}</p></article><div class='comments'><p>First comment!</p></div>"
            f"<footer>Copyright</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (item,) = list(read_paths([str(path)]))
    assert isinstance(item, Article)
    assert "army post near Mopti" in item.text
    assert "Copyright" not in item.text and "Home | World" not in item.text


def test_feed_items_become_articles_and_a_broken_feed_one_error(tmp_path):
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><language>fr</language>
    <item><title>Attaque</title><link>http://example.org/1</link><pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate>
    <description>Des hommes armés ont tué &lt;b&gt;trois&lt;/b&gt; civils.</description></item>
    <item><title>Vide</title><link>http://example.org/2</link><description></description></item>
    </channel></rss>"""
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    first, second = list(read_paths([str(path)]))
    assert isinstance(first, Article) and first.text == "Des hommes armés ont tué  trois  civils."
    assert first.published == dt.date(2024, 3, 12) and first.lang == "fr"
    assert isinstance(second, Failed) and second.problem.code is ErrorCode.NO_ARTICLE
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><item>", encoding="utf-8")
    (item,) = list(read_paths([str(broken)]))
    assert isinstance(item, Failed)


def test_unreadable_path_is_one_failed_item(tmp_path):
    (item,) = list(read_paths([str(tmp_path / "missing.txt")]))
    assert isinstance(item, Failed) and item.problem.code is ErrorCode.BAD_SOURCE


def test_written_publication_dates_are_read():
    from eventwire.ingest.jsonl import parse_published

    assert parse_published("Dec 17, 2016 8:46 AM ET", "a") == dt.date(2016, 12, 17)
    assert parse_published("8:56 AM, Dec 08, 2016 CT", "b") == dt.date(2016, 12, 8)
    assert parse_published("17 décembre 2016", "c") == dt.date(2016, 12, 17)
