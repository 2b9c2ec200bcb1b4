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
