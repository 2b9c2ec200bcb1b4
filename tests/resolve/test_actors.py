"""The actors knowledge base and resolver: loading, user files, and accuracy on hand-written mentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.models import Article
from eventwire.resolve.actors import ActorKB, KBError

GOLD = Path(__file__).resolve().parent.parent / "gold" / "actors.jsonl"


def test_kb_has_states_people_and_non_state_actors():
    kb = ActorKB.load()
    assert kb.lookup("Daech") == kb.lookup("ISIS") == kb.lookup("État islamique")
    assert kb.lookup("Bachar al-Assad").id == "Q44329"
    assert kb.lookup("Observatoire syrien des droits de l'homme").id == "Q1142478"
    assert kb.states["RUS"].id == "Q159" and kb.demonyms["russe"] == "RUS"
    assert {e.country for e in kb.states.values()} >= {"MLI", "UKR", "COD", "SDN", "SYR"}
    non_state = {e.id for e in kb.names.values() if e.kind in ("armed_group", "igo", "ngo", "media", "party")}
    assert len(non_state) >= 300


def test_user_file_is_merged_and_wins(tmp_path, monkeypatch):
    user = tmp_path / "mine.yaml"
    user.write_text("- {id: kb:kivu_x, name: Kivu Defence Front, kind: armed_group, country: COD, sector: REB,\n"
                    "   aliases: {fr: [Front de défense du Kivu, FDK], en: [Kivu Defence Front]}}\n"
                    "- {name: Reuters, kind: media, country: CAN, sector: MED}\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_ACTORS", str(user))
    kb = ActorKB.load()
    assert kb.lookup("Front de défense du Kivu").country == "COD"
    assert kb.lookup("FDK").name == "Kivu Defence Front"
    assert kb.lookup("Reuters").country == "CAN"  # the user's entry overrides the shipped one


@pytest.mark.parametrize("content, message", [
    ("name: not a list\n", "expected a list"),
    ("- {kind: ngo}\n", "needs at least a `name`"),
    ("- {name: X, kind: rebel}\n", "unknown kind"),
    ("- {name: X, country: Mali}\n", "ISO 3166"),
    ("- [unclosed\n", "not valid YAML"),
])
def test_bad_user_file_is_named(tmp_path, content, message):
    user = tmp_path / "bad.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(KBError, match=message) as err:
        ActorKB.load(extra=[user])
    assert "bad.yaml" in str(err.value)


def resolve_mentions(pipeline, record: dict) -> list[tuple[dict, object]]:
    """Each gold mention resolved in its sentence, in text order (one context: coreference counts), localised to
    the country the sentence's places are in, as extraction does."""
    from eventwire.extract import localise, main_country
    from eventwire.resolve.actors import ActorContext

    extractor = pipeline.extractor(record["lang"])
    doc = pipeline.nlp.pipeline(record["lang"])(record["text"])
    places = getattr(extractor, "places", None) or extractor._places  # public as `places` on main
    home_code = main_country(places(doc))
    home = extractor.actors.kb.states.get(home_code) if home_code else None
    context = ActorContext.for_doc(doc)
    out, offset = [], 0
    for mention in record["mentions"]:
        start = record["text"].index(mention["text"], offset)
        offset = start + len(mention["text"])
        span = doc.char_span(start, offset, alignment_mode="expand")
        actor = extractor.actors.resolve(span.root, context)
        out.append((mention, localise([actor], home)[0] if actor is not None else None))
    return out


@pytest.mark.models
def test_written_mentions_resolve_to_country_and_sector(pipeline):
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [pair for record in records for pair in resolve_mentions(pipeline, record)]
    assert len(pairs) >= 100 and {r["lang"] for r in records} == {"fr", "en"}
    country = sum(a is not None and a.country == m["country"] for m, a in pairs) / len(pairs)
    sector = sum(a is not None and a.sector == m["sector"] for m, a in pairs) / len(pairs)
    ids = [(m, a) for m, a in pairs if "id" in m]
    misses = [(m["text"], a and (a.country, a.sector)) for m, a in pairs
              if a is None or (a.country, a.sector) != (m["country"], m["sector"])]
    assert country >= 0.9 and sector >= 0.9, f"country {country:.3f}, sector {sector:.3f}; misses: {misses}"
    assert all(a is not None and a.id == m["id"] for m, a in ids)


@pytest.mark.models
def test_seed_actors_resolve_to_their_wikidata_ids(pipeline, shared_eval):
    """Every name of the seed's `actors_mentioned` resolves, where it stands in the text, to the right QID."""
    gold = json.loads((shared_eval / "seed" / "aleppo-ap-fr.gold.json").read_text(encoding="utf-8"))
    resolver = pipeline.extractor("fr").actors
    doc = pipeline.nlp.pipeline("fr")(gold["text"])
    wrong = []
    for entry in gold["actors_mentioned"]:
        for alias in entry["aliases_in_text"]:
            start = gold["text"].index(alias)
            span = doc.char_span(start, start + len(alias), alignment_mode="expand")
            actor = resolver.resolve(span.root)
            if actor is None or actor.id != entry["wikidata"]:
                wrong.append((alias, entry["wikidata"], actor and actor.id))
    assert not wrong


@pytest.mark.models
def test_seed_claimant_and_accusers(pipeline, shared_eval):
    from eventwire.models import Article

    gold = json.loads((shared_eval / "seed" / "aleppo-ap-fr.gold.json").read_text(encoding="utf-8"))
    result = pipeline.run(Article(id="seed", text=gold["text"], lang="fr", published=gold["published"]))
    toll = next(e for e in result.events if e.fatalities == 100)
    assert toll.claimed_by is not None and "Makushev" in toll.claimed_by.name
    assert (toll.claimed_by.country, toll.claimed_by.sector) == ("RUS", "MIL")
    accusations = [e for e in result.events if e.type == "ACCUSE" and any(t.country == "RUS" for t in e.targets)]
    accusers = {(a.country, a.sector) for e in accusations for a in e.actors}
    assert {("USA", "GOV"), ("SYR", "REB")} <= accusers


@pytest.mark.models
def test_an_unknown_party_keeps_its_name(pipeline):
    result = pipeline.run(Article(id="x", lang="en", text="The Sunrise Party staged a rally in Lomé on Monday."))
    event = next(e for e in result.events if e.type == "PROTEST")
    assert [(a.text, a.country) for a in event.actors] == [("The Sunrise Party", "TGO")]


@pytest.mark.models
@pytest.mark.parametrize("text, name, country", [
    ("Le porte-parole de l'armée malienne, le colonel Souleymane Traoré, a déclaré que les frappes avaient tué "
     "vingt terroristes.", "Souleymane Traoré", "MLI"),
    ("Le ministre tchadien de la Défense, le général Idriss Mahamat, a annoncé l'envoi de renforts à Bol.",
     "Idriss Mahamat", "TCD"),
])
def test_a_title_chain_gives_a_person_their_country(pipeline, text, name, country):
    """A title ("le colonel") gives the sector; the phrase it stands beside ("le porte-parole de l'armée
    malienne"), even read by the parser as a second subject, gives the country."""
    from eventwire.models import Article

    result = pipeline.run(Article(id="x", text=text, lang="fr"))
    mentions = [a for e in result.events for a in (*e.actors, *([e.claimed_by] if e.claimed_by else []))]
    people = [a for a in mentions if a.name == name]
    assert people and {(a.country, a.sector) for a in people} == {(country, "MIL")}


@pytest.mark.models
def test_a_counterpart_is_the_other_countrys_government(pipeline):
    from eventwire.models import Article

    text = "Kenya's foreign minister met his Somali counterpart in Nairobi on Tuesday to discuss border security."
    event = pipeline.run(Article(id="x", text=text, lang="en")).events[0]
    assert [(a.country, a.sector) for a in event.targets] == [("SOM", "GOV")]
