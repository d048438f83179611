"""The rules of interviews: who asks and who answers in a Q&A, whose words carry no marks.

:func:`~quoteattr._quotations.read_interview` reads the questions and answers from the text;
these two rules, tried before every other, give them their speakers:

``qa_answer``
    An answer, and each paragraph after it up to the next question, is the interviewee's:
    the name of an answer label (``JANE ROE: …``), or else the person the introduction is
    about (the one it names most, those it names as answering or being spoken to first:
    "… spoke to council leader Jane Roe", "Jane Roe, the council leader, answered readers'
    questions"; never the reporter), or, when it names nobody, the description it gives
    ("readers put their questions to the council leader") or the one the questions give
    ("you were elected as council leader").
``qa_question``
    A question is the reader's who signs it (``… Jane R, Fulford``), or else the
    interviewer's, when the introduction names one reporter.

Both decide even when they find no speaker: a question or an answer is a quotation of its
own, never a continuation of a quotation before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._attribution import Attribution, Found, rule
from ._context import Context
from ._lexicon import SUBJECT_DEPS
from ._mentions import mention_bounds
from ._quotations import INTRO_PARAGRAPHS, interview_role, named_label, unmarked
from ._roles import is_person_noun, is_title_word
from ._syntax import has_letter

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["INTERVIEW_RULES", "qa_answer", "qa_question"]

JOURNALISTS = frozenset(
    """
    reporter writer journalist editor correspondent columnist interviewer host presenter
    producer blogger contributor
    """.split()
)
"""Role words of the person who asks: never the interviewee."""

_TO_VERBS = frozenset("speak talk chat sit catch put pose send submit turn".split())
"""Verbs whose "to" or "with" names the person who answers ("spoke to X", "put to X")."""

_ASKED_VERBS = frozenset("interview ask quiz grill question meet join".split())
"""Verbs whose object answers ("we asked X")."""

_ANSWER_VERBS = frozenset("answer respond reply field face take tackle address".split())
"""Verbs whose subject answers ("X answered readers' questions")."""


def _gate(ctx: Context, qi: int, att: Attribution) -> bool:
    """The speaker's mention lies outside the quoted words (a label precedes them)."""
    q = ctx.quotes[qi]
    return att.speaker is None or not q.start <= ctx.base(att.speaker) < q.end


def _first_part(ctx: Context, qi: int) -> int:
    """The first part of the question or answer ``qi`` belongs to."""
    while (prev := ctx.quotes[qi].continues) is not None and prev in ctx.by_start:
        qi = ctx.by_start[prev]
    return qi


def _role(ctx: Context, qi: int) -> str | None:
    if not unmarked(ctx.quotes[qi]):
        return None
    return interview_role(ctx.quotes[_first_part(ctx, qi)].open_mark)


@rule(0.8, gate=_gate)
def qa_answer(ctx: Context, qi: int) -> Found | None:
    """An interview's answer: the interviewee's words (see the module documentation)."""
    if _role(ctx, qi) != "answer":
        return None
    first = ctx.quotes[_first_part(ctx, qi)]
    if named_label(first.open_mark):
        words = [t for t in ctx.tokens(first.mark_start, first.start) if has_letter(t)]
        if words:  # "JANE ROE: …"
            return Found(speaker=words[-1])
    return Found(speaker=_interviewee(ctx))


@rule(0.8, gate=_gate)
def qa_question(ctx: Context, qi: int) -> Found | None:
    """An interview's question: the signing reader's, or the interviewer's."""
    if _role(ctx, qi) != "question":
        return None
    last = qi
    while last + 1 < len(ctx.quotes) and ctx.quotes[last + 1].continues == ctx.quotes[last].start:
        last += 1
    q = ctx.quotes[last]
    para = ctx.para_of(q)
    signer = _signer(ctx, q.end, para.end)
    if signer is None and q.paragraph + 1 < len(ctx.paras):
        nxt = ctx.paras[q.paragraph + 1]
        if not ctx.by_para.get(nxt.index):  # the signature on a line of its own
            signer = _signer(ctx, nxt.start, nxt.end)
    return Found(speaker=signer if signer is not None else _interviewer(ctx))


def _signer(ctx: Context, start: int, end: int) -> Token | None:
    """The name of a signature ``Jane R, Fulford`` in ``[start, end)``: its last word."""
    names: list[Token] = []
    for tok in ctx.outside(start, end):
        if tok.is_punct and tok.text == ",":
            break
        if has_letter(tok) and tok.text[:1].isupper():
            names.append(tok)
    return names[-1] if names else None


# --- the introduction --------------------------------------------------------------------------


def _introduction(ctx: Context) -> list[Token]:
    """The parsed words of the introduction, outside quotations."""
    first = next(
        (q.paragraph for i, q in enumerate(ctx.quotes) if _role(ctx, i) == "question"), None
    )
    if not first:
        return []
    lo = ctx.paras[max(0, first - INTRO_PARAGRAPHS)].start
    return ctx.outside(lo, ctx.paras[first - 1].end)


def _name_end(tok: Token) -> bool:
    """The last word of a person's name ("the Gazette", with its article, is none)."""
    doc = tok.doc
    if tok.ent_type_ != "PERSON" or not has_letter(tok):
        return False
    if any(c.dep_ == "det" for c in tok.children):
        return False
    return tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I"


def _journalist(tok: Token) -> bool:
    """A reporter: "our reporter Tom Ellis", "Tom Ellis, a columnist,"."""
    lo, _ = mention_bounds(tok)
    words = [t for t in tok.doc[lo : tok.i] if t.pos_ in ("NOUN", "PRON", "PROPN")]
    words += [c for c in tok.rights if c.dep_ == "appos"]
    return any(str(t.lemma_).lower() in JOURNALISTS or t.lower_ == "our" for t in words)


def _frame(tok: Token) -> bool:
    """Whether a mention stands where the person who answers stands: "spoke to X", "asked
    X", "X answered"."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("to", "with"):
        return str(head.head.lemma_) in _TO_VERBS
    if tok.dep_ == "dobj":
        return str(head.lemma_) in _ASKED_VERBS
    return tok.dep_ in SUBJECT_DEPS and str(head.lemma_) in _ANSWER_VERBS


def _spoke_to_press(tok: Token) -> bool:
    """A subject who spoke to a reporter or a paper: "she spoke with our reporter Tom
    Ellis", "Ana Pereira talked to the Gazette", "he spoke to us"."""
    if tok.dep_ not in SUBJECT_DEPS or str(tok.head.lemma_) not in _TO_VERBS:
        return False
    for prep in tok.head.children:
        if prep.lower_ in ("to", "with"):
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if _journalist(obj) or not (_name_end(obj) or _role_noun(obj)):
                    return True
    return False


def _people(ctx: Context) -> tuple[dict[str, list[Token]], dict[str, float], set[str]]:
    """The people the introduction names, by the last word of the name: their mentions,
    their scores (a mention, a pronoun subject after it, two for a place of the one who
    answers) and which of them are reporters."""
    mentions: dict[str, list[Token]] = {}
    score: dict[str, float] = {}
    reporters: set[str] = set()
    latest: str | None = None
    for tok in _introduction(ctx):
        if tok.lower_ in ("he", "she") and tok.dep_ in SUBJECT_DEPS:
            key = latest
        elif _name_end(tok):
            key = latest = tok.text
            mentions.setdefault(key, []).append(tok)
            if _journalist(tok):
                reporters.add(key)
        else:
            continue
        if key is not None:
            score[key] = score.get(key, 0.0) + 1 + 2 * (_frame(tok) or _spoke_to_press(tok))
    return mentions, score, reporters


def _interviewee(ctx: Context) -> Token | None:
    """The person who answers, as the introduction or the questions give them."""
    mentions, score, reporters = _people(ctx)
    best = None
    for key in mentions:  # first named first, among equals
        if key not in reporters and (best is None or score[key] > score[best]):
            best = key
    if best is not None:
        return mentions[best][0]
    for tok in _introduction(ctx):
        if _role_noun(tok) and _frame(tok):
            return tok  # "readers put their questions to the council leader"
    return _described_in_questions(ctx)


def _interviewer(ctx: Context) -> Token | None:
    """The reporter the introduction names, when it names one."""
    mentions, _, reporters = _people(ctx)
    return mentions[next(iter(reporters))][0] if len(reporters) == 1 else None


def _role_noun(tok: Token) -> bool:
    """One person's role: "the council leader", not "readers" or "our reporter"."""
    lemma = str(tok.lemma_).lower()
    return (
        tok.pos_ == "NOUN"
        and tok.tag_ == "NN"
        and (is_person_noun(lemma) or is_title_word(lemma))
        and lemma not in JOURNALISTS
    )


def _described_in_questions(ctx: Context) -> Token | None:
    """The role a question gives the person it asks: "You were elected as council leader",
    "As council leader, are you …"."""
    for qi, q in enumerate(ctx.quotes):
        if _role(ctx, qi) != "question":
            continue
        for tok in ctx.tokens(q.start, q.end):
            if tok.dep_ != "pobj" or tok.head.lower_ != "as" or not _role_noun(tok):
                continue
            verb = tok.head.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head  # "thrown in at the deep end as council leader"
            if any(c.dep_ in SUBJECT_DEPS and c.lower_ == "you" for c in verb.children):
                return tok
    return None


INTERVIEW_RULES = (qa_answer, qa_question)
"""The rules of interviews, tried before the other local rules."""
