from eventwire.taxonomy import ACLED_FOR_TYPE, ACLED_SUBTYPES, PLOVER_TYPES, acled_label, cameo_root, split_acled


def test_every_acled_subtype_is_reachable_from_some_plover_type():
    reachable = {label for labels in ACLED_FOR_TYPE.values() for label in labels}
    assert set(ACLED_SUBTYPES) <= reachable
    assert len(ACLED_SUBTYPES) == 25


def test_every_plover_type_has_a_cameo_root():
    assert all(cameo_root(t, None) for t in PLOVER_TYPES)
    assert cameo_root("ASSAULT", "aerial") == "19"


def test_split_acled():
    assert split_acled("Explosions/Remote violence/Air/drone strike") == ("Explosions/Remote violence",
                                                                          "Air/drone strike")


def test_acled_rules_by_actor_and_mode():
    def label(t, m=None, actors=(), targets=(), cues=None):
        return acled_label(t, m, explicit=None, cue_scores=cues or {}, actor_sectors=actors, target_sectors=targets)

    assert label("ASSAULT", "aerial") == "Explosions/Remote violence/Air/drone strike"
    assert label("ASSAULT", None, ["UAF"], ["CVL"]) == "Violence against civilians/Attack"
    assert label("ASSAULT", None, ["MIL"], ["REB"]) == "Battles/Armed clash"
    assert label("COERCE", "seize", ["REB"]) == "Battles/Non-state actor overtakes territory"
    assert label("COERCE", "seize", ["MIL"]) == "Battles/Government regains territory"
    assert label("CONSULT") is None
    assert label("AGREE") is None
    assert label("AGREE", cues={"Strategic developments/Agreement": 1.0}) == "Strategic developments/Agreement"


def test_state_coercion_of_protesters_is_an_intervention():
    label = acled_label("COERCE", "arrest", explicit=None, cue_scores={}, actor_sectors=["COP"],
                        target_sectors=["PRO"])
    assert label == "Protests/Protest with intervention"


def test_seized_weapons_are_disrupted_weapons_use_whatever_the_cues():
    label = acled_label("COERCE", "confiscate", explicit=None,
                        cue_scores={"Battles/Government regains territory": 2.0}, actor_sectors=["COP"],
                        target_sectors=[])
    assert label == "Strategic developments/Disrupted weapons use"
