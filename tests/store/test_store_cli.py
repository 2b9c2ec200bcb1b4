"""`eventwire ingest / query / export` end to end on a real store."""

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export import ACLED_COLUMNS

runner = CliRunner()


def test_store_commands_report_usage_errors(tmp_path):
    db = str(tmp_path / "e.db")
    assert runner.invoke(app, ["ingest", "/nonexistent.txt", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", db, "--format", "xls"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", db, "--format", "parquet"]).exit_code == 2
    assert runner.invoke(app, ["query", "--db", db, "--near", "Atlantis"]).exit_code == 2
    assert runner.invoke(app, ["query", "--db", db, "--from", "yesterday"]).exit_code == 2
    bad = runner.invoke(app, ["query", "--db", "postgresql://ew:pw@127.0.0.1:9/none"])
    assert bad.exit_code == 2 and "cannot connect to PostgreSQL" in bad.output and "pw" not in bad.output


@pytest.mark.models
def test_ingest_twice_then_query_and_export(store_target, tmp_path):
    source = tmp_path / "batch.jsonl"
    source.write_text(
        '{"id": "gao", "lang": "en", "published": "2024-03-15", "source": "Sahel Desk", "text": "Gunmen killed four '
        'villagers near Gao on Tuesday, local officials said."}\n'
        '{"id": "bad"}\n', encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(source), "--db", store_target])
    assert first.exit_code == 1, first.output  # one record has no text
    assert "2 read, 1 stored, 0 already stored, 1 with errors" in first.output and "E004" in first.output
    again = runner.invoke(app, ["ingest", str(source), "--db", store_target])
    assert "1 already stored" in again.output
    listed = runner.invoke(app, ["query", "--db", store_target, "--country", "MLI", "--format", "json"])
    [event] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert event["fatalities"] == 4 and event["place_name"] == "Gao"
    near = runner.invoke(app, ["query", "--db", store_target, "--near", "Gao", "--radius", "10", "--clusters"])
    assert near.exit_code == 0 and "Gao" in near.stdout
    out = tmp_path / "events.csv"
    exported = runner.invoke(app, ["export", "--db", store_target, "--format", "acled-csv", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    df = pd.read_csv(out)
    assert tuple(df.columns) == ACLED_COLUMNS and df.fatalities.tolist() == [4]


@pytest.mark.models
def test_a_refused_article_is_named_and_the_ones_before_it_are_kept(tmp_path):
    """The database refusing one article's rows (here a trigger) ends the run with a clear message naming the
    article (exit 2), not a traceback; the articles before it are stored and a later run goes on from there."""
    from eventwire.store import open_store

    db = tmp_path / "e.db"
    store = open_store(db)
    store.backend.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.input_id = 'b' "
                          "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    store.close()
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": i, "lang": "en", "text": f"Gunmen attacked a market in Gao, {i}."})
                                for i in ("a", "b", "c")) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 2 and "refused article 'b'" in result.output and "Traceback" not in result.output
    store = open_store(db)
    assert [r["input_id"] for r in store.backend.query("SELECT input_id FROM articles")] == ["a"]
    store.close()
