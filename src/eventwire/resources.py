"""Per-language lexical resources, loaded once from the data files and indexed for matching."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventwire.lexicon import PhraseIndex, build_index, key_set, load_yaml, phrase_words
from eventwire.taxonomy import ACLED_SUBTYPES, PLOVER_TYPES


@dataclass(frozen=True)
class TriggerEntry:
    """A lexicon trigger: the PLOVER type and mode it signals, plus optional constraints."""

    type: str
    mode: str | None
    pos: str  # VERB or NOUN
    objects: frozenset[str] = frozenset()  # folded lemmas one of which must head the object, if given
    acled: str | None = None


@dataclass
class LanguageResources:
    lang: str
    triggers: PhraseIndex
    acled_cues: PhraseIndex
    attribution: PhraseIndex
    numbers: PhraseIndex
    relative_dates: PhraseIndex
    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    future_markers: frozenset[str]
    hypothetical_markers: frozenset[str]
    negations: frozenset[str]
    killed: frozenset[str]
    injured: frozenset[str]
    arrested: frozenset[str]
    abducted: frozenset[str]
    lower_bounds: PhraseIndex
    disasters: PhraseIndex
    reference_frames: frozenset[str]
    units: frozenset[str]
    weekdays: dict[str, int]
    months: dict[str, int]
    actor_nouns: dict[str, str]  # folded noun -> sector
    light_verbs: frozenset[str] = field(default_factory=frozenset)
    target_preps: frozenset[str] = field(default_factory=frozenset)
    recipient_preps: frozenset[str] = field(default_factory=frozenset)
    refusal_verbs: frozenset[str] = field(default_factory=frozenset)
    near_words: frozenset[str] = field(default_factory=frozenset)
    motive_nouns: frozenset[str] = field(default_factory=frozenset)
    reflexives: frozenset[str] = field(default_factory=frozenset)
    crimes: PhraseIndex | None = None
    measure_nouns: frozenset[str] = field(default_factory=frozenset)


# Closed-class words the rules need; small, grammatical, and not worth a data file each.
GRAMMAR = {
    "fr": {
        "light_verbs": ["mener", "lancer", "effectuer", "perpétrer", "commettre", "conduire", "opérer", "réaliser",
                        "déclencher", "procéder", "organiser", "revendiquer"],
        "target_preps": ["contre", "sur", "visant"],
        "recipient_preps": ["à", "avec", "auprès", "envers", "vers", "entre", "parmi"],
        "refusal_verbs": ["refuser", "décliner", "échouer", "renoncer", "rejeter"],
        "near_words": ["près", "proche", "environs", "périphérie", "abords", "banlieue", "alentours", "km",
                       "kilomètre", "nord", "sud", "est", "ouest", "large"],
        # "en représailles à…": a motive named inside another event's sentence, not an event of its own
        "motive_nouns": ["représailles", "riposte", "réponse", "vengeance"],
        "reflexives": [],  # French reflexives are clitics ("se barricader"), handled by the trigger matcher
        # "des mesures visant la Russie": what a policy aims at is not a military target
        "measure_nouns": ["mesure", "sanction", "politique", "loi", "décret", "réglementation", "taxe", "tarif",
                          "enquête", "projet", "publicité", "réforme"],
    },
    "en": {
        "light_verbs": ["launch", "carry", "conduct", "stage", "mount", "perpetrate", "commit", "execute", "unleash",
                        "claim", "undertake", "make", "hold", "organize", "organise"],
        "target_preps": ["against", "on", "upon", "targeting"],
        "recipient_preps": ["to", "with", "toward", "towards", "between", "among", "amongst", "for"],
        "refusal_verbs": ["refuse", "decline", "fail", "reject", "balk"],
        "near_words": ["near", "outside", "outskirts", "close", "nearby", "around", "km", "kilometre", "kilometer",
                       "mile", "north", "south", "east", "west", "off", "vicinity"],
        "motive_nouns": ["retaliation", "reprisal", "response", "revenge", "protest"],
        "reflexives": ["himself", "herself", "themselves", "itself", "oneself"],
        "measure_nouns": ["action", "measure", "sanction", "policy", "law", "legislation", "regulation", "tariff",
                          "bill", "decree", "investigation", "probe", "ad", "advert", "advertisement", "reform", "tax"],
    },
}


def _items(mapping: dict[str, Any] | None, key: str) -> list[Any]:
    return list((mapping or {}).get(key) or [])


def load_resources(lang: str, tokenizer: Any) -> LanguageResources:
    """Build the resources of ``lang`` with that language's spaCy tokenizer (used to split lexicon phrases)."""
    triggers = load_yaml(f"triggers.{lang}.yaml") or {}
    cues = load_yaml(f"cues.{lang}.yaml") or {}
    acled = load_yaml("acled_cues.yaml") or {}
    nouns = load_yaml(f"actor_nouns.{lang}.yaml") or {}
    grammar = GRAMMAR.get(lang, GRAMMAR["en"])

    trigger_items = []
    for plover_type, entries in triggers.items():
        if plover_type not in PLOVER_TYPES:
            raise ValueError(f"triggers.{lang}.yaml: unknown PLOVER type {plover_type!r}")
        for entry in entries or []:
            label = entry.get("acled")
            if label and label not in ACLED_SUBTYPES:
                raise ValueError(f"triggers.{lang}.yaml: {entry['phrase']!r} has unknown ACLED label {label!r}")
            objects = frozenset(w for o in entry.get("object") or [] for w in phrase_words(tokenizer, str(o)))
            trigger_items.append((str(entry["phrase"]),
                                  TriggerEntry(plover_type, entry.get("mode"), entry.get("pos", "VERB"), objects,
                                               label)))
    acled_items: list[tuple[str, str]] = []
    for label, per_lang in acled.items():
        if label not in ACLED_SUBTYPES:
            raise ValueError(f"acled_cues.yaml: unknown ACLED label {label!r}")
        acled_items.extend((str(p), label) for p in (per_lang or {}).get(lang) or [])

    numbers = {str(k): float(v) for k, v in (cues.get("number_words") or {}).items()}
    actor_nouns: dict[str, str] = {}
    for sector, words in nouns.items():
        for word in words or []:
            folded = phrase_words(tokenizer, str(word))
            if folded:
                actor_nouns.setdefault(" ".join(folded), str(sector))
    return LanguageResources(
        lang=lang,
        triggers=build_index(tokenizer, trigger_items),
        acled_cues=build_index(tokenizer, acled_items),
        attribution=build_index(tokenizer, ((p, True) for p in _items(cues, "attribution_markers"))),
        numbers=build_index(tokenizer, numbers.items()),
        relative_dates=build_index(tokenizer, ((str(k), str(v)) for k, v in
                                               (cues.get("relative_dates") or {}).items())),
        speech_verbs=key_set(tokenizer, _items(cues, "speech_verbs") + _items(cues, "claim_verbs")),
        claim_verbs=key_set(tokenizer, _items(cues, "claim_verbs")),
        denial_verbs=key_set(tokenizer, _items(cues, "denial_verbs")),
        future_markers=key_set(tokenizer, _items(cues, "future_markers")),
        hypothetical_markers=key_set(tokenizer, _items(cues, "hypothetical_markers")),
        negations=key_set(tokenizer, _items(cues, "negation_words")),
        killed=key_set(tokenizer, _items(cues, "killed_words")),
        injured=key_set(tokenizer, _items(cues, "injured_words")),
        arrested=key_set(tokenizer, _items(cues, "arrested_words")),
        abducted=key_set(tokenizer, _items(cues, "abducted_words")),
        disasters=build_index(tokenizer, ((str(p), True) for p in _items(cues, "disaster_words"))),
        reference_frames=key_set(tokenizer, _items(cues, "reference_frames")),
        lower_bounds=build_index(tokenizer, ((str(p), True) for p in _items(cues, "lower_bound_markers"))),
        units=key_set(tokenizer, _items(cues, "quantity_units")),
        weekdays={phrase_words(tokenizer, str(k))[0]: int(v) for k, v in (cues.get("weekdays") or {}).items()},
        months={phrase_words(tokenizer, str(k))[0]: int(v) for k, v in (cues.get("months") or {}).items()},
        actor_nouns=actor_nouns,
        light_verbs=key_set(tokenizer, grammar["light_verbs"]),
        target_preps=key_set(tokenizer, grammar["target_preps"]),
        recipient_preps=key_set(tokenizer, grammar["recipient_preps"]),
        refusal_verbs=key_set(tokenizer, grammar["refusal_verbs"]),
        near_words=key_set(tokenizer, grammar["near_words"]),
        motive_nouns=key_set(tokenizer, grammar["motive_nouns"]),
        reflexives=key_set(tokenizer, grammar["reflexives"]),
        crimes=build_index(tokenizer, ((str(p), True) for p in _items(cues, "crime_words"))),
        measure_nouns=key_set(tokenizer, grammar["measure_nouns"]),
    )
