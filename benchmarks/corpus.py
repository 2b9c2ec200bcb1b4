"""A deterministic benchmark corpus: French and English news articles of realistic length (about 300-700 words),
composed from our own sentence templates (event reports, attributions, quotes, background, unrelated news).

    python benchmarks/corpus.py --docs 2000 --seed 7 -o /tmp/bench.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

SLOTS = {
    "en": {
        "actor": ["Gunmen", "Suspected jihadists", "Government troops", "Rebel fighters", "Police officers",
                  "Unidentified attackers", "Militia members", "Soldiers of the national army", "Armed men"],
        "target": ["villagers", "a military convoy", "an army post", "civilians", "a police station",
                   "market traders", "a group of farmers", "a checkpoint", "a camp for displaced people"],
        "verb": ["attacked", "ambushed", "shelled", "raided", "opened fire on", "stormed", "bombed"],
        "place": ["Gao", "Mopti", "Kidal", "Timbuktu", "Ouagadougou", "Maiduguri", "Goma", "Bunia", "Idlib",
                  "Aleppo", "Mogadishu", "Kismayo", "Niamey", "Diffa", "Bamako", "Kharkiv", "Khartoum"],
        "country": ["Mali", "Burkina Faso", "Nigeria", "Niger", "Somalia", "Sudan", "Syria", "Ukraine", "Congo"],
        "day": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
                "late on Sunday", "early on Friday", "overnight"],
        "source": ["a local official said", "the army said in a statement", "witnesses told reporters",
                   "a security source said", "the regional governor said", "a hospital worker said",
                   "a spokesman for the ministry said"],
        "number": ["two", "three", "five", "seven", "twelve", "at least 14", "around 20", "dozens of", "31", "nine"],
        "victims": ["people", "soldiers", "civilians", "police officers", "fighters", "residents"],
    },
    "fr": {
        "actor": ["Des hommes armés", "Des jihadistes présumés", "Les forces gouvernementales", "Des rebelles",
                  "Des policiers", "Des assaillants non identifiés", "Des miliciens", "Des soldats de l'armée",
                  "Des hommes en armes"],
        "target": ["des villageois", "un convoi militaire", "un poste de l'armée", "des civils",
                   "un commissariat", "des commerçants", "des agriculteurs", "un poste de contrôle",
                   "un camp de déplacés"],
        "verb": ["ont attaqué", "ont pris en embuscade", "ont bombardé", "ont mené un raid contre",
                 "ont ouvert le feu sur", "ont pris d'assaut"],
        "place": ["Gao", "Mopti", "Kidal", "Tombouctou", "Ouagadougou", "Maiduguri", "Goma", "Bunia", "Idleb",
                  "Alep", "Mogadiscio", "Niamey", "Diffa", "Bamako", "Kharkiv", "Khartoum", "Ménaka"],
        "country": ["Mali", "Burkina Faso", "Nigeria", "Niger", "Somalie", "Soudan", "Syrie", "Ukraine", "RDC"],
        "day": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "dans la nuit de samedi",
                "tôt vendredi"],
        "source": ["a indiqué un élu local", "a annoncé l'armée dans un communiqué", "ont rapporté des témoins",
                   "a déclaré une source sécuritaire", "a précisé le gouverneur de la région",
                   "a affirmé un responsable de l'hôpital", "selon un porte-parole du ministère"],
        "number": ["deux", "trois", "cinq", "sept", "douze", "au moins 14", "une vingtaine de", "31", "neuf"],
        "victims": ["personnes", "soldats", "civils", "policiers", "combattants", "habitants"],
    },
}

EVENT = {
    "en": ["{actor} {verb} {target} near {place} {day}, killing {number} {victims}, {source}.",
           "{number} {victims} were killed when {actor_l} {verb} {target} in {place} {day}, {source}.",
           "{actor} {verb} {target} on the outskirts of {place} {day}; {number} {victims} were wounded.",
           "In {place}, {actor_l} {verb} {target} {day}, {source}."],
    "fr": ["{actor} {verb} {target} près de {place} {day}, tuant {number} {victims}, {source}.",
           "{number} {victims} ont été tués lorsque {actor_l} {verb} {target} à {place} {day}, {source}.",
           "{actor} {verb} {target} en périphérie de {place} {day} ; {number} {victims} ont été blessés.",
           "À {place}, {actor_l} {verb} {target} {day}, {source}."],
}
QUOTE = {
    "en": ['"We heard shooting for more than an hour, then the attackers left towards the river," a resident of '
           '{place} said.', '"The situation is now under control," the governor of the region told reporters.',
           '"We will not let these crimes go unpunished," the minister of defence said in a televised address.'],
    "fr": ["« Nous avons entendu des tirs pendant plus d'une heure, puis les assaillants sont partis vers le "
           "fleuve », a raconté un habitant de {place}.", "« La situation est désormais sous contrôle », a assuré le "
           "gouverneur de la région.", "« Ces crimes ne resteront pas impunis », a déclaré le ministre de la "
           "Défense lors d'une allocution télévisée."],
}
BACKGROUND = {
    "en": ["The region has been hit by repeated violence since armed groups expanded their operations several years "
           "ago.", "Humanitarian agencies say that hundreds of thousands of people have fled their homes in {country}.",
           "The authorities have declared a state of emergency in several districts and imposed a curfew.",
           "Talks between the government and community leaders have so far failed to end the fighting.",
           "Access to the area is restricted, and the figures could not be independently verified.",
           "Schools and health centres in the surrounding villages have been closed for months.",
           "The United Nations mission said it was following the situation closely and called for restraint."],
    "fr": ["La région est en proie à des violences répétées depuis que des groupes armés y ont étendu leurs "
           "opérations il y a plusieurs années.", "Selon les agences humanitaires, des centaines de milliers de "
           "personnes ont fui leur foyer au {country}.", "Les autorités ont décrété l'état d'urgence dans plusieurs "
           "districts et imposé un couvre-feu.", "Les discussions entre le gouvernement et les chefs communautaires "
           "n'ont pas permis de mettre fin aux combats.", "L'accès à la zone est restreint et le bilan n'a pas pu "
           "être vérifié de source indépendante.", "Les écoles et les centres de santé des villages voisins sont "
           "fermés depuis des mois.", "La mission des Nations unies a dit suivre la situation de près et a appelé "
           "à la retenue."],
}
OTHER = {
    "en": ["The central bank left its main interest rate unchanged, citing stable inflation and solid exports.",
           "The national football team won its qualifying match two goals to one in front of a packed stadium.",
           "Farmers expect a good harvest this year after the rainy season arrived earlier than usual.",
           "The new bridge across the river is due to open next spring, the public works ministry said.",
           "A music festival drew thousands of visitors to the capital over the weekend."],
    "fr": ["La banque centrale a maintenu son principal taux directeur, invoquant une inflation stable.",
           "L'équipe nationale de football a remporté son match de qualification deux buts à un.",
           "Les agriculteurs s'attendent à une bonne récolte après une saison des pluies précoce.",
           "Le nouveau pont sur le fleuve doit ouvrir au printemps prochain, selon le ministère des travaux publics.",
           "Un festival de musique a attiré des milliers de visiteurs dans la capitale ce week-end."],
}


def sentence(rng: random.Random, template: str, lang: str) -> str:
    values = {slot: rng.choice(options) for slot, options in SLOTS[lang].items()}
    values["actor_l"] = values["actor"][0].lower() + values["actor"][1:]
    text = template.format(**values)
    return text[0].upper() + text[1:]


def article(rng: random.Random, lang: str, number: int) -> dict[str, str]:
    """One article: a lead, several paragraphs of follow-up, background and quotes (or unrelated news)."""
    about_conflict = rng.random() < 0.8
    paragraphs: list[str] = []
    target_words = rng.randint(300, 700)
    words = 0
    while words < target_words:
        if about_conflict:
            kind = rng.choices([EVENT, QUOTE, BACKGROUND], weights=[3, 1, 3])[0]
        else:
            kind = rng.choices([OTHER, BACKGROUND], weights=[4, 1])[0]
        para = " ".join(sentence(rng, rng.choice(kind[lang]), lang) for _ in range(rng.randint(1, 3)))
        paragraphs.append(para)
        words += len(para.split())
    day = 1 + number % 28
    return {"id": f"{lang}-{number:05d}", "lang": lang, "published": f"2024-03-{day:02d}",
            "text": "\n".join(paragraphs)}


def generate(docs: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``docs`` articles, alternating French and English, identical for the same seed."""
    rng = random.Random(seed)
    for number in range(docs):
        yield article(rng, ("fr", "en")[number % 2], number)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    stream = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    for record in generate(args.docs, args.seed):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
