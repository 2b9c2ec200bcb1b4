"""Extraction stages on short composed sentences: roles, quantities, attribution, modality, quotes, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.models import Article

pytestmark = pytest.mark.models
PUB = dt.date(2024, 3, 15)  # a Friday


def events(pipeline, text: str, lang: str):
    return pipeline.run(Article(id="x", text=text, lang=lang, published=PUB)).events


def countries(actors) -> set[str | None]:
    return {a.country for a in actors}


@pytest.mark.parametrize(("text", "lang"), [
    ("Les soldats maliens ont été attaqués par des jihadistes près de Gao.", "fr"),
    ("Malian soldiers were attacked by jihadists near Gao.", "en"),
])
def test_passive_agent_and_target(pipeline, text, lang):
    event = events(pipeline, text, lang)[0]
    assert {a.sector for a in event.actors} == {"REB"}
    assert countries(event.targets) == {"MLI"} and {a.sector for a in event.targets} == {"MIL"}


def test_coordinated_subjects_are_two_actors(pipeline):
    event = events(pipeline, "L'armée nigériane et des milices locales ont attaqué un camp de Boko Haram.", "fr")[0]
    assert {a.sector for a in event.actors} >= {"MIL"} and len(event.actors) == 2


def test_nominal_event_with_agent_and_target(pipeline):
    event = events(pipeline, "L'attaque des rebelles du M23 contre la ville de Sake a fait dix morts.", "fr")[0]
    assert event.type == "ASSAULT" and event.fatalities == 10
    assert any(a.sector == "REB" for a in event.actors)


def test_light_verb_carries_the_agent(pipeline):
    event = events(pipeline, "Ukrainian forces launched a drone attack on a Russian airfield overnight.", "en")[0]
    assert event.mode == "aerial" or (event.acled and event.acled.sub_event_type == "Air/drone strike")
    assert countries(event.actors) == {"UKR"}


@pytest.mark.parametrize(("text", "lang", "killed", "injured"), [
    ("Une vingtaine de civils ont été tués et des dizaines blessés lors de l'attaque.", "fr", 20, 12),
    ("At least 15 people were killed and 40 wounded in the blast.", "en", 15, 40),
    ("Le bilan s'élève à trois morts.", "fr", 3, None),
])
def test_tolls(pipeline, text, lang, killed, injured):
    found = events(pipeline, "Des hommes armés ont attaqué le marché. " + text if killed == 3 else text, lang)
    assert found and found[0].fatalities == killed
    if injured is not None:
        assert found[0].injured == injured


@pytest.mark.parametrize("text", [
    "Two people were killed and nine injured in the city of Kherson, the governor said.",
    "At least 15 people were killed and 40 wounded in the blast in Peshawar.",
    "Gunmen detonated a car bomb outside a police station in Jamundi, wounding three officers.",
])
def test_killed_and_injured_with_a_bare_count_are_one_event(pipeline, text):
    found = [e for e in events(pipeline, text, "en") if e.type == "ASSAULT"]
    assert len(found) == 1 and found[0].injured


@pytest.mark.parametrize("text", [
    "Ukrainian drones struck an oil refinery in the Saratov region overnight.",
    "Air defences downed 45 drones over the Belgorod region, the ministry said.",
])
def test_strikes_on_facilities_and_downed_drones_are_attacks(pipeline, text):
    assert any(e.type == "ASSAULT" for e in events(pipeline, text, "en"))


def test_no_one_hurt_is_zero_not_one(pipeline):
    text = "Rebels fired a missile at a ship in the Red Sea on Monday, the navy said. No one was hurt."
    found = events(pipeline, text, "en")
    assert found and found[0].injured in (0, None)
    assert not any(e.injured for e in found)


def test_attribution_selon_and_said(pipeline):
    fr = events(pipeline, "Selon l'armée nigériane, des combattants de l'ISWAP ont tué cinq soldats à Dikwa.", "fr")
    assert fr[0].claimed_by is not None and fr[0].claimed_by.country == "NGA"
    en = events(pipeline, "Houthi fighters fired two missiles at a tanker, the US military said.", "en")
    assert en[0].claimed_by is not None and en[0].modality == "claimed"


def test_media_attribution_is_not_a_claim(pipeline):
    event = events(pipeline, "Selon l'AFP, des hommes armés ont tué six personnes à Bunia.", "fr")[0]
    assert event.claimed_by is None and event.modality == "asserted"


def test_modalities(pipeline):
    assert events(pipeline, "Les rebelles n'ont pas attaqué la base de Kidal.", "fr")[0].modality == "denied"
    threat = events(pipeline, "The army threatened to bomb rebel positions near Goma.", "en")
    assert threat[0].type == "THREATEN"
    intent = events(pipeline, "The European Union will send humanitarian aid to Gaza, officials said.", "en")
    assert intent[0].type == "AGREE"


def test_dates(pipeline):
    fr = events(pipeline, "Des jihadistes ont attaqué un poste militaire dans la nuit de mercredi à jeudi.", "fr")
    assert fr[0].date is not None and fr[0].date.value == dt.date(2024, 3, 13)
    en = events(pipeline, "Gunmen attacked a church in Kaduna last week.", "en")
    assert en[0].date is not None and en[0].date.precision == "week" and en[0].date.value == dt.date(2024, 3, 4)
    absolute = events(pipeline, "Rebels seized the town of Bunia on 3 March 2023.", "en")
    assert absolute[0].date is not None and absolute[0].date.value == dt.date(2023, 3, 3)


def test_accidents_are_not_conflict_events(pipeline):
    assert not events(pipeline, "A gas explosion at a chemical plant killed twelve workers in Tianjin.", "en")


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Japan is sending medical supplies and engineers to Sudan and Chad.", "en", {"SDN", "TCD"}),
    ("La France a livré des armes à l'armée malienne et au Niger.", "fr", {"MLI", "NER"}),
])
def test_what_is_given_is_no_target_whom_it_is_given_to_is(pipeline, text, lang, expected):
    event = events(pipeline, text, lang)[0]
    assert event.type == "AID" and countries(event.targets) == expected


def test_who_comes_under_attack_is_the_target(pipeline):
    event = next(e for e in events(pipeline, "A Nigerian army convoy came under attack near Maiduguri.", "en")
                 if e.type == "ASSAULT")
    assert countries(event.targets) == {"NGA"}


def test_two_word_demonyms_and_local_journalists(pipeline):
    event = events(pipeline, "Sri Lankan soldiers shot dead a journalist in Jaffna on Tuesday.", "en")[0]
    assert countries(event.actors) == {"LKA"}
    assert [(a.country, a.sector) for a in event.targets] == [("LKA", "MED")]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Thousands of people marched in Minsk in defiance of Russian authorities.", "en", {"RUS"}),
    ("Students blocked roads in Dakar to show their anger at the Senegalese government.", "en", {"SEN"}),
    ("Young Tunisians blocked roads leading to the city centre on Sunday.", "en", {"TUN"}),
])
def test_whom_a_protest_addresses(pipeline, text, lang, expected):
    event = next(e for e in events(pipeline, text, lang) if e.type == "PROTEST")
    assert countries(event.targets) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Kenya will withdraw its peacekeeping troops from Somalia next year.", "en", {"SOM"}),
    ("Israeli troops were on high alert in the West Bank on Friday.", "en", {"PSE"}),
])
def test_a_move_abroad_aims_at_where_the_forces_go(pipeline, text, lang, expected):
    event = events(pipeline, text, lang)[0]
    assert countries(event.targets) == expected


def test_transnational_armed_groups_are_img(pipeline):
    event = events(pipeline, "Al-Qaeda threatened to strike the United States.", "en")[0]
    assert countries(event.actors) == {"IMG"}


def test_stances_hostages_and_unclaimed_attacks(pipeline):
    opposed = events(pipeline, "Turkey is opposed to the Swedish proposal.", "en")[0]
    assert countries(opposed.actors) == {"TUR"}
    shields = next(e for e in events(pipeline, "The rebels held Congolese villagers as human shields.", "en")
                   if e.type == "COERCE")
    assert {a.sector for a in shields.targets} == {"CVL"} and {a.sector for a in shields.actors} == {"REB"}
    attempt = events(pipeline, "An attempt to assassinate the mayor of Kidal was foiled in Kidal on Monday.", "en")
    assert any(a.sector == "UAF" and a.country == "MLI" for e in attempt for a in e.actors)


def test_a_threat_aims_at_whoever_must_meet_its_condition(pipeline):
    event = events(pipeline, "Villagers threatened to block the highway unless Kenya reopened the border.", "en")[0]
    assert event.type == "THREATEN" and countries(event.targets) == {"KEN"}


def test_demands_accepted_come_from_someone(pipeline):
    event = events(pipeline, "The Malian government accepted demands from Tuareg rebels.", "en")[0]
    assert {a.sector for a in event.targets} == {"REB"}


def test_who_died_of_it_underwent_it_and_custody_names_the_keeper(pipeline):
    event = events(pipeline, "A Congolese detainee died of torture while in Rwandan army custody.", "en")[0]
    assert countries(event.targets) == {"COD"} and countries(event.actors) == {"RWA"}


def test_heavy_object_after_an_as_phrase_and_workers_stopping_work(pipeline):
    denounced = events(pipeline, "Chad denounced as a provocation Sudan's deployment of troops.", "en")[0]
    assert countries(denounced.targets) == {"SDN"}
    strike = events(pipeline, "Thousands of Kenyan nurses stopped work on Monday.", "en")[0]
    assert strike.type == "PROTEST" and strike.mode == "strike" and countries(strike.actors) == {"KEN"}


@pytest.mark.parametrize(("text", "lang", "agents", "targets"), [
    ("Britain completed the withdrawal of its last forces from Basra on Friday.", "en", {"GBR"}, {"IRQ"}),
    ("Le retrait des forces françaises du Niger s'est achevé en décembre.", "fr", {"FRA"}, {"NER"}),
])
def test_the_place_a_withdrawal_leaves(pipeline, text, lang, agents, targets):
    event = next(e for e in events(pipeline, text, lang) if e.type == "RETREAT")
    assert countries(event.actors) == agents and countries(event.targets) == targets


def test_unknown_parties_belong_to_the_story_country(pipeline):
    event = events(pipeline, "The Renewal Party said it will boycott the elections in Togo.", "en")[0]
    assert countries(event.actors) == {"TGO"}


def test_phrasal_verb_with_its_particle_after_a_long_object(pipeline):
    event = events(pipeline, "Bamako forced the French ambassador, Joel Meyer, out of the country on Monday.", "en")[0]
    assert event.type == "SANCTION" and countries(event.actors) == {"MLI"}


def test_a_refusal_and_the_refused_act_are_one_event(pipeline):
    found = events(pipeline, "Egypt refused to deploy troops in Libya.", "en")
    rejects = [e for e in found if e.type == "REJECT"]
    assert len(rejects) == 1 and countries(rejects[0].targets) == {"LBY"}


def test_lifting_measures_somewhere_concedes_to_that_place(pipeline):
    event = events(pipeline, "Ethiopia lifted the curfew in Tigray on Sunday.", "en")[0]
    assert event.type == "CONCEDE" and countries(event.targets) == {"ETH"}


def test_what_must_be_agreed_is_demanded_and_subordinate_places_stay_out(pipeline):
    demand = events(pipeline, "Malian rebels said the junta must agree to hold elections.", "en")[0]
    assert demand.type == "REQUEST" and countries(demand.targets) == {"MLI"}
    eased = events(pipeline, "Serbia eased measures in Vojvodina province, as police in Croatia arrested activists.",
                   "en")[0]
    assert "HRV" not in countries(eased.targets)


def test_whom_a_push_or_a_mediation_among_parties_addresses(pipeline):
    push = events(pipeline, "France is pushing hard for Germany to back the plan.", "en")[0]
    assert push.type == "REQUEST" and countries(push.targets) == {"DEU"}
    mediation = events(pipeline, "The African Union launched a mediation effort among Sudan's warring factions.",
                       "en")[0]
    assert countries(mediation.targets) == {"SDN"}


def test_a_thing_that_mentions_a_country_is_no_actor(pipeline):
    event = events(pipeline, "Poland announced a suspension of rail links with Belarus on Friday.", "en")[0]
    assert countries(event.actors) == {"POL"} and countries(event.targets) == {"BLR"}
