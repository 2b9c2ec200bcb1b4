"""Roles from the dependency parse: who acted (agents) and on whom (targets), for verbal and nominal events.

Handles actives and passives ("ont été tués par", "were killed by"), relative clauses, coordination (shared
subjects, coordinated actors), light verbs ("mener une attaque", "launch an offensive"), participial agents
("l'offensive effectuée par l'armée"), possessives and demonyms ("X's offensive", "les frappes russes") and
prepositional targets ("contre X", "against X").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.extract.triggers import Trigger
from eventwire.lexicon import fold, sentence_of, token_keys
from eventwire.resources import LanguageResources

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubj:pass", "nsubjpass"}
PASS_AUX = {"aux:pass", "auxpass"}
OBJ = {"obj", "dobj"}
RELCL = {"acl:relcl", "relcl"}
RELATIVE = {"qui", "que", "lequel", "laquelle", "lesquels", "lesquelles", "who", "which", "that", "whom"}
AGENT_CASES = {"par", "by"}
PURPOSE_PREPS = {"for", "pour"}
GIVING_PREPS = {"to", "for", "a", "à", "pour", "from"}  # "accepted demands from the rebels": from whom
ACTOR_ENTS = {"PERSON", "PER", "ORG", "GPE", "NORP", "LOC"}
UNDER = {"under", "sous"}
AS = {"as", "comme"}
CUSTODY = {"custody", "detention", "garde", "détention"}
DEATH_VERBS = {"die", "succumb", "perish", "mourir", "décéder", "succomber", "périr"}
OF_CASES = {"de", "of", "des", "du", "d'"}


@dataclass
class Roles:
    agents: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)

    def extend(self, other: Roles) -> None:
        self.agents += [t for t in other.agents if t not in self.agents]
        self.targets += [t for t in other.targets if t not in self.targets]


def with_conjuncts(token: Token) -> list[Token]:
    """"les autorités américaines et les rebelles" → both heads."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(with_conjuncts(child))
    return out


def left_coordinated(subject: Token) -> list[Token]:
    """A subject the parser hung elsewhere: in "…, mais les autorités américaines et les rebelles ont déclaré",
    "autorités" is often made a conjunct of the previous clause's verb; it is the subject's conjunct."""
    doc, start = subject.doc, subject.left_edge.i
    if start - 2 < sentence_of(subject).start or doc[start - 1].lower_ not in ("et", "and"):
        return []
    prev = doc[start - 2]
    while prev.head.i < prev.i and prev.dep_ in ("amod", "nmod", "compound", "flat:name", "flat", "nummod", "case"):
        prev = prev.head
    if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ == "conj" and prev.head.i != subject.head.i and \
            prev.head.pos_ in ("VERB", "AUX"):
        return [prev]
    return []


def antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if token.lower_ in RELATIVE and token.head.dep_ in RELCL:
        return token.head.head
    return token


def _case_of(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ in ("case", "mark") or (child.dep_ == "prep"):
            return fold(child.text)
    if token.dep_ == "pobj":
        return fold(token.head.text)
    return None


def prep_objects(head: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs attached to ``head``: French ``obl``/``nmod`` with ``case``, English ``prep``."""
    pairs = []
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    pairs.append((fold(child.text), pobj))
        elif child.dep_.startswith(("obl", "nmod")):
            case = next((fold(c.text) for c in child.children if c.dep_ == "case"), None)
            if case:
                pairs.append((case, child))
    return pairs


def _is_passive(verb: Token) -> bool:
    if verb.lemma_ == "oppose" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return False  # "Israel is opposed to the plan": a stance its subject takes
    return any(c.dep_ in PASS_AUX or c.dep_ in PASS_SUBJ for c in verb.children) or (
        verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN")


def verb_roles(verb: Token, res: LanguageResources, depth: int = 0, recipients: bool = False) -> Roles:
    """``recipients``: "to X"/"with X"/"à X" name the target (talks, aid, apologies), not for violence."""
    roles = Roles()
    passive = _is_passive(verb)
    for child in verb.children:
        if child.dep_ in SUBJ and not passive:
            roles.agents += with_conjuncts(antecedent(child)) + left_coordinated(child)
        elif child.dep_ in PASS_SUBJ:
            (roles.targets if passive else roles.agents).extend(with_conjuncts(antecedent(child)))
        elif child.dep_ in OBJ:
            roles.targets += with_conjuncts(child)
        elif child.dep_ == "obl:agent":
            roles.agents += with_conjuncts(child)
    if not any(c.dep_ in OBJ for c in verb.children):
        # "denounced as an ugly crime Serbia's suppression of…": the object after the "as" phrase, which the
        # parser hangs on it as an apposition
        roles.targets += [a for prep, obj in prep_objects(verb) if prep in AS for a in obj.children
                          if a.dep_ == "appos"]
    for prep, obj in prep_objects(verb):
        if obj.ent_type_ in ("DATE", "TIME"):
            continue  # "on Tuesday"
        if prep in AGENT_CASES and passive:
            roles.agents += with_conjuncts(obj)
        elif prep in res.target_preps or (recipients and prep in res.recipient_preps):
            roles.targets += with_conjuncts(obj)
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN") and passive:
        roles.targets.append(verb.head)  # "les civils tués par", "people killed by"
    if verb.dep_ in RELCL and not roles.agents and not passive:
        roles.agents.append(verb.head)
    elif verb.dep_ == "acl" and verb.tag_ == "VBG" and not roles.agents and verb.head.pos_ == "NOUN":
        # "issued a declaration demanding…": the statement's author, else the statement's noun itself
        statement = verb.head
        author = [c for c in statement.head.children if c.dep_ in SUBJ] if statement.dep_ in OBJ else []
        roles.agents += with_conjuncts(author[0]) if author else [statement]
    if recipients:
        roles.targets = given_to(verb, roles.targets)
    if recipients and not roles.targets:
        roles.targets += complement_targets(verb, res)
    purpose = verb.dep_ == "advcl" and (any(c.dep_ in ("aux", "mark") and c.lower_ in ("to", "pour", "afin")
                                             for c in verb.children) or verb.tag_ == "VBG")  # "…, killing three"
    if not roles.agents and depth < 3 and (verb.dep_ in ("conj", "xcomp") or purpose) and \
            verb.head.pos_ in ("VERB", "AUX"):
        inherited = verb_roles(verb.head, res, depth + 1, recipients)
        if not passive:
            roles.agents = inherited.agents
    return roles


def given_to(verb: Token, targets: list[Token]) -> list[Token]:
    """"provided photographs and intelligence to Macedonia", "to provide aid for Romania and Poland", "send troops
    to Mali": what is given is no target; whom it is given to is (the prepositional object, hung on the verb or on
    the things given)."""
    out: list[Token] = []
    dropped: set[int] = set()
    for obj in (t for t in targets if t.dep_ in OBJ and t.head.i == verb.i):
        things = with_conjuncts(obj)
        given = [o for holder in [*things, verb] for prep, o in prep_objects(holder)
                 if prep in GIVING_PREPS and o.pos_ in ("NOUN", "PROPN")]
        if given and not any(t.ent_type_ in ACTOR_ENTS for t in things):
            dropped |= {t.i for t in things}
            out += [t for g in given for t in with_conjuncts(g)]
    out += [t for t in targets if t.i not in dropped]
    return list(dict.fromkeys(out))


def _died_of(noun: Token) -> Token | None:
    """The verb of dying a nominal event is the cause of ("died of/from/after/as a result of torture"), if any."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in ("pobj", "prep", "obl", "nmod", "advcl") and not tok.dep_.startswith(("obl", "nmod")):
            return None
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok if tok.lemma_.lower() in DEATH_VERBS else None
    return None


def phrase_targets(trigger: Trigger, res: LanguageResources, recipients: bool) -> Roles:
    """Targets hung on the other words of a multi-word trigger: "granted asylum to X", "established ties with X"."""
    roles = Roles()
    doc = trigger.head.doc
    for i in trigger.tokens:
        if i == trigger.head.i:
            continue
        for prep, obj in prep_objects(doc[i]):
            if prep in res.target_preps or (recipients and prep in res.recipient_preps):
                roles.targets += with_conjuncts(obj)
    return roles


def complement_targets(verb: Token, res: LanguageResources) -> list[Token]:
    """Whom a demand, offer or refusal is about, when it sits in the complement clause: "demanded that the US
    cancel…" (the clause's subject), "refused to meet Jordan's king", "offered to hand over to Britain" (its
    object or recipient)."""
    # "pushing hard for the US to support the plan": a clause hung on a preposition counts too
    clauses = [*verb.children, *(c for p in verb.children if p.dep_ == "prep" for c in p.children
                                 if c.dep_ in ("pcomp", "pobj") and c.pos_ in ("VERB", "AUX"))]
    for child in clauses:
        purpose = child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children)
        if (child.dep_ not in ("ccomp", "xcomp", "pcomp", "pobj") and not purpose) or child.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in child.children if c.dep_ in SUBJ | PASS_SUBJ and c.lower_ not in RELATIVE]
        if subjects and (child.dep_ in ("ccomp", "pcomp", "pobj") or purpose):
            return with_conjuncts(subjects[0])
        inner = verb_roles(child, res, depth=3, recipients=True)
        return inner.targets
    return []


def noun_roles(noun: Token, res: LanguageResources, is_actor: Callable[[Token], bool],
               country_of: Callable[[Token], str | None], recipients: bool = False) -> Roles:
    """Roles of a nominal event: "l'attaque des rebelles contre la base", "Russia's strikes on Idlib"."""
    roles = Roles()
    of_agents: list[Token] = []
    for child in noun.children:
        modifier = child.dep_ in ("amod", "compound") and (country_of(child) or is_actor(child))
        if child.dep_ in ("poss", "nmod:poss") and child.pos_ == "PRON":
            continue  # "Israel mounted its invasion", "held their first meeting": the governing verb's subject
        if child.dep_ in ("poss", "nmod:poss") or modifier:
            roles.agents.append(child)
        elif child.dep_ in RELCL:
            for grand in child.children:
                if grand.dep_ in OBJ:
                    roles.targets += with_conjuncts(grand)
        elif child.dep_ in ("acl",) and child.pos_ in ("VERB", "ADJ"):
            for prep, obj in prep_objects(child):
                if prep in AGENT_CASES:
                    roles.agents += with_conjuncts(obj)
            roles.agents += [c for c in child.children if c.dep_ == "obl:agent"]
    for prep, obj in prep_objects(noun):
        if prep in AGENT_CASES:
            roles.agents += with_conjuncts(obj)
        elif prep in res.target_preps or (recipients and prep in res.recipient_preps):
            roles.targets += with_conjuncts(obj)
        elif prep in OF_CASES and obj.ent_type_ not in ("LOC", "GPE", "FAC"):
            (of_agents if is_actor(obj) else roles.targets).append(obj)
    # "launched ten days of war games", "a mené une série d'attaques": the measure noun stands in for the event
    carrier = noun
    for _ in range(2):
        of = carrier.head if carrier.dep_ == "pobj" else next(
            (c for c in carrier.children if c.dep_ == "case"), None) if carrier.dep_.startswith("nmod") else None
        measure = of.head if of is not None and carrier.dep_ == "pobj" else carrier.head
        if of is None or fold(of.text) not in OF_CASES or measure.pos_ != "NOUN" or measure.i == carrier.i:
            break
        carrier = measure
    if carrier is noun or not of_agents:
        roles.agents += of_agents
    else:
        # "a annoncé l'envoi de renforts des VDP": the of-complement is what is sent, not who sends it
        roles.targets += of_agents
    noun = carrier
    governor = noun.head
    if noun.dep_ in OBJ and governor.pos_ == "VERB" and not roles.agents:
        # "X launched / held / renewed talks": the subject of the verb that governs the event noun
        governing = verb_roles(governor, res, recipients=recipients)
        roles.extend(Roles(agents=governing.agents,
                           targets=[t for t in governing.targets if t.i != noun.i] if recipients else []))
    elif (died := _died_of(noun)) is not None:
        # "a prisoner died as a result of torture", "succumbed to his wounds after the beating": the one who died
        # underwent it
        roles.targets += [t for c in died.children if c.dep_ in SUBJ for t in with_conjuncts(c)]
        # "…while in Israeli police custody": whoever held them
        for held in (t for t in died.subtree if t.lemma_.lower() in CUSTODY):
            keepers = [c for c in held.children if c.dep_ in ("amod", "compound", "poss", "nmod:poss")]
            if any(is_actor(c) or country_of(c) for c in keepers):
                roles.agents.append(held)  # the phrase names them ("Israeli police custody": Israel's police)
    elif noun.dep_ == "pobj" and fold(governor.text) in AS and governor.head.pos_ == "VERB":
        # "holding thousands of refugees as human shields", "took them as hostages": the verb's object undergoes it
        verb = governor.head
        roles.targets += [t for c in verb.children if c.dep_ in OBJ for t in with_conjuncts(c)]
        if not roles.agents:
            roles.agents += verb_roles(verb, res).agents
    elif noun.dep_ == "pobj" and fold(governor.text) in UNDER and governor.head.pos_ in ("VERB", "AUX"):
        # "X came under attack", "was put under investigation", "placé sous surveillance": X undergoes it
        roles.targets += [t for c in governor.head.children if c.dep_ in SUBJ | PASS_SUBJ for t in with_conjuncts(c)]
    elif noun.dep_ in SUBJ and governor.pos_ == "VERB":
        roles.targets += [c for c in governor.children if c.dep_ in OBJ]
    elif noun.dep_ == "pobj" and governor.head.pos_ == "VERB" and not roles.agents and (
            any(k in res.light_verbs for k in token_keys(governor.head)) or fold(governor.text) in PURPOSE_PREPS):
        # "carried out in an attack", "were converging for a rally": the verb's subject acts
        roles.extend(Roles(agents=verb_roles(governor.head, res).agents))
    return roles
