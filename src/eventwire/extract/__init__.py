"""Extraction: from a parsed ``Doc`` to typed events, places and quotes for one article.

The stage modules each do one thing (``triggers``, ``roles``, ``quantities``, ``attribution``, ``quotes``);
:class:`Extractor` runs them sentence by sentence, then makes the article-level decisions (anaphora of
"les frappes", accusations read off reported attacks, dates and places inherited from context, main event first).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.extract.attribution import attribution_markers, modality, source_of, speaker_of
from eventwire.extract.coref import (
    fold_refusals,
    informative,
    inherit_dates,
    mark_unopposed,
    merge_repeats,
    ordered,
    resolve_anaphora,
)
from eventwire.extract.drafts import Draft, governed_by, group_triggers, type_and_mode
from eventwire.extract.harmony import harmonize
from eventwire.extract.places import LOCATIVE_PREPS, PLACE_HEADS, PlaceFinder, PlaceMention, dateline
from eventwire.extract.quantities import CASUALTY_KINDS, Count, find_counts
from eventwire.extract.quotes import QuoteMention, find_quotes
from eventwire.extract.roles import (
    ACTOR_ENTS,
    left_coordinated,
    noun_roles,
    phrase_targets,
    prep_objects,
    verb_roles,
    with_conjuncts,
)
from eventwire.extract.triggers import FRAME_NOUNS, Trigger, find_triggers
from eventwire.lexicon import TEXT_SLOT, doc_sentences, doc_text, fold, sentence_of, token_keys
from eventwire.models import (
    AcledLabel,
    Actor,
    Article,
    ArticleResult,
    Event,
    Offsets,
    Place,
    Quantity,
    Quote,
    SentenceSpan,
)
from eventwire.resolve.actors import DOMESTIC_BODIES, ActorContext, ActorResolver, KBEntry, unidentified
from eventwire.resolve.dates import DateMention, find_dates
from eventwire.resolve.places import Gazetteer, GeoEntry, PlaceResolver
from eventwire.resources import LanguageResources, TriggerEntry
from eventwire.taxonomy import ARMED_SECTORS, acled_label, cameo_root, split_acled

INTERNATIONAL_SECTORS = {"IGO", "NGO"}  # "rights groups", "aid agencies": organisations that work abroad
MODIFIERS = ("amod", "compound", "poss", "nmod:poss", "nmod")  # "une frappe de drone israélienne"
CONDITIONS = {"unless", "if", "until", "sauf", "si", "tant"}
MOVES, MOVES_MODES = {"MOBILIZE", "RETREAT"}, {"mobilize", "retreat"}
FORCES = {"MIL", "IGO", "COP", "REB", "UAF"}
ON_THE_GROUND = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}  # events whose place is where their actors are
FOREIGN_WORDS = {"international", "internationaux", "internationale", "internationales", "foreign", "étranger",
                 "étrangers", "étrangère", "étrangères", "expatriate", "expatriés", "expatrié"}
COOPERATIVE = {"AGREE", "CONCEDE", "COOPERATE", "AID", "SUPPORT", "CONSULT", "RETREAT"}
CUE_REACH = 12  # tokens around the trigger within which a cue outside the event's phrase still counts
PARTY_SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "UAF", "IGO", "JUD"}
STATE_OR_ARMED = PARTY_SECTORS - {"UAF"}  # an unnamed gang is no party: "gunmen" in a robbery are robbers
SELF_REFERENCE = {"its", "their", "our", "his", "her", "son", "sa", "ses", "leur", "leurs", "notre", "nos"}
# violence no one is named for: an unidentified armed group (ACLED)
UNATTRIBUTED = ("Explosions/Remote violence", "Battles", "Violence against civilians")
HOSTILE = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
SPEAKER_PRONOUNS = {"il", "elle", "ils", "elles", "it", "they", "he", "she", "we", "nous", "on"}
CONDITIONS = {"unless", "if", "si", "sauf"}
FACILITIES = {"facility", "plant", "factory", "depot", "site", "stockpile", "program", "programme", "arsenal",
              "installation", "usine", "dépôt", "stock"}
ACCUSING = {"accuse", "blame", "allege", "suspect", "accuser", "soupçonner", "imputer", "reprocher"}
BARE_BLASTS = {"blast", "explosion", "déflagration", "detonation", "détonation"}  # say nothing of what blew up
OBLIGATION = {"must", "should", "devoir", "falloir"}
WHY = {"why", "pourquoi"}
OF_PREPS = {"of", "de", "d'", "des", "du"}
SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj", "poss", "nmod:poss"}
GENERIC_PRONOUNS = {"ceux", "celui", "celle", "celles", "quiconque", "those", "anyone", "whoever", "anybody",
                    "everyone", "tous", "chacun"}


@dataclass
class ArticleState:
    """What extraction remembers while reading one article."""

    context: ActorContext = field(default_factory=ActorContext)
    drafts: list[Draft] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


class Extractor:
    """Turns a parsed document into an :class:`ArticleResult`. One per language, built once by the pipeline."""

    def __init__(self, res: LanguageResources, actors: ActorResolver, gazetteer: Gazetteer,
                 facilities: bool = False) -> None:
        self.res = res
        self.actors = actors
        self.gazetteer = gazetteer
        self.places = PlaceFinder(res, PlaceResolver(gazetteer), actors.country_of, facilities=facilities,
                                  organisation=actors.names_organisation)

    def __call__(self, doc: Doc, article: Article) -> ArticleResult:
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text):
            doc.user_data.setdefault(TEXT_SLOT, article.text)  # the text the doc was made from: no rebuild
        state = ArticleState(context=ActorContext.for_doc(doc), places=self.places(doc))
        quotes = find_quotes(doc, self.res)
        for index, sent in enumerate(doc_sentences(doc)):
            self._sentence(sent, index, article, state, quotes)
        resolve_anaphora(state.drafts)
        merge_repeats(state.drafts)
        fold_refusals(state.drafts)
        self._reproaches(state)
        mark_unopposed(state.drafts)
        state.drafts += self._accusations(state.drafts)
        inherit_dates(state.drafts, state.dates)
        self._locate(doc, state)
        self._place_targets(state)
        home_code = main_country(state.places)
        home = self.actors.kb.states.get(home_code) if home_code else None
        pairs = [(d, self._event(d, home)) for d in ordered(state.drafts) if informative(d)]
        harmonize(pairs)
        events = [event for _, event in pairs]
        return ArticleResult(id=article.id, lang=self.res.lang, events=events,
                             places=[p.place for p in state.places], quotes=state.quotes)

    # -- per sentence ---------------------------------------------------------------------------------------------

    def _sentence(self, sent: Span, index: int, article: Article, state: ArticleState,
                  quotes: list[QuoteMention]) -> None:
        markers = attribution_markers(sent, self.res)
        state.dates += find_dates(sent, self.res, article.published)
        quote_verbs = frozenset(q.verb.i for q in quotes if q.verb is not None)
        triggers = find_triggers(sent, self.res, quote_verbs)
        drafts = [self._draft(group, sent, index, markers, state.context) for group in group_triggers(triggers)]
        drafts += self._demands(sent, index, drafts, state.context)
        self._assign_counts(sent, drafts, state.drafts)
        state.drafts += drafts
        for quote in quotes:
            anchored = quote.speaker is not None and sent.start <= quote.speaker.i < sent.end
            if anchored or (quote.speaker is None and sent.start_char <= quote.start < sent.end_char):
                state.quotes.append(self._quote(sent.doc, quote, state.context))
        self._remember_people(sent, state.context)

    def _draft(self, group: list[Trigger], sent: Span, index: int, markers: list[tuple[Token, Token]],
               context: ActorContext) -> Draft:
        event_type, mode, explicit = type_and_mode(group)
        draft = Draft(group, sent, index, event_type, mode, explicit)
        own = {t.head.i for t in group}
        recipients = event_type not in ("ASSAULT", "COERCE", "PROTEST")
        for trig in group:
            if trig.is_noun:
                # "undertook a mediation mission between X and Y": the framing noun carries the roles
                noun = trig.head.head if trig.head.dep_ in ("compound", "amod") and \
                    trig.head.head.lower_ in FRAME_NOUNS else trig.head
                roles = noun_roles(noun, self.res, self._is_actor, self.actors.country_of, recipients)
            else:
                roles = verb_roles(trig.head, self.res, recipients=recipients)
                roles.extend(phrase_targets(trig, self.res, recipients))
            draft.agent_tokens += [t for t in roles.agents if t.i not in own and t not in draft.agent_tokens]
            # the words of the trigger itself are no target ("granted asylum to…"); they may carry the agent
            # ("une frappe de drone israélienne")
            draft.target_tokens += [t for t in roles.targets if t.i not in own and t.i not in trig.tokens
                                    and t not in draft.target_tokens]
        draft.agents = self._resolve_all(draft.agent_tokens, context, draft)
        draft.targets = self._resolve_all(draft.target_tokens, context, draft)
        source = source_of(draft.head, sent, self.res, markers)
        if source is not None:
            speaker = self.actors.resolve(source.head, context) or self.actors.mention(source.head)
            if speaker is not None and speaker.sector != "MED":
                draft.source, draft.source_verb, draft.source_is_claim = speaker, source.verb, source.claim
                if speaker.country:  # "Russia's defence ministry said its forces had struck…": the speaker's
                    draft.agents = [a.model_copy(update={"country": speaker.country}) if a.id is None and
                                    a.text.split()[0].lower() in SELF_REFERENCE else a for a in draft.agents]
                controlled = source.verb is not None and draft.head.dep_ in ("xcomp", "ccomp") and \
                    draft.head.head.i == source.verb.i and not any(
                        c.dep_.startswith("nsubj") for c in draft.head.children)
                if source.verb is not None and not draft.agents and (controlled or any(
                        t.lower_ in SPEAKER_PRONOUNS for t in draft.agent_tokens)):
                    # "Moscou affirme qu'il vise…", "the US said it would…", "le M23 affirme s'être emparé de…"
                    draft.agents = [speaker]
        found = modality(draft.head, self.res, is_noun=group[0].is_noun)
        if found == "hypothetical" and draft.source_verb is not None and not self._conditional(draft.head):
            found = "future"  # "said it would allow…", "a affirmé qu'il attaquerait": the future of reported speech
        if any(t.text == "?" for t in sent.doc[draft.head.i: sent.end]):
            found = "hypothetical"  # a question asserts nothing…
            # …but "why don't they attack…?" reproaches someone: read as an accusation once the speaker is known
            draft.rhetorical = any(t.lower_ in WHY for t in sent.doc[sent.start: draft.head.i]) and any(
                k in self.res.negations for t in sent for k in token_keys(t))
        draft.modality = found or ("claimed" if draft.source is not None else "asserted")
        draft.generic = any(t.lower_ in GENERIC_PRONOUNS for t in draft.agent_tokens) or self._accidental(draft)
        self._intent(draft)
        self._condition(draft, context)
        self._joint(draft)
        return draft

    def _condition(self, draft: Draft, context: ActorContext) -> None:
        """"threatened to strike unless Israel rescinded…": a threat is aimed at whoever must meet its condition,
        when no one else is named as its target."""
        if draft.type != "THREATEN" or any(t.ent_type_ in ACTOR_ENTS for t in draft.target_tokens):
            return
        doc = draft.sent.doc
        for i in sorted(draft.scope()):
            clause = doc[i]
            if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children):
                subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
                found = self._resolve_all(subjects, context, draft) if subjects else []
                if found:
                    draft.targets = found
                return

    def _accidental(self, draft: Draft) -> bool:
        """"A tsunami killed 43", "the boiler exploded": deaths and blasts caused by a thing that is neither an
        actor nor a weapon are disasters or accidents, not conflict events."""
        if draft.type not in ("ASSAULT", "COERCE"):
            return False
        if self._criminal(draft):
            return True
        if any(a.sector != "CVL" for a in draft.agents):
            return False  # victims misparsed as agents ("one laborer [was killed] and another injured") do not count
        sent = draft.sent
        clause = draft.head
        if clause.dep_ in ("advcl", "conj", "xcomp") and not any(c.dep_ == "nsubj" for c in clause.children):
            clause = clause.head  # "bombs struck the district, killing three": the participle's subject
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "csubj")]
        subject = subjects[0] if subjects else None
        if subject is not None:
            phrase = sent.doc[subject.left_edge.i: subject.i + 1]
            if any(True for _ in self.res.disasters.find(phrase)):
                return True  # "a gas explosion at a chemical plant killed…"
            if self._weapon(subject) and subject.lemma_.lower() not in BARE_BLASTS:
                return False  # "guided bombs struck…", "a grenade exploded" (but "the blasts killed" may be a plant's)
        weapons = any(label.startswith("Explosions") and not label.endswith("Chemical weapon")  # chemicals are
                      for label in self._cue_scores(draft, skip_triggers=True))  # stored in plants, too
        if not weapons and any(True for span in _with_previous(sent) for _ in self.res.disasters.find(span)):
            return True  # "a storage tank exploded at the plant. The blast…", "wildfire… Homes burned"
        if draft.mode != "explosives" or any(t.is_noun for t in draft.triggers) or subject is None:
            return False  # "troopers captured two camps": an unknown noun subject is an actor by default…
        return subject.pos_ in ("NOUN", "PROPN") and not subject.ent_type_  # …but "the boiler exploded" is a thing

    def _criminal(self, draft: Draft) -> bool:
        """"Robbers shot a guard", "a gang of thugs attacked a pensioner": ordinary crime, no armed or political
        party involved, is outside the conflict-event scope."""
        if self.res.crimes is None or any(a.sector in STATE_OR_ARMED for a in (*draft.agents, *draft.targets)):
            return False
        return any(True for span in _with_previous(draft.sent) for _ in self.res.crimes.find(span))

    @staticmethod
    def _conditional(head: Token) -> bool:
        """An if/unless clause hangs on the event ("would withdraw unless…", "si l'armée ne se retire pas")."""
        return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONS for g in c.children)
                   for c in head.children) or any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in head.children)

    def _weapon(self, token: Token) -> bool:
        """The token, or a modifier of it, is a weapon or an attack word of the lexicons."""
        sent = sentence_of(token)
        for tok in (token, *(c for c in token.children if c.dep_ in ("compound", "amod"))):
            i = tok.i - sent.start
            if self.res.acled_cues.match_at(sent, i, len(sent)) or self.res.triggers.match_at(sent, i, len(sent)):
                return True
        return False

    def _demands(self, sent: Span, index: int, drafts: list[Draft], context: ActorContext) -> list[Draft]:
        """"Russia said Sudan must return the helicopter": whatever Sudan is to do, Russia demands it (REQUEST),
        even when the demanded act is no event word of ours."""
        out = []
        covered = {h.i for d in drafts for h in d.heads}
        for verb in sent:
            if verb.pos_ != "VERB" or verb.i in covered or verb.dep_ not in ("ccomp", "xcomp"):
                continue
            if not any(c.dep_.startswith("aux") and c.lemma_.lower() in OBLIGATION for c in verb.children):
                continue
            said = verb.head
            if not any(k in self.res.speech_verbs for k in token_keys(said)):
                continue
            speaker_tok = speaker_of(said)
            speaker = self.actors.resolve(speaker_tok, context) if speaker_tok is not None else None
            obliged = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
            entry = TriggerEntry("REQUEST", None, "VERB")
            demand = Draft([Trigger(verb.i, verb.i + 1, verb, entry, [verb.i])], sent, index, "REQUEST", None)
            demand.targets = self._resolve_all(obliged, context, demand)
            if speaker is not None and demand.targets:
                demand.agents = [speaker]
                out.append(demand)
        return out

    @staticmethod
    def _joint(draft: Draft) -> None:
        """Forces of several countries mobilising together are cooperating ("French and Egyptian warships launched
        war games": CAMEO 062, military cooperation)."""
        if draft.type == "MOBILIZE" and len({a.country for a in draft.agents if a.country}) >= 2:
            draft.type, draft.mode = "COOPERATE", "military"

    def _intent(self, draft: Draft) -> None:
        """PLOVER codes a stated intention as the statement: "X will send aid" is X agreeing to (AGREE), "X will
        strike unless…" is X threatening (THREATEN); "Y must withdraw", said by X, is X demanding it (REQUEST)."""
        refused = draft.head.dep_ in ("xcomp", "ccomp") and any(
            k in self.res.refusal_verbs for k in token_keys(draft.head.head))
        obliged = any(t.lemma_.lower() in OBLIGATION for t in draft.head.children if t.dep_.startswith("aux"))
        if draft.type in ("THREATEN", "REQUEST", "ACCUSE", "REJECT") or (
                draft.type == "AGREE" and not refused and draft.modality != "denied" and not obliged):
            return  # ("X and Y must agree to…", said by Z, is Z's demand: read on)
        if refused or (draft.modality == "denied" and draft.type in COOPERATIVE):
            # "declined to resign", "will not accept more refugees": refusing to cooperate is REJECT
            draft.type, draft.mode = "REJECT", draft.type.lower()
            draft.modality = "claimed" if draft.source is not None else "asserted"
            draft.acled_explicit = None
            if refused and not draft.agents:
                draft.agents = self._resolve_all(verb_roles(draft.head.head, self.res).agents, ActorContext(), draft)
            return
        conditional = self._conditional(draft.head)
        original = draft.type
        # an intention needs someone who intends: "Iraq said it would allow…", "the UN will send aid" — not
        # "mediators said talks would resume", a future event with no actor of its own
        if draft.modality == "future" and draft.agents and (original != "SANCTION" or conditional):
            hostile = original in HOSTILE or conditional
            draft.type, draft.mode = ("THREATEN" if hostile else "AGREE"), original.lower()
        elif obliged and draft.source is not None and not any(a.name == draft.source.name for a in draft.agents):
            draft.type, draft.mode = "REQUEST", original.lower()
            draft.targets, draft.agents = draft.agents, [draft.source]
        else:
            return
        draft.acled_explicit = None
        draft.modality = "claimed" if draft.source is not None else "asserted"

    def _resolve_all(self, tokens: list[Token], context: ActorContext, draft: Draft) -> list[Actor]:
        out: list[Actor] = []
        for tok in tokens:
            actor = self.actors.resolve(tok, context)
            if actor is None and tok.pos_ == "NOUN":
                actor = self._behind(tok, context)
            if actor is None or any(a.start == actor.start for a in out):
                continue
            if actor.sector is None and actor.country and (tok.pos_ == "ADJ" or self._weapon(tok)) and \
                    draft.type in ("ASSAULT", "COERCE", "MOBILIZE"):
                # "les frappes russes", "Russian guided bombs struck…": Russia's military
                actor = actor.model_copy(update={"sector": "MIL"})
            out.append(actor)
            out += self._coordinated_demonyms(tok, actor)
        return out

    def _behind(self, thing: Token, context: ActorContext) -> Actor | None:
        """Who a thing named in a role stands for: its owner ("denounced Serbia's suppression of…") or whom it is
        meant for ("would prohibit all aid to Albanian rebels", "des sanctions contre Moscou")."""
        owner = next((c for c in thing.children if c.dep_ in ("poss", "nmod:poss") and c.pos_ != "PRON"), None)
        if owner is not None:
            return self.actors.resolve(owner, context)
        for prep, obj in prep_objects(thing):
            if prep in self.res.target_preps or prep in self.res.recipient_preps:
                return self.actors.resolve(obj, context)
        return None

    def _coordinated_demonyms(self, tok: Token, actor: Actor) -> list[Actor]:
        """"Hungarian and Romanian officials": one actor per country."""
        extra = []
        for child in tok.children:
            if child.dep_ in ("amod", "nmod", "compound") and self.actors.country_of(child):
                for conj in child.children:
                    country = self.actors.country_of(conj) if conj.dep_ == "conj" else None
                    if country and country != actor.country:
                        extra.append(actor.model_copy(update={"country": country, "text": conj.text,
                                                              "start": conj.idx, "end": conj.idx + len(conj)}))
        return extra

    def _is_actor(self, token: Token) -> bool:
        actor = self.actors.resolve(token)
        # a name or a country makes an actor only when the word itself names it ("Russia", "Hamas", "the Malians"),
        # not when a thing merely mentions one ("the suspension of air links with Serbia")
        named = token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "PER", "LOC") or any(
            self.actors.country_of(t) for t in (token, *(c for c in token.children if c.dep_ in MODIFIERS)))
        return actor is not None and (actor.sector in ARMED_SECTORS or actor.sector in ("GOV", "IGO") or (
            named and (actor.id is not None or (actor.country is not None and actor.sector is None))))

    def _remember_people(self, sent: Span, context: ActorContext) -> None:
        for tok in sent:
            speaker = tok.dep_ in ("nsubj", "nsubj:pass") and any(
                k in self.res.speech_verbs for k in token_keys(tok.head))
            if speaker and self.actors.person_name(tok) is not None:
                actor = self.actors.resolve(tok, context)
                if actor is not None:
                    context.last_person = actor

    def _quote(self, doc: Doc, quote: QuoteMention, context: ActorContext) -> Quote:
        speaker = self.actors.resolve(quote.speaker, context) if quote.speaker is not None else None
        return Quote(speaker=speaker, text=doc_text(doc)[quote.start:quote.end], start=quote.start, end=quote.end)

    def _assign_counts(self, sent: Span, drafts: list[Draft], earlier: list[Draft]) -> None:
        counts = find_counts(sent, self.res)
        for count in counts:
            target = self._owner(count, drafts, earlier)
            if target is None:
                continue
            if count.kind == "unit":
                target.quantities.append(Quantity(value=count.value, unit=count.unit))
            elif count.kind == "killed":
                target.fatalities = (target.fatalities or 0) + count.value
            elif count.kind == "injured":
                target.injured = (target.injured or 0) + count.value
            elif count.kind in CASUALTY_KINDS:
                target.quantities.append(Quantity(value=count.value, unit=count.kind))

    @staticmethod
    def _owner(count: Count, drafts: list[Draft], earlier: list[Draft]) -> Draft | None:
        for draft in drafts:
            if count.noun.i in draft.scope() or any(h.is_ancestor(count.noun) for h in draft.heads):
                return draft
        violent = [d for d in drafts if d.type in ("ASSAULT", "COERCE")]
        if violent:
            return violent[0]
        if count.kind in ("killed", "injured") and not drafts:  # "Le bilan s'élève à 20 morts."
            previous = [d for d in earlier if d.type == "ASSAULT" and d.fatalities is None]
            if previous and sentence_of(count.noun).start - previous[-1].sent.end < 80:
                return previous[-1]
        return None

    # -- article level --------------------------------------------------------------------------------------------

    def _reproaches(self, state: ArticleState) -> None:
        """A negative why-question put by a quoted speaker about someone's (in)action is PLOVER ACCUSE/disapprove:
        "« Pourquoi ce ne sont pas les Etats-Unis qui attaquent… ? » a demandé X" — X reproaches the United States."""
        for draft in state.drafts:
            if not draft.rhetorical:
                continue
            start = draft.sent.doc[draft.head.i].idx
            speaker = next((q.speaker for q in state.quotes if q.start <= start < q.end and q.speaker), None)
            speaker = speaker or draft.source
            if speaker is None or not draft.agents:
                continue
            draft.type, draft.mode, draft.modality = "ACCUSE", "disapprove", "asserted"
            draft.targets, draft.agents = list(draft.agents), [speaker]
            draft.acled_explicit, draft.source = None, None

    def _accusations(self, drafts: list[Draft]) -> list[Draft]:
        """A party reporting that another party attacked is accusing it (PLOVER ACCUSE, mode allege)."""
        out: list[Draft] = []
        seen_verbs: set[int] = set()
        for draft in drafts:
            speaker, verb = draft.source, draft.source_verb
            if (speaker is None or verb is None or verb.i in seen_verbs or draft.type not in ("ASSAULT", "COERCE")
                    or not draft.agents or draft.modality in ("future", "hypothetical")):
                continue
            if speaker.sector not in PARTY_SECTORS and speaker.id is None:
                continue  # witnesses and sources report; parties accuse
            if not any(a.sector in PARTY_SECTORS or a.id is not None for a in draft.agents):
                continue  # …other parties: the police telling what rioters did is a report
            if draft.source_is_claim:
                continue  # "les shebab ont revendiqué l'attentat": claiming an attack accuses no one
            if any(a.country == speaker.country and (a.country or a.name == speaker.name) for a in draft.agents):
                continue
            if any(w.lower() in SELF_REFERENCE for a in draft.agents for w in a.text.split()):
                continue
            seen_verbs.add(verb.i)
            subject = speaker_of(verb)
            others = [t for t in with_conjuncts(subject) + left_coordinated(subject)
                      if t.i != subject.i] if subject is not None else []
            accusers = [speaker] + [a for a in self._resolve_all(others, ActorContext(), draft)
                                    if a.start != speaker.start]
            trig = Trigger(verb.i, verb.i + 1, verb, draft.triggers[0].entry, [verb.i])
            accusation = Draft([trig], draft.sent, draft.sent_index, "ACCUSE", "allege", derived=True)
            accusation.agents, accusation.targets = accusers, list(draft.agents)
            out.append(accusation)
        return out

    # -- places ---------------------------------------------------------------------------------------------------

    def _place(self, entry: GeoEntry, span: Span, precision: int) -> Place:
        return self.places.place(entry, span, precision)

    def _locate(self, doc: Doc, state: ArticleState) -> None:
        places = state.places
        home = main_country(places)
        main = self.gazetteer.country(home) if home else None
        main_mention = next((p for p in places if main and p.locates and p.place.country == main.country), None)
        datelined = dateline(doc, places)
        last: Place | None = None  # the last town an event was placed in: later mentions usually stay there
        for draft in sorted(state.drafts, key=lambda d: d.start_char):
            if draft.type not in ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AID", "CONSULT"):
                continue
            draft.location = self._event_place(draft, places)
            if draft.location is not None and draft.location.precision < 3:
                last = draft.location
            elif draft.location is None and last is not None:
                draft.location = last
            if draft.location is None and datelined is not None:
                draft.location = datelined.place
            if draft.location is None and main is not None and main_mention is not None:
                draft.location = self._place(main, main_mention.span, 3)
            if draft.type == "PROTEST" and not draft.targets:
                draft.targets = self._addressed(draft, places) or self._home_authorities(draft)

    def _place_targets(self, state: ArticleState) -> None:
        """An event acted on a place when no one is named ("reimposed blockades in the West Bank", "aid for Romania
        and Poland", "a curfew in Algiers"): the place stands for its people (the CAMEO/PLOVER convention)."""
        for draft in state.drafts:
            moving = draft.type in MOVES or draft.mode in MOVES_MODES
            if moving:
                self._left_behind(draft, state.places)
            # "withdraw their peacekeeping force from Chad", "deploy peacekeepers in Iraq": the forces moved are the
            # agent's own; where they go or leave is what the move is aimed at
            forces_only = moving and bool(draft.targets) and all(t.sector in FORCES for t in draft.targets)
            if (draft.targets and not forces_only) or draft.type == "PROTEST":
                continue
            scope, taken = draft.scope(), [(a.start, a.end) for a in draft.agents]
            own = {a.country for a in draft.agents} if moving else set()
            seen: set[str] = set()
            found: list[Actor] = []
            for mention in state.places:
                place, root = mention.place, mention.span.root
                if mention.facility or root.i not in scope or root.dep_ in SUBJECTS or place.country is None or \
                        place.country in seen or place.country in own or \
                        any(s <= place.start < e for s, e in taken) or \
                        self._subordinate(root, draft) or not self._acted_on(draft, root, moving):
                    continue  # troops deployed at home aim at no one ("Malian troops deployed in Gao")
                seen.add(place.country)
                found.append(Actor(text=place.text, start=place.start, end=place.end, name=place.name,
                                   country=place.country))
            if found:
                draft.targets = found

    @staticmethod
    def _subordinate(root: Token, draft: Draft) -> bool:
        """A place in a subordinate clause with its own subject ("…, as authorities in Croatia cracked down on
        Serbian nationalists"): another event's, not this one's."""
        heads = {t.head.i for t in draft.triggers}
        tok = root
        while tok.i not in heads and tok.head.i != tok.i:
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children) and any(
                    c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") for c in tok.children):
                return True
            tok = tok.head
        return False

    def _left_behind(self, draft: Draft, places: list[PlaceMention]) -> None:
        """"the withdrawal of some invasion forces from Panama": the place the forces leave is no origin of theirs
        but what the withdrawal is about; the forces are those of whoever withdraws them (the governing verb's
        subject, "the United States speeded up the withdrawal…")."""
        for mention in places:
            root = mention.span.root
            agent = next((a for a in draft.agents if a.start < mention.place.start < a.end), None)
            if agent is None:
                continue
            english = root.dep_ == "pobj" and root.head.lower_ == "from"
            # French "de" also says whose ("les soldats du Mali"): only a place other than the forces' own
            french = any(c.dep_ == "case" and c.lower_ in ("de", "du", "des", "d'") for c in root.children) and \
                agent.country is not None and agent.country != mention.place.country
            if not (english or french):
                continue
            if not any(t.country == mention.place.country for t in draft.targets):
                draft.targets.append(Actor(text=mention.place.text, start=mention.place.start,
                                           end=mention.place.end, name=mention.place.name,
                                           country=mention.place.country))
            if agent.country != mention.place.country:
                continue
            governor = draft.head.head if draft.head.dep_ in ("dobj", "obj") else None
            owners = self._resolve_all(verb_roles(governor, self.res).agents, ActorContext(), draft) \
                if governor is not None and governor.pos_ == "VERB" else []
            owner = next((o for o in owners if o.country and o.country != agent.country), None)
            replaced = agent.model_copy(update={"country": owner.country if owner else None, "id": None,
                                                "name": agent.text})
            draft.agents = [replaced if a is agent else a for a in draft.agents]

    def _acted_on(self, draft: Draft, root: Token, moving: bool = False) -> bool:
        """A place the event is done to or for ("invaded X", "aid for X", "withdrew from X", and for coercion and
        violence "a curfew in X"), not the venue of talks or statements ("agreed in Muscat")."""
        case = next((c for c in root.children if c.dep_ == "case"), None)
        prep = fold(case.text) if case is not None else fold(root.head.text) if root.dep_ == "pobj" else None
        if prep is None or prep in OF_PREPS:
            return True  # an object, or "the invasion of South Lebanon"
        if prep in self.res.target_preps or prep in self.res.recipient_preps or prep in ("from", "de", "du"):
            return True
        if prep not in LOCATIVE_PREPS:
            return False
        attached = root.head.head if root.dep_ == "pobj" else root.head
        # "evacuate settlements in Gaza", "lifted the curfew in Darfur": where the thing done is, not the venue
        return moving or draft.type in ("ASSAULT", "COERCE", "THREATEN", "SANCTION", "CONCEDE") or attached.i not in {
            t.head.i for t in draft.triggers}

    def _addressed(self, draft: Draft, places: list[PlaceMention]) -> list[Actor]:
        """Whom a protest addresses when its clause names a state or its government ("in defiance of Chinese
        authorities", "their disapproval of the United States' policies", "independence from Indonesian rule",
        "to convince the Lithuanian Parliament"); not the places it happens in ("in Hong Kong", "at a jail in East
        Timor's capital") nor its protesters."""
        doc = draft.sent.doc
        own = {i for t in draft.triggers for i in t.tokens}
        spans = {i for m in places for i in range(m.span.start, m.span.end)}
        where = {i for m in places if not m.adjectival and not self._state_as_owner(m.span.root, spans)
                 for i in range(m.span.start, m.span.end)}
        for i in sorted(draft.scope()):
            tok = doc[i]
            if i in own or i in where or any(a.start <= tok.idx < a.end for a in draft.agents) or (
                    tok.dep_ in ("compound", "flat", "flat:name") and tok.head.i in draft.scope()):
                continue  # a name's head speaks for it ("United" in "the United States")
            if tok.pos_ == "ADJ" and tok.text[:1].isupper():
                state = self.actors.kb.states.get(self.actors.country_of(tok) or "")
                if state is not None:
                    return [Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok), name=state.name, id=state.id,
                                  country=state.country, sector="GOV")]
            named = tok.ent_type_ in ("GPE", "ORG") or fold(tok.lemma_) in self.res.actor_nouns
            actor = self.actors.resolve(tok) if named and tok.pos_ in ("NOUN", "PROPN") else None
            if actor is not None and actor.country not in (None, "IGO", "IMG") and (
                    actor.sector == "GOV" or (actor.sector is None and tok.ent_type_ == "GPE")):
                return [actor]
        return []

    @staticmethod
    def _state_as_owner(root: Token, place_tokens: set[int]) -> bool:
        """"the United States' policies", "Algeria's government": a state named as an owner, not as a place
        (but "East Timor's capital Dili" is a place)."""
        return root.dep_ in ("poss", "nmod:poss") and root.head.lower_ not in PLACE_HEADS and \
            root.head.i not in place_tokens

    def _home_authorities(self, draft: Draft) -> list[Actor]:
        """A protest that names no one addresses the authorities of the country it happens in, else of its
        protesters' country ("Young Algerians blocked roads")."""
        if draft.location is not None and draft.location.country:
            return [self._authorities(draft.location)]
        countries = {a.country for a in draft.agents if a.country not in (None, "IGO", "IMG")}
        state = self.actors.kb.states.get(countries.pop()) if len(countries) == 1 else None
        if state is None:
            return []
        agent = draft.agents[0]
        return [Actor(text=agent.text, start=agent.start, end=agent.end, name=state.name, id=state.id,
                      country=state.country, sector="GOV")]

    def _authorities(self, place: Place) -> Actor:
        """Whom a protest with no stated target addresses: the authorities of the country it happens in (the
        CAMEO/PLOVER convention), anchored on the place mention."""
        state = self.actors.kb.states.get(place.country or "")
        return Actor(text=place.text, start=place.start, end=place.end, name=state.name if state else place.name,
                     id=state.id if state else None, country=place.country, sector="GOV")

    @staticmethod
    def _event_place(draft: Draft, places: list[PlaceMention]) -> Place | None:
        actor_chars = [(a.start, a.end) for a in draft.agents + draft.targets]
        scope = draft.scope()
        candidates = [p for p in places if draft.sent.start <= p.span.start < draft.sent.end and p.locates
                      and p.span.root.dep_ not in ("nsubj", "poss", "nmod:poss")
                      and not any(s <= p.span.start_char < e for s, e in actor_chars)]
        if not candidates:
            return None
        in_scope = [p for p in candidates if p.span.root.i in scope]
        pool = in_scope or candidates
        head = draft.head.i
        # the most specific place wins over the country it is in ("près de Mopti, dans le centre du Mali")
        return min(pool, key=lambda p: (p.place.precision == 3, abs(p.span.root.i - head))).place

    # -- output ---------------------------------------------------------------------------------------------------

    def _event(self, draft: Draft, home: KBEntry | None) -> Event:
        doc = draft.sent.doc
        trigger = draft.triggers[0]
        span = doc[trigger.start:trigger.end]
        # ACLED codes what happened: no row for denied, planned, hypothetical or merely referred-to events
        unreal = draft.modality in ("denied", "future", "hypothetical") or self._referred(draft)
        label = None if unreal else acled_label(draft.type, draft.mode, explicit=draft.acled_explicit,
                            cue_scores=self._cue_scores(draft),
                            actor_sectors=[a.sector for a in draft.agents],
                            target_sectors=[a.sector for a in draft.targets], fatal=bool(draft.fatalities),
                            unopposed=draft.unopposed)
        acled = AcledLabel(event_type=split_acled(label)[0], sub_event_type=split_acled(label)[1]) if label else None
        here = draft.location.country if draft.location is not None else None
        if draft.type in ON_THE_GROUND and here in self.actors.kb.states:
            home = self.actors.kb.states[here]  # local actors belong where the violence happens
        agents = draft.agents
        if not agents and label and label.startswith(UNATTRIBUTED) and draft.location and draft.location.country \
                and draft.type == "ASSAULT":
            # "a roadside bomb killed…", "a car bomb exploded", "an attempt to assassinate the governor was
            # thwarted": ACLED's unidentified armed group of the country
            agents = [unidentified(span, self.actors.kb.states.get(draft.location.country))]
        confidence = 0.4 + 0.15 * bool(draft.agents) + 0.15 * bool(draft.targets or draft.fatalities) + \
            0.1 * bool(draft.location) + 0.1 * bool(draft.date) + 0.1 * (not trigger.is_noun)
        return Event(type=draft.type, mode=draft.mode, cameo=cameo_root(draft.type, draft.mode), acled=acled,
                     actors=localise(agents, home), targets=localise(draft.targets, home),
                     location=draft.location, date=draft.date,
                     fatalities=draft.fatalities, injured=draft.injured, quantities=draft.quantities,
                     claimed_by=(localise([draft.source], home)[0] if draft.source else None),
                     modality=draft.modality,  # type: ignore[arg-type]
                     trigger=Offsets(start=span.start_char, end=span.end_char, text=span.text),
                     sentence=SentenceSpan(start=draft.sent.start_char, end=draft.sent.end_char),
                     confidence=round(min(confidence, 1.0), 2))

    def _referred(self, draft: Draft) -> bool:
        """"claimed responsibility for the attack", "rejected accusations of bombing": the event is referred to by
        a claim or an accusation, not reported here; it keeps its PLOVER reading but gets no ACLED row."""
        # frames are nouns ("the claim of", "responsible for"): "the group claimed that 27 were kidnapped" reports
        return governed_by(draft.head, lambda tok: tok.pos_ in ("NOUN", "ADJ") and any(
            k in self.res.reference_frames for k in token_keys(tok)), depth=3)

    def _cue_scores(self, draft: Draft, skip_triggers: bool = False) -> dict[str, float]:
        """Cue words for each ACLED sub-type in the event's phrase or near its trigger, and for protests at half
        weight in the next sentence ("…protests in Hamburg. The march turned violent.")."""
        scores: dict[str, float] = {}
        sent = draft.sent
        windows = [(sent, 1.0)]
        if draft.type == "PROTEST" and sent.end < len(sent.doc):
            windows.append((sentence_of(sent.doc[sent.end]), 0.5))
        scope = draft.scope()
        for window, weight in windows:
            for phrase, start, _end, _ in self.res.acled_cues.find(window):
                at = window.start + start
                if skip_triggers and any(t.start <= at < t.end for t in draft.triggers):
                    continue  # "explosions" says nothing about a bomb by itself
                distance = abs(at - draft.head.i)
                if window is sent and at not in scope and distance > CUE_REACH:
                    continue  # a cue of another clause of the same sentence describes another event
                if window is sent and self._other_event(sent.doc[at], draft.head):
                    continue  # "strikes on groups accused of a chlorine attack": the chlorine is the other attack
                label = str(phrase.payload)
                scores[label] = scores.get(label, 0.0) + weight * (1.0 + 1.0 / (1 + distance))
        return scores

    def _other_event(self, cue: Token, head: Token) -> bool:
        """The cue sits under an accusation or a motive between it and the event's trigger, or names what a
        facility holds ("chemical weapons facilities" were the target, not the weapon)."""
        noun = cue
        while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
            noun = noun.head
        if noun.i != cue.i and noun.lemma_.lower() in FACILITIES:
            return True
        return governed_by(cue, lambda tok: any(k in self.res.motive_nouns or k in ACCUSING for k in token_keys(tok)),
                           stop=head)


def main_country(places: list[PlaceMention]) -> str | None:
    """The country most of the article's places are in (ISO3), if any; with no place, the one country its
    demonyms name ("Serbian workers… the Serbian labour minister")."""
    countries = Counter(p.place.country for p in places if p.place.country and p.locates)
    if not countries:
        named_by = {p.place.country for p in places if p.adjectival and p.place.country}
        return named_by.pop() if len(named_by) == 1 else None
    named = {p.place.country for p in places if (p.place.feature_code or "").startswith("PCL")}
    # a tie goes to a country the article names as such over a lone town ("Angola" over "Independence")
    return max(countries, key=lambda c: (countries[c], c in named)) if countries else None


def localise(actors: list[Actor], home: KBEntry | None) -> list[Actor]:
    """Generic local actors ("the army", "gunmen", "villagers", "a journalist") belong to the country the event
    happens in, as ACLED codes them ("Military Forces of Mali", "Unidentified Armed Group (Nigeria)", "Journalists
    (Lebanon)"). Named actors keep the knowledge base's country (none for transnational groups); international and
    non-governmental organisations get none, nor does anyone said to be foreign ("foreign journalists"). (The
    speaker's own forces, "its troops", already took the speaker's country in ``Extractor._draft``.)"""
    if home is None:
        return actors
    out = []
    for actor in actors:
        words = set(actor.text.lower().replace("(", " ").replace(")", " ").split())
        unknown_name = actor.sector is None and actor.name == actor.text and not words & DOMESTIC_BODIES
        if actor.country is None and actor.id is None and actor.sector not in INTERNATIONAL_SECTORS and \
                not unknown_name and not FOREIGN_WORDS & words:
            actor = actor.model_copy(update={"country": home.country})
        out.append(actor)
    return out


__all__ = ["Extractor"]


def _with_previous(sent: Span) -> list[Span]:
    """The sentence and the one before it: the context an agentless event is read in."""
    if sent.start == 0:
        return [sent]
    return [sentence_of(sent.doc[sent.start - 1]), sent]
