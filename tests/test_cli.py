"""The CLI's documentation: every command has help with an Example, and usage errors exit 2."""

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()


def test_every_command_documents_an_example():
    import typer.main

    group = typer.main.get_group(app)
    assert group.commands
    for name, command in group.commands.items():
        assert command.help and "Example:" in command.help, f"`eventwire {name}` help lacks an Example"


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["extract", "/nonexistent/file.txt"]).exit_code == 2
    assert runner.invoke(app, ["extract", "x", "--published", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["extract", "x", "--engine", "dask"]).exit_code == 2


@pytest.mark.models
def test_extract_writes_one_line_per_record_and_reports_bad_ones(tmp_path):
    source = tmp_path / "batch.jsonl"
    source.write_text('{"id": "ok", "lang": "en", "published": "2024-03-15", "text": "Gunmen killed four villagers '
                      'near Gao on Tuesday, local officials said."}\n{"id": "bad"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(source), "-o", str(out)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["ok", "bad"]
    assert lines[0]["events"][0]["fatalities"] == 4 and not lines[0]["errors"]
    assert lines[1]["errors"][0]["code"] == "E004"
    assert "2 documents" in result.output and "1 errors" in result.output


@pytest.mark.models
def test_csv_and_table_formats(tmp_path):
    source = tmp_path / "story.txt"
    source.write_text("Des hommes armés ont tué six villageois jeudi près de Mopti.", encoding="utf-8")
    csv_out = runner.invoke(app, ["extract", str(source), "--format", "csv", "--published", "2024-03-15"])
    assert csv_out.exit_code == 0 and "id,lang,event,type" in csv_out.output
    assert ",6," in csv_out.output.splitlines()[-1]  # six villagers killed
    table = runner.invoke(app, ["extract", str(source), "--format", "table", "--published", "2024-03-15"])
    assert "ASSAULT" in table.output and "Mopti" in table.output


def test_unwritable_output_is_a_usage_error(tmp_path):
    source = tmp_path / "story.txt"
    source.write_text("Des hommes armés ont attaqué un village.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "-o", str(tmp_path / "missing" / "out.jsonl")])
    assert result.exit_code == 2


@pytest.mark.models
def test_actors_lookup_shows_how_a_name_resolves():
    found = runner.invoke(app, ["actors", "lookup", "le porte-parole de l'armée malienne", "--lang", "fr"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout).items() >= {"country": "MLI", "sector": "MIL"}.items()
    named = runner.invoke(app, ["actors", "lookup", "Daech", "--lang", "fr"])
    assert json.loads(named.stdout)["id"] == "Q2429253"
    assert runner.invoke(app, ["actors", "lookup", "the weather", "--lang", "en"]).exit_code == 1


@pytest.mark.models
def test_geocode_lists_facilities_only_when_asked():
    text = "Protesters gathered outside Trump Tower in Chicago on Saturday."
    plain = runner.invoke(app, ["geocode", text, "--lang", "en", "--format", "jsonl"])
    named = runner.invoke(app, ["geocode", text, "--lang", "en", "--format", "jsonl", "--facilities"])
    assert plain.exit_code == 0 and named.exit_code == 0
    assert "Trump Tower" not in {json.loads(line)["text"] for line in plain.stdout.splitlines()}
    tower = next(json.loads(line) for line in named.stdout.splitlines() if json.loads(line)["text"] == "Trump Tower")
    assert tower["feature_code"] == "TOWR" and tower["geonameid"] is None and tower["admin1"] == "Illinois"
