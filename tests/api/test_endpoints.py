"""The read endpoints and the writes, against a real SQLite store filled by the real pipeline."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from api.conftest import ALEPPO_DISPATCH, HOMS_DISPATCH, TOKEN, fill
from eventwire.api import ApiSettings, create_app
from eventwire.api.security import Token


def test_health_says_what_is_attached_and_nothing_secret(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body == {"status": "ok", "version": body["version"], "store": "sqlite", "writes_enabled": True}


def test_events_filter_and_paginate(client: TestClient) -> None:
    everything = client.get("/events").json()
    assert everything["total"] >= 2
    atareb = client.get("/events", params={"country": "syr", "source": "agence", "date_from": "2024-03-01"}).json()
    assert atareb["total"] >= 1 and all(e["place_name"] == "Al Atārib" for e in atareb["items"])
    page = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert page["limit"] == 1 and page["items"][0]["id"] == everything["items"][1]["id"]
    assert client.get("/events", params={"type": "protests"}).json()["items"][0]["place_name"] == "Homs"
    assert client.get("/events", params={"date_to": "2000-01-01"}).json()["total"] == 0
    near = client.get("/events", params={"near_lat": 36.2, "near_lon": 37.16, "radius_km": 60}).json()
    assert near["total"] >= 1 and all(e["place_name"] != "Homs" for e in near["items"])
    assert client.get("/events", params={"limit": 0}).status_code == 422


def test_geojson_variant(client: TestClient) -> None:
    collection = client.get("/events.geojson", params={"country": "SYR"}).json()
    assert collection["type"] == "FeatureCollection" and collection["total"] == len(collection["features"])
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 39 and 34 < lat < 37.5


def test_event_detail_has_evidence_claims_and_cluster(client: TestClient) -> None:
    first = client.get("/events", params={"source": "agence", "type": "ASSAULT"}).json()["items"][0]
    detail = client.get(f"/events/{first['id']}").json()
    report = detail["reports"][0]
    assert "Atareb" in report["sentence"]
    assert report["sentence"][report["trigger_start"]:report["trigger_end"]] == detail["trigger"]
    assert detail["claims"] and detail["claims"][0]["source"] == "Agence test"
    assert detail["cluster"]["id"] == detail["cluster_id"]
    assert client.get("/events/nope").status_code == 404


def test_clusters_actors_places_articles_stats(client: TestClient) -> None:
    clusters = client.get("/clusters").json()
    assert clusters["total"] >= 2
    one = client.get(f"/clusters/{clusters['items'][0]['id']}").json()
    assert one["reports"] and one["claims"]
    assert client.get("/clusters/none").status_code == 404
    assert client.get("/actors", params={"q": "syr"}).json()["total"] >= 1
    assert client.get("/places", params={"country": "SYR"}).json()["total"] >= 2
    article_id = client.get("/events").json()["items"][0]["article_id"]
    article = client.get(f"/articles/{article_id}").json()
    assert article["text"] and article["event_ids"]
    assert client.get("/articles/none").status_code == 404
    stats = client.get("/stats").json()
    assert stats["articles"] == 2 and stats["by_country"]["SYR"] >= 2


def test_extract_returns_events_and_spans_without_storing(client: TestClient, auth: dict) -> None:
    before = client.get("/stats").json()["articles"]
    text = "Deux roquettes ont frappé Alep samedi, tuant quatre personnes, selon la défense civile."
    body = client.post("/extract", json={"text": text, "lang": "fr"}, headers=auth).json()
    assert body["result"]["events"]
    kinds = {s["kind"] for s in body["spans"]}
    assert {"trigger", "place"} <= kinds
    assert all(text[s["start"]:s["end"]] for s in body["spans"])
    assert client.get("/stats").json()["articles"] == before
    assert client.post("/extract", json={"text": text}, headers={"X-API-Token": TOKEN}).status_code == 200


def test_post_articles_stores_one_or_a_batch_and_never_drops_a_record(empty_db: str, pipeline) -> None:
    app = create_app(ApiSettings(database=empty_db, token=Token(TOKEN), pipeline=pipeline))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    one = {"text": "Un drone a frappé un convoi près d'Idleb lundi, tuant deux combattants.", "id": "idleb-1",
           "published": "2024-05-06", "source": "Test"}
    with TestClient(app) as c:
        first = c.post("/articles", json=one, headers=auth).json()
        assert first["outcomes"][0]["status"] == "stored" and first["outcomes"][0]["input_id"] == "idleb-1"
        batch = c.post("/articles", json=[one, {"text": "   "}, {"text": "Ceci est un texte.", "lang": "en"},
                                          {"text": "Il pleut à Lyon."}], headers=auth).json()
        assert [o["status"] for o in batch["outcomes"]] == ["duplicate", "stored", "stored", "stored"]
        assert batch["errors"]  # the blank record is stored with its error, not dropped
        assert c.get("/stats").json()["articles"] == 4
        assert c.post("/articles", json={"text": "x", "extra": 1}, headers=auth).status_code == 422


def test_no_store_attached_is_a_clear_503() -> None:
    with TestClient(create_app(ApiSettings(database=None, token=Token(None)))) as c:
        response = c.get("/events")
    assert response.status_code == 503 and "no store" in response.json()["detail"]


def test_endpoints_on_sqlite_and_postgresql(store_target: str, pipeline) -> None:
    """The same requests against each backend (the store's fixture: a SQLite file, a fresh PostgreSQL schema)."""
    fill(store_target, pipeline, [ALEPPO_DISPATCH, HOMS_DISPATCH])
    app = create_app(ApiSettings(database=store_target, token=Token(TOKEN), pipeline=pipeline))
    with TestClient(app) as c:
        assert c.get("/health").json()["store"] in {"sqlite", "postgresql"}
        events = c.get("/events", params={"country": "SYR", "actor": "syria"}).json()
        assert events["total"] >= 1
        detail = c.get(f"/events/{events['items'][0]['id']}").json()
        assert detail["reports"][0]["sentence"]
        assert c.get("/events", params={"actor": "x\x00y"}).status_code == 422  # NUL never reaches PostgreSQL
        assert c.get("/events.geojson").json()["features"]
        assert c.get("/stats").json()["articles"] == 2
        stored = c.post("/articles", json={"text": "Des manifestants ont défilé à Alep dimanche.", "lang": "fr"},
                        headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert stored["outcomes"][0]["status"] == "stored"


def test_dates_must_be_iso_days(client: TestClient, auth: dict) -> None:
    for bad in ["0", "1e9", "2024-13-01", "12/03/2024"]:
        assert client.get("/events", params={"date_to": bad}).status_code == 422
    assert client.post("/extract", json={"text": "Des tirs à Alep.", "published": 0}, headers=auth).status_code == 422
    assert client.get("/events", params={"date_to": "2024-03-12"}).status_code == 200


def test_text_that_cannot_be_stored_is_a_clear_422(client: TestClient, auth: dict) -> None:
    for text in ["des tirs\x00 à Alep", "bad \ud800 surrogate"]:
        response = client.post("/articles", content=json.dumps([{"text": "ok"}, {"text": text}]),
                               headers={**auth, "Content-Type": "application/json"})
        assert response.status_code == 422
        assert "pattern" in response.text or "unicode" in response.text


def test_serve_prepares_the_dashboard_map_at_start(stored_db: str) -> None:
    import time

    app = create_app(ApiSettings(database=stored_db, token=Token(None), warm_up=True))
    with TestClient(app) as c:
        for _ in range(100):
            if app.state.geocache._items:
                break
            time.sleep(0.05)
        assert [key[0] for key in app.state.geocache._items] == ["limit=10000"]
        assert c.get("/events.geojson", params={"limit": 10000}).json()["features"]
