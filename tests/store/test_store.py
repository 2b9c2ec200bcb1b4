"""The store against SQLite and PostgreSQL: idempotent ingest, provenance, filters, pagination, details."""

import datetime as dt

import pytest

from eventwire.store import EventFilter

D = dt.date(2024, 3, 12)
TABLES = ("articles", "events", "event_actors", "actors", "places", "quotes", "clusters", "schema_migrations")


def _corpus(c):
    gao = c.place("Gao", 16.27, -0.04, "MLI", geonameid=2457163, admin1="07")
    kidal = c.place("Kidal", 18.44, 1.41, "MLI", geonameid=2455290, admin1="08")
    goma = c.place("Goma", -1.68, 29.23, "COD", geonameid=216281, admin1="11")
    army = c.actor("Military Forces of Mali", "MLI", "MIL")
    jnim = c.actor("JNIM", "MLI", "REB", kb_id="kb:jnim")
    m23 = c.actor("M23", "COD", "REB", kb_id="kb:m23")
    t1 = "Soldiers clashed with JNIM fighters near Gao on Tuesday, killing six."
    t2 = "JNIM fighters attacked an army post in Kidal on Friday."
    t3 = "M23 rebels shelled the outskirts of Goma, killing three civilians."
    return [
        c.report("gao", t1, [c.event(t1, date=D, actors=[army], targets=[jnim], place=gao, fatalities=6)],
                 published=D, source="Sahel Desk", url="https://sahel.example/gao"),
        c.report("kidal", t2, [c.event(t2, date=D + dt.timedelta(days=10), actors=[jnim], targets=[army],
                                       place=kidal)], published=D + dt.timedelta(days=10), source="Sahel Desk"),
        c.report("goma", t3, [c.event(t3, date=D + dt.timedelta(days=20), actors=[m23],
                                      acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                                      targets=[c.actor("civilians", "COD", "CVL")], place=goma, fatalities=3)],
                 published=D + dt.timedelta(days=20), source="Kivu Post", url="https://kivu.example/goma"),
    ]


def _dump(store):
    return {t: store.backend.query(f"SELECT * FROM {t} ORDER BY 1, 2") for t in TABLES}


def test_ingest_twice_leaves_every_table_unchanged(store, compose):
    corpus = _corpus(compose)
    first = store.ingest_many(corpus)
    assert (first.stored, first.duplicates, first.events) == (3, 0, 3)
    before = _dump(store)
    again = store.ingest_many(corpus)
    assert (again.stored, again.duplicates) == (0, 3)
    assert _dump(store) == before


def test_duplicates_by_url_and_by_normalised_content(store, compose):
    article, result = compose.report("a", "Gunmen killed two herders near Gao.", url="https://x.example/a/")
    assert store.ingest(article, result).status == "stored"
    same_url = article.model_copy(update={"id": "b", "text": "Updated: gunmen killed three herders near Gao.",
                                          "url": "HTTPS://X.EXAMPLE/a"})
    assert store.ingest(same_url, result).status == "duplicate"
    reformatted = article.model_copy(update={"id": "c", "text": "  GUNMEN killed two\n herders near Gao. ",
                                             "url": None})
    assert store.ingest(reformatted, result).status == "duplicate"
    assert store.stats().articles == 1


def test_filters_and_pagination(store, compose):
    store.ingest_many(_corpus(compose))

    def ids(**kw):
        return sorted(e.article_id for e in store.events(EventFilter(**kw)).items)

    gao, kidal, goma = (store.articles(source=s).items for s in ("gao", "kidal", "goma"))
    assert len(store.events().items) == 3
    assert len(ids(date_from=D, date_to=D + dt.timedelta(days=10))) == 2
    assert len(ids(country="cod")) == 1 and len(ids(country="MLI")) == 2
    assert len(ids(admin1="08")) == 1
    assert len(ids(near_lat=16.3, near_lon=0.0, radius_km=20)) == 1  # Gao only
    assert len(ids(near_lat=16.3, near_lon=0.0, radius_km=400)) == 2  # Gao and Kidal, not Goma
    assert len(ids(actor="kb:jnim")) == 2 and len(ids(actor="m23")) == 1
    assert len(ids(type="ASSAULT")) == 3 and len(ids(type="battles")) == 2
    assert len(ids(type="Shelling/artillery/missile attack")) == 1
    assert len(ids(source="kivu")) == 1 and len(ids(source="sahel desk")) == 2
    assert ids(contested=True) == []
    page = store.events(EventFilter(limit=2, offset=2))
    assert page.total == 3 and len(page.items) == 1
    assert [e.date for e in store.events().items] == sorted((e.date for e in store.events().items), reverse=True)
    assert gao and kidal and goma


def test_event_detail_has_provenance_and_evidence(store, compose):
    store.ingest_many(_corpus(compose))
    row = store.events(EventFilter(source="goma")).items[0]
    detail = store.event(row.id)
    assert detail.sentence == "M23 rebels shelled the outskirts of Goma, killing three civilians."
    assert detail.article.url == "https://kivu.example/goma" and detail.article.input_id == "goma"
    assert [a.id for a in detail.actor_refs] == ["kb:m23"] and detail.target_refs[0].sector == "CVL"
    assert detail.cluster.n_reports == 1 and detail.cluster.fatalities_best == 3
    assert store.event("nope") is None and store.cluster("nope") is None and store.article("nope") is None
    article = store.article(row.article_id)
    assert article.text.startswith("M23") and article.event_ids == [row.id]


def test_listings_and_stats(store, compose):
    store.ingest_many(_corpus(compose))
    stats = store.stats()
    assert (stats.articles, stats.events, stats.clusters, stats.places) == (3, 3, 3, 3)
    assert stats.by_country == {"MLI": 2, "COD": 1} and stats.schema_version >= 2
    actors = store.actors(q="jnim").items
    assert actors[0].key == "kb:jnim" and actors[0].n_events == 2
    assert store.places(country="COD").items[0].name == "Goma"
    assert store.articles(limit=2).total == 3 and len(store.articles(limit=2).items) == 2


def test_article_with_errors_is_stored_with_them(store, compose):
    article, result = compose.report("broken", "Texte illisible.", errors=[("E005", "language xx is not supported")])
    outcome = store.ingest(article, result)
    assert outcome.status == "stored" and outcome.errors == 1
    assert store.article(outcome.article_id).errors[0].code == "E005"
    assert store.stats().failed_articles == 1


def test_filter_rejects_bad_pagination():
    with pytest.raises(ValueError):
        EventFilter(limit=0)


@pytest.mark.parametrize("store_target", ["postgresql"], indirect=True)
def test_values_json_cannot_carry_are_stored_too(store, compose):
    """PostgreSQL sends an article's rows as JSON; a NaN (which JSON cannot carry) takes the one-row path, in order."""
    text = "Shelling hit the outskirts of Gao."
    nowhere = compose.place("Gao", float("nan"), -0.04, "MLI", geonameid=2457163)
    article, result = compose.report("nan", text, [compose.event(text, date=D, place=nowhere, actors=[
        compose.actor("JNIM", "MLI", "REB", kb_id="kb:jnim")])], published=D)
    assert store.ingest(article, result).status == "stored"
    [event] = store.events().items
    assert event.lat != event.lat and event.lon == -0.04  # NaN kept
    assert store.stats().places == 1 and store.stats().actors == 1
    assert store.ingest(article, result).status == "duplicate"
