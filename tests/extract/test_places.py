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
def test_numbered_road_is_placed_at_its_town(pipeline):
    text = ("Police closed the A34 near Oxford on Tuesday after a lorry overturned. "
            "Drivers heading to Oxford from Newbury were told to avoid the A34 until the evening.")
    result = run(pipeline, text, "en")
    road = next(p for p in result.places if p.text == "A34")
    assert road.feature_code == "RD" and road.geonameid is None and road.country == "GBR"
    assert road.name == "A34" and abs(road.lat - 51.75) < 0.5


def test_road_numbers_need_a_country_that_numbers_roads_so(pipeline):
    result = run(pipeline, "The M23 rebels took Bunagana, in North Kivu, on Monday.", "en")
    assert not any(p.text == "M23" for p in result.places)


def test_named_facilities_take_their_towns_point(pipeline):
    from eventwire.extract.facilities import FacilityFinder
    from eventwire.resolve.places import PlaceContext, PlaceResolver

    extractor = pipeline.extractor("en")
    finder = FacilityFinder(PlaceResolver(pipeline.gazetteer), named=True)
    doc = pipeline.nlp.pipeline("en")("Protesters gathered outside Trump Tower in Chicago on Saturday. "
                                      "Later they marched down Halsted Street.")
    towns = [(m.span, m.entry) for m in extractor.places(doc) if m.entry is not None]
    taken = {i for s, _ in towns for i in range(s.start, s.end)}
    found = {f.span.text: f for f in finder(doc, towns, taken, PlaceContext())}
    assert found["Trump Tower"].feature_code == "TOWR" and found["Trump Tower"].anchor.name == "Chicago"
    assert found["Trump Tower"].precision == 1
    assert found["Halsted Street"].feature_code == "ST" and found["Halsted Street"].precision == 2


def test_a_town_ner_calls_a_person_is_the_town_of_the_articles_country(pipeline):
    text = ("Government forces shelled Douma, east of Damascus in Syria, on Monday. "
            "Douma has been besieged since March, and rebels said Douma would not surrender.")
    result = run(pipeline, text, "en")
    douma = [p for p in result.places if p.text == "Douma"]
    assert len(douma) >= 2 and len({p.geonameid for p in douma}) == 1 and douma[0].country == "SYR"


def test_a_place_named_again_is_the_same_place(pipeline):
    text = ("Shelling hit Jasim in Syria on Monday. The Jasim council said Jasim had no water left.")
    result = run(pipeline, text, "en")
    jasim = [p for p in result.places if p.text == "Jasim"]
    assert len(jasim) == 3 and len({p.geonameid for p in jasim}) == 1 and jasim[0].country == "SYR"


def test_town_tagged_as_a_person_in_the_articles_country(pipeline):
    text = ("Floods cut roads across Queensland, Australia on Sunday. Residents of Bundaberg were told to leave, "
            "and Mackay police closed the highway north of the city.")
    result = run(pipeline, text, "en")
    assert {p.text for p in result.places if p.country == "AUS"} >= {"Queensland", "Bundaberg", "Mackay"}


def test_state_named_like_small_towns_is_the_state(pipeline):
    result = run(pipeline, "Lawmakers in Delaware passed the bill on Thursday, the governor's office said.", "en")
    delaware = next(p for p in result.places if p.text == "Delaware")
    assert delaware.feature_code == "ADM1" and delaware.country == "USA"


def test_abbreviated_region_after_a_town(pipeline):
    result = run(pipeline, "A freight train derailed near Wainwright, Alta., early on Friday, the company said.", "en")
    region = next(p for p in result.places if p.text.startswith("Alta"))
    assert region.feature_code == "ADM1" and region.country == "CAN" and region.name == "Alberta"


def test_small_dateline_town_in_capitals(pipeline):
    text = "TULLY - Police are searching for two men after a service station was robbed on Bruce Highway on Sunday."
    result = run(pipeline, text, "en")
    tully = next(p for p in result.places if p.text == "TULLY")
    assert tully.country == "AUS"


def test_continent_adjective_before_an_adjective_names_the_continent(pipeline):
    result = run(pipeline, "The report says African public services need more money, officials in Nairobi said.", "en")
    african = next(p for p in result.places if p.text == "African")
    assert african.name == "Africa" and african.precision == 3


@pytest.mark.parametrize("text, region", [
    ("SPRINGFIELD, Ill. (AP) - Officials closed two schools on Monday after a gas leak.", "Illinois"),
    ("HORRY COUNTY, SC - Deputies arrested two men after a shooting on Friday night.", "South Carolina"),
])
def test_region_abbreviations_after_a_town(pipeline, text, region):
    result = run(pipeline, text, "en")
    found = [p for p in result.places if p.feature_code == "ADM1"]
    assert found and found[0].name == region and found[0].geonameid is not None


@pytest.mark.parametrize("text, places", [
    ("The Federal Government said soldiers killed 12 bandits in Zamfara State on Tuesday.", {"Zamfara State"}),
    ("The Capital Territory police arrested 20 protesters outside the National Assembly.", set()),
    ("Leaders of the Tehreek-e-Insaf party and the Shan-e-Mustaqbal movement marched on Islamabad.",
     {"Islamabad"}),
])
def test_a_word_opening_a_longer_name_is_no_region(pipeline, text, places):
    """"Federal" (Brazil's Federal District), "Capital" (Denmark's Capital Region) and a name glued into a
    hyphenated one are parts of other names."""
    result = run(pipeline, text, "en")
    assert {p.text for p in result.places} == places


def test_a_regions_own_name_before_a_capitalised_word_is_still_the_region(pipeline):
    result = run(pipeline, "Gunmen burned a market on Sunday, Borno Police said.", "en")
    assert [p.country for p in result.places] == ["NGA"]


def test_a_town_tagged_as_a_product_after_near_is_the_town(pipeline):
    result = run(pipeline, "Soldiers repelled an attack near Tillaberi on Sunday, the army said.", "en")
    assert [(p.name, p.country, p.precision) for p in result.places] == [("Tillabéri", "NER", 2)]


def test_an_organisation_the_kb_knows_is_no_place(pipeline):
    """GeoNames lists "Hamas" as a name of Hamm (Germany)."""
    result = run(pipeline, "The Israeli army said it struck Hamas militants in Khan Younis on Friday.", "en")
    assert {p.country for p in result.places} <= {"ISR", "PSE"}


def test_a_country_code_is_no_name_of_a_town(pipeline):
    """"BOL" is Bolivia's ISO code, not a spelling of it: Bol is a town of Chad."""
    text = "Deux soldats tchadiens ont été tués jeudi près de Bol, dans la province du Lac, a indiqué l'armée."
    event = run(pipeline, text, "fr").events[0]
    assert event.location is not None and (event.location.name, event.location.country) == ("Bol", "TCD")


def test_a_region_opening_a_sentence_and_a_town_modifying_a_name(pipeline):
    text = ("A man was shot in Adair County on Sunday.\nKentucky State Police say the suspect fled. "
            "The premier told the Winnipeg Free Press that the province would act. The White House said nothing.")
    result = run(pipeline, text, "en")
    found = {p.text: p for p in result.places}
    assert found["Kentucky"].feature_code == "ADM1" and found["Kentucky"].geonameid == 6254925
    assert found["Winnipeg"].country == "CAN"
    assert "White House" not in found and "House" not in found


def test_a_non_us_state_carries_its_geonames_id(pipeline):
    result = run(pipeline, "Gunmen killed four people in Guma Local Government Area of Benue State, Nigeria.", "en")
    benue = next(p for p in result.places if p.text.startswith("Benue"))
    assert benue.geonameid == 2347266 and benue.feature_code == "ADM1"


def test_a_place_ner_cut_in_two_is_one_place(pipeline):
    text = ("Thousands have entered through the northern state of Roraima and are living in Boa Vista, the state "
            "capital, officials in Brazil said.")
    result = run(pipeline, text, "en")
    boa = next(p for p in result.places if p.text.startswith("Boa"))
    assert boa.text == "Boa Vista" and boa.country == "BRA" and boa.geonameid == 3664980


def test_a_town_ner_calls_a_product_or_a_date_after_in(pipeline):
    text = ("Two inmates and their female accomplice have been captured in Chattanooga, according to a news release. "
            "The soldier had been embedded with US Special Forces in Manbij near the Turkish border. "
            "The couple married in 1960 before heading on their honeymoon to Great Yarmouth.")
    result = run(pipeline, text, "en")
    found = {p.text: p for p in result.places}
    assert found["Chattanooga"].country == "USA" and found["Manbij"].country == "SYR"
    assert found["Great Yarmouth"].country == "GBR"


def test_a_sea_keeps_its_lower_case_head(pipeline):
    """"le golfe d'Aden" is the Gulf of Aden, not the town; "pays du Sahel" is still the Sahel."""
    result = run(pipeline, "Les houthis ont attaqué un navire marchand dans le golfe d'Aden mardi.", "fr")
    assert [p.name for p in result.places] == ["Gulf of Aden"]
    assert [p.text for p in run(pipeline, "Les pays du Sahel ont signé un accord.", "fr").places] == ["Sahel"]


def places_of(pipeline, text: str, lang: str = "en") -> dict[str, tuple]:
    return {p.text: (p.name, p.country, p.admin1, p.feature_code) for p in run(pipeline, text, lang).places}


def test_a_town_is_the_one_inside_the_region_named_after_it(pipeline):
    found = places_of(pipeline, "The family moved to Paris, Texas, in May. A man from Moscow, Idaho, was held. "
                                "Police in Gatineau, Que., said two men were hurt.")
    assert found["Paris"][1:3] == ("USA", "Texas") and found["Moscow"][1:3] == ("USA", "Idaho")
    assert found["Que"][0] == "Quebec"


def test_a_region_after_a_town_and_a_comma_is_the_towns_region(pipeline):
    found = places_of(pipeline, "She was treated at a hospital in Bronx, New York, last week.")
    assert found["New York"][3] == "ADM1"
    listed = places_of(pipeline, "After stops in Washington, New York and Boston, the crown prince flew home.")
    assert listed["New York"][0] == "New York City" and listed["Washington"][3] == "PPLC"


def test_a_country_is_never_a_town_of_the_country_after_it(pipeline):
    found = places_of(pipeline, "He faces questions over his business in Russia, U.S. officials said on Wednesday.")
    assert found["Russia"][1] == "RUS"


def test_regions_listed_together(pipeline):
    found = places_of(pipeline, "Tech workers are leaving states such as California or Washington for Texas.")
    assert found["Washington"][3] == "ADM1" and found["Washington"][2] == "Washington"
    capital = places_of(pipeline, "Lottery winners in New Jersey and Washington, D.C., celebrated on Friday.")
    assert capital["Washington"][3] == "PPLC"


def test_the_city_of_a_name_is_a_town(pipeline):
    found = places_of(pipeline, "Officials said the blast hit the central town of Karak, in Jordan.")
    assert found["Karak"][1] == "JOR"
    assert places_of(pipeline, "Tickets are sold by the city of Paris.")["Paris"][3] != "ADM2"


def test_a_town_placed_relative_to_another_is_the_one_near_it(pipeline):
    found = places_of(pipeline, "The man was stabbed at a house in Edmonton, south of Cairns, in November.")
    assert found["Edmonton"][1] == "AUS"


def test_acronyms_and_short_words_are_places_only_as_countries(pipeline):
    text = ("A BA spokesperson said flights were cancelled. Mr Trump accused Dr Stein of lying. It produces 5 MW of "
            "power. Jane Murphy, M.D., joined the clinic. Protesters marched in the US and the UK.")
    assert set(places_of(pipeline, text)) == {"US", "UK"}


def test_a_country_ending_a_longer_name_is_not_the_country(pipeline):
    found = places_of(pipeline, "They opened a bakery in Little Portugal, in Toronto.")
    assert "Portugal" not in found and found["Little Portugal"][1] == "CAN"


def test_places_run_together_are_split_and_list_mates_found(pipeline):
    found = places_of(pipeline, "Unemployment in Cyprus, Greece Italy or Spain is high. Growth in Asia-Pacific slowed. "
                                "The chain sold its stores in Nitra, Prešov and Košice.")
    assert {"Greece", "Italy", "Asia", "Pacific", "Prešov"} <= set(found)
    assert found["Prešov"][1] == "SVK"


def test_a_county_after_a_place_and_a_comma(pipeline):
    found = places_of(pipeline, "The season opens at Oulton Park, Cheshire. It ends at Knockhill, Fife.")
    assert found["Cheshire"][1] == "GBR" and found["Fife"][1] == "GBR"


def test_a_capital_opening_a_sentence(pipeline):
    assert places_of(pipeline, "Tunis is increasingly reliant on Algiers for gas.")["Tunis"][1] == "TUN"


def test_names_of_streets_and_buildings_are_not_the_places_they_honour(pipeline):
    found = places_of(pipeline, "A shop on Hampton Avenue in St. Louis was robbed. Bars on Frenchmen Street were full. "
                                "The house on Rue Casa Calvo was sold. Harare's Third Street will be renamed.")
    assert "Hampton" not in found and "Frenchmen" not in found and "Casa" not in found
    assert found["Harare"][1] == "ZWE"


def test_compass_words_name_a_region_only_in_its_country(pipeline):
    assert "West" not in places_of(pipeline, "Saudi Arabia wants to improve its image in the West.")


def test_streets_are_places_at_their_towns_point_buildings_only_when_asked(pipeline):
    result = run(pipeline, "Police said a man was shot on Seaton Street in Enfield, north London, on Friday. "
                           "He was taken to the North Middlesex Hospital.", "en")
    street = next(p for p in result.places if p.text == "Seaton Street")
    assert street.feature_code == "ST" and street.geonameid is None and street.country == "GBR"
    assert "North Middlesex Hospital" not in {p.text for p in result.places}


def test_organisations_that_report_are_no_places_but_towns_sharing_their_name_are(pipeline):
    found = places_of(pipeline, "Floods hit Sichuan, the Xinhua news agency reported. Xinhua said 40 homes were "
                                "buried. Government forces pressed on in the city of Douma, east of Damascus.")
    assert "Xinhua" not in found and found["Douma"][1] == "SYR"


def test_peoples_and_surnames_are_no_places(pipeline):
    found = places_of(pipeline, "Around 48 million Americans will travel this week. Pastor Andrew Brunson is held in "
                                "Izmir. Brunson's lawyers appealed. Malian troops fought near Gao.")
    assert "Americans" not in found and "Brunson" not in found
    assert found["Malian"][1] == "MLI" and found["Izmir"][1] == "TUR"


def test_a_dateline_in_capitals_and_villages_listed_together(pipeline):
    found = places_of(pipeline, "BEIRUT —  A cease-fire began on Wednesday. Rebels shelled the pro-government villages "
                                "of Foua and Kfraya in Idlib province.")
    assert found["BEIRUT"][0] == "Beirut"
    assert found["Foua"][1:3] == ("SYR", "Idlib") and found["Kfraya"][1:3] == ("SYR", "Idlib")


def test_a_district_word_heading_another_name_does_not_make_the_next_one_a_region(pipeline):
    found = places_of(pipeline, "Clashes erupted in the Kadhimiya district of Baghdad. Fighting continued in the "
                                "province of Idlib.")
    assert found["Baghdad"][3] == "PPLC" and found["Idlib"][3] == "ADM1"


def test_a_neighbourhood_keeps_its_name_at_its_towns_point(pipeline):
    found = {p.text: p for p in run(pipeline, "Shelling hit the Sheikh Maqsoud neighbourhood of Aleppo on Monday. "
                                              "The blast hit Cairo's Abbasiya neighbourhood.", "en").places}
    quarter = next(p for text, p in found.items() if "Maqsoud" in text)
    assert (quarter.country, quarter.precision, quarter.feature_code, quarter.geonameid) == ("SYR", 2, "PPLX", None)
    assert found["Abbasiya"].country == "EGY" and found["Abbasiya"].admin1 == found["Cairo"].admin1


def test_names_with_no_other_clue_are_read_as_neighbours(pipeline):
    found = places_of(pipeline, "Police searched two homes in Edmonton on Monday. Officers from Enfield arrested a "
                                "man after the break-in.")
    assert found["Edmonton"][1] == "GBR" and found["Enfield"][1] == "GBR"
    # a story that says where it is keeps the reading its context gives
    found = places_of(pipeline, "Police in Alberta searched two homes in Edmonton on Monday. Officers from Enfield "
                                "arrested a man.")
    assert found["Edmonton"][1] == "CAN"


def test_a_town_before_its_police_or_mayor_or_glued_to_based_is_a_place(pipeline):
    found = places_of(pipeline, "Danbury police arrested a man on Monday in Connecticut. Torrington Mayor Jane "
                                "Doyle said the town would help. The state asked the Supreme Court to rule.")
    assert found["Danbury"][1] == "USA" and found["Torrington"][1:3] == ("USA", "Connecticut")
    assert "Supreme" not in found
    # glued to "-based": the same reading
    found = places_of(pipeline, "Sam Tordoff and James Cole joined this year, giving the Kent-based outfit three "
                                "drivers in England.")
    assert found["Kent"][1] == "GBR"


def test_dateline_town_and_region_without_its_dot_and_saint_in_a_name(pipeline):
    found = places_of(pipeline, "EDMONTON, Ky (WKTV) -- A barn burned on Tuesday near the town square.")
    assert found["Ky"][0] == "Kentucky" and found["EDMONTON"][2] == "Kentucky"
    found = places_of(pipeline, "VICTORIA - The province will flood farmland near Fort St. John, B.C. Hydro said.")
    assert found["VICTORIA"][1] == "CAN" and found["Fort St. John"][1] == "CAN"


def test_what_the_sentence_settled_holds_for_the_rest_of_the_story(pipeline):
    found = run(pipeline, "Police say the man was at a house in Edmonton, south of Cairns, on Friday. New Zealand "
                          "police were told. He had lived in Edmonton for years.", "en").places
    assert [p.country for p in found if p.text == "Edmonton"] == ["AUS", "AUS"]


def test_a_governor_makes_a_state_and_a_festival_names_its_town(pipeline):
    found = places_of(pipeline, "New York Gov. Jane Roe signed the bill on Monday.")
    assert found["New York"][3] == "ADM1"
    found = places_of(pipeline, "The Iranian film won a prize at the Venice International Film Festival.")
    assert found["Venice"][1] == "ITA"


def test_a_lone_name_ner_calls_a_person_is_the_town_named_elsewhere_unless_it_speaks(pipeline):
    found = run(pipeline, "Police in Cairns charged three boys. The Cairns youth unit said the boys were known.",
                "en").places
    assert [p.text for p in found].count("Cairns") == 2
    text = "She grew up in Noma, a village near the border. \u201cWe are tired,\u201d said Noma."
    assert [p.start for p in run(pipeline, text, "en").places] == [text.index("Noma")]


def test_a_county_in_its_state_and_a_jail_named_after_its_county(pipeline):
    found = places_of(pipeline, "The family bought a farm in Monroe County in northeast Missouri. The suspect is held "
                                "in the Barren County Detention Center.")
    assert found["Monroe County"][2] == "Missouri"
    assert found["Barren County"][:2] == ("Barren County", "USA")


def test_dotted_state_abbreviations_dc_in_a_list_and_a_long_official_name(pipeline):
    found = places_of(pipeline, "He drowned at his home in Slidell, La., on March 5. His brother lives in Tupelo, "
                                "Miss. Tickets are sold in 44 states, Washington, D.C., and Puerto Rico.")
    assert found["La."][0] == "Louisiana" and found["Miss."][0] == "Mississippi"
    assert found["Washington"][3] == "PPLC"
    found = places_of(pipeline, "Talks with the Democratic People's Republic of Korea resumed on Monday.")
    assert found["Democratic People's Republic of Korea"][1] == "PRK"


def test_a_demonym_ner_took_for_a_person_still_names_its_country(pipeline):
    found = places_of(pipeline, "At least ten journalists languish in Azerbaijani jails. Turtles nest on Saint Lucian "
                                "beaches.")
    assert found["Azerbaijani"][1] == "AZE" and found["Saint Lucian"][1] == "LCA"


def test_a_surname_is_no_town_and_an_ampersand_country_code_is_a_country(pipeline):
    found = places_of(pipeline, "Congressman Mario Diaz-Balart spoke on Monday. Diaz-Balart Speaks at Grant Event, the "
                                "headline said. He said T&T had done much to support Dominica.")
    assert "Balart" not in found
    assert found["T&T"][1] == "TTO"


def test_a_state_abbreviated_in_the_dateline_is_the_storys_washington(pipeline):
    found = run(pipeline, "CAMP MURRAY, Wash. - The team trains at home in Washington before flying to Guam. The film "
                          "won the Cannes Grand Prix.", "en").places
    washington = next(p for p in found if p.text == "Washington")
    assert washington.feature_code == "ADM1"
    assert any(p.text == "Cannes" and p.country == "FRA" for p in found)


def test_a_compass_part_of_a_place_no_entry_names_is_that_place(pipeline):
    found = places_of(pipeline, "Seven men were convicted over a brawl in North London. Two bodies were found on a "
                                "coastal path in West Wales. Aides left the West Wing.")
    assert found["North London"][0] == "London" and found["West Wales"][0] == "Wales"
    assert "West Wing" not in found


def test_a_county_no_entry_knows_after_in_keeps_its_name_at_its_province(pipeline):
    found = {p.text: p for p in run(pipeline, "Two villagers died while four others were injured in Puge county of "
                                              "Sichuan province on Saturday.", "en").places}
    puge = found["Puge county"]
    assert (puge.country, puge.admin1, puge.precision, puge.geonameid) == ("CHN", "Sichuan", 3, None)


def test_a_district_a_town_owns_by_name_is_a_part_of_it(pipeline):
    found = {p.text: p for p in run(pipeline, "Two bombs killed six police officers in Giza's Haram district on "
                                              "Friday.", "en").places}
    haram = found["Haram"]
    assert (haram.country, haram.feature_code, haram.precision) == ("EGY", "PPLX", 2)
    assert haram.admin1 == found["Giza"].admin1


def test_a_town_before_its_abbreviated_region_echoes_and_the_region_is_no_town(pipeline):
    found = run(pipeline, "A polar bear was seen near Churchill, Man., on Monday. \u201cWe were lucky,\u201d said "
                          "Ian Lau, a Churchill doctor.", "en").places
    assert [p.country for p in found if p.text == "Churchill"] == ["CAN", "CAN"]
    assert all(p.country != "JOR" for p in found)


def test_an_entity_ends_before_a_dash_standing_free(pipeline):
    found = places_of(pipeline, "Experts urged a recount in two states narrowly won by Mr Trump - Wisconsin and "
                                "Pennsylvania - as well as Michigan.")
    assert found["Wisconsin"][3] == "ADM1"


def test_a_county_abbreviated_in_a_dateline(pipeline):
    found = run(pipeline, "PLYMOUTH CO. - A suspect in a farm assault was arrested in Iowa on Monday.", "en").places
    county = next(p for p in found if p.text.startswith("PLYMOUTH"))
    assert (county.name, county.admin1, county.feature_code) == ("Plymouth County", "Iowa", "ADM2")
