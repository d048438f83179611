"""Token-level syntax the rules share: the subject of a verb of saying, what counts as a
speaker-like or a thing-like subject, the head of a noun phrase near a cue.

Every function reads a spaCy token and its parse; the ones that take a
:class:`~quoteattr._context.Context` also keep to the quotation's paragraph and to words
outside the quotations.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ._context import Context
from ._lexicon import (
    ANSWERS,
    DASHES,
    DEMONSTRATIVES,
    DOCUMENTS,
    GROUP_NOUNS,
    HYPHEN,
    ORG_NOUNS,
    PERSONAL,
    RELATIVE_PRONOUNS,
    SAYING_NOUNS,
    SUBJECT_DEPS,
    TIME_ENTITIES,
    UTTERANCES,
)
from ._roles import is_person_noun, is_title_word
from .cues import cue_lemma
from .marks import CLOSING_MARKS, MARK_CHARS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "after_apposition",
    "any_verb",
    "calendar_name",
    "candidate_cues",
    "claim_owner",
    "demonstrative",
    "document_aside",
    "glued_to_mark",
    "has_letter",
    "heads_above",
    "in_time_clause",
    "inverted_speaker",
    "main_verb",
    "makes_utterance",
    "not_subordinate",
    "np_head_near",
    "participle_holder",
    "person_like",
    "presents",
    "relative_pronoun",
    "says_more",
    "signs_off",
    "speaker_like",
    "subject_of",
    "subordinate",
    "thing_owner",
    "time_clause",
    "usable_subject",
    "weak_subject",
    "words_owner",
]


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker head of a reporting verb: its subject, or its governing clause's.

    "asserting, “…”" has no subject of its own and takes that of the verb it modifies; a
    relative "who said" takes the noun the clause belongs to; "according to X" takes X.
    """
    if verb.lower_ == "according":
        for child in verb.children:
            if child.lower_ == "to":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        return None
    passive = False
    modal = next((c for c in verb.lefts if _modal_name(c)), None)
    if modal is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return modal  # "“…,” Will wrote"
    for child in _nearest_subject_first(verb):
        if child.dep_ == "csubj" and child.tag_ == "VBG":
            continue  # "Speaking at a rally, X said": a participle the parser made the subject
        if child.dep_ == "nsubj" and child.pos_ == "ADP":
            # "Of Carson, Levine said": a preposition the parser made the subject (but
            # "From said" may be Al From's)
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if noun is not None:
                return _description_head(noun)
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ == "who":
                return _who_antecedent(child, verb)
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return _inverted_name(verb, child) or _description_head(child)
        if child.dep_ == "nsubjpass":
            passive = True
            if verb.lemma_ in ("quote", "cite"):
                return child
    if passive:
        agent = _agent(verb)
        if agent is not None:
            return agent
    above = _main_clause_of_participle(verb) if depth < 3 else None
    if above is not None:
        return subject_of(above, depth + 1)
    holder = participle_holder(verb)
    if holder is not None:
        return holder
    controller = _object_controller(verb)
    if controller is not None:
        return controller
    if depth < 3 and _adds_to_outer(verb):
        return subject_of(verb.head.head, depth + 1)
    adverbial = _adverbial_host(verb) or _means_host(verb)
    if depth < 3 and adverbial is not None:
        return subject_of(adverbial, depth + 1)  # "…, at one point calling X a “liar”"
    passive_head = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
    if verb.dep_ == "conj" and passive_head is not None and passive_head.i < verb.head.i:
        return passive_head  # "X was joined on stage by Y and joked": X, not the agent
    if depth < 3 and verb.dep_ == "conj" and verb.head.dep_ in ("dobj", "pobj"):
        # "He adopted an accent and joked, “…”": the parse joins the verb to the object
        return subject_of(verb.head.head, depth + 1)
    if depth < 3 and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "dep") and verb.head != verb:
        return subject_of(verb.head, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.head != verb.head:
        return subject_of(verb.head.head, depth + 1)  # "began by saying, “…”"
    return _fronted_clause_subject(verb)


def _fronted_clause_subject(verb: Token) -> Token | None:
    """A subject the parser gave to a clause set off before the verb: in "Lena Berg, who
    co-led the voyage, said …" it can make "led" a clause of "said" with "Berg" for its
    subject. The clause closes with a comma right before the verb, and its subject opens
    the sentence before it."""
    if verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i > verb.i:
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
        if subj is None or subj.pos_ != "PROPN":
            continue
        between = verb.doc[subj.i + 1 : clause.i]
        if any(t.lower_ in ("who", "which") for t in between):
            return subj
    return None


def _main_clause_of_participle(verb: Token) -> Token | None:
    """The clause a participle set off by a comma or a dash belongs to when the parser
    hangs it on a relative clause ("X defended not paying an architect who said he was
    stiffed, saying, “…”"; "protesters looped the stadium - where the Panthers played -
    while chanting, “…”"): the verb above that clause."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.left_edge.i == 0:
        return None
    if verb.doc[verb.left_edge.i - 1].text not in _SET_OFF:
        return None
    if head.dep_ == "relcl":
        node = head.head
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        return node if node.pos_ in ("VERB", "AUX") else None
    if any(c.dep_ == "advmod" and c.lower_ == "where" and c.i < head.i for c in head.children):
        return head.head if head.head.i != head.i else None
    return None


_SET_OFF = DASHES | {",", HYPHEN}


def _agent(verb: Token) -> Token | None:
    """The agent of a passive verb: "was criticized by X", or "was called “…” by X" and
    "was described as “…” by X", where the parser hangs "by X" from the quoted words."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in verb.children:
        as_ = child.dep_ == "prep" and child.lower_ == "as"
        if not (as_ or child.dep_ in ("oprd", "attr", "dobj")) or child.i < verb.i:
            continue
        words = [child, *(g for g in child.children if g.dep_ == "pobj")]
        for word in words:
            for by in word.children:
                if by.lower_ == "by" and by.dep_ in ("prep", "agent"):
                    pobj = next((g for g in by.children if g.dep_ == "pobj"), None)
                    if pobj is not None and (pobj.pos_ == "PROPN" or person_like(pobj)):
                        return _description_head(pobj)
    return None


def _adds_to_outer(verb: Token) -> bool:
    """Whether a participle set off by a comma hangs from what an outer verb reports: "X
    told Y that Z “…,” adding, “…”" is X adding, not Z."""
    head = verb.head
    return (
        verb.tag_ == "VBG"
        and verb.dep_ == "advcl"
        and verb.i > 0
        and (verb.doc[verb.i - 1].text == "," or verb.doc[verb.i - 1].text in CLOSING_MARKS)
        and head.dep_ == "ccomp"
        and head.head.pos_ == "VERB"
        and head.head.i < head.i < verb.i
        and cue_lemma(head) is None  # "Okafor said, adding" is Okafor adding
    )


_INVERTING = frozenset({"said", "says", "added", "adds", "wrote", "writes", "noted", "explained"})
"""Verbs of saying that put the speaker after them ("…, said Geert Wilders")."""


def _inverted_name(verb: Token, subj: Token) -> Token | None:
    """The person named right after a verb set off by a comma, when the parser took a word
    of the clause before it for its subject ("The rejection signals “…” for the EU, said
    Geert Wilders")."""
    doc = verb.doc
    if subj.i > verb.i or verb.i == 0 or verb.i + 1 >= len(doc) or not weak_subject(subj):
        return None
    if verb.lower_ not in _INVERTING:
        return None  # "X, who leads, mocked Marco Rubio": an object, not an inversion
    after = doc[verb.i + 1]
    if doc[verb.i - 1].text != "," or after.ent_type_ != "PERSON" or after.ent_iob_ != "B":
        return None
    end = after.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[after.i : end].root


def _nearest_subject_first(verb: Token) -> list[Token]:
    """A verb's children, with one subject first when a damaged parse gives it several
    ("LAHORE: (Point News, Jan 16th) Vice-President Maryam Nawaz said"): the nearest
    named person, else the nearest."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) < 2:
        return children
    people = [c for c in subjects if c.ent_type_ == "PERSON"]
    first = (people or subjects)[-1]  # a person named as a subject, if any, then nearest
    return [first, *(c for c in children if c is not first)]


def _description_head(subj: Token) -> Token:
    """The person noun that ends a description the parser headed by a name inside it
    ("the 2008 World Under 20 10,000m champion said": "champion", not "World"), or the
    name in apposition to a title ("Harbour Bank Board Chairman, Tomas Lindqvist, said"),
    or the phrase the parser set beside a dateline it took for the subject ("LEEDS -- The
    mayor, opening the library, said")."""
    dated = _after_dateline_subject(subj)
    if dated is not None:
        return _description_head(dated)
    if is_title_word(subj.text) or is_person_noun(str(subj.lemma_).lower()):
        for c in subj.children:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > subj.i:
                return c
    last = subj.right_edge
    if (
        subj.pos_ == "PROPN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
        and last.i > subj.i
        and last.pos_ == "NOUN"
        and is_person_noun(str(last.lemma_).lower())
    ):
        return last
    return subj


_DATELINE_ENDS = DASHES | {",", ":", HYPHEN}


def dateline(head: Token, start: int) -> bool:
    """A dateline: an upper-case place opening its line, then a comma, a colon or a dash
    (KYIV, …; LAHORE: …)."""
    doc = head.doc
    tok = doc[start]
    if not tok.text.isupper() or len(doc[start : head.i + 1].text) < 3:
        return False  # "LA CROSSE, Wisc. —" is one, "UN," is not
    before = doc[start - 1] if start > 0 else None
    if before is not None and "\n" not in before.text and not before.is_space:
        return False
    return head.i + 1 < len(doc) and doc[head.i + 1].text in _DATELINE_ENDS


def _after_dateline_subject(subj: Token) -> Token | None:
    """The apposition of a subject that is a dateline ("NEW YORK — The mayor, …, said")."""
    start = min([subj.i, *(c.i for c in subj.lefts if c.dep_ == "compound")])
    if not dateline(subj, start):
        return None
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > subj.i + 1), None)


def _object_controller(verb: Token) -> Token | None:
    """The person an infinitive of saying belongs to when the verb above it has that person
    for its object ("led the writer Maya Lindqvist to fear a “…”", "urged him to say"); a
    thing object leaves the subject above speaking ("used the occasion to say")."""
    obj = _object_above(verb) if verb.tag_ == "VB" else None
    if obj is None or obj.i > verb.i or not person_like(obj):
        return None
    return _description_head(obj)


def _object_above(verb: Token) -> Token | None:
    """The object of the verb above a subjectless infinitive, who does what it says
    ("prompted his wife to make a comment", "led X to fear")."""
    if verb.dep_ != "xcomp" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)


def _who_antecedent(who: Token, verb: Token) -> Token:
    """Whom "who" stands for: the name right before it ("a row with his colleague Carol
    Nolan who said …", however the parser hangs the clause), else the noun its relative
    clause belongs to (also when the verb is joined to the clause's own verb)."""
    if who.i > 0:
        prev = who.doc[who.i - 1]
        if prev.pos_ == "PROPN" or prev.ent_type_ == "PERSON":
            return prev
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "X, who signed the laws, interjected": joined to the clause
    return clause.head if clause.dep_ == "relcl" else who


def _adverbial_host(verb: Token) -> Token | None:
    """The verb above a participle the parser hangs on the noun of an adverbial phrase
    ("he has battled with X, at one point calling the mayor a “liar”": "calling" on
    "point"), when that noun names no one."""
    noun, prep = verb.head, verb.head.head
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or noun.dep_ != "pobj" or _names_someone(noun):
        return None
    host = prep.head
    return host if prep.dep_ == "prep" and host.pos_ in ("VERB", "AUX") else None


_MEANS = frozenset({"by", "after", "before", "while", "without", "in"})


def _means_host(verb: Token) -> Token | None:
    """The verb a gerund of saying says the manner or time of, whose subject is the
    speaker: "he defended it by telling the meeting S", "she left after telling X S"."""
    prep = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or prep.dep_ not in ("prep", "advcl"):
        return None
    if prep.lower_ not in _MEANS or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    host = prep.head
    return host if host.pos_ in ("VERB", "AUX") else None


def participle_holder(verb: Token) -> Token | None:
    """Who a participle of saying belongs to when it follows a person rather than a
    clause: "a video of the minister saying, “…”" (the parser hangs "saying" on "video"),
    "the rally ended with Pedro Alves telling the crowd, “…”"."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    head = verb.head
    if verb.dep_ == "acl":
        if _names_someone(head):
            return head
        preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    elif verb.dep_ == "advcl":
        preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"]
    else:
        return None
    for prep in preps:
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.right_edge.i + 1 == verb.i and _names_someone(obj):
                return obj  # right before it: "clashed with X, saying" is not X's
    return None


def _names_someone(noun: Token) -> bool:
    """A name, a pronoun or a noun for a person ("the minister"), not a thing said ("a
    statement saying …" is its author's)."""
    if noun.pos_ in ("PROPN", "PRON") or noun.ent_type_ == "PERSON":
        return True
    return noun.pos_ == "NOUN" and is_person_noun(str(noun.lemma_).lower())


def usable_subject(ctx: Context, subj: Token | None) -> bool:
    """Whether a subject can be a speaker's mention: a word outside every quotation."""
    if subj is None or subj.is_punct or ctx.inside(subj) is not None:
        return False
    return not glued_to_mark(subj)


def glued_to_mark(tok: Token) -> bool:
    """A word the tokenizer left glued to a quotation mark or a dash ("history”—and",
    "—and"): no one's name, whatever the parser makes of it."""
    return any(c in MARK_CHARS for c in tok.text) or tok.text[0] in DASHES


_SUBORDINATORS = frozenset("when while after before because since until once if".split())


def time_clause(verb: Token) -> bool:
    """A clause of time or cause ("when X blasted him"), which frames no quotation."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in _SUBORDINATORS for c in verb.children
    )


def in_time_clause(verb: Token) -> bool:
    """Whether a verb heads a clause of time or cause, or is joined to one ("when X
    thanked the town and said …")."""
    return time_clause(verb) or (verb.dep_ == "conj" and time_clause(verb.head))


def heads_above(ctx: Context, qi: int, tok: Token, limit: int) -> Iterator[tuple[Token, Token]]:
    """``(child, head)`` pairs up the parse from ``tok``, at most ``limit`` of them, while the
    head is a word of the quotation's paragraph outside every quotation."""
    para = ctx.para_of(ctx.quotes[qi])
    node = tok
    for _ in range(limit):
        if node.head.i == node.i:
            return
        child, node = node, node.head
        if not para.start <= ctx.base(node) < para.end or ctx.inside(node) is not None:
            return
        yield child, node


def person_like(tok: Token) -> bool:
    """A person: a name the tagger calls one, a personal pronoun, or a person noun."""
    if tok.ent_type_ == "PERSON" or tok.lower_ in PERSONAL:
        return True
    return tok.pos_ == "NOUN" and is_person_noun(str(tok.lemma_))


def weak_subject(subj: Token | None) -> bool:
    """A subject that is a thing rather than a speaker: "it", "this", "the ad", "a majority"."""
    if subj is None:
        return True
    if subj.lower_ in DEMONSTRATIVES:
        return True
    if subj.pos_ != "NOUN" or subj.ent_type_:
        return False
    lemma = str(subj.lemma_)
    organization = lemma in ORG_NOUNS and lemma not in DOCUMENTS  # "the union said"
    return not (is_person_noun(lemma) or lemma in GROUP_NOUNS or organization)


_OBJECT_PRONOUNS = frozenset({"him", "them", "us", "me", "whom"})


def np_head_near(tokens: Sequence[Token], forward: bool) -> Token | None:
    """The head of the first noun phrase (a name, a pronoun, a subject noun) among
    ``tokens`` (read backwards unless ``forward``), before a sentence end; for a name read
    forwards, its last word."""
    seq = tokens if forward else list(reversed(tokens))
    aside = 0  # how deep in parentheses: "Rep. Paul Ryan (R-WI) said" is Ryan, not "WI"
    for tok in seq:
        if tok.text in ("(", ")"):
            aside = max(0, aside + (1 if (tok.text == ")") != forward else -1))
            continue
        if aside or (tok.dep_ == "poss" and tok.pos_ == "PRON"):
            continue  # "describe their actions": a possessive is no speaker
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i < tok.i:
            return tok.head.head  # "read the statement, which was attributed to X": the statement
        if glued_to_mark(tok) or tok.lower_ in _OBJECT_PRONOUNS:
            continue  # "—and promised to put him in charge": neither speaks
        if (
            tok.pos_ in ("PROPN", "PRON")
            or (tok.pos_ == "NOUN" and tok.dep_ in SUBJECT_DEPS)
            or _name_tagged_adverb(tok)
        ):
            # walk to the head of a name (compound chains point right)
            head = tok
            while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                head = head.head
            doc = head.doc
            while (
                forward
                and (head.pos_ == "PROPN" or head.ent_type_ == "PERSON")
                and head.i + 1 < len(doc)
                and (doc[head.i + 1].pos_ == "PROPN" or doc[head.i + 1].ent_type_ == "PERSON")
                and doc[head.i + 1].ent_type_ not in TIME_ENTITIES
            ):
                head = doc[head.i + 1]  # a broken parse inside a name: its last word
            return head
        if tok.is_punct and tok.text in ".!?;":
            return None
    return None


_NAME_MONTHS = frozenset({"may", "june", "april", "august"})
"""Months that are also names ("Theresa May", "June Carter")."""


def calendar_name(tok: Token) -> bool:
    """Whether a month that is also a name names someone: after a proper noun of the same
    name ("Theresa May said"), or as the subject before a verb ("“…,” May said")."""
    if tok.lower_ not in _NAME_MONTHS or not tok.is_title:
        return False
    if any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in tok.lefts):
        return True
    return (tok.dep_ == "nsubj" and tok.i < tok.head.i) or _modal_name(tok)


_MODAL_NAMES = frozenset({"will", "may"})


def _modal_name(tok: Token) -> bool:
    """A name the tagger took for a modal verb: capitalized, before a verb that no modal
    can precede ("“…,” Will wrote", "May said")."""
    return (
        tok.dep_ == "aux"
        and tok.is_title
        and tok.lower_ in _MODAL_NAMES
        and tok.i < tok.head.i
        and tok.head.tag_ in ("VBD", "VBZ", "VBN")
    )


def _name_tagged_adverb(tok: Token) -> bool:
    """A capitalized word inside a sentence that the tagger took for an adverb: a name
    ending in "-ly" ("said Skelly", "Daly said")."""
    return tok.pos_ == "ADV" and tok.is_title and not tok.is_sent_start and tok.text.endswith("ly")


def subordinate(verb: Token) -> bool:
    """A verb of a relative clause, or a passive one with no agent: "…," X said at the
    hearing, where Y also spoke / he was called to: not the frame of the next quotation."""
    if verb.dep_ in ("relcl", "acl"):
        return True
    children = list(verb.children)
    return any(c.dep_ == "nsubjpass" for c in children) and not any(
        c.dep_ == "agent" for c in children
    )


def relative_pronoun(cue: Token) -> Token | None:
    """The relative pronoun subject of a cue in a relative clause ("who said"), whose
    antecedent is the speaker."""
    if cue.dep_ != "relcl":
        return None
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in RELATIVE_PRONOUNS:
            return child
    return None


def has_letter(tok: Token) -> bool:
    """Whether a token holds a letter."""
    return any(c.isalpha() for c in tok.text)


def after_apposition(toks: Sequence[Token], i: int) -> bool:
    """Whether ``toks[i]`` comes right after a name and its apposition: the first token
    names someone (or leads a description the name is in apposition to: "the party's
    nominee, Lars Vik, tweeted"), and the words before ``toks[i]`` end with the
    apposition's comma."""
    first = toks[0]
    named = first.pos_ in ("PROPN", "PRON", "DET") or first.ent_type_ == "PERSON"
    return named and toks[i - 1].text == "," and any(t.text == "," for t in toks[1 : i - 1])


def says_more(verb: Token) -> bool:
    """Whether a verb of saying has a content or a clause joined to it ("disagreed and put
    her point", "admitted mistakes had been made"): a sentence of its own, no attribution."""
    return any(c.dep_ in ("ccomp", "dobj", "conj", "xcomp") for c in verb.children)


def inverted_speaker(verb: Token, after: Sequence[Token]) -> Token | None:
    """The speaker after the verb ("Said X: “…”"), not the subject of the clause the verb
    reports ("After saying her knee was “badly hurt,” she …": the knee says nothing)."""
    subj = np_head_near(after, True)
    if subj is None or subj.dep_ not in ("nsubj", "nsubjpass") or subj.head is verb:
        return subj
    return None


def makes_utterance(verb: Token) -> bool:
    """A verb whose object is a statement, a tweet, a letter ("issued a statement")."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "dobj" and str(c.lemma_).lower() in UTTERANCES | DOCUMENTS for c in verb.children
    )


def main_verb(verb: Token) -> bool:
    """The main verb of its sentence, or one joined to it ("X said …, pointing out that Y
    voted to insist …": "said", not "insist")."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def not_subordinate(verb: Token) -> bool:
    """Whether a verb heads no subordinate clause (see :func:`subordinate`)."""
    return not subordinate(verb)


def any_verb(verb: Token) -> bool:
    """Any verb at all: the last level :func:`~quoteattr._rules` tries."""
    del verb
    return True


def speaker_like(tok: Token) -> bool:
    """A person or an organization the tagger names as such, or a personal pronoun."""
    if tok.ent_type_ == "PERSON" or tok.lower_ in PERSONAL:
        return True
    return tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "")


def thing_owner(ctx: Context, cue: Token, subj: Token) -> Token:
    """The person behind a thing that speaks, when the text names them in the same clause.

    "Clinton made a controversial comment that described them as “…”": the comment is the
    object of a verb whose subject made it. "footage of Hillary Clinton asking, “…”": a
    participle right after a name is that person's (the parse may hang it elsewhere). "an
    email sent out by X warned" is X's.
    """
    doc = cue.doc
    if cue.tag_ == "VBG" and cue.i > 0:
        prev = doc[cue.i - 1]
        if (prev.ent_type_ == "PERSON" or prev.pos_ == "PROPN") and ctx.inside(prev) is None:
            return prev
    agent = _agent_of(subj)
    if agent is not None and usable_subject(ctx, agent) and not weak_subject(agent):
        return agent
    if subj.pos_ == "NOUN" and subj.dep_ == "dobj" and subj.lemma_ in UTTERANCES:
        verb = subj.head
        owner = _object_above(verb) or subject_of(verb)  # "prompted his wife to make a comment"
        if owner is not None and usable_subject(ctx, owner) and person_like(owner):
            return owner
        if owner is not None and owner.pos_ == "PROPN" and usable_subject(ctx, owner):
            return owner
    return subj


def _agent_of(thing: Token) -> Token | None:
    """Who sent a message or a document named as sent by them: "a fundraising email sent
    out by Sanders", "a statement issued by the ministry"; or named as theirs: "a
    statement from the Ministry of Health", "a report in the Herald" (a name)."""
    if str(thing.lemma_).lower() not in UTTERANCES | DOCUMENTS:
        return None
    for acl in thing.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for agent in acl.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    for prep in thing.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("from", "in", "by"):
            continue
        owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if owner is None or owner.ent_type_ in _NOT_OWNERS:
            continue  # "a report in March", "a letter in Ottawa"
        named = owner.pos_ == "PROPN" or owner.ent_type_ in ("ORG", "PERSON", "NORP")
        if named or (prep.lower_ != "in" and str(owner.lemma_).lower() in ORG_NOUNS):
            return owner  # "a statement from the ministry"
    return None


_NOT_OWNERS = frozenset({"GPE", "LOC", "DATE", "TIME", "EVENT", "LAW", "WORK_OF_ART"})
"""Entity types of the words after a document's "in" or "from" that own nothing."""


def signs_off(verb: Token) -> bool:
    """Whether a verb's subject comes right after a closing mark ("“…,” Okafor said")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.left_edge.i == 0:
        return False
    before = verb.doc[subj.left_edge.i - 1]
    return before.text in CLOSING_MARKS


def presents(tok: Token) -> bool:
    """ "'s" in "Here's Dahl in 1992:": the verb presenting whose words follow (the tagger
    takes it for a particle)."""
    doc = tok.doc
    return tok.lower_ in ("'s", "’s") and tok.i > 0 and doc[tok.i - 1].lower_ == "here"


def document_aside(cue: Token, speaker: Token | None, outer: Token) -> bool:
    """Whether a document's verb of saying lies in a relative clause below ``outer``: the
    words are the document's, not those of the verb's subject above ("Mukasey criticized
    the email use, which an inquiry said was “extremely careless”"): ``speaker`` is the
    verb's subject."""
    if speaker is None or str(speaker.lemma_).lower() not in DOCUMENTS:
        return False
    node = cue
    while node.head.i != node.i and node.i != outer.i:
        if node.dep_ == "relcl":
            return True
        node = node.head
    return False


def demonstrative(tok: Token | None) -> bool:
    """ "that", "this": never a speaker ("it" may stand for an organization)."""
    return tok is not None and tok.lower_ in DEMONSTRATIVES - {"it"}


def words_owner(ctx: Context, noun: Token, nouns: frozenset[str] = SAYING_NOUNS) -> Token | None:
    """The owner of a noun of saying the fragment hangs from: "Clinton" in "Clinton's
    assertion of a “claim”", "his" in "his call for a “deportation force”" (``nouns``: the
    lemmas that count)."""
    if noun.pos_ != "NOUN" or str(noun.lemma_).lower() not in nouns:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or not usable_subject(ctx, owner):
        return None
    named = speaker_like(owner) or person_like(owner)  # "Clinton's", "the mayor's"
    return owner if named or owner.lower_ in ("his", "her") else None


def claim_owner(ctx: Context, verbs: Sequence[Token]) -> Token | None:
    """The owner of a noun of saying or answering that is the subject of "is that" among
    ``verbs``: "Lund" in "Lund's claim is that the committee is a “witch hunt”", "the
    senator" in "the senator's answer was that “…”" (see :func:`words_owner`)."""
    for verb in verbs:
        if verb.lemma_ == "be" and any(c.dep_ == "ccomp" for c in verb.children):
            subj = subject_of(verb)
            owner = words_owner(ctx, subj, ANSWERS) if subj is not None else None
            if owner is not None:
                return owner
    return None


def candidate_cues(ctx: Context, qi: int, toks: Sequence[Token]) -> Iterator[Token]:
    """Verbs outside the quotation linked to it in the parse, nearest link first.

    Only words of the quotation's own paragraph count: a caller's Doc is parsed whole, and
    its parse can link a quotation to a verb of the next paragraph.
    """
    inside = {t.i for t in toks}
    seen: set[int] = set()
    para = ctx.para_of(ctx.quotes[qi])
    for tok in toks:
        # upward: the clause the quotation hangs from
        node = tok
        steps = 0
        while node.head is not node and steps < 10:
            node = node.head
            steps += 1
            if node.i in inside or not para.start <= ctx.base(node) < para.end:
                break
            if ctx.inside(node) is not None:
                continue  # a word of another quotation ("a “liar” and a “bully”")
            if node.i not in seen:
                seen.add(node.i)
                yield node
            for child in node.children:  # "…, according to X" hangs from the clause
                if child.i in seen or ctx.inside(child) is not None:
                    continue
                if child.lower_ == "according" or child.dep_ == "parataxis":
                    seen.add(child.i)  # or an inserted "X said," does
                    yield child
        # downward: a "he said" attached to a word of the quotation
        for child in tok.children:
            if child.i in inside or child.i in seen or ctx.inside(child) is not None:
                continue
            if time_clause(child):
                continue  # "“That makes me smart,” when Clinton blasted him": not the frame
            if para.start <= ctx.base(child) < para.end:
                seen.add(child.i)
                yield child
