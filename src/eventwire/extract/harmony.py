"""Article-level ACLED readings: ACLED codes one row for what a reporter tells as several acts.

- A demonstration and the police action against it are one ACLED event: "police detained dozens of protesters
  as activists marched…" is a *protest with intervention* (or *excessive force* when the police killed), and the
  arrests or the dispersal carry that reading too, not *Arrests*.
- "Explosions rocked the district as militants fired rockets": the explosion is the effect of the rockets; an
  explosion with no weapon of its own takes the weapon reading of the act beside it.

Pure functions over (draft, event) pairs of one article; labels only change within a sentence (or toward a protest
the police action explicitly targets), so separate events of a long article keep their own readings.
"""

from __future__ import annotations

from eventwire.extract.drafts import Draft, governed_by
from eventwire.models import AcledLabel, Event

PEACEFUL = ("Protests", "Peaceful protest")
INTERVENTION = ("Protests", "Protest with intervention")
EXCESSIVE = ("Protests", "Excessive force against protesters")
GENERIC_VIOLENCE = {("Battles", "Armed clash"), ("Violence against civilians", "Attack")}
STATE = {"COP", "MIL", "GOV", "JUD"}
ARRESTS = ("Strategic developments", "Arrests")
RIOT = ("Riots", "Violent demonstration")
# "arrested for organising an illegal protest": the protest is the charge, not the scene of the arrest
GROUNDS = {"charge", "accuse", "accusation", "for", "over", "organise", "organize", "pour", "inculper", "accuser",
           "organiser", "chef"}
CLASHES = {"clash", "clashes", "scuffle", "confrontation", "affrontement", "heurt", "échauffourée", "accrochage"}
RAIDS = {"raid", "raids", "sweep", "descente", "rafle", "perquisition"}
PROTESTERS = {"PRO", "OPP"}


def _label(event: Event) -> tuple[str, str] | None:
    return (event.acled.event_type, event.acled.sub_event_type) if event.acled else None


def _set(event: Event, label: tuple[str, str]) -> None:
    event.acled = AcledLabel(event_type=label[0], sub_event_type=label[1])


def _policing(draft: Draft, event: Event) -> bool:
    """State forces acting against people: arrests, dispersal, tear gas, shooting."""
    if draft.type not in ("COERCE", "ASSAULT") or event.acled is None:
        return False
    if event.acled.event_type in ("Explosions/Remote violence", "Riots") or draft.mode in ("seize", "ban"):
        return False
    return any(a.sector in STATE for a in draft.agents) or any(a.sector in PROTESTERS for a in draft.targets)


def harmonize_protests(pairs: list[tuple[Draft, Event]]) -> None:
    """A peaceful protest met by police action in the same sentence (or action aimed at protesters) becomes a
    protest with intervention, excessive force when the action killed; the police action takes the same label."""
    protests = [(d, e) for d, e in pairs if d.type == "PROTEST" and _label(e) in (PEACEFUL, INTERVENTION, RIOT)]
    if not protests:
        return
    for draft, event in pairs:
        if not _policing(draft, event):
            continue
        aimed = any(a.sector == "PRO" for a in draft.targets)
        # "marched over the police shooting of…": an act the protest is about is no intervention in it
        linked = [(d, e) for d, e in protests if (d.sent_index == draft.sent_index or aimed)
                  and draft.head not in d.head.subtree and
                  not governed_by(d.head, lambda tok: tok.lemma_.lower() in GROUNDS, stop=draft.head)]
        if not linked:
            continue
        label = EXCESSIVE if draft.type == "ASSAULT" and draft.fatalities else INTERVENTION
        if any(_label(protest) == RIOT for _, protest in linked):
            label = RIOT  # police action in a demonstration that turned violent is part of the riot
        for _, protest in linked:
            if _label(protest) in (PEACEFUL, INTERVENTION):
                _set(protest, label)
        _set(event, label)


def harmonize_clashes(pairs: list[tuple[Draft, Event]]) -> None:
    """"Police clashed with protesters", "clashes broke out between police and demonstrators": clashes around
    a demonstration are a violent demonstration (ACLED), and so is the demonstration."""
    protests = [(d, e) for d, e in pairs if d.type == "PROTEST" and e.acled is not None]
    for draft, event in pairs:
        if draft.type != "ASSAULT" or _label(event) not in GENERIC_VIOLENCE or \
                not any(t.head.lemma_.lower() in CLASHES for t in draft.triggers):
            continue
        near = [(d, e) for d, e in protests if abs(d.sent_index - draft.sent_index) <= 1]
        if not near and not any(a.sector == "PRO" for a in (*draft.agents, *draft.targets)):
            continue
        _set(event, RIOT)
        for _, protest in near:
            if _label(protest) in (PEACEFUL, INTERVENTION):
                _set(protest, RIOT)


def harmonize_explosions(pairs: list[tuple[Draft, Event]]) -> None:
    """An explosion, or a killing told with no weapon ("were killed in attacks with poison gas"), takes the
    weapon reading of an attack in its sentence."""
    for draft, event in pairs:
        if draft.type != "ASSAULT" or draft.mode not in ("explosives", None) or \
                _label(event) not in GENERIC_VIOLENCE:
            continue
        weapons = [e for d, e in pairs if d is not draft and d.sent_index == draft.sent_index and e.acled
                   and e.acled.event_type == "Explosions/Remote violence"]
        if weapons:
            _set(event, (weapons[0].acled.event_type, weapons[0].acled.sub_event_type))  # type: ignore[union-attr]


def harmonize_raids(pairs: list[tuple[Draft, Event]]) -> None:
    """"Raids to detain activists", "arrested 14 suspects in raids": a raid that makes arrests is an arrest
    operation, not a battle."""
    for draft, event in pairs:
        if draft.type != "ASSAULT" or _label(event) not in GENERIC_VIOLENCE or draft.fatalities or \
                not any(t.head.lemma_.lower() in RAIDS for t in draft.triggers):
            continue
        arrests = [e for d, e in pairs if d.sent_index == draft.sent_index and _label(e) == ARRESTS]
        if arrests:
            _set(event, ARRESTS)


def harmonize(pairs: list[tuple[Draft, Event]]) -> None:
    harmonize_clashes(pairs)
    harmonize_protests(pairs)
    harmonize_explosions(pairs)
    harmonize_raids(pairs)
