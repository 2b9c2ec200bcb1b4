"""Event drafts: triggers grouped into events, with their role tokens, source and modality, before resolution."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.extract.triggers import Trigger
from eventwire.models import Actor, EventDate, Place, Quantity

# A trigger attached to another by one of these relations describes the same event ("les frappes ont tué",
# "ont capturé … dans une attaque éclair", "killed in an ambush").
MERGE_DEPS = {"nsubj", "obl", "obl:mod", "obl:arg", "nmod", "advcl", "prep", "pobj", "npadvmod", "compound", "amod",
              "acl", "nsubj:pass", "nsubjpass", "appos"}
BACKGROUND = {"after", "following", "despite", "amid", "since", "before", "because", "over", "après", "malgré",
              "depuis", "avant", "suite", "lors", "pendant", "during", "wake"}
CAUSE_PREPS = {"in", "by", "dans", "par"}
COUNTED_OTHERS = {"others", "more", "autres"}
SAME_EVENT_TYPES = {frozenset({"ASSAULT"}), frozenset({"ASSAULT", "COERCE"}), frozenset({"COERCE"}),
                    frozenset({"PROTEST"}), frozenset({"ASSAULT", "PROTEST"})}


@dataclass
class Draft:
    """An event being built: everything here is still tied to tokens of the parse."""

    triggers: list[Trigger]
    sent: Span
    sent_index: int
    type: str
    mode: str | None
    acled_explicit: str | None = None
    agent_tokens: list[Token] = field(default_factory=list)
    target_tokens: list[Token] = field(default_factory=list)
    agents: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    source: Actor | None = None
    source_verb: Token | None = None
    source_is_claim: bool = False
    modality: str = "asserted"
    date: EventDate | None = None
    fatalities: int | None = None
    injured: int | None = None
    quantities: list[Quantity] = field(default_factory=list)
    location: Place | None = None
    unopposed: bool = False  # a place taken while its holders withdrew, with no fighting in the sentence
    rhetorical: bool = False  # the event sits in a negative why-question ("Pourquoi ne les attaquent-ils pas ?")
    generic: bool = False  # "ceux qui veulent combattre…": a generic statement, not an event
    folded: bool = False  # a repeated mention, folded into the first one
    derived: bool = False  # made from another event (an accusation read off a reported attack)
    _scope: frozenset[int] | None = field(default=None, repr=False)  # computed once: triggers never change

    @property
    def head(self) -> Token:
        return self.triggers[0].head

    @property
    def heads(self) -> list[Token]:
        return [t.head for t in self.triggers]

    @property
    def start_char(self) -> int:
        return min(self.sent.doc[t.start].idx for t in self.triggers)

    def depth(self) -> int:
        """Distance from the sentence root; events in background phrases ("after the clashes", "malgré les
        frappes") count as deeper, so the main clause's event comes first."""
        depth, tok = 0, self.head
        while tok.head.i != tok.i and depth < 50:
            if any(c.dep_ in ("case", "prep", "mark") and c.lower_ in BACKGROUND for c in tok.children) or (
                    tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND):
                depth += 5
            tok, depth = tok.head, depth + 1
        return depth

    def scope(self) -> frozenset[int]:
        """Token indices that belong to the event: the subtrees of its trigger heads (and a light verb's)."""
        if self._scope is not None:
            return self._scope
        out: set[int] = set()
        for head in self.heads:
            root = head.head if head.dep_ in ("obj", "dobj") and head.head.pos_ == "VERB" else head
            out.update(t.i for t in root.subtree)
        self._scope = frozenset(out)
        return self._scope


def _same_event(child: Trigger, parent: Trigger) -> bool:
    governor = child.head.head
    if governor.dep_ == "prep" and governor.lower_ in CAUSE_PREPS and child.head.dep_ == "pobj":
        governor = governor.head  # "killed in the blast", "wounded by a mortar round"
    if governor.i != parent.head.i:
        return False
    # "les frappes ont tué 100 miliciens et détruit un dépôt": a coordinated verb with no subject of its own, or
    # only a count ("Two people were killed and nine injured": nine of them)
    shared_subject = child.head.dep_ == "conj" and child.head.pos_ == "VERB" and all(
        _bare_count(c) for c in child.head.children if c.dep_.startswith("nsubj"))
    # "detonated a car bomb", "repelled an attack": violence done with or against violence is one event
    violent_object = child.head.dep_ in ("obj", "dobj") and child.entry.type == parent.entry.type == "ASSAULT"
    if child.head.dep_ not in MERGE_DEPS and not shared_subject and not violent_object:
        return False
    return frozenset({child.entry.type, parent.entry.type}) in SAME_EVENT_TYPES


def _bare_count(subject: Token) -> bool:
    """"nine", "40", "nine others", "sept autres": a number standing for the people counted before."""
    return subject.like_num or (subject.lower_ in COUNTED_OTHERS and any(c.like_num for c in subject.children))


def group_triggers(triggers: list[Trigger]) -> list[list[Trigger]]:
    """Merge triggers that describe one event; the governing trigger comes first in its group."""
    parent_of: dict[int, int] = {}
    for i, child in enumerate(triggers):
        for j, parent in enumerate(triggers):
            if i != j and _same_event(child, parent):
                parent_of[i] = j
                break

    def root(i: int) -> int:
        seen = set()
        while i in parent_of and i not in seen:
            seen.add(i)
            i = parent_of[i]
        return i

    groups: dict[int, list[int]] = {}
    for i in range(len(triggers)):
        groups.setdefault(root(i), []).append(i)
    return [[triggers[r]] + [triggers[i] for i in members if i != r] for r, members in sorted(groups.items())]


def type_and_mode(group: list[Trigger]) -> tuple[str, str | None, str | None]:
    """The group's PLOVER type (the governing trigger's), the most specific mode, and an explicit ACLED label."""
    first = group[0].entry
    # "les frappes aériennes ont tué": a merged nominal trigger of the same type carries the weapon
    same = [t.entry for t in group if t.entry.type == first.type]
    mode = first.mode or next((e.mode for e in same if e.mode), None)
    acled = next((e.acled for e in same if e.acled), None)
    if first.type == "COERCE" and first.mode == "seize" and not acled:
        # taking a town by force is fighting: CAMEO 1952 "occupy territory" sits under 19 FIGHT, PLOVER ASSAULT
        return "ASSAULT", "seize", None
    return first.type, mode, acled


def governed_by(token: Token, test: Callable[[Token], bool], stop: Token | None = None, depth: int = 8) -> bool:
    """Whether one of the token's governors passes ``test``: walking up the parse at most ``depth`` steps, up to
    ``stop`` (not included) or the root. "strikes on groups accused of a chlorine attack": "chlorine" is governed
    by "accused" before it reaches "strikes"."""
    if stop is not None and token.i == stop.i:
        return False
    tok = token
    for _ in range(depth):
        if tok.head.i == tok.i or (stop is not None and tok.head.i == stop.i):
            return False
        tok = tok.head
        if test(tok):
            return True
    return False

