"""Article-level passes over event drafts: coreference of event mentions, dates carried over, and the order
events are reported in. Pure functions of the drafts (no models, no lexicons)."""

from __future__ import annotations

from eventwire.extract.drafts import Draft
from eventwire.resolve.dates import DateMention

MODALITY_RANK = {"asserted": 0, "claimed": 0, "future": 1, "hypothetical": 1, "denied": 2}


def resolve_anaphora(drafts: list[Draft]) -> None:
    """"Les frappes ont tué…": an agentless nominal event takes the agents of the last event named by the same
    noun ("frappes aériennes russes"), else of the next one within two sentences ("les bombardements …
    les bombardements russes"), else of the last event of the same type and (known) mode."""
    for i, draft in enumerate(drafts):
        nouns = [t for t in draft.triggers if t.is_noun]
        if draft.agents or not nouns:
            continue
        lemmas = {t.head.lemma_.lower() for t in nouns}

        def same_noun(d: Draft, lemmas: set[str] = lemmas) -> bool:
            return bool(lemmas & {t.head.lemma_.lower() for t in d.triggers})

        earlier = [d for d in reversed(drafts[:i]) if d.agents and d.type == draft.type]
        later = [d for d in drafts[i + 1:] if d.agents and d.type == draft.type
                 and d.sent_index - draft.sent_index <= 2]
        named = next((d for d in earlier if same_noun(d)), None) or next((d for d in later if same_noun(d)), None)
        antecedent = named or next((d for d in earlier if draft.mode and d.mode == draft.mode), None)
        if antecedent is not None:
            draft.agents = list(antecedent.agents)
        if named is not None and draft.mode is None:
            draft.mode = named.mode  # "les frappes" are the "frappes aériennes" mentioned before


def merge_repeats(drafts: list[Draft]) -> None:
    """The same noun for the same actor's action in the next sentence is the same event mentioned again
    ("les bombardements ont frappé les rebelles… les groupes touchés par les bombardements russes"): its new
    targets join the first mention, which alone is reported."""
    for i, later in enumerate(drafts):
        if later.generic or later.fatalities or not any(t.is_noun for t in later.triggers):
            continue
        lemmas = {t.head.lemma_.lower() for t in later.triggers if t.is_noun}
        for first in reversed(drafts[:i]):
            if first.generic or later.sent_index - first.sent_index > 1:
                continue
            same_noun = lemmas & {t.head.lemma_.lower() for t in first.triggers}
            same_actor = {(a.country, a.name) for a in first.agents} == {(a.country, a.name) for a in later.agents}
            if same_noun and same_actor and first.type == later.type and later.agents:
                first.targets += [t for t in later.targets if t.start not in {x.start for x in first.targets}]
                later.generic = True  # folded into the first mention
                break


def fold_refusals(drafts: list[Draft]) -> None:
    """"Pakistan refused to deploy peacekeepers in Iraq": the refusal and the refused act read as REJECT are one
    event; the act's reading (what was refused, where) is kept and the bare refusal is folded into it."""
    for outer in drafts:
        if outer.type != "REJECT" or outer.generic:
            continue
        for inner in drafts:
            if inner is not outer and inner.type == "REJECT" and inner.mode and not inner.generic and \
                    inner.head.dep_ in ("xcomp", "ccomp") and inner.head.head.i == outer.head.i:
                inner.agents = inner.agents or outer.agents
                inner.source = inner.source or outer.source
                outer.generic = True
                break


def mark_unopposed(drafts: list[Draft]) -> None:
    """A town taken in the sentence where its holders withdraw, with no other violence there, changed hands
    without a fight (ACLED's non-violent transfer of territory)."""
    for draft in drafts:
        if draft.mode != "seize":
            continue
        same = [d for d in drafts if d.sent_index == draft.sent_index and d is not draft]
        if any(d.type == "RETREAT" and d.mode == "withdraw" for d in same) and not any(
                d.type == "ASSAULT" and d.mode != "seize" for d in same):
            draft.unopposed = True
    # "X took control of the village. X seized it after the withdrawal of Y": the same taking, told twice
    for draft in drafts:
        if draft.mode == "seize" and not draft.unopposed and any(
                d.unopposed and abs(d.sent_index - draft.sent_index) <= 1 and _same_agents(d, draft) for d in drafts):
            draft.unopposed = True


def _same_agents(a: Draft, b: Draft) -> bool:
    """Compatible agents: same sector, and the same country when both are known ("al-Shabaab militants" …
    "the militants")."""
    return any(x.sector is not None and x.sector == y.sector and
               (x.country is None or y.country is None or x.country == y.country)
               for x in a.agents for y in b.agents)


def inherit_dates(drafts: list[Draft], dates: list[DateMention]) -> None:
    for draft in drafts:
        in_sentence = [d for d in dates if draft.sent.start <= d.start < draft.sent.end]
        if in_sentence:
            # a date inside the event's own phrase beats one on the reporting verb ("said on Sunday they had
            # taken the villages after fighting on Saturday")
            head, scope = draft.head.i, draft.scope()
            draft.date = min(in_sentence, key=lambda d: (d.start not in scope, abs(d.start - head))).date
            continue
        before = [d for d in dates if d.start < draft.sent.start and d.date.value is not None]
        if before and not draft.derived:
            draft.date = before[-1].date


def informative(draft: Draft) -> bool:
    """Generic statements, repeated mentions, and events that did not happen with no known actor, tell a user
    nothing new."""
    if draft.generic or draft.folded:
        return False
    return draft.modality in ("asserted", "claimed", "denied") or bool(draft.agents)


def ordered(drafts: list[Draft]) -> list[Draft]:
    """Reading order (sentence, then main clause first), with the article's main event (the first that
    happened) moved to the front."""
    events = sorted(drafts, key=lambda d: (d.sent_index, d.depth(), d.start_char))
    main = next((d for d in events if MODALITY_RANK[d.modality] == 0 and not d.derived), None)
    if main is not None:
        events.remove(main)
        events.insert(0, main)
    return events
