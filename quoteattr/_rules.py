"""Attribution: an ordered list of named rules that find each quotation's cue and speaker.

Each rule is a small function of the quotation's index that says what it finds (a
:class:`~quoteattr._attribution.Found`), made a :class:`~quoteattr._attribution.Rule` with
its name and confidence by :func:`local_rule`; what it finds must pass :func:`acceptable`.
The first rule that returns an attribution decides; later, document-level rules
(:class:`DocumentRule`) pass speakers on to quotations that have no attribution of their
own. The rules, in order:

``qa_answer``, ``qa_question``
    The answers and questions of an interview, which carry no marks: the interviewee's,
    the signing reader's or the interviewer's (:mod:`quoteattr._interviews`).
``transcript_label``
    A paragraph that opens with a quotation whose first words are a capitalized speaker
    label, as in interview transcripts: ``"WALLACE: Governor, …`` (the label is the speaker).
``syntactic_cue``
    The quotation hangs in the dependency parse from a reporting verb (directly, or through
    the clause it sits in, for partial quotes), and the speaker is that verb's subject:
    “…,” said X / “…,” X said / X said: “…” / X stressed that … “…”. A participle without
    a subject (“asserting”, “adding”) takes the subject of the clause it modifies.
``according_to``
    “…,” according to X.
``trailing_cue``
    Surface fallback after the closing mark: ``, said X`` / ``, X said``.
``dash_signature``
    A quotation signed after a dash: “…” ― Jorge Falcon.
``leading_cue``
    Surface fallback before the opening mark: ``X said:`` / ``X pointed out,``.
``colon_intro``
    A paragraph that opens with a quotation after a paragraph ending in a colon
    (“The Times reports:”) takes that paragraph's speaker.
``speaker_label``
    A name and a colon before a quotation, with no verb: ``Asha Verma: “…”``.
``after_report``
    A paragraph that is only a quotation, after a paragraph whose last sentence reports
    someone's words (``X said the squad had found its rhythm.``), goes on with that speaker.
``clause_subject``
    A quoted fragment with no verb of saying takes the person who is the subject of its
    clause (“Reid has been pounding Trump as a “con artist””), with a low confidence.

Then the document rules of :mod:`quoteattr._passing` (``multi_paragraph``,
``same_paragraph``, ``continuation``, ``echo``) pass speakers on.

Quotations none of these rules attribute are returned with no speaker when they read as
full utterances, and are taken for scare quotes (``kind="scare"``, left out unless asked
for) when they sit inside a sentence with no reporting frame (see :mod:`quoteattr._build`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from ._attribution import Attribution, Found, Rule, cue_at, rule
from ._context import Context
from ._interviews import INTERVIEW_RULES
from ._lexicon import (
    ANSWERS,
    CALENDAR,
    DASHES,
    DEMONSTRATIVES,
    GROUP_NOUNS,
    HYPHEN,
    TIME_ENTITIES,
)
from ._passing import DOCUMENT_RULES
from ._quotations import after_topic, label_end
from ._syntax import (
    after_apposition,
    any_verb,
    calendar_name,
    candidate_cues,
    claim_owner,
    demonstrative,
    document_aside,
    has_letter,
    heads_above,
    in_time_clause,
    inverted_speaker,
    main_verb,
    makes_utterance,
    not_subordinate,
    np_head_near,
    participle_holder,
    person_like,
    presents,
    relative_pronoun,
    says_more,
    signs_off,
    speaker_like,
    subject_of,
    subordinate,
    thing_owner,
    usable_subject,
    weak_subject,
    words_owner,
)
from .cues import cue_lemma, inverted_cue, noun_frames_quotation, speech_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "LOCAL_RULES",
    "RULES",
    "acceptable",
    "attribute",
    "local_rule",
]


def acceptable(ctx: Context, qi: int, att: Attribution) -> bool:
    """Whether what a rule found has a cue and a speaker outside the quotation itself.

    Stacked or back-to-front unbalanced marks can leave a parse in which the best subject,
    or the reporting verb, lies inside the quotation, and runs of spaces a parse in which
    the speaker is a white-space token; such an attribution is refused and the next rule
    is tried.
    """
    q = ctx.quotes[qi]
    if att.cue is not None and att.cue.start < q.mark_end and q.mark_start < att.cue.end:
        return False
    if att.speaker is None or att.rule == "transcript_label":
        return True
    if att.speaker.is_space:
        return False
    if (att.speaker.ent_type_ in TIME_ENTITIES or att.speaker.lower_ in CALENDAR) and not (
        calendar_name(att.speaker)
    ):
        return False  # "said Tuesday"
    pos = ctx.base(att.speaker)
    return not q.mark_start <= pos < q.mark_end


def local_rule(confidence: float) -> Callable[[Callable[[Context, int], Found | None]], Rule]:
    """Make a function of ``(ctx, quotation index)`` a rule of the quotation's own
    neighbourhood, with this confidence; what it finds must pass :func:`acceptable`."""
    return rule(confidence, gate=acceptable)


def _said(ctx: Context, cue: Token, lemma: str, subj: Token | None) -> Found:
    """What a rule found at a verb of saying: its subject, the cue, and for "X, who said"
    the relative pronoun, the words at the attribution site."""
    site = relative_pronoun(cue)
    return Found(
        speaker=subj,
        cue=cue_at(ctx, cue, lemma),
        site=site if site is not None and subj is not None and subj.i == cue.head.i else None,
    )


# --- reporting verbs linked in the parse --------------------------------------------------


def _linked_cue(ctx: Context, qi: int, according: bool) -> Found | None:
    found = _first_linked_cue(ctx, qi, according)
    if found is None or found.cue is None or according:
        return found
    return _pronoun_host(ctx, qi, found)


def _pronoun_host(ctx: Context, qi: int, found: Found) -> Found:
    """The enclosing clause's subject, for a pronoun speaker that stands for it.

    In "He did not address the tweets in which he called her “disgusting”" or "The group is
    denouncing what it calls “…”", the pronoun of the inner verb of saying refers to the
    subject of the sentence's main clause, the mention a reader takes for the speaker. That
    subject must be the same pronoun, or, for "it" and "they", a noun or name that is not a
    person's.
    """
    pron = found.speaker
    if pron is None or pron.lower_ not in ("he", "she", "it", "they"):
        return found
    lower = pron.lower_
    for steps, (child, node) in enumerate(heads_above(ctx, qi, pron.head, 8), start=1):
        if steps == 1 and child.dep_ == "conj":
            break
        if node.pos_ not in ("VERB", "AUX") or node.dep_ != "ROOT":
            continue  # only the main clause's subject is the one a reader takes
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i == pron.i or not usable_subject(ctx, subj):
            continue
        if subj.lower_ == lower or (
            lower in ("it", "they")
            and subj.pos_ in ("NOUN", "PROPN")
            and not person_like(subj)
            and (subj.pos_ == "PROPN" or subj.lemma_ in GROUP_NOUNS or not weak_subject(subj))
        ):
            return attrs.evolve(found, speaker=subj)
        break  # another subject: the pronoun is not its
    return found


def _first_linked_cue(ctx: Context, qi: int, according: bool) -> Found | None:
    q = ctx.quotes[qi]
    toks = ctx.tokens(q.start, q.end)
    if not toks:
        return None
    first: Found | None = None
    first_cue: Token | None = None
    for cand in candidate_cues(ctx, qi, toks):
        if (cand.lower_ == "according") != according:
            continue
        lemma = "according to" if according else cue_lemma(cand, ctx.lexicon)
        if lemma is None:
            continue
        subj = subject_of(cand)
        if subj is None or not usable_subject(ctx, subj):
            continue
        if weak_subject(subj):
            subj = thing_owner(ctx, cand, subj)
        nearer = _nearer_participle(ctx, qi, cand) if weak_subject(subj) else None
        found = nearer or _said(ctx, cand, lemma, subj)
        if first is not None and demonstrative(first.speaker):
            first = None  # "that", "this" are never speakers: any other subject is better
        if first is None:
            if not weak_subject(subj):
                return _outer_cue(ctx, qi, found, cand) if not according else found
            first, first_cue = found, cand
        elif first_cue is not None and document_aside(first_cue, first.speaker, cand):
            return first  # "X criticized the use, which an inquiry said was “…”"
        elif not weak_subject(subj):
            # "She says it underscores that …", "X said in the letter that the ad suggests …":
            # the thing is the inner subject, the speaker the enclosing one
            return _outer_cue(ctx, qi, found, cand) if not according else found
    return first


def _nearer_participle(ctx: Context, qi: int, cue: Token) -> Found | None:
    """A participle of saying held by a person between a thing's ``cue`` and the quotation:
    "The ad concludes with footage of X saying, “…”" quotes X, not the ad; "urging those
    calling for …" names no one."""
    start = ctx.quotes[qi].mark_start
    for tok in reversed(ctx.outside(ctx.base(cue) + len(cue.text), start, limit=20)):
        if tok.sent != cue.sent or tok.tag_ != "VBG":
            continue
        lemma = cue_lemma(tok, ctx.lexicon)
        if lemma is None:
            continue
        own = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        holder = own or participle_holder(tok)  # "of X saying": X may be its subject
        if holder is None or holder.pos_ == "PRON" or weak_subject(holder):
            continue
        if usable_subject(ctx, holder):
            return _said(ctx, tok, lemma, holder)
    return None


_PATH = frozenset({"ccomp", "xcomp", "advcl", "acl", "prep", "pobj", "pcomp", "dobj", "conj"})
"""Links a reported clause hangs from inside what an outer verb reports."""
_CONTRAST = frozenset({"while", "whereas", "whilst"})
"""Marks of a clause set against another ("…, while Y said …"), in the reporter's voice."""

_CONTENT = frozenset({"ccomp", "prep", "dobj"})
"""Links from an outer verb to what it reports ("said that …", "pointed to reports that …")."""
_SUMMING = frozenset({"nothing", "everything", "anything", "something"})
"""Words that sum up what someone said ("Nothing the minister said “will calm …,” X said"):
the quoted words are the outer speaker's verdict on it."""


def _outer_cue(ctx: Context, qi: int, found: Found, cue: Token) -> Found:
    """The outermost reporting verb above ``cue`` whose subject is a speaker.

    Words quoted inside reported speech are the reporting source's: in "Trump said … that
    Clinton once described the deal as “the gold standard”" or "She said Trump called her
    “Miss Piggy”", the article quotes Trump and her, who in turn report what another said.
    The inner verb must lie in the outer verb's clausal complement (what was said), not in
    a clause of time or manner beside it, a coordinated clause or a relative clause. Only
    verbs of the quotation's own paragraph, outside every quotation, count.
    """
    best = found
    if _trailing_attribution(ctx, qi, found, cue):
        return found
    summed = cue.dep_ == "relcl" and cue.head.lower_ in _SUMMING
    for steps, (child, node) in enumerate(heads_above(ctx, qi, cue, 12), start=1):
        through = summed and steps <= 2 and child.dep_ in ("relcl", "nsubj", "dep")
        if not through and (child.dep_ not in _PATH or (steps == 1 and child.dep_ == "conj")):
            break  # "meddling the congressman said is …", "… and Y replied, “…”"
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONTRAST for c in child.children
        ):
            break  # "X suggested S, while Y said that “…”": Y's words, not X's
        if child.dep_ == "prep" and child.lower_ in ("with", "without"):
            break  # "X denied it, with Y taking to Twitter to call Z “…”": Y's words
        lemma = cue_lemma(node, ctx.lexicon)
        if lemma is not None and child.dep_ == "advcl" and signs_off(node):
            break  # "“…,” Okafor said, adding that …": who adds is who said
        if lemma is None or not (through or child.dep_ in _CONTENT):
            continue  # "as Trump went on about “…”, Melanie said": not what Melanie said
        subj = subject_of(node)
        if usable_subject(ctx, subj) and not weak_subject(subj):
            best = _said(ctx, node, lemma, subj)
    return best


def _trailing_attribution(ctx: Context, qi: int, found: Found, cue: Token) -> bool:
    """ "Comey cannot say that “…,” Lewandowski added": a cue whose subject follows the
    quotation attributes it, whatever clause the parser hangs it in."""
    q = ctx.quotes[qi]
    subj = found.speaker
    return subj is not None and q.mark_end <= ctx.base(subj) and subj.i < cue.i


# --- the local rules ------------------------------------------------------------------------


@local_rule(0.8)
def transcript_label(ctx: Context, qi: int) -> Found | None:
    """A transcript line: ``"PENCE: Well, look, …`` is Pence's (the label is the speaker).

    The label opens the quotation, so this is the one rule whose speaker mention lies inside
    it; the label must be followed by quoted words.
    """
    q = ctx.quotes[qi]
    end = label_end(ctx.text, q.start)
    if end == q.start or not ctx.opens_paragraph(q):
        return None
    if end + 2 >= q.end:
        return None  # nothing quoted after the label ("TO:")
    toks = [t for t in ctx.tokens(q.start, end) if has_letter(t)]
    if not toks:
        return None
    return Found(speaker=toks[-1])


@local_rule(0.9)
def syntactic_cue(ctx: Context, qi: int) -> Found | None:
    """The quotation hangs from a reporting verb whose subject is the speaker; a verb of
    saying right before a colon that opens the quotation comes first ("Dahl said as the
    heckler yelled: “…”")."""
    return _colon_cue(ctx, qi) or _linked_cue(ctx, qi, according=False)


def _colon_cue(ctx: Context, qi: int) -> Found | None:
    q = ctx.quotes[qi]
    toks = ctx.outside(ctx.para_of(q).start, q.mark_start)[-3:]
    if len(toks) < 2 or toks[-1].text != ":":
        return None
    lemma = cue_lemma(toks[-2], ctx.lexicon)
    subj = subject_of(toks[-2]) if lemma is not None else None
    if lemma is None or subj is None or not usable_subject(ctx, subj):
        return None
    if subj.lower_ in DEMONSTRATIVES:
        return None
    return _said(ctx, toks[-2], lemma, subj)


@local_rule(0.9)
def according_to(ctx: Context, qi: int) -> Found | None:
    """The quotation's clause carries "according to X": X is the speaker."""
    return _linked_cue(ctx, qi, according=True)


@local_rule(0.7)
def stray_mark(ctx: Context, qi: int) -> Found | None:
    """A stray opening mark before the attribution: ``“One,” … “said X.``

    Machine-translated copy sometimes puts an opening mark where a closing one belongs, so
    that the attribution reads as an unclosed quotation. Such a span (see
    :func:`quoteattr._quotations.split_stray_frames`) is the reporting frame of the
    quotation before it.
    """
    q = ctx.quotes[qi]
    nxt = ctx.marks[qi + 1][0] if qi + 1 < len(ctx.marks) else len(ctx.text)
    for start, end in ctx.frames_in(q.mark_end, nxt):
        if start < ctx.para_of(q).end:
            toks = ctx.outside(start, end)
            for i, tok in enumerate(toks):
                lemma = cue_lemma(tok, ctx.lexicon)
                subj = None
                if lemma:  # "said X." after a stray mark, or ", X said." cut from a quote
                    subj = np_head_near(toks[i + 1 :], True) or np_head_near(toks[:i], False)
                if lemma and subj is not None:
                    return _said(ctx, tok, lemma, subj)
    return None


@local_rule(0.8)
def trailing_cue(ctx: Context, qi: int) -> Found | None:
    """Surface fallback: ``“…,” said X`` or ``“…,” X said`` right after the closing mark."""
    q = ctx.quotes[qi]
    if q.close_mark is None:
        return None
    para = ctx.para_of(q)
    nxt = ctx.marks[qi + 1][0] if qi + 1 < len(ctx.marks) else para.end
    toks = ctx.outside(q.mark_end, min(nxt, para.end), limit=_TRAILING_REACH)
    ended = ctx.text[q.start : q.end].rstrip().endswith(".")
    if ended and ctx.text[q.start : q.start + 1].islower():
        return None  # "calling him “a failed candidate.” Romney fired back": its own sentence's
    for i, tok in enumerate(toks):
        if tok.is_punct and tok.text in ".!?;":
            break
        lemma = cue_lemma(tok, ctx.lexicon)
        if lemma is None:
            lemma = noun_frames_quotation(tok, ctx.lexicon)
            if lemma is not None:  # “…,” the document states.
                return _said(ctx, tok, lemma, tok.nbor(-1))
            continue
        if i >= _TRAILING_NEAR and not after_apposition(toks, i):
            break
        if ended and says_more(tok):
            return None  # “…this.” Sonakshi disagreed and put her point …: a new sentence
        subj = subject_of(tok)
        if not usable_subject(ctx, subj):
            # ", X said" / ", she told Harvey": the words before the cue; ", said X": after
            after = toks[i + 1 : _TRAILING_NEAR]
            forward = tok.tag_ != "VBG"  # ", comparing him to X": a participle's object
            if i >= _TRAILING_NEAR:  # past a name and its apposition: the name
                subj = np_head_near(toks[:i], True)
            else:
                subj = np_head_near(toks[:i], False) or (
                    np_head_near(after, True) if forward else None
                )
        if subj is not None:
            return _said(ctx, tok, lemma, subj)
    return None


_TRAILING_NEAR = 8
"""How far after the closing mark ``trailing_cue`` looks for the cue."""

_TRAILING_REACH = 40
"""How far it looks past a name and its apposition ("“…?” Okafor, a retired nurse from
the coast, said pleasantly")."""


_SIGNATURE_DASHES = DASHES | {HYPHEN}


@local_rule(0.75)
def dash_signature(ctx: Context, qi: int) -> Found | None:
    """A quotation signed after a dash: ``“…” ― Jorge Falcon``, or on the line after it
    (``- The Honourable Jane Roe, Minister of Education``)."""
    q = ctx.quotes[qi]
    para = ctx.para_of(q)
    start, end = q.mark_end, para.end
    first = ctx.first_text(start, end)  # not a copy of the rest of the paragraph
    if first is None and q.paragraph + 1 < len(ctx.paras):
        nxt = ctx.paras[q.paragraph + 1]  # the signature on a line of its own
        if ctx.by_para.get(nxt.index) is None:
            start, end = nxt.start, nxt.end
            first = ctx.first_text(start, end)
    if first is None or ctx.text[first] not in _SIGNATURE_DASHES or end - first > 120:
        return None
    toks = ctx.outside(start, end, limit=6)
    names: list[Token] = []
    for t in toks:
        if names and t.is_punct and t.text == ",":
            break  # "— Maria Lopez, Toronto Star": the outlet is not the signer
        if (t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and t.text[:1].isupper():
            names.append(t)  # not "”—and promised": a word glued to the dash
    if not names:
        return None
    head = names[-1]
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return Found(speaker=head)


def _leading(ctx: Context, end: int, start_limit: int) -> Found | None:
    """A verb of saying in the clause right before ``end`` (back to the previous sentence
    end, not before ``start_limit``), or a colon frame with no verb of saying."""
    toks = ctx.outside(start_limit, end)
    # the clause right before the mark: back to the previous sentence end
    for i in range(len(toks) - 1, -1, -1):
        if toks[i].is_punct and toks[i].text in ".!?" and i < len(toks) - 1:
            toks = toks[i + 1 :]
            break
    for level in (main_verb, not_subordinate, any_verb):
        for i in range(len(toks) - 1, -1, -1):
            lemma = cue_lemma(toks[i], ctx.lexicon)
            if lemma is None or not level(toks[i]) or in_time_clause(toks[i]):
                continue  # "when Lund … said it was great, a man yelled “…”": not Lund
            subj = subject_of(toks[i])
            if not usable_subject(ctx, subj):
                # "X said: “…”", or inverted: "Said X: “…”"
                subj = np_head_near(toks[:i], False) or inverted_speaker(toks[i], toks[i + 1 :])
            if subj is not None:
                return _said(ctx, toks[i], lemma, subj)
    lead = ctx.text[start_limit:end].rstrip()
    if toks and lead.endswith(":"):
        return _inverted(ctx, toks) or _colon_frame(ctx, toks)
    if toks and toks[-1].text in DASHES and lead.removesuffix(toks[-1].text)[-1:].isspace():
        return _colon_frame(ctx, toks[:-1])  # "X embraced the penalties -- “…”": a colon's dash
    if toks and lead.endswith(","):
        found = _utterance_frame(ctx, toks)
        if found is None and ctx.text[end + 1 : end + 2].isupper():
            found = _colon_frame(ctx, toks, people=True)  # "Lund corrected her, “It's …”"
        return found
    return None


def _inverted(ctx: Context, toks: Sequence[Token]) -> Found | None:
    """ "Stated Varga: “…”", "Wrote Ines Ruiz in her column: “…”": a capitalized verb of
    saying opens the sentence (tagged as anything), and the name after it speaks."""
    lemma = inverted_cue(toks[0].text, ctx.lexicon) if toks[0].is_sent_start else None
    subj = np_head_near(toks[1:], True) if lemma is not None else None
    if lemma is None or subj is None or not (subj.pos_ == "PROPN" or person_like(subj)):
        return None
    return _said(ctx, toks[0], lemma, subj)


def _utterance_frame(ctx: Context, toks: Sequence[Token]) -> Found | None:
    """ "X issued a statement, “…”", "X posted a tweet, “…”": the main verb has for its
    object the thing said, and its subject says the quotation."""
    for tok in reversed(toks):
        if makes_utterance(tok) and not subordinate(tok):
            subj = subject_of(tok)
            if usable_subject(ctx, subj) and not weak_subject(subj):
                return Found(speaker=subj)
    return None


def _colon_frame(ctx: Context, toks: Sequence[Token], people: bool = False) -> Found | None:
    """A clause that ends in a colon before a quotation, with no verb of saying: its
    subject introduces the quotation ("Sanders made the following comment: “…”", "She
    then addressed the supporters again: “…”", "Here's Dahl in 1992: “…”"), or the owner of
    a subject that is an answer ("Dahl's response was: “…”"). Only a person or a named
    subject counts, with a lower confidence; only a person (``people``) before a comma and
    a quotation that opens with a capital ("Reyes corrected him, “It's fine …”")."""
    inside = {t.i for t in toks}
    for tok in toks:
        if tok.head.i in inside and tok.head.i != tok.i:
            continue
        if tok.pos_ not in ("VERB", "AUX") and not presents(tok):
            return None
        subj = subject_of(tok)
        if subj is None or subj.i not in inside or not usable_subject(ctx, subj):
            return None
        owner = words_owner(ctx, subj, ANSWERS)  # "Dahl's response was: “…”"
        if owner is not None:
            return Found(speaker=owner, weight=0.8)
        if person_like(subj) or (subj.pos_ == "PROPN" and not weak_subject(subj) and not people):
            return Found(speaker=subj, weight=0.8)
        return None
    return None


@local_rule(0.8)
def leading_cue(ctx: Context, qi: int) -> Found | None:
    """Surface fallback: ``X said: “…”`` / ``X pointed out, “…”`` before the opening mark."""
    q = ctx.quotes[qi]
    para = ctx.para_of(q)
    prev = ctx.marks[qi - 1][1] if qi > 0 and ctx.quotes[qi - 1].paragraph == q.paragraph else 0
    start = max(para.start, prev)
    if ctx.text[start : q.mark_start].rstrip().endswith(":"):
        start = after_topic(ctx.text, start, q.mark_start)  # the label after a topic's dash
    return _leading(ctx, q.mark_start, start)


@local_rule(0.75)
def colon_intro(ctx: Context, qi: int) -> Found | None:
    """A paragraph opening with a quotation after a paragraph that ends with a colon."""
    q = ctx.quotes[qi]
    if q.paragraph == 0 or not ctx.opens_paragraph(q):
        return None
    prev = ctx.paras[q.paragraph - 1]
    if not ctx.text[prev.start : prev.end].rstrip().endswith(":"):
        return None
    return _leading(ctx, prev.end, prev.start)


@local_rule(0.75)
def speaker_label(ctx: Context, qi: int) -> Found | None:
    """A quotation after a name and a colon, with no verb: a speaker label.

    "Coastguard commander Asha Verma: “Stay off the ice.”", "More from Gundersen: “…”",
    a headline's "Harbour chief Tom Reyes: ‘We will rebuild’". The words before the colon
    hold no verb (a verb makes it a reporting frame: ``leading_cue``) and end in a name.
    """
    q = ctx.quotes[qi]
    para = ctx.para_of(q)
    prev = ctx.marks[qi - 1][1] if qi > 0 and ctx.quotes[qi - 1].paragraph == q.paragraph else 0
    start = max(para.start, prev)
    lead = ctx.text[start : q.mark_start].rstrip()
    if lead.endswith(":"):
        start = after_topic(ctx.text, start, q.mark_start)  # "Turnout matters - Lina Berg:"
        lead = ctx.text[start : q.mark_start].rstrip()
    if not lead.endswith(":") or len(lead) > 80:
        return None
    toks = ctx.outside(start, q.mark_start)
    if any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    names = [t for t in toks if (t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and has_letter(t)]
    if not names:
        return None
    head = names[-1]
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return Found(speaker=head)


@local_rule(0.7)
def after_report(ctx: Context, qi: int) -> Found | None:
    """A paragraph that is only a quotation, after a paragraph with none whose last
    sentence reports someone's words, goes on with that speaker's words.

    "Captain Lena Moreau said the squad had found its rhythm." then “We kept the ball.”;
    also after "Moreau told reporters." The verb of saying is the main verb of the
    paragraph's last sentence, and its subject names someone.
    """
    q = ctx.quotes[qi]
    if q.paragraph == 0 or not ctx.opens_paragraph(q) or ctx.by_para.get(q.paragraph - 1):
        return None
    if ctx.subheading(q):
        return None  # ‘Horrifying scene’ heads the paragraphs after it
    para = ctx.para_of(q)
    after = ctx.outside(q.mark_end, para.end, limit=_TRAILING_REACH)
    if any(cue_lemma(t, ctx.lexicon) for t in after):
        return None  # “…?” Okafor, a retired nurse, said: the paragraph names its speaker
    prev = ctx.paras[q.paragraph - 1]
    toks = ctx.outside(prev.start, prev.end)
    for i in range(len(toks) - 2, -1, -1):  # the last sentence: after the one before ends
        if toks[i].is_punct and toks[i].text in ".!?":
            toks = toks[i + 1 :]
            break
    speech = speech_lemmas(ctx.lexicon)
    for tok in toks:
        if tok.dep_ != "ROOT":
            continue
        lemma = cue_lemma(tok, ctx.lexicon)
        said = lemma is not None and lemma.split()[0] in speech
        if not (said or makes_utterance(tok)):
            continue  # "X said S." / "X issued a statement apologizing …"
        subj = subject_of(tok)
        if usable_subject(ctx, subj) and not weak_subject(subj):
            return _said(ctx, tok, lemma, subj) if lemma else Found(speaker=subj)
    return None


@local_rule(0.5)
def clause_subject(ctx: Context, qi: int) -> Found | None:
    """A quoted fragment with no reporting verb takes the speaker-like subject of its clause.

    "Reid has been pounding Trump as a “con artist”", "the Bar Association deemed him
    “well qualified”": the fragment is the subject's words even with no verb of saying.
    Only a person or an organization named as such, or a personal pronoun, counts, so
    that "talks about a “security” partnership" between two countries stays a scare
    quote; so does the owner of the words a noun names ("Clinton's assertion of a “claim
    of right”", "his call for a “deportation force”"), also as the subject of "is that"
    ("Lund's claim is that the committee is a “witch hunt”").
    """
    q = ctx.quotes[qi]
    if not ctx.embedded(q):
        return None
    toks = ctx.tokens(q.start, q.end)
    cands = list(candidate_cues(ctx, qi, toks))
    claimant = claim_owner(ctx, cands)  # "Lund's claim is that the committee is a “…”"
    if claimant is not None:
        return Found(speaker=claimant)
    for cand in cands:
        owner = words_owner(ctx, cand)
        if owner is not None:
            return Found(speaker=owner)
        if cand.pos_ not in ("VERB", "AUX"):
            continue
        subj = subject_of(cand)
        if subj is None or not usable_subject(ctx, subj):
            continue
        if speaker_like(subj):
            return Found(speaker=subj)
        return None
    return None


LOCAL_RULES: tuple[Rule, ...] = (
    *INTERVIEW_RULES,
    transcript_label,
    syntactic_cue,
    according_to,
    stray_mark,
    trailing_cue,
    dash_signature,
    leading_cue,
    colon_intro,
    speaker_label,
    after_report,
    clause_subject,
)
"""Rules that look only at the quotation's own sentence and neighbourhood, in order."""


RULES: tuple[str, ...] = (*(r.name for r in LOCAL_RULES), *(r.name for r in DOCUMENT_RULES))
"""The names of all rules of direct quotations, in the order they are tried."""


def attribute(ctx: Context) -> list[Attribution | None]:
    """Run every rule over a document: one attribution (or ``None``) per quotation."""
    found: list[Attribution | None] = []
    for qi in range(len(ctx.quotes)):
        found.append(next((a for r in LOCAL_RULES if (a := r(ctx, qi)) is not None), None))
    for doc_rule in DOCUMENT_RULES:
        doc_rule(ctx, found)
    return found
