"""Place mentions in composed dispatches: recognition, precision, demonyms, villages, datelines."""

from __future__ import annotations

import pytest

from eventwire.models import Article

pytestmark = pytest.mark.models


def run(pipeline, text: str, lang: str):
    return pipeline.run(Article(id="x", text=text, lang=lang))


def test_near_aleppo_is_precision_two(pipeline):
    result = run(pipeline, "Des frappes ont tué six civils samedi près d'Alep, dans le nord de la Syrie.", "fr")
    alep = next(p for p in result.places if p.text == "Alep")
    assert (alep.geonameid, alep.precision, alep.admin1, alep.country) == (170063, 2, "Aleppo", "SYR")
    assert result.events[0].location is not None and result.events[0].location.geonameid == 170063


def test_region_named_after_its_capital(pipeline):
    result = run(pipeline, "Les combats se poursuivent dans la province d'Idleb, selon l'OSDH.", "fr")
    idleb = next(p for p in result.places if p.text == "Idleb")
    assert idleb.feature_code == "ADM1" and idleb.precision == 3


def test_demonyms_name_countries_but_never_locate_events(pipeline):
    result = run(pipeline, "Syrian troops shelled the town of Saraqeb on Monday.", "en")
    syrian = next(p for p in result.places if p.text == "Syrian")
    assert syrian.country == "SYR" and syrian.precision == 3
    assert result.events[0].location is not None and result.events[0].location.text == "Saraqeb"


def test_unknown_village_keeps_its_name_at_its_region(pipeline):
    result = run(pipeline, "Gunmen attacked the village of Ngorokuwa near Maiduguri in Borno State.", "en")
    village = next(p for p in result.places if p.text == "Ngorokuwa")
    assert village.name == "Ngorokuwa" and village.precision == 3 and village.country == "NGA"
    assert village.geonameid is None


def test_dateline_locates_events_the_body_does_not(pipeline):
    text = "BAMAKO, 3 mars (AFP) - Des hommes armés ont attaqué un convoi de l'armée, a annoncé l'état-major."
    event = run(pipeline, text, "fr").events[0]
    assert event.location is not None and event.location.name == "Bamako"


def test_capitalised_common_words_are_not_places(pipeline):
    result = run(pipeline, "In March, Police said the Union would meet at the White House.", "en")
    assert {p.text for p in result.places} <= {"White House"}


def test_a_small_towns_alternate_name_is_no_place(pipeline):
    text = "Leaders of the Azadliq (Freedom) bloc met mostly Christian villagers in Baku."
    assert {p.text for p in run(pipeline, text, "en").places} == {"Baku"}


def test_compass_parts_peninsulas_and_two_word_demonyms(pipeline):
    text = "North Korean troops retook a village in Western Cambodia. Fighting spread across the Jaffna peninsula."
    places = {p.text: p for p in run(pipeline, text, "en").places}
    assert places["North Korean"].country == "PRK"
    assert places["Western Cambodia"].country == "KHM" and places["Western Cambodia"].precision == 3
    assert places["Jaffna"].country == "LKA"


def test_a_country_named_as_a_province_and_no_town_inside_a_name(pipeline):
    places = {p.text: p for p in run(pipeline, "Belgrade eased curfews in Montenegro province. Clashes spread in "
                                                "Kabul, Islamic State Khorasan Province said.", "en").places}
    assert places["Montenegro province"].country == "MNE"
    assert all(p.country in ("AFG", "MNE", "SRB", None) for p in places.values())
