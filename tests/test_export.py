"""Exports load back with the tools analysts use; ACLED CSV has exactly ACLED's columns; the seed exports right."""

import datetime as dt
import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventwire.export import ACLED_COLUMNS, CAMEO_COLUMNS, Format, export, inter_code, plover_fields
from eventwire.store import ActorRef, EventFilter

D = dt.date(2024, 3, 12)


@pytest.fixture
def filled(store, compose):
    mopti = compose.place("Mopti", 14.48, -4.18, "MLI", geonameid=2453348, admin1="04", precision=2)
    jihadists = compose.actor("jihadists", "MLI", "REB")
    civilians = compose.actor("civilians", "MLI", "CVL")
    army = compose.actor("Military Forces of Mali", "MLI", "MIL")
    vac = ("Violence against civilians", "Attack")
    t1 = "Jihadists killed 12 civilians in a village near Mopti on Tuesday, the army said."
    t2 = "At least 20 civilians died when jihadists attacked a village near Mopti, an NGO said."
    t3 = 'Protesters marched in Bamako against power cuts, chanting "lights on\tnow".'
    store.ingest(*compose.report("one", t1, [compose.event(t1, date=D, acled=vac, actors=[jihadists],
                                                           targets=[civilians], place=mopti, fatalities=12,
                                                           claimed_by=army)], source="Agence Sahel", published=D))
    store.ingest(*compose.report("two", t2, [compose.event(t2, date=D, acled=vac, actors=[jihadists],
                                                           targets=[civilians], place=mopti, fatalities=20)],
                                 source="Wire Monitor", published=D))
    store.ingest(*compose.report("three", t3, [compose.event(t3, date=D, type="PROTEST",
                                                             acled=("Protests", "Peaceful protest"),
                                                             actors=[compose.actor("protesters", "MLI", "PRO")])],
                                 source="Bamako Post", published=D))
    return store


def test_acled_csv_has_acleds_columns_one_row_per_cluster(filled, tmp_path):
    out = tmp_path / "acled.csv"
    assert export(filled, Format.acled_csv, out) == 2
    df = pd.read_csv(out)
    assert tuple(df.columns) == ACLED_COLUMNS
    attack = df[df.event_type == "Violence against civilians"].iloc[0]
    assert attack.sub_event_type == "Attack" and attack.actor1 == "Rebel Group (Mali)" and attack.inter1 == 2
    assert attack.actor2 == "Civilians (Mali)" and attack.inter2 == 7 and attack.interaction == 27
    assert attack.civilian_targeting == "Civilian targeting" and attack.disorder_type == "Political violence"
    assert attack.iso == 466 and attack.country == "Mali" and attack.region == "Western Africa"
    assert attack.location == "Mopti" and attack.fatalities == 12 and attack.event_id_cnty.startswith("MLI")
    assert attack.source == "Agence Sahel; Wire Monitor" and "contested toll" in attack.tags
    assert "low=12" in attack.tags and "high=20" in attack.tags
    per_report = io.StringIO()
    assert export(filled, Format.acled_csv, per_report, per_report=True) == 3
    reports = pd.read_csv(io.StringIO(per_report.getvalue()))
    assert len(reports) == 3 and sorted(reports.fatalities) == [0, 12, 20]  # each report's own toll


def test_plover_jsonl_cameo_tsv_geojson_and_parquet_load_back(filled, tmp_path):
    import geojson

    buffer = io.StringIO()
    assert export(filled, "plover-jsonl", buffer) == 2
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert {r["event_type"] for r in records} == {"ASSAULT", "PROTEST"}
    assert any(r["contested_toll"] and r["num_sources"] == 2 for r in records)
    tsv = tmp_path / "events.tsv"
    export(filled, "cameo-tsv", tsv)
    df = pd.read_csv(tsv, sep="\t", quoting=3)
    assert tuple(df.columns) == CAMEO_COLUMNS and len(df) == 2 and set(df.QuadClass) == {4}
    geo = tmp_path / "events.geojson"
    assert export(filled, "geojson", geo) == 1  # the protest has no coordinates
    collection = geojson.loads(geo.read_text(encoding="utf-8"))
    assert collection.is_valid and collection["features"][0]["geometry"]["coordinates"] == [-4.18, 14.48]
    parquet = tmp_path / "events.parquet"
    assert export(filled, "parquet", parquet) == 2
    table = pq.read_table(parquet)
    assert table.num_rows == 2 and set(plover_fields()) <= set(table.column_names)
    assert export(filled, "parquet", tmp_path / "none.parquet", EventFilter(country="FRA")) == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_inter_codes():
    def ref(sector, country="SYR"):
        return ActorRef(key="k", name="n", text="n", start=0, end=1, country=country, sector=sector)

    assert inter_code(ref("MIL"), "SYR", "Armed clash") == 1
    assert inter_code(ref("MIL", "RUS"), "SYR", "Air/drone strike") == 8  # foreign state forces
    assert inter_code(ref("REB"), "SYR", None) == 2 and inter_code(ref("PRO"), "SYR", "Peaceful protest") == 6
    assert inter_code(ref("PRO"), "SYR", "Violent demonstration") == 5 and inter_code(None, "SYR", None) == 0


@pytest.mark.models
def test_seed_exported_as_acled_csv(shared_eval, store, pipeline, tmp_path):
    from eventwire.ingest import Defaults, read_paths

    seed = shared_eval / "seed" / "aleppo-ap-fr.txt"
    [article] = read_paths([str(seed)], Defaults(published=dt.date(2015, 10, 10)))
    store.ingest(article, pipeline.run(article))
    out = tmp_path / "seed.csv"
    export(store, "acled-csv", out)
    df = pd.read_csv(out)
    assert tuple(df.columns) == ACLED_COLUMNS
    rows = {(r.sub_event_type, r.actor1) for r in df.itertuples()}
    assert ("Non-state actor overtakes territory", "Islamic State") in rows
    assert ("Air/drone strike", "Russia") in rows
    assert set(df.country) == {"Syria"} and "Aleppo" in set(df.location)
    assert (df.inter1[df.actor1 == "Russia"] == 8).all()  # foreign forces in Syria
    assert 100 in set(df.fatalities)  # the strikes that killed 100 militants
