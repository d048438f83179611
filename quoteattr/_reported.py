"""Reported (indirect) speech: who said what, without quotation marks.

With ``include_indirect=True`` quoteattr also returns :class:`~quoteattr.model.Quote` objects
of ``kind="indirect"``: what a speaker is reported to have said or written, in the
reporter's words ("Figueroa **said** *the campaign planned to bus in supporters*"). The
quote's ``text``/``start``/``end`` are the reported clause (without a leading "that"), its
``cue`` the verb of saying or "according to", and its speaker is resolved exactly as for
direct quotations.

Only speech and writing count (:func:`quoteattr.cues.speech_lemmas`): the reporting verbs
of the cue lexicon and :data:`~quoteattr.cues.REPORTING_ONLY`, except those of belief,
wish, feeling, finding, evaluation and command (:data:`~quoteattr.cues.NOT_SPEECH`). The
line is PolNeAR's.

Each pattern is a small named rule (a :class:`~quoteattr._attribution.Rule`) tried on every
parsed token outside the quotations, the first that matches deciding (see :data:`RULES`):

``according_to_clause``
    "According to X, S." and "S, according to X." ("according to data from X": X).
``said_that``
    "X said (that) S", "X told reporters S", "X told a meeting of Y that S", "X's
    spokesperson said S", "X asked if S", "X called for Y to V", "X said S1 and that S2" /
    "X said S1, but S2" (one attribution whose content runs over both parts); "X said S1
    and called on Y …" is two.
``said_between``
    "S1, X said, S2", "If S1, X argues, S2", "The plan, X said, would cost …", "…, which,
    X said, is full": a verb of saying set off by commas inside the sentence it reports
    (the whole sentence, or the relative clause it interrupts).
``trailing_said``
    "S, X said." (every clause before the verb of saying).
``as_said``
    "As X pointed out, S."
``speech_object``
    "X announced Y", "X called for Y", "X urged Y to V", "X accused Y of V-ing", "X called
    Y Z", "X pointed to Y", "X agreed to V": the object and its complements.

Where the content stops: a trailing non-restrictive aside (", which …", ", V-ing …"), a
closing concession (", although …"), a joined clause with another speaker's verb of saying
and the occasion of saying ("during the debate", "in a statement") are left out.

What is no one's reported speech: a verb of saying that is the non-finite complement of
another word ("declined to say", "was quick to deny"), a passive with no agent ("It was
announced that S", "Residents were told S", "Asked about Y, X said …": the asker is not
named), a verb whose particle makes it another ("called off", "called up"). A reported
clause needs a speaker: a rule that finds no subject finds nothing. "Asked by X if S" is
X's question. A participle of saying the parser hung inside another's reported clause ("X
said S, adding that S2") is X's. A few slips of the parser are read through: a complement
hung as an adverbial ("said after the vote he would stay"), a verb tagged as a noun, a name
taken for an adverb ("Jolly said S"), a subject taken for an object ("demanding the
council make a pledge"). A clause whose subject is the noun outside it ("Everything X says
is a lie") is the reporter's sentence. A restrictive relative clause that picks out a poll group
("voters who say S") attributes nothing, and an attribution inside another's content is
reported once, as the outer one.

A reported clause never overlaps a direct quotation: one that runs into a quotation ("If
the council agrees, she said, “…”") is that quotation's attribution and is not returned,
and one that still overlaps a quotation as returned is dropped (in :mod:`quoteattr._build`).
One that holds a quotation, in double or single marks, or starts inside one ("X said the
plan was “a disaster”"), is that quotation's attribution: the quotation comes back as a
``partial`` quote with the same speaker and cue, and no ``indirect`` quote repeats it
(measured on PolNeAR, where such attributions are quotations, repeating them cost 0.08 of
precision and won nothing). With ``indirect_around_partial=True`` the clause is returned
too, overlapping the partial quote, with the same cue (the link between the two) and
speaker.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ._attribution import Attribution, Found, Rule, cue_at, rule
from ._context import Context
from ._lexicon import DASHES, HYPHEN
from ._syntax import relative_pronoun, subject_of
from .cues import cue_lemma, speech_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "OBJECT_CUES",
    "RULES",
    "according_to_clause",
    "as_said",
    "find_reported",
    "said_between",
    "said_that",
    "speech_object",
    "trailing_said",
]

_TRIM = {"that", "for"}
_SPEECH_PARTICLES = frozenset({"on", "upon", "out"})
_QUESTION = frozenset({"ask", "question", "wonder", "inquire"})
_RELATIVE = {"which", "who", "whose", "whom"}
_GROUPS = frozenset(
    """
    voter respondent those people percent majority minority half third quarter share
    number proportion plurality adult resident american democrat republican independent
    """.split()
)
_CONDITION = {"if", "unless", "because"}


def _complementizer(tok: Token) -> bool:
    """A leading "that" (or the "for" of "called for X to act") that only joins the clause
    (the parser sometimes takes it for an adverb: "reported at the time that S")."""
    if tok.lower_ not in _TRIM:
        return False
    return tok.dep_ == "mark" or (tok.lower_, tok.dep_) == ("that", "advmod")


def _direct_marks(ctx: Context) -> list[tuple[int, int]]:
    return [(q.mark_start, q.mark_end) for q in ctx.quotes if not ctx.embedded(q) and q.depth == 0]


def _span(ctx: Context, toks: Iterable[Token], clause: bool = True) -> tuple[int, int] | None:
    """The character span of content tokens: leading "that" and edge punctuation trimmed,
    cut where a direct quotation starts, kept within one paragraph. A ``clause`` must hold
    a verb."""
    seq = sorted(toks, key=lambda t: t.i)
    while seq and (seq[0].is_punct or seq[0].is_space or _complementizer(seq[0])):
        seq = seq[1:]
    if not seq:
        return None
    start = ctx.base(seq[0])
    direct = _direct_marks(ctx)
    if any(a <= start < b for a, b in direct):
        return None
    para_end = ctx.paras[bisect.bisect_right(ctx.para_ends, start)].end
    limit = min([a for a, _ in direct if a >= start] + [para_end])
    kept = [t for t in seq if ctx.base(t) < limit]
    if limit < para_end and any(not t.is_punct for t in seq if ctx.base(t) >= limit):
        return None  # the clause runs into a quotation: the attribution is the quotation's
    while kept and (
        ((kept[-1].is_punct or kept[-1].is_space) and kept[-1].text not in ")]")
        or kept[-1].dep_ == "cc"
    ):
        kept.pop()
    if not kept:
        return None
    if clause and not any(t.pos_ in ("VERB", "AUX") for t in kept):
        return None
    if not clause and (len(kept) < 2 or not any(t.pos_ in ("NOUN", "PROPN") for t in kept)):
        return None
    end = ctx.base(kept[-1]) + len(kept[-1].text)
    if not ctx.around_partial and any(a < end and start < b for a, b in ctx.marks):
        return None  # a quotation inside: the attribution is the quotation's (see above)
    return (start, end) if end - start >= 3 else None


def _speech_cue(ctx: Context, tok: Token) -> str | None:
    """The lemma of a verb of saying that reports someone's speech, or ``None``."""
    lemma = cue_lemma(tok, speech_lemmas(ctx.lexicon)) or _verb_tagged_noun(tok)
    if lemma is None or lemma.split()[0] not in speech_lemmas(ctx.lexicon):
        return None
    if _unperformed(tok) or _unattributed(tok) or _other_particle(tok, lemma):
        return None
    return lemma


def _verb_tagged_noun(tok: Token) -> str | None:
    """ "Trump claims that S" with *claims* tagged a noun: the parse gives it a subject and
    a clause, as a verb's."""
    deps = {c.dep_ for c in tok.children}
    if tok.pos_ == "NOUN" and "nsubj" in deps and "ccomp" in deps:
        return str(tok.lemma_).lower()
    return None


def _other_particle(tok: Token, lemma: str) -> bool:
    """ "called off the trip", "called up a witness": a particle that makes the verb
    another, which says nothing (but "called on", "called out", "pointed out")."""
    return any(
        c.dep_ == "prt" and c.lower_ not in _SPEECH_PARTICLES and " " not in lemma
        for c in tok.children
    )


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)


def _clause(verb: Token, after: bool = False) -> Token | None:
    """The clausal complement of a verb of saying: its ``ccomp`` (with ``after``, one after
    the verb), or a clause the parser hung as an adverbial that is really the complement
    ("asked if S", "questioned whether S", "called for X to act", "said after the vote he
    would stay")."""
    clause = next(
        (c for c in verb.children if c.dep_ == "ccomp" and (c.i > verb.i or not after)), None
    )
    if clause is not None:
        return clause
    lemma = str(verb.lemma_).lower()
    for child in verb.rights:
        if child.dep_ != "advcl":
            continue
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if marks & {"if", "whether"} and lemma in _QUESTION:
            return child
        if "for" in marks and lemma == "call":
            return child
        if not marks and _has_subject(child) and _finite(child) and not _of_time(child):
            if _relative_subject(child):
                continue  # "complained to the school - which has a roll of 200 -": an aside
            return child
    return _that_clause_as_relative(verb) if after else None


def _relative_subject(clause: Token) -> bool:
    """Whether a clause's subject is a relative pronoun ("which has …", "who runs …")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE for c in clause.children)


_COMPLETE = frozenset({"dobj", "ccomp", "attr", "acomp", "xcomp", "oprd", "auxpass"})
_TOLD = frozenset({"tell", "inform", "assure", "remind", "warn"})
_OBJECT_PATH = frozenset({"dobj", "dative", "pobj", "prep", "npadvmod"})


def _near(verb: Token, rel: Token) -> bool:
    """Whether a relative clause hangs on the verb's object or a phrase of the verb, at
    most three steps from it ("told [a meeting [of [leaders]]]")."""
    path = rel.head
    for _ in range(3):
        if path.dep_ not in _OBJECT_PATH:
            return False
        path = path.head
        if path.i == verb.i:
            return True
    return False


def _that_clause_as_relative(verb: Token) -> Token | None:
    """ "told a meeting of leaders that few people understood Y", "reported at the time
    that S", "telling the meeting the site was sold" parsed with the complement as a
    relative clause of the noun before it: a clause with a subject and an object or
    complement of its own (so it lacks nothing the noun could fill, as "the leaders that
    she met" does), hung on the verb's object or on a phrase of the verb, with no verb
    or comma between the noun and the clause. Without "that", only right after the one
    told."""
    for tok in verb.rights:
        if tok.dep_ not in _OBJECT_PATH:
            continue
        for rel in tok.subtree:
            if rel.dep_ != "relcl" or rel.head.i > rel.left_edge.i or not _finite(rel):
                continue
            that = rel.left_edge if rel.left_edge.lower_ == "that" else None
            if that is None and not (tok.i == rel.head.i and verb.lemma_ in _TOLD):
                continue
            if that is not None and that.dep_ in ("nsubj", "nsubjpass", "dobj"):
                continue
            between = verb.doc[rel.head.i + 1 : rel.left_edge.i]
            if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in between):
                continue
            if not _near(verb, rel):
                continue
            own = [c for c in rel.children if that is None or c.i != that.i]
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in own) and any(
                c.dep_ in _COMPLETE for c in own
            ):
                return rel
    return None


def _of_time(clause: Token) -> bool:
    """A clause that opens with "when", "where" or "as" ("when she was in office"): it
    says when, not what."""
    first = clause.left_edge
    return first.tag_ == "WRB" or first.lower_ in ("as", "while")


def _finite(verb: Token) -> bool:
    """A verb with a tense of its own ("would stay", "stays", "stayed", "was sold")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in verb.children
    )


def _conditional(clause: Token) -> bool:
    """A condition or reason clause: "if S", "unless S", "because S", "should he win"."""
    if any(c.dep_ == "mark" and c.lower_ in _CONDITION for c in clause.children):
        return True
    first = clause.left_edge
    return first.dep_ == "aux" and first.lower_ in ("should", "had", "were")


def _continues(ctx: Context, verb: Token, clause: Token, conj: Token) -> bool:
    """Whether a clause the parser joined to the verb of saying continues the reported
    clause: "said S1 but that S2", "said S1, but S2" (a contrast with a subject of its own
    and no verb of saying)."""
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
        return True
    between = verb.doc[clause.right_edge.i + 1 : conj.left_edge.i]
    return (
        any(t.lower_ == "but" for t in between)
        and _has_subject(conj)
        and not any(_speech_cue(ctx, t) is not None for t in conj.subtree)
    )


def _runs_on(ctx: Context, clause: Token) -> bool:
    """Whether a second clause the parser hung on the verb of saying, right after the
    first, goes on with it ("a plan in case [its partner] were to turn"): no comma or
    conjunction opens it, and it reports no speech of its own ("…, and 4 in 10 said S")."""
    first = clause.left_edge
    if first.is_punct or first.dep_ == "cc":
        return False
    return not any(_speech_cue(ctx, t) is not None for t in clause.subtree)


def _defines_group(verb: Token) -> bool:
    """ "Voters who say S were divided", "those saying S": a restrictive relative clause
    (no comma before it) that picks out a group by what its members say, in a poll's
    manner; it attributes nothing to anyone."""
    if verb.dep_ not in ("relcl", "acl") or verb.head.i > verb.i:
        return False
    if verb.head.lemma_.lower() not in _GROUPS:
        return False
    left = verb.left_edge.i
    return left > 0 and verb.doc[left - 1].text not in _ASIDE_OPENERS


def _extracted(verb: Token, clause: Token) -> bool:
    """ "Everything X says is a lie", "a rule they say could exclude Y": a reported clause
    whose subject is the noun outside it (in a relative clause, or as the parser hangs
    "Everything X says"). What it says is the reporter's sentence, not the speaker's."""
    if _has_subject(clause):
        return False
    return verb.dep_ == "relcl" or clause.left_edge.tag_ in ("VBZ", "VBD", "VBP", "MD")


def _subject_as_object(verb: Token, clause: Token) -> Token | None:
    """ "demanding X make a pledge", "said single people would qualify" parsed with the
    clause's subject as the verb's object: that object, which opens the content."""
    if _has_subject(clause):
        return None
    return next(
        (c for c in verb.children if c.dep_ == "dobj" and c.right_edge.i + 1 == clause.left_edge.i),
        None,
    )


def _imperative(verb: Token) -> bool:
    """ "Ask yourself: …": an imperative reports nobody's speech."""
    return verb.tag_ == "VB" and verb.dep_ == "ROOT" and not _has_subject(verb)


def _unattributed(verb: Token) -> bool:
    """A passive with no agent: "It was announced that S", "Residents were told S", "Cruz
    has been asked about the loan", and a question whose asker the text does not name
    ("Asked about the plan, Lopez said …", "… when asked about the loan"). No one is
    given these words, so they are no one's reported speech."""
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return (
        verb.lemma_.lower() in _QUESTION
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children)
    )


def _content(ctx: Context, clause: Token) -> list[Token]:
    """A reported clause's tokens, without the clauses joined to it that are not the
    speaker's: another speaker's reported speech ("…, and 4 in 10 said …") and a contrast
    in the reporter's voice ("…, but for Republicans it is …"). A clause joined with
    "that" ("… but that S2") is still the speaker's. A non-restrictive relative clause or
    participle at the end (", which votes in March", ", putting them ahead") is the
    reporter's aside and is left out too."""
    drop: set[int] = set()
    for conj in clause.children:
        if conj.dep_ != "conj":
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
            continue  # "S1 but that S2": still the speaker's
        if _speech_cue(ctx, conj) is not None and conj.tag_ not in ("VBG", clause.tag_):
            # "S1 and called on Y …": another attribution of the same speaker
            drop.update(t.i for t in conj.subtree)
            drop.update(t.i for t in clause.children if t.dep_ == "cc" and t.i < conj.i)
            continue
        if not _has_subject(conj):
            continue
        ccs = {c.lower_ for c in conj.children if c.dep_ in ("cc", "mark")}
        prev = conj.doc[conj.left_edge.i - 1] if conj.left_edge.i > 0 else None
        if prev is not None and prev.dep_ == "cc":
            ccs.add(prev.lower_)
        if "that" in ccs:
            continue
        cued = any(_speech_cue(ctx, t) is not None for t in conj.subtree if t.i <= conj.i)
        if cued:
            drop.update(t.i for t in conj.subtree)
            drop.update(t.i for t in clause.children if t.dep_ == "cc" and t.i < conj.i)
    toks = [t for t in clause.subtree if t.i not in drop]
    return _drop_aside(toks)


def _drop_aside(toks: list[Token]) -> list[Token]:
    """Leave out a trailing ", which …" / ", who …" relative clause, ", V-ing …" participle
    or ", the …" apposition to the noun before the comma (": … did not support Mr. Roe,
    the front-runner")."""
    if not toks:
        return toks
    last = toks[-1].i
    for k, tok in enumerate(toks[1:], 1):
        if toks[k - 1].text != "," or tok.i != toks[k - 1].i + 1:
            continue
        head = tok
        while head.head.i != head.i and head.head.i >= tok.i and head.head.i <= last:
            head = head.head
        aside = (
            (tok.lower_ in _RELATIVE and head.pos_ in ("VERB", "AUX"))
            or (head.dep_ in ("advcl", "acl") and head.i == tok.i and tok.tag_ == "VBG")
            or _apposition(tok, head)
        )
        if aside and head.right_edge.i >= last - 1:
            return toks[: k - 1]
    return toks


def _apposition(first: Token, head: Token) -> bool:
    """A noun phrase opened by an article that the parser set beside the noun before it
    (", the presumed favourite", ", a tax on land"), not one item of a list ("Paris, the
    Loire and Lyon"): the reporter's description, not the speaker's words."""
    return (
        head.dep_ == "appos"
        and head.head.i < first.i
        and first.tag_ == "DT"
        and first.lower_ in ("the", "a", "an")
        and not any(t.dep_ == "cc" for t in head.subtree)
    )


def _agent(verb: Token) -> Token | None:
    """The "by X" of a passive ("Asked by the host if S")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _reporting_verb(ctx: Context, verb: Token) -> Token:
    """The verb whose speaker says ``verb``: itself, or for a participle of saying the parser
    hung inside another's reported clause ("X said S, adding that S2", with "adding" on
    S's verb) the verb of saying whose clause holds it."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or _has_subject(verb):
        return verb
    head = verb.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "ccomp" and _speech_cue(ctx, head.head) is not None:
        return head.head
    return verb


_CONCESSIVE = frozenset({"although", "though", "whereas"})


def _drop_concession(ctx: Context, toks: list[Token]) -> list[Token]:
    """Leave out a closing concession ("…, although the chief executive said S2", "…, though
    he gave no date"): the reporter's contrast, often with another's words; and a closing
    "while" clause that reports someone else ("…, while 22 percent said S2")."""
    end = next((t.i for t in reversed(toks) if not t.is_punct), -1)
    for k, tok in enumerate(toks):
        if tok.dep_ != "mark" or tok.head.dep_ != "advcl":
            continue
        clause = tok.head
        if tok.lower_ not in _CONCESSIVE and not (
            tok.lower_ == "while" and _has_subject(clause) and _speech_cue(ctx, clause) is not None
        ):
            continue
        if k > 0 and tok.i == clause.left_edge.i and clause.right_edge.i >= end:
            return toks[:k]
    return toks


_NOT_SUBJECT = frozenset({"advmod", "nummod", "npadvmod", "nmod", "dep", "compound"})


def _misparsed_subject(verb: Token) -> Token | None:
    """The word right before a finite verb of saying with no subject, that the parser took
    for a modifier: a name ("Jolly said S", *Jolly* an adverb) or a number ("About 4 in 10
    say S")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    left = next((c for c in verb.lefts if c.right_edge.i == verb.i - 1), None)
    if left is None or left.dep_ not in _NOT_SUBJECT:
        return None
    if left.pos_ in ("PROPN", "NUM") or (left.is_title and left.pos_ != "PRON"):
        return left
    return None


def _subject(ctx: Context, verb: Token) -> Token | None:
    """The speaker's head: the verb's subject, or the agent of a passive."""
    verb = _reporting_verb(ctx, verb)
    subj = _agent(verb) or subject_of(verb) or _misparsed_subject(verb)
    if subj is None or subj.is_punct or ctx.inside(subj) is not None:
        return None
    return subj


_ASIDE_OPENERS = DASHES | {",", "("}


def _found(
    ctx: Context, tok: Token, lemma: str, speaker: Token | None, span: tuple[int, int]
) -> Found:
    """What a rule found: the cue at ``tok``, the speaker, the reported span."""
    return Found(speaker=speaker, cue=cue_at(ctx, tok, lemma, phrase=True), content=span)


_DATA = frozenset("data datum figure statistic number record estimate count tally".split())


def _behind_data(source: Token | None) -> Token | None:
    """ "according to data from X", "figures released by X": the source is X."""
    if source is None or source.lemma_.lower() not in _DATA or source.pos_ == "PROPN":
        return source
    for prep in source.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "by"):
            return next((c for c in prep.children if c.dep_ == "pobj"), source)
        if prep.dep_ == "acl":  # "data released by X"
            agent = _agent(prep)
            if agent is not None:
                return agent
    return source


@rule(0.85)
def according_to_clause(ctx: Context, tok: Token) -> Found | None:
    """ "According to X, S." / "S, according to X.": X is the speaker, S the clause."""
    if tok.lower_ != "according":
        return None
    source = _behind_data(subject_of(tok))
    head = tok.head
    if source is None or head.i == tok.i or ctx.inside(source) is not None:
        return None
    drop = {t.i for t in tok.subtree}
    toks = [t for t in _content(ctx, head) if t.i not in drop]
    # the clause on one side of the "according to" phrase
    before = [t for t in toks if t.i < tok.i]
    after = [t for t in toks if t.i > tok.right_edge.i]
    part = after if len(after) >= len(before) else before
    span = _span(ctx, part)
    if span is None:
        return None
    return _found(ctx, tok, "according to", source, span)


@rule(0.85)
def said_that(ctx: Context, tok: Token) -> Found | None:
    """ "X said (that) S", "X told reporters S", "X's spokesperson said S"."""
    if _imperative(tok) or _defines_group(tok):
        return None
    lemma = _speech_cue(ctx, tok)
    clause = _clause(tok, after=True) if lemma is not None else None
    if lemma is None or clause is None or clause.i < tok.i:
        return None
    lead = _subject_as_object(tok, clause)
    speaker = _subject(ctx, tok)
    if speaker is None or (lead is None and _extracted(tok, clause)):
        return None
    toks = [*(lead.subtree if lead is not None else ()), *_content(ctx, clause)]
    for child in tok.rights:
        if child.i < clause.i:
            continue
        if child.dep_ in ("advcl", "ccomp") and child.left_edge.i == clause.right_edge.i + 1:
            # "… if he loses", "… should he win": hung on the verb
            if _conditional(child) or (child.dep_ == "ccomp" and _runs_on(ctx, child)):
                toks += list(child.subtree)
        elif child.dep_ == "conj" and _continues(ctx, tok, clause, child):
            toks += [t for t in tok.subtree if clause.right_edge.i < t.i <= child.right_edge.i]
    span = _span(ctx, _drop_concession(ctx, toks))
    if span is None:
        return None
    return _found(ctx, tok, lemma, speaker, span)


def _comma_between(doc: Any, a: int, b: int) -> bool:
    return any(doc[i].text in _COMMAS for i in range(a, b))


@rule(0.8)
def trailing_said(ctx: Context, tok: Token) -> Found | None:
    """ "S, X said." (and "S1, X said, S2"): the reported clause around the verb of saying."""
    lemma = _speech_cue(ctx, tok)
    if lemma is None or tok.dep_ in ("relcl", "acl", "amod", "advcl"):
        return None
    speaker = _subject(ctx, tok)
    if speaker is None or not tok.i - 6 <= speaker.i <= tok.i + 6:
        return None
    doc = tok.doc
    clause = _clause(tok)
    if clause is not None and clause.i < tok.i:
        # every clause before the verb ("S1, but S2, X said"), with what joins them
        lefts = [c for c in tok.lefts if c.dep_ == "ccomp"]
        first, last = lefts[0].left_edge.i, lefts[-1].right_edge.i
        toks = [t for t in _content(ctx, clause) if t.i < tok.i]
        if len(lefts) > 1:
            toks = [t for t in doc[first : last + 1] if t.i < min(tok.i, speaker.i)]
        if not toks or not _comma_between(doc, toks[-1].i, min(tok.i, speaker.i)):
            return None
        toks += _resumed(ctx, tok)
    elif tok.dep_ in ("parataxis", "ccomp") and _has_subject(tok.head):
        # the parser hung "X said" from the reported clause
        if not _comma_between(doc, tok.left_edge.i - 1, tok.left_edge.i + 1):
            return None
        drop = {t.i for t in tok.subtree}
        toks = [t for t in _content(ctx, tok.head) if t.i not in drop] + _resumed(ctx, tok)
    else:
        return None
    span = _span(ctx, _drop_concession(ctx, _after_dateline(sorted(toks, key=lambda t: t.i))))
    if span is None:
        return None
    return _found(ctx, tok, lemma, speaker, span)


def _set_off(tok: Token, speaker: Token, inside: set[int]) -> tuple[int, int] | None:
    """The commas (or dashes) around a verb of saying and the words that hang on it, inside
    a sentence that goes on around them ("S1, X said on Monday, S2"): their indices, or
    ``None`` when the stretch opens or closes the sentence. A comma inside the speaker's
    words (an apposition: "…, said Jo Roe, an economist, …") does not end it; ``inside``
    holds the indices of the verb's subtree."""
    sent = tok.sent
    own = range(speaker.left_edge.i, speaker.right_edge.i)
    left = tok.i - 1
    while left > sent.start and left in inside:
        if tok.doc[left].text in _COMMAS and left not in own:
            break
        left -= 1
    right = tok.i + 1
    while right < sent.end - 1 and right in inside:
        if tok.doc[right].text in _COMMAS and right not in own:
            break
        right += 1
    if left <= sent.start or right >= sent.end - 2:
        return None
    doc = tok.doc
    return (left, right) if doc[left].text in _COMMAS and doc[right].text in _COMMAS else None


def _after_dateline(toks: list[Token]) -> list[Token]:
    """Words after a dateline ("WASHINGTON — S"): an upper-case place and a dash."""
    for n, t in enumerate(toks[:6]):
        if t.text in DASHES or t.text == HYPHEN:
            if n and all(w.is_upper or w.is_punct for w in toks[:n]):
                return toks[n + 1 :]
            break
    return toks


@rule(0.8)
def said_between(ctx: Context, tok: Token) -> Found | None:
    """ "S1, X said, S2" / "If S1, X argues, S2" / "The plan, she said, would cost …": a verb
    of saying set off by commas inside the sentence it reports, however the parser hung it.
    The reported clause is the sentence but the verb and its speaker (from a relative
    pronoun the verb interrupts: "…, which, X said, is full"). Not when the words after
    it hang on the verb ("…, X said, citing a poll", "…, as they left") or the verb's
    stretch holds the sentence's only clause ("A critic of Y, X likened Y to Z, which …"),
    nor when another verb of saying is in the rest. An "as" clause set off inside the
    sentence is one too when the parser hung it on a noun ("The bridge, as the mayor
    noted, closes every winter"); on a verb it is :func:`as_said`'s."""
    if tok.dep_ in ("relcl", "acl", "amod", "xcomp", "pcomp") or any(
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "mark" and c.lower_ != "as")
        for c in tok.children
    ):
        return None
    marked = any(c.dep_ == "mark" for c in tok.children)
    if _as_with_object(tok) or (marked and tok.head.pos_ in ("VERB", "AUX")):
        return None  # "…, just as X announced a concert, …"; a verb's "as" clause: as_said
    lemma = _speech_cue(ctx, tok)
    speaker = _subject(ctx, tok) if lemma is not None else None
    inside = {t.i for t in tok.subtree}
    bounds = _set_off(tok, speaker, inside) if speaker is not None else None
    if bounds is None or lemma is None or speaker is None:
        return None
    left, right = bounds
    before = [t for t in tok.sent if t.i < left]
    while before and before[0].dep_ == "cc":
        before = before[1:]
    before = _after_dateline(before)
    relative = [t for t in before if t.lower_ in _RELATIVE and t.head.i > right]
    if relative:
        before = [t for t in before if t.i >= relative[-1].i]
    after = [t for t in tok.sent if t.i > right]
    rest = before + after
    if not before or not left < speaker.i < right:
        return None
    if after[0].i in inside and after[0].dep_ != "cc":
        return None  # "…, X said, citing a poll": a phrase of the verb, not a clause
    if not any(_finite(t) and t.i not in inside for t in rest):
        return None
    if any(_speech_cue(ctx, t) for t in rest):
        return None
    span = _span(ctx, _drop_concession(ctx, rest))
    if span is None:
        return None
    return _found(ctx, tok, lemma, speaker, span)


_RESUMING = frozenset({"prep", "advcl"})
_WHEN = frozenset({"after", "before", "since", "until", "till", "once", "when", "while", "as"})


def _resumed(ctx: Context, verb: Token) -> list[Token]:
    """ "S, X said, including Y" / "S, X said, because S2": the reported clause resumes
    after a verb of saying set off by commas, in a last phrase the parser hung on that
    verb. Not a phrase that says when, where or in what medium ("…, X said, in a
    statement"), a clause without a conjunction or one that says when ("…, X said,
    sitting at the table", "…, two days after the vote"), or another verb of saying
    ("…, X said, adding that S2")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    end = max(verb.i, subj.right_edge.i if subj is not None else verb.i)
    comma = next((c for c in verb.rights if c.i > end and c.text == ","), None)
    if comma is None:
        return []
    after = [c for c in verb.rights if c.i > comma.i and not c.is_punct]
    if len(after) != 1 or after[0].left_edge.i != comma.i + 1:
        return []
    phrase = after[0]
    if phrase.dep_ not in _RESUMING or _speech_cue(ctx, phrase) is not None:
        return []
    if phrase.dep_ == "prep":
        return [] if _occasion(phrase) else list(phrase.subtree)
    marks = {c.lower_ for c in phrase.children if c.dep_ == "mark"}
    if not marks or marks & _WHEN or _of_time(phrase):
        return []  # "…, sitting at the table", "…, two days after the vote"
    return list(phrase.subtree)


def _as_with_object(tok: Token) -> bool:
    """An "as" clause whose verb has an object of its own ("just as X announced a
    concert"): it says when, not what was said."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return False
    preps = _OBJECT_PREPS.get(tok.lemma_.lower(), frozenset())
    return any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "dative") or (c.dep_ == "prep" and c.lower_ in preps)
        for c in tok.children
    )


@rule(0.8)
def as_said(ctx: Context, tok: Token) -> Found | None:
    """ "As X pointed out, S" / "S, as X said": the clause the "as" clause modifies. The
    "as" clause has nothing after its verb (an "as" clause with an object, "just as X
    announced a concert", says when)."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    if _as_with_object(tok):
        return None
    lemma = _speech_cue(ctx, tok)
    speaker = _subject(ctx, tok) if lemma is not None else None
    if lemma is None or speaker is None or speaker.head.i != tok.i:
        return None
    toks = _content(ctx, tok.head)
    before = [t for t in toks if t.i < tok.left_edge.i]
    after = [t for t in toks if t.i > tok.right_edge.i]
    span = _span(ctx, after if len(after) >= len(before) else before)
    if span is None:
        return None
    return _found(ctx, tok, lemma, speaker, span)


OBJECT_CUES = frozenset(
    """
    announce criticize criticise mention propose demand cite predict question
    accuse blame reveal disclose acknowledge admit recommend urge ask pledge vow promise
    call describe tweet repeat reiterate emphasize emphasise stress suggest allege
    indicate estimate concede point comment complain warn inform assure
    say agree note
    """.split()
)
"""Verbs of saying whose object (with what follows it) is what was said: "X announced a
benefit concert in support of Y", "X called for an inquiry", "X urged Congress to act",
"X vowed to fight on", "X accused Y of lying", "X described Y as a threat", "X called Y
a fascist", "X pointed to rising costs", "X asked about the loan".

Not *confirm*, *deny*, *charge*, *post*, *signal* or *tell*: their object is mostly a
topic or a thing ("confirmed the incident", "denied the motion", "posted a photo", "told
him to leave"), not what was said; on PolNeAR train fewer than half of the objects of
each were reported speech."""

_ADDRESSEE = frozenset({"warn", "inform", "assure"})
"""Verbs whose direct object is the one spoken to, not what was said ("told reporters")."""

_OBJECT_PREPS: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "point": frozenset({"to"}),
    "ask": frozenset({"about", "for"}),
    "question": frozenset({"about"}),
    "tweet": frozenset({"about"}),
    "comment": frozenset({"on"}),
    "complain": frozenset({"about"}),
    "warn": frozenset({"of", "about", "against"}),
}
"""Verbs whose content is the object of a preposition ("called for", "pointed to")."""

_NEEDS_MORE = frozenset({"call", "ask"})
"""Verbs whose bare object is no content ("called a meeting", "asked him"): they need a
complement after it ("called Y a fascist", "asked Y to leave")."""

_CONTINUE = frozenset(
    {"dobj", "dative", "oprd", "prep", "xcomp", "ccomp", "acomp", "attr", "advcl", "pcomp"}
)
_FIRST = frozenset({"dobj", "oprd", "xcomp"})
_OCCASION_PREPS = frozenset({"during", "at", "since", "after", "before", "following", "amid"})
_MEDIA = frozenset(
    """
    statement interview speech tweet post letter article email debate rally hearing
    conference call appearance address op-ed column memo report video ad broadcast
    """.split()
)
"""Where things are said: "in a statement", "on a conference call"."""


def _occasion(prep: Token) -> bool:
    """A prepositional phrase that says when, where or in what medium something was said
    ("during a debate", "at the forum", "in a statement", "on Twitter")."""
    if prep.lower_ in _OCCASION_PREPS:
        return True
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ in ("in", "on") and obj is not None and obj.lemma_.lower() in _MEDIA


@rule(0.7)
def speech_object(ctx: Context, tok: Token) -> Found | None:
    """ "X announced S", "X called for S", "X urged Y to S": the content is the object and
    the complements after it, for the verbs of :data:`OBJECT_CUES`; it stops at a comma,
    a conjunction or a clause joined to the verb."""
    lemma = _speech_cue(ctx, tok)
    verb = str(tok.lemma_).lower()
    if lemma is None or verb not in OBJECT_CUES or _imperative(tok):
        return None
    if tok.dep_ in ("amod", "acl", "relcl"):
        return None
    preps = _OBJECT_PREPS.get(verb, frozenset())
    toks: list[Token] = []
    parts: list[str] = []
    first_tag = ""
    for child in tok.rights:
        dep = child.dep_
        if not toks:
            if dep == "prep" and child.lower_ in preps:
                toks += [t for t in child.subtree if t.i != child.i]
                parts.append("prep")
                continue
            if dep == "dobj" and verb in _ADDRESSEE:
                continue  # "told reporters …": the content comes after
            if dep not in _FIRST:
                if dep in ("punct", "cc", "conj", "parataxis", "ccomp"):
                    break
                continue
        elif dep == "cc" and parts:
            continue
        elif (
            dep == "conj"
            and parts
            and child.tag_ in (first_tag, "VBG")
            and not _has_subject(child)
            and _speech_cue(ctx, child) is None
        ):
            pass  # "mentioned refinancing loans and forcing universities …"
        elif (
            dep not in _CONTINUE
            or (dep == "advcl" and child.left_edge.i != toks[-1].i + 1)
            or (dep == "prep" and _occasion(child))
        ):
            break
        if not parts:
            first_tag = child.tag_
        toks += [t for t in child.doc[toks[-1].i + 1 : child.i] if t.dep_ == "cc"] if toks else []
        toks += list(child.subtree)
        parts.append(dep if dep != "xcomp" or child.pos_ in ("VERB", "AUX") else "dobj")
    if not toks or (verb in _NEEDS_MORE and parts == ["dobj"]):
        return None
    if verb in _ADDRESSEE and "xcomp" not in parts and "prep" not in parts:
        return None
    speaker = _subject(ctx, tok)
    if speaker is None:
        return None
    span = _span(ctx, _drop_aside(toks), clause=parts[0] == "xcomp")
    if span is None:
        return None
    return _found(ctx, tok, lemma, speaker, span)


_COMMAS = DASHES | {","}


RULES: tuple[Rule, ...] = (
    according_to_clause,
    said_between,
    said_that,
    trailing_said,
    as_said,
    speech_object,
)
"""The reported-speech rules, in the order they are tried on each token."""


def find_reported(ctx: Context) -> list[Attribution]:
    """Every attribution of reported speech in the parsed paragraphs, in text order."""
    out: list[Attribution] = []
    for tok in ctx.outside_tokens():
        # every rule but "according to" needs a verb of saying: test it once per token
        if tok.lower_ != "according" and _speech_cue(ctx, tok) is None:
            continue
        for each in RULES:
            found = each(ctx, tok)
            if found is not None:
                out.append(attrs.evolve(found, site=relative_pronoun(tok)))
                break
    return out


def _unperformed(tok: Token) -> bool:
    """A verb of saying as the non-finite complement of another word ("declined to say",
    "was quick to deny", "working to confirm", "continues to insist"): an act refused,
    intended or characterised, not speech the text reports."""
    return tok.dep_ == "xcomp"
