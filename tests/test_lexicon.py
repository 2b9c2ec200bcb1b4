import spacy

from eventwire.lexicon import build_index, fold, normalise_name


def test_fold_makes_inflections_meet():
    assert fold("Aériennes") == fold("aérien") == "aerien"
    assert fold("frappes") == fold("frappe")
    assert fold("d'") == "de" and fold("l’") == "le"
    assert fold("strikes") == fold("strike")


def test_normalise_name():
    assert normalise_name("Al-Raqqa") == "al raqqa"
    assert normalise_name("États-Unis") == "etats unis"


def test_phrase_index_matches_inflected_multiword_with_gap():
    nlp = spacy.blank("fr")
    index = build_index(nlp.tokenizer, [("frappe aérienne", "AIR"), ("prendre le contrôle", "SEIZE")])
    doc = nlp("Des frappes aériennes ont visé la ville.")
    hits = list(index.find(doc))
    assert [(h[0].payload, h[1], h[2]) for h in hits] == [("AIR", 1, 3)]
