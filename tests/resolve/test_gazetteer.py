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
from eventwire.resolve.places import PlaceContext, PlaceResolver, precision_of


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


def test_import_refuses_other_files(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        import_dumps(Gazetteer(), [bad])
