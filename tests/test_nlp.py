"""Sentence boundaries set before parsing: datelines stand apart from the story they open."""

from __future__ import annotations

import pytest

from eventwire.models import Article

pytestmark = pytest.mark.models


@pytest.mark.parametrize("lang, text, first", [
    ("en", "KANO, Nigeria (AP) — Gunmen killed four traders on Monday.", "KANO, Nigeria (AP) —"),
    ("en", "Juba, South Sudan — Fighting resumed on Friday.", "Juba, South Sudan —"),
    ("fr", "NIAMEY (AFP) - Des hommes armés ont attaqué un poste.", "NIAMEY (AFP) -"),
    ("fr", "Ouagadougou, 2 juin 2025 — Deux soldats ont été tués.", "Ouagadougou, 2 juin 2025 —"),
    ("fr", "Premier paragraphe.\nBUNIA (AFP) - Les miliciens ont pillé le marché.", "BUNIA (AFP) -"),
])
def test_a_dateline_is_its_own_sentence(pipeline, lang, text, first):
    sentences = [s.text.strip() for s in pipeline.nlp.pipeline(lang)(text).sents]
    assert first in sentences and len(sentences) >= 2


@pytest.mark.parametrize("text", [
    "Rebels — who had been quiet for months — attacked the town of Beni.",
    "The army said on Monday - after a week of silence - that it had retaken the town.",
    "Troops killed 12 militants near Mosul - the highest toll this year.",
])
def test_dashes_inside_a_sentence_split_nothing(pipeline, text):
    assert len(list(pipeline.nlp.pipeline("en")(text).sents)) == 1


def test_the_dateline_country_is_no_actor(pipeline):
    text = "KHARTOUM, Sudan — The paramilitary Rapid Support Forces shelled the city of El Fasher on Sunday."
    event = pipeline.run(Article(id="x", text=text, lang="en")).events[0]
    assert [a.name for a in event.actors] == ["Rapid Support Forces"]
    assert event.location is not None and event.location.name == "El Fasher"


@pytest.mark.parametrize("text, word", [
    ("L'état-major a affirmé avoir neutralisé une dizaine de terroristes.", "état-major"),
    ("Le lieutenant-colonel commandant la zone a été blessé.", "lieutenant-colonel"),
    ("Selon l'Etat-major, les tirs de lance-roquettes ont visé le chef-lieu.", "lance-roquettes"),
])
def test_french_compounds_stay_one_word(pipeline, text, word):
    assert word in [t.text for t in pipeline.nlp.pipeline("fr")(text)]


def test_the_staff_speaks_for_the_storys_army(pipeline):
    text = ("L'armée malienne a mené des frappes près de Tessalit. "
            "L'état-major a affirmé avoir neutralisé des terroristes.")
    claimed = [e.claimed_by for e in pipeline.run(Article(id="x", text=text, lang="fr")).events if e.claimed_by]
    assert claimed and (claimed[0].country, claimed[0].sector) == ("MLI", "MIL")
