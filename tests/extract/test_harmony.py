"""Article-level ACLED readings and the scope filters: composed dispatches, real models."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.models import Article, Event

pytestmark = pytest.mark.models
PUB = dt.date(2024, 3, 15)


def labelled(pipeline, text: str, lang: str = "en") -> list[str]:
    result = pipeline.run(Article(id="x", text=text, lang=lang, published=PUB))
    return [_label(e) for e in result.events if e.acled]


def _label(event: Event) -> str:
    assert event.acled is not None
    return event.acled.sub_event_type


def test_police_action_and_the_protest_are_one_intervention(pipeline):
    text = "Riot police detained dozens of protesters in Lahore on Sunday as students marched against the new fees."
    assert set(labelled(pipeline, text)) == {"Protest with intervention"}


def test_a_protest_about_a_police_shooting_stays_peaceful(pipeline):
    text = "Hundreds of students marched peacefully on Friday over the police shooting of a teenager in Nairobi."
    assert labelled(pipeline, text)[0] == "Peaceful protest"


def test_arrest_for_organising_a_past_protest_is_an_arrest(pipeline):
    text = "Police in Harare arrested a union leader on charges of organising an illegal protest last month."
    assert labelled(pipeline, text)[0] == "Arrests"


def test_clashes_with_demonstrators_are_a_violent_demonstration(pipeline):
    text = "Clashes broke out between police and demonstrators protesting against fuel prices in Dakar on Monday."
    assert labelled(pipeline, text)[0] == "Violent demonstration"


def test_explosion_takes_the_weapon_of_the_attack_beside_it(pipeline):
    text = "Explosions shook the border town as militants fired dozens of rockets at army positions on Tuesday."
    assert labelled(pipeline, text)[0] == "Shelling/artillery/missile attack"


def test_poison_gas_outranks_the_aircraft(pipeline):
    text = "A government helicopter dropped barrel bombs filled with chlorine gas on the village, killing six people."
    assert labelled(pipeline, text)[0] == "Chemical weapon"


def test_the_weapon_of_an_accused_attack_does_not_label_the_reprisal(pipeline):
    text = "The air force launched airstrikes on militants it accused of carrying out a chlorine attack last week."
    assert labelled(pipeline, text)[0] == "Air/drone strike"


@pytest.mark.parametrize("text", [
    "A boiler exploded at a fertiliser factory outside Kano on Monday, killing four workers.",
    "A storage tank exploded at the refinery. The blast injured eleven workers, the company said.",
    "Two armed robbers shot a cashier during a bank robbery in Lagos on Friday.",
    "A man barricaded himself inside a hotel room for five hours before surrendering to police.",
    "Germany expelled two diplomats in retaliation for the expulsion of its envoy.",
    "The White House announced new sanctions targeting Russian banks.",
    "Hackers defaced dozens of government websites on Tuesday.",
])
def test_not_conflict_events(pipeline, text):
    assert labelled(pipeline, text) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Government forces retook the town of Kidal from the rebels on Sunday.", "en", "Government regains territory"),
    ("Security forces raped women in the village, witnesses said.", "en", "Sexual violence"),
    ("Forty fighters surrendered to the army in Borno state.", "en", "Agreement"),
    ("A new militia brigade was formed in the province last week.", "en", "Change to group/activity"),
    ("Une nouvelle brigade a été formée au sein de l'armée malienne.", "fr", "Change to group/activity"),
    ("US forces have withdrawn from a base near the border.", "en", "Non-violent transfer of territory"),
])
def test_lexicon_readings(pipeline, text, lang, expected):
    assert labelled(pipeline, text, lang)[0] == expected
