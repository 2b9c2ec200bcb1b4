"""One taxonomy: PLOVER types and modes ↔ CAMEO root codes ↔ ACLED event types and sub-types.

The tables are the single place where the three schemes meet; extraction only ever produces PLOVER (type, mode)
plus the words around the event, and :func:`acled_label` / :func:`cameo_root` derive the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# PLOVER type -> default CAMEO root; (type, mode) overrides where CAMEO splits finer.
CAMEO_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
              "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
              "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18"}
CAMEO_MODE = {("ASSAULT", "aerial"): "19", ("ASSAULT", "heavy-weapons"): "19", ("ASSAULT", "firearms"): "19",
              ("ASSAULT", "massacre"): "20", ("ACCUSE", "investigate"): "09", ("REQUEST", "appeal"): "02",
              ("AGREE", "sign"): "05"}

ACLED_SUBTYPES = (
    "Battles/Armed clash",
    "Battles/Government regains territory",
    "Battles/Non-state actor overtakes territory",
    "Explosions/Remote violence/Chemical weapon",
    "Explosions/Remote violence/Air/drone strike",
    "Explosions/Remote violence/Suicide bomb",
    "Explosions/Remote violence/Shelling/artillery/missile attack",
    "Explosions/Remote violence/Remote explosive/landmine/IED",
    "Explosions/Remote violence/Grenade",
    "Violence against civilians/Sexual violence",
    "Violence against civilians/Attack",
    "Violence against civilians/Abduction/forced disappearance",
    "Protests/Peaceful protest",
    "Protests/Protest with intervention",
    "Protests/Excessive force against protesters",
    "Riots/Violent demonstration",
    "Riots/Mob violence",
    "Strategic developments/Agreement",
    "Strategic developments/Arrests",
    "Strategic developments/Change to group/activity",
    "Strategic developments/Disrupted weapons use",
    "Strategic developments/Headquarters or base established",
    "Strategic developments/Looting/property destruction",
    "Strategic developments/Non-violent transfer of territory",
    "Strategic developments/Other",
)
ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments")

BATTLE = "Battles/Armed clash"
VAC_ATTACK = "Violence against civilians/Attack"
AIR = "Explosions/Remote violence/Air/drone strike"
SHELLING = "Explosions/Remote violence/Shelling/artillery/missile attack"
IED = "Explosions/Remote violence/Remote explosive/landmine/IED"
SUICIDE = "Explosions/Remote violence/Suicide bomb"
GOV_REGAINS = "Battles/Government regains territory"
NSA_OVERTAKES = "Battles/Non-state actor overtakes territory"

# Which ACLED sub-types each PLOVER type may take (first = default when no cue decides).
ACLED_FOR_TYPE: dict[str, tuple[str, ...]] = {
    "ASSAULT": (BATTLE, VAC_ATTACK, AIR, SHELLING, IED, SUICIDE, "Explosions/Remote violence/Grenade",
                "Explosions/Remote violence/Chemical weapon", "Violence against civilians/Sexual violence",
                "Violence against civilians/Abduction/forced disappearance",
                "Protests/Excessive force against protesters", "Riots/Mob violence", GOV_REGAINS, NSA_OVERTAKES),
    "COERCE": ("Strategic developments/Arrests", "Strategic developments/Looting/property destruction",
               "Strategic developments/Disrupted weapons use", GOV_REGAINS, NSA_OVERTAKES,
               "Violence against civilians/Abduction/forced disappearance",
               "Strategic developments/Non-violent transfer of territory", "Strategic developments/Other"),
    "PROTEST": ("Protests/Peaceful protest", "Protests/Protest with intervention",
                "Protests/Excessive force against protesters", "Riots/Violent demonstration", "Riots/Mob violence"),
    "AGREE": ("Strategic developments/Agreement",),
    "RETREAT": ("Strategic developments/Non-violent transfer of territory", "Strategic developments/Agreement",
                "Strategic developments/Change to group/activity"),
    "MOBILIZE": ("Strategic developments/Headquarters or base established",
                 "Strategic developments/Change to group/activity"),
    "CONCEDE": ("Strategic developments/Agreement",),
}
# When several sub-types have cues, the more specific reading wins: the weapon (ACLED codes a grenade thrown at
# civilians as Explosions/Grenade), then the kind of violence, then the kind of protest, then territory, then the
# strategic developments, and only then the generic battle / attack / peaceful protest.
CUE_TIERS: tuple[tuple[str, ...], ...] = (
    ("Explosions/Remote violence/Chemical weapon",),  # gas dropped from the air is a chemical attack first
    (SUICIDE, AIR, SHELLING, IED, "Explosions/Remote violence/Grenade"),
    ("Violence against civilians/Sexual violence", "Violence against civilians/Abduction/forced disappearance"),
    ("Protests/Excessive force against protesters", "Riots/Mob violence", "Riots/Violent demonstration"),
    ("Protests/Protest with intervention",),
    (GOV_REGAINS, NSA_OVERTAKES, "Strategic developments/Non-violent transfer of territory"),
    ("Strategic developments/Disrupted weapons use", "Strategic developments/Arrests",
     "Strategic developments/Looting/property destruction", "Strategic developments/Headquarters or base established",
     "Strategic developments/Change to group/activity", "Strategic developments/Agreement",
     "Strategic developments/Other"),
    (BATTLE, VAC_ATTACK, "Protests/Peaceful protest"),
)
# PLOVER types that only carry an ACLED label when a cue (or the trigger itself) says so.
ACLED_ONLY_WITH_CUE = {"AGREE", "RETREAT", "MOBILIZE", "CONCEDE"}

# Mode -> ACLED sub-type, when the mode alone settles it.
ACLED_BY_MODE = {
    ("ASSAULT", "aerial"): AIR,
    ("ASSAULT", "heavy-weapons"): SHELLING,
    ("ASSAULT", "suicide-attack"): SUICIDE,
    ("ASSAULT", "sexual"): "Violence against civilians/Sexual violence",
    ("ASSAULT", "abduct"): "Violence against civilians/Abduction/forced disappearance",
    ("COERCE", "arrest"): "Strategic developments/Arrests",
    ("COERCE", "detain"): "Strategic developments/Arrests",
    ("COERCE", "destroy"): "Strategic developments/Looting/property destruction",
    ("COERCE", "confiscate"): "Strategic developments/Disrupted weapons use",
    ("PROTEST", "riot"): "Riots/Violent demonstration",
    ("PROTEST", "demo"): "Protests/Peaceful protest",
    ("RETREAT", "withdraw"): "Strategic developments/Change to group/activity",
}

DECISIVE_MODES = {"confiscate", "arrest", "detain", "destroy"}
NON_ACLED_MODES = {"cyber"}  # hacking and defacing sites: coercion, but no ACLED event
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD"}
ARMED_SECTORS = {"MIL", "COP", "REB", "UAF", "CRM"}
CIVILIAN_SECTORS = {"CVL", "REF", "MED", "NGO", "REL", "PRO", "BUS", "OPP"}


def cameo_root(plover_type: str, mode: str | None) -> str | None:
    return CAMEO_MODE.get((plover_type, mode or "")) or CAMEO_ROOT.get(plover_type)


def split_acled(label: str) -> tuple[str, str]:
    """"Explosions/Remote violence/Air/drone strike" → ("Explosions/Remote violence", "Air/drone strike")."""
    for event_type in ACLED_EVENT_TYPES:
        if label.startswith(event_type + "/"):
            return event_type, label[len(event_type) + 1:]
    raise ValueError(f"not an ACLED sub-type label: {label!r}")


def acled_label(plover_type: str, mode: str | None, *, explicit: str | None, cue_scores: Mapping[str, float],
                actor_sectors: Iterable[str | None], target_sectors: Iterable[str | None],
                fatal: bool = False, unopposed: bool = False) -> str | None:
    """Choose the ACLED "Type/Sub-type" of an event, or ``None`` when it is not an ACLED event.

    Order: the trigger's own label; the best cue among the sub-types allowed for the PLOVER type; the mode; then
    who acted on whom (armed actor on civilians → violence against civilians; territory taken by the state or by
    others).
    """
    allowed = ACLED_FOR_TYPE.get(plover_type)
    if explicit:
        return explicit
    if not allowed or mode in NON_ACLED_MODES:
        return None
    actors = {s for s in actor_sectors if s}
    targets = {s for s in target_sectors if s}
    by_mode = ACLED_BY_MODE.get((plover_type, mode or ""))
    if mode == "seize" and plover_type in ("COERCE", "ASSAULT"):
        if unopposed:  # "entered the town after the YPG pulled out"
            return "Strategic developments/Non-violent transfer of territory"
        return GOV_REGAINS if actors & STATE_SECTORS else NSA_OVERTAKES
    if plover_type == "COERCE" and "PRO" in targets and mode != "seize":
        return "Protests/Protest with intervention"  # arrests, tear gas, dispersal of demonstrators
    if plover_type == "COERCE" and mode in DECISIVE_MODES and by_mode:
        return by_mode  # "police seized firearms": what was seized decided the reading, not the verb's cues
    if plover_type == "RETREAT" and mode == "disarm":
        # fighters surrendering or laying down arms: ACLED's "Agreement"; a cornered robber giving himself up: none
        return "Strategic developments/Agreement" if actors & (ARMED_SECTORS | STATE_SECTORS) else None
    if plover_type == "RETREAT" and mode == "withdraw" and by_mode:
        return by_mode  # a withdrawal alone changes the group's activity; a transfer needs someone taking over
    if plover_type == "ASSAULT" and "PRO" in actors | targets:
        # violence around a demonstration: deadly force on protesters, else a riot (ACLED's reading of clashes)
        if fatal and "PRO" in targets and actors & STATE_SECTORS:
            return "Protests/Excessive force against protesters"
        return "Riots/Violent demonstration"
    for tier in CUE_TIERS:
        candidates = [(cue_scores.get(label, 0.0), label) for label in tier if label in allowed]
        score, best = max(candidates, default=(0.0, ""))
        if score <= 0:
            continue
        if best in (GOV_REGAINS, NSA_OVERTAKES):
            return GOV_REGAINS if actors & STATE_SECTORS else NSA_OVERTAKES
        if best in (BATTLE, VAC_ATTACK) and targets:
            break  # who was hit decides between a battle and violence against civilians
        return best
    if mode == "seize" and plover_type in ("COERCE", "ASSAULT"):
        return GOV_REGAINS if actors & STATE_SECTORS else NSA_OVERTAKES
    if by_mode:
        return by_mode
    if plover_type in ACLED_ONLY_WITH_CUE:
        return None
    if plover_type == "ASSAULT":
        if targets & {"PRO"}:
            return "Protests/Excessive force against protesters"
        if targets and targets <= CIVILIAN_SECTORS:
            return VAC_ATTACK
        if not targets & ARMED_SECTORS and actors and actors <= {"UAF", "CRM"}:
            return VAC_ATTACK  # gunmen with no armed opponent named: an attack, not a battle
        return BATTLE
    if plover_type == "COERCE" and mode not in (None, "arrest", "detain", "destroy", "confiscate", "seize"):
        return None
    return allowed[0]
