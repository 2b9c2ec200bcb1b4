"""The pipeline end to end on composed dispatches: one result per input, errors per record, the core fields."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.ingest import Failed
from eventwire.models import Article

pytestmark = pytest.mark.models
PUB = dt.date(2024, 3, 15)  # a Friday


def _run(pipeline, text: str, lang: str | None = None, published: dt.date | None = PUB):
    return pipeline.run(Article(id="t", text=text, lang=lang, published=published))


def test_batch_keeps_order_and_never_drops_a_record(pipeline):
    items = [
        Article(id="fr", text="Des hommes armés ont tué six villageois jeudi près de Mopti, selon un élu local."),
        Failed("broken", RecordProblem(ErrorCode.BAD_JSON, "line 2 is not JSON", "broken")),
        Article(id="de", text="Die Regierung hat heute in Berlin neue Gesetze zur Steuerpolitik beschlossen."),
        Article(id="en", text="Gunmen killed five soldiers near Gao on Tuesday, the army said.", published=PUB),
        Article(id="long", text="x " * 300_000),
    ]
    results = list(pipeline.pipe(items))
    assert [r.id for r in results] == ["fr", "broken", "de", "en", "long"]
    assert results[0].lang == "fr" and results[0].events and not results[0].errors
    assert results[1].errors[0].code == "E003"
    assert results[2].errors[0].code == ErrorCode.UNSUPPORTED_LANG.value and "de" in results[2].errors[0].message
    assert results[3].events[0].fatalities == 5
    assert results[4].errors[0].code == ErrorCode.TOO_LONG.value


def test_french_passive_with_agent_place_date_and_toll(pipeline):
    result = _run(pipeline, "Douze civils ont été tués par des jihadistes jeudi près de Mopti, dans le centre du Mali, "
                            "a indiqué l'armée malienne.")
    event = result.events[0]
    assert event.type == "ASSAULT"
    assert event.fatalities == 12
    assert any(a.sector in ("REB", "UAF") for a in event.actors)
    assert any(t.sector == "CVL" for t in event.targets)
    assert event.location is not None and event.location.name == "Mopti" and event.location.precision == 2
    assert event.date is not None and event.date.value == dt.date(2024, 3, 14)
    assert event.claimed_by is not None and event.claimed_by.country == "MLI"
    assert event.acled is not None and event.acled.event_type == "Violence against civilians"


def test_english_air_strike_with_vague_toll_and_attribution(pipeline):
    result = _run(pipeline, "Russian air strikes killed dozens of people in Idlib on Monday, according to rescuers.",
                  lang="en")
    event = result.events[0]
    assert event.type == "ASSAULT" and event.mode == "aerial"
    assert event.acled is not None and event.acled.sub_event_type == "Air/drone strike"
    assert event.actors and event.actors[0].country == "RUS"
    assert event.fatalities == 12
    assert event.date is not None and event.date.value == dt.date(2024, 3, 11)
    assert event.location is not None and event.location.country == "SYR"


def test_denial_and_threat_are_not_asserted(pipeline):
    denied = _run(pipeline, "The army did not bomb the village of Kidal, a spokesman said.", lang="en")
    assert denied.events and all(e.modality == "denied" for e in denied.events if e.type == "ASSAULT")
    threat = _run(pipeline, "Les rebelles du M23 ont menacé d'attaquer Goma si l'armée ne se retire pas.", lang="fr")
    assert threat.events[0].type == "THREATEN"


def test_quotes_get_their_speaker(pipeline):
    text = ("« Nous avons repoussé l'attaque », a déclaré le colonel Souleymane Dembélé, porte-parole de l'armée.\n"
            "« Les assaillants ont fui vers la frontière », a-t-il ajouté.")
    result = _run(pipeline, text, lang="fr")
    assert [q.speaker.name if q.speaker else None for q in result.quotes] == ["Souleymane Dembélé"] * 2


def test_offsets_point_into_the_text(pipeline):
    text = "Gunmen attacked a police post in Maiduguri on Sunday, killing three officers."
    result = _run(pipeline, text, lang="en")
    for event in result.events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        for actor in event.actors + event.targets:
            assert text[actor.start:actor.end] == actor.text
    for place in result.places:
        assert text[place.start:place.end] == place.text


def test_relative_dates_unknown_without_publication_date(pipeline):
    result = _run(pipeline, "Gunmen attacked a police post in Maiduguri on Sunday.", lang="en", published=None)
    assert result.events and result.events[0].date is not None and result.events[0].date.value is None
