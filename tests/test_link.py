"""Cross-article linking: compatibility rules, cluster figures (low/best/high), contested claims, FR+EN reports."""

import datetime as dt

import pytest

from eventwire.link import LinkConfig, Party, Report, compatible, distance_km, summarise
from eventwire.store import EventFilter

D = dt.date(2024, 3, 12)
ARMY = Party("kb:mli-army", "Military Forces of Mali", "MLI", "MIL")
JIHADISTS = Party("name:jihadists|MLI", "jihadists", "MLI", "REB")
CIVILIANS = Party("name:civilians|MLI", "civilians", "MLI", "CVL")


def report(event_id="a1:0", source="A", **kw):
    base = {"article_id": event_id.split(":")[0], "type": "ASSAULT", "date": D, "acled_event_type": "Battles",
            "lat": 14.48, "lon": -4.18, "precision": 1, "country": "MLI", "perpetrators": (JIHADISTS,),
            "targets": (CIVILIANS,)}
    return Report(event_id=event_id, source=source, **{**base, **kw})


def test_distance_is_great_circle():
    assert distance_km(36.20, 37.16, 33.51, 36.29) == pytest.approx(308, abs=5)  # Aleppo - Damascus


def test_compatibility_rules():
    cfg = LinkConfig()
    a = report()
    assert compatible(a, report("b1:0", date=D + dt.timedelta(days=2)), cfg)
    assert not compatible(a, report("b1:0", date=D + dt.timedelta(days=3)), cfg)  # outside the date window
    assert not compatible(a, report("a1:1"), cfg)  # same article: extraction already folded its mentions
    assert compatible(a, report("b1:0", acled_event_type="Violence against civilians"), cfg)  # same ACLED group
    assert not compatible(a, report("b1:0", acled_event_type="Violence against civilians"),
                          LinkConfig(strict_acled_type=True))
    assert not compatible(a, report("b1:0", type="PROTEST", acled_event_type="Protests"), cfg)
    assert compatible(a, report("b1:0", lat=14.60), cfg)  # ~13 km at precision 1 (25 km)
    assert not compatible(a, report("b1:0", lat=14.90), cfg)  # ~47 km
    assert compatible(a, report("b1:0", lat=14.90, precision=2), cfg)  # a vaguer place allows 50 km
    assert compatible(a, report("b1:0", lat=None, lon=None), cfg)  # no coordinates: same country is enough
    assert not compatible(a, report("b1:0", lat=None, lon=None, country="NER"), cfg)
    assert not compatible(a, report("b1:0", date=None), cfg)  # undated reports stay alone
    assert not compatible(a, report("b1:0", modality="future"), cfg)  # plans are not happenings
    other = Party("kb:isgs", "Islamic State Sahel", "NER", "REB")
    assert not compatible(a, report("b1:0", perpetrators=(other,), targets=(ARMY,)), cfg)  # nobody in common
    assert compatible(a, report("b1:0", perpetrators=(other,)), cfg)  # same victims: a contested perpetrator
    assert compatible(a, report("b1:0", perpetrators=(other,), targets=(ARMY,)), LinkConfig(check_actors=False))


def test_summary_gives_low_best_high_and_flags_contested_claims():
    members = [report("a1:0", "A", fatalities=12), report("b1:0", "B", fatalities=20),
               report("c1:0", "C", fatalities=15, targets=(ARMY,)), report("d1:0", "A", fatalities=14)]
    s = summarise(members)
    assert (s.n_reports, s.n_sources) == (4, 3)
    assert (s.fatalities_low, s.fatalities_best, s.fatalities_high) == (14, 15, 20)  # source A's highest figure
    assert s.contested_toll and s.contested_target and not s.contested_perpetrator and s.contested
    agreed = summarise([report("a1:0", fatalities=7), report("b1:0", "B", fatalities=7,
                                                            perpetrators=(Party("x", "Jihadistes", "MLI", "REB"),))])
    assert (agreed.fatalities_low, agreed.fatalities_high) == (7, 7)
    assert not agreed.contested  # "jihadistes" and "jihadists": same country and sector


def test_state_sectors_count_as_one_perpetrator():
    russia_gov = Party("kb:rus", "Russia", "RUS", "GOV")
    russia_mil = Party("name:russian air force|RUS", "Russian air force", "RUS", "MIL")
    s = summarise([report("a1:0", perpetrators=(russia_gov,)), report("b1:0", "B", perpetrators=(russia_mil,))])
    assert not s.contested_perpetrator


def test_moscow_and_washington_disagree_on_the_target(store, compose):
    russia = compose.actor("Russia", "RUS", "MIL", kb_id="kb:rus")
    isis = compose.actor("Islamic State", None, "REB", kb_id="kb:isis")
    rebels = compose.actor("Syrian rebels", "SYR", "REB")
    aleppo = compose.place("Aleppo", 36.20, 37.16, "SYR", geonameid=170063, precision=2)
    t1 = "Moscow said its strikes near Aleppo hit Islamic State positions on Thursday."
    t2 = "US officials said Russian strikes near Aleppo on Thursday hit mainstream rebels, not the Islamic State."
    air = ("Explosions/Remote violence", "Air/drone strike")
    store.ingest(*compose.report("ru", t1, [compose.event(t1, date=D, acled=air, actors=[russia], targets=[isis],
                                                          place=aleppo)], source="Moscow Daily", published=D))
    store.ingest(*compose.report("us", t2, [compose.event(t2, date=D, acled=air, actors=[russia], targets=[rebels],
                                                          place=aleppo)], source="Capitol Wire", published=D))
    [cluster] = store.clusters().items
    assert cluster.n_sources == 2 and cluster.contested_target and not cluster.contested_perpetrator
    detail = store.cluster(cluster.id)
    assert sorted(c.targets[0] for c in detail.claims) == ["Islamic State", "Syrian rebels"]
    assert store.events(EventFilter(contested=True)).total == 2


FR = ("Selon l'armée malienne, douze civils ont été tués mardi dans une attaque de jihadistes contre le village de "
      "Dialloubé, près de Mopti.")
EN = ("At least 20 civilians were killed on Tuesday when jihadists attacked the village of Dialloube near Mopti, "
      "according to Human Rights Watch.")


@pytest.mark.models
def test_french_and_english_reports_of_one_attack_make_one_contested_cluster(store, pipeline):
    from eventwire.models import Article

    fr = Article(id="fr", text=FR, lang="fr", published=dt.date(2024, 3, 13), source="Agence Sahel")
    en = Article(id="en", text=EN, lang="en", published=dt.date(2024, 3, 13), source="Wire Monitor")
    for article in (fr, en):
        store.ingest(article, pipeline.run(article))
    [cluster] = store.clusters().items
    assert (cluster.n_reports, cluster.n_sources) == (2, 2)
    assert (cluster.fatalities_low, cluster.fatalities_high) == (12, 20)
    assert cluster.contested_toll and cluster.place_name == "Mopti"
    claims = {c.lang: c for c in store.cluster(cluster.id).claims}
    assert claims["fr"].according_to == "Military Forces of Mali" and claims["en"].according_to == "Human Rights Watch"
    assert (claims["fr"].fatalities, claims["en"].fatalities) == (12, 20)


def test_relink_rebuilds_clusters_after_a_config_change(store, compose):
    gao = compose.place("Gao", 16.27, -0.04, "MLI", geonameid=2457163)
    texts = [f"Report {i}: gunmen attacked a checkpoint near Gao, killing {4 + i}." for i in range(3)]
    for i, text in enumerate(texts):  # reports 0 and 1 a day apart, report 2 two days after report 1
        store.ingest(*compose.report(f"r{i}", text, [compose.event(text, date=D + dt.timedelta(days=[0, 1, 3][i]),
                                                                   place=gao, fatalities=4 + i)], source=f"S{i}"))
    assert sorted(c.n_reports for c in store.clusters().items) == [1, 2]  # 3 is 3 days from 0: not with both
    before = store.backend.query("SELECT id, n_reports, fatalities_low, fatalities_high FROM clusters ORDER BY id")
    assert store.relink() == 2
    assert store.backend.query("SELECT id, n_reports, fatalities_low, fatalities_high FROM clusters "
                               "ORDER BY id") == before  # same config, same clusters
    store.link = LinkConfig(date_window_days=0)
    assert store.relink() == 3 and store.backend.scalar("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL") == 0
