"""Attribution: an ordered list of named rules that find each quotation's cue and speaker.

Each rule is a small function ``rule(ctx, quote) -> Attribution | None``. The first rule
that returns an attribution decides; later, document-level rules pass speakers on to
quotations that have no attribution of their own. The rules, in order:

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
``clause_subject``
    A quoted fragment with no verb of saying takes the person who is the subject of its
    clause (“Reid has been pounding Trump as a “con artist””), with a low confidence.
``multi_paragraph``
    The parts of a quotation that runs over several paragraphs share one speaker.
``same_paragraph``
    A quotation with no cue of its own takes the speaker of another quotation of its
    paragraph (split quotations: “One,” said X. “Two.”).
``continuation``
    A paragraph that is only a quotation, right after a paragraph whose quotation is
    attributed, continues that speaker (news convention).

Quotations none of these rules attribute are returned with no speaker when they read as
full utterances, and are taken for scare quotes (``kind="scare"``, left out unless asked
for) when they sit inside a sentence with no reporting frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .context import Context
from .cues import cue_lemma
from .marks import QuoteSpan, find_quotes
from .mentions import (
    CALENDAR,
    GROUP_NOUNS,
    MINOR_WORDS,
    Resolved,
    collect_names,
    resolve,
    title_cased,
)
from .model import Cue, Quote, QuoteKind
from .options import Options
from .roles import is_person_noun
from .speakers import EntityTable

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "RULES",
    "Attribution",
    "attribute_context",
    "label_end",
    "outermost_quotations",
    "split_stray_frames",
]


@attrs.frozen
class Attribution:
    """What a rule found for one quotation.

    Attributes:
        rule: The rule's name.
        confidence: How sure the rule is (0..1) before speaker resolution adjusts it.
        speaker: The head token of the speaker mention, if the rule found one.
        cue: The reporting cue, if any.
        inherited: For rules that pass a speaker on, the quote whose speaker is taken.
    """

    rule: str
    confidence: float
    speaker: Any = None
    cue: Cue | None = None
    inherited: int | None = None


# --- reporting verbs and their subjects ----------------------------------------------------

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_REL = {"who", "which", "that"}


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
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in _REL and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "nsubjpass":
            passive = True
            if verb.lemma_ in ("quote", "cite"):
                return child
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
    if depth < 3 and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "dep") and verb.head != verb:
        return subject_of(verb.head, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.head != verb.head:
        return subject_of(verb.head.head, depth + 1)  # "began by saying, “…”"
    return None


# --- rules --------------------------------------------------------------------------------

Rule = Callable[[Context, int], "Attribution | None"]


def _cue(ctx: Context, tok: Token, lemma: str) -> Cue:
    start = ctx.base(tok)
    return Cue(text=tok.text, lemma=lemma, start=start, end=start + len(tok.text))


def _usable_subject(ctx: Context, subj: Token | None) -> bool:
    return subj is not None and ctx.inside(subj) is None and not subj.is_punct


def _candidate_cues(ctx: Context, qi: int, toks: Sequence[Token]) -> Iterator[Token]:
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
            if _time_clause(child):
                continue  # "“That makes me smart,” when Clinton blasted him": not the frame
            if para.start <= ctx.base(child) < para.end:
                seen.add(child.i)
                yield child


_SUBORDINATORS = frozenset("when while after before because since until once if".split())


def _time_clause(verb: Token) -> bool:
    """A clause of time or cause ("when X blasted him"), which frames no quotation."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in _SUBORDINATORS for c in verb.children
    )


def _linked_cue(ctx: Context, qi: int, according: bool) -> Attribution | None:
    att = _first_linked_cue(ctx, qi, according)
    if att is None or att.cue is None or according:
        return att
    return _pronoun_host(ctx, qi, att)


def _heads_above(ctx: Context, qi: int, tok: Token, limit: int) -> Iterator[tuple[Token, Token]]:
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


def _pronoun_host(ctx: Context, qi: int, att: Attribution) -> Attribution:
    """The enclosing clause's subject, for a pronoun speaker that stands for it.

    In "He did not address the tweets in which he called her “disgusting”" or "The group is
    denouncing what it calls “…”", the pronoun of the inner verb of saying refers to the
    subject of the sentence's main clause, the mention a reader takes for the speaker. That
    subject must be the same pronoun, or, for "it" and "they", a noun or name that is not a
    person's.
    """
    pron = att.speaker
    lower = pron.lower_
    if lower not in ("he", "she", "it", "they"):
        return att
    for steps, (child, node) in enumerate(_heads_above(ctx, qi, pron.head, 8), start=1):
        if steps == 1 and child.dep_ == "conj":
            break
        if node.pos_ not in ("VERB", "AUX") or node.dep_ != "ROOT":
            continue  # only the main clause's subject is the one a reader takes
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i == pron.i or not _usable_subject(ctx, subj):
            continue
        if subj.lower_ == lower or (
            lower in ("it", "they")
            and subj.pos_ in ("NOUN", "PROPN")
            and not _person_like(subj)
            and (subj.pos_ == "PROPN" or subj.lemma_ in GROUP_NOUNS or not _weak_subject(subj))
        ):
            return attrs.evolve(att, speaker=subj)
        break  # another subject: the pronoun is not its
    return att


def _person_like(tok: Token) -> bool:
    """A person: a name the tagger calls one, a personal pronoun, or a person noun."""
    if tok.ent_type_ == "PERSON" or tok.lower_ in _PERSONAL:
        return True
    return tok.pos_ == "NOUN" and is_person_noun(str(tok.lemma_))


def _first_linked_cue(ctx: Context, qi: int, according: bool) -> Attribution | None:
    q = ctx.quotes[qi]
    toks = ctx.tokens(q.start, q.end)
    if not toks:
        return None
    rule = "according_to" if according else "syntactic_cue"
    first: Attribution | None = None
    for cand in _candidate_cues(ctx, qi, toks):
        if (cand.lower_ == "according") != according:
            continue
        lemma = "according to" if according else cue_lemma(cand, ctx.lexicon)
        if lemma is None:
            continue
        subj = subject_of(cand)
        if subj is None or not _usable_subject(ctx, subj):
            continue
        if _weak_subject(subj):
            subj = _thing_owner(ctx, cand, subj)
        found = Attribution(rule, 0.9, speaker=subj, cue=_cue(ctx, cand, lemma))
        if first is not None and first.speaker.lower_ in _DEMONSTRATIVES - {"it"}:
            first = None  # "that", "this" are never speakers: any other subject is better
        if first is None:
            if not _weak_subject(subj):
                return _outer_cue(ctx, qi, found, cand) if not according else found
            first = found
        elif not _weak_subject(subj):
            # "She says it underscores that …", "X said in the letter that the ad suggests …":
            # the thing is the inner subject, the speaker the enclosing one
            return _outer_cue(ctx, qi, found, cand) if not according else found
    return first


def _thing_owner(ctx: Context, cue: Token, subj: Token) -> Token:
    """The person behind a thing that speaks, when the text names them in the same clause.

    "Clinton made a controversial comment that described them as “…”": the comment is the
    object of a verb whose subject made it. "footage of Hillary Clinton asking, “…”": a
    participle right after a name is that person's (the parse may hang it elsewhere).
    """
    doc = cue.doc
    if cue.tag_ == "VBG" and cue.i > 0:
        prev = doc[cue.i - 1]
        if (prev.ent_type_ == "PERSON" or prev.pos_ == "PROPN") and ctx.inside(prev) is None:
            return prev
    if subj.pos_ == "NOUN" and subj.dep_ == "dobj" and subj.lemma_ in _UTTERANCES:
        verb = subj.head
        owner = subject_of(verb)
        if verb.dep_ == "xcomp" and not any(c.dep_ in _SUBJ for c in verb.children):
            # "prompted his wife to make a comment": the object is who made it
            owner = next((c for c in verb.head.children if c.dep_ == "dobj"), owner)
        if owner is not None and _usable_subject(ctx, owner) and _person_like(owner):
            return owner
        if owner is not None and owner.pos_ == "PROPN" and _usable_subject(ctx, owner):
            return owner
    return subj


_UTTERANCES = frozenset(
    "comment remark statement letter note message post tweet speech email memo".split()
)


_PATH = frozenset({"ccomp", "xcomp", "advcl", "acl", "prep", "pobj", "pcomp", "dobj", "conj"})
"""Links a reported clause hangs from inside what an outer verb reports."""
_CONTENT = frozenset({"ccomp", "prep", "dobj"})
"""Links from an outer verb to what it reports ("said that …", "pointed to reports that …")."""


def _outer_cue(ctx: Context, qi: int, found: Attribution, cue: Token) -> Attribution:
    """The outermost reporting verb above ``cue`` whose subject is a speaker.

    Words quoted inside reported speech are the reporting source's: in "Trump said … that
    Clinton once described the deal as “the gold standard”" or "She said Trump called her
    “Miss Piggy”", the article quotes Trump and her, who in turn report what another said.
    The inner verb must lie in the outer verb's clausal complement (what was said), not in
    a clause of time or manner beside it, a coordinated clause or a relative clause. Only
    verbs of the quotation's own paragraph, outside every quotation, count.
    """
    best = found
    for steps, (child, node) in enumerate(_heads_above(ctx, qi, cue, 12), start=1):
        if child.dep_ not in _PATH or (steps == 1 and child.dep_ == "conj"):
            break  # "meddling the congressman said is …", "… and Y replied, “…”"
        lemma = cue_lemma(node, ctx.lexicon)
        if lemma is None or child.dep_ not in _CONTENT:
            continue  # "as Trump went on about “…”, Melanie said": not what Melanie said
        subj = subject_of(node)
        if _usable_subject(ctx, subj) and not _weak_subject(subj):
            best = Attribution(
                found.rule, found.confidence, speaker=subj, cue=_cue(ctx, node, lemma)
            )
    return best


_DEMONSTRATIVES = frozenset({"it", "this", "that", "these", "those", "which", "what"})


def _weak_subject(subj: Token | None) -> bool:
    """A subject that is a thing rather than a speaker: "it", "this", "the ad", "a majority"."""
    if subj is None:
        return True
    if subj.lower_ in _DEMONSTRATIVES:
        return True
    if subj.pos_ != "NOUN" or subj.ent_type_:
        return False
    return not is_person_noun(str(subj.lemma_)) and subj.lemma_ not in GROUP_NOUNS


_LABEL = re.compile(r"([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):\s")


def label_end(text: str, start: int) -> int:
    """Where the transcript label opening a quotation (``PENCE: …``) ends: the offset of its
    colon, or ``start`` when the quotation starting at ``start`` opens with no label."""
    m = _LABEL.match(text, start)
    return m.end(1) if m is not None and any(c.isalpha() for c in m.group(1)) else start


def transcript_label(ctx: Context, qi: int) -> Attribution | None:
    """A transcript line: ``"PENCE: Well, look, …`` is Pence's (the label is the speaker).

    The label opens the quotation, so this is the one rule whose speaker mention lies inside
    it; the label must be followed by quoted words.
    """
    q = ctx.quotes[qi]
    end = label_end(ctx.text, q.start)
    if end == q.start or not _opens_paragraph(ctx, q):
        return None
    if end + 2 >= q.end:
        return None  # nothing quoted after the label ("TO:")
    toks = [t for t in ctx.tokens(q.start, end) if any(c.isalpha() for c in t.text)]
    if not toks:
        return None
    return Attribution("transcript_label", 0.8, speaker=toks[-1])


def syntactic_cue(ctx: Context, qi: int) -> Attribution | None:
    """The quotation hangs from a reporting verb whose subject is the speaker."""
    return _linked_cue(ctx, qi, according=False)


def according_to(ctx: Context, qi: int) -> Attribution | None:
    """The quotation's clause carries "according to X": X is the speaker."""
    return _linked_cue(ctx, qi, according=True)


def _window(ctx: Context, start: int, end: int) -> list[Token]:
    return [t for t in ctx.tokens(start, end) if ctx.inside(t) is None]


def _np_head_near(tokens: Sequence[Token], forward: bool) -> Token | None:
    seq = tokens if forward else list(reversed(tokens))
    for tok in seq:
        if tok.dep_ == "poss" and tok.pos_ == "PRON":
            continue  # "describe their actions": a possessive is no speaker
        if tok.pos_ in ("PROPN", "PRON") or (tok.pos_ == "NOUN" and tok.dep_ in _SUBJ):
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
                and doc[head.i + 1].ent_type_ not in ("DATE", "TIME")
            ):
                head = doc[head.i + 1]  # a broken parse inside a name: its last word
            return head
        if tok.is_punct and tok.text in ".!?;":
            return None
    return None


def stray_mark(ctx: Context, qi: int) -> Attribution | None:
    """A stray opening mark before the attribution: ``“One,” … “said X.``

    Machine-translated copy sometimes puts an opening mark where a closing one belongs, so
    that the attribution reads as an unclosed quotation. Such a span (see
    :func:`split_stray_frames`) is the reporting frame of the quotation before it.
    """
    q = ctx.quotes[qi]
    nxt = ctx.marks[qi + 1][0] if qi + 1 < len(ctx.marks) else len(ctx.text)
    for start, end in ctx.frames:
        if q.mark_end <= start < nxt and start < ctx.para_of(q).end:
            toks = _window(ctx, start, end)
            for i, tok in enumerate(toks):
                lemma = cue_lemma(tok, ctx.lexicon)
                subj = None
                if lemma:  # "said X." after a stray mark, or ", X said." cut from a quote
                    subj = _np_head_near(toks[i + 1 :], True) or _np_head_near(toks[:i], False)
                if lemma and subj is not None:
                    return Attribution("stray_mark", 0.7, speaker=subj, cue=_cue(ctx, tok, lemma))
    return None


_FRAME_START = re.compile(r"(?:said|says|added|adds|told|tells|asked|asks|wrote|writes)\b")


_SWALLOWED_CUE = re.compile(
    r",\s+(?:(?:[A-Z][\w'’.-]*\s+){1,3}|(?:he|she|they)\s+)"
    r"(?:said|says|added|adds|told \w+|explained|wrote)\s*[.!?]?\s*$"
)
"""An attribution that ends an unclosed quotation: "…, Walsh said." (the mark never closed)."""


def split_stray_frames(
    text: str, spans: list[QuoteSpan]
) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """Separate unclosed "quotations" that are really attributions after a stray mark.

    An unclosed span that is not part of a multi-paragraph quotation, follows a closed
    quotation in its paragraph, is short, and starts with a reporting verb (“said X.) is
    returned as a frame ``(start, end)`` rather than a quotation. An unclosed quotation
    that ends with its own attribution (“This is a historic day, Walsh said.) is cut before
    it, and the attribution becomes a frame.
    """
    keep: list[QuoteSpan] = []
    frames: list[tuple[int, int]] = []
    continued = {q.continues for q in spans if q.continues is not None}
    for q in spans:
        m = None
        if q.close_mark is None and q.continues is None and q.start not in continued:
            m = _SWALLOWED_CUE.search(text, q.start, q.end)
        if m is not None and m.start() > q.start:
            # “This is a historic day for our state, Walsh said. (the closing mark is missing)
            cut = m.start() + 1
            keep.append(attrs.evolve(q, end=cut, mark_end=cut))
            frames.append((cut, q.end))
            continue
        stray = (
            q.close_mark is None
            and q.continues is None
            and q.start not in continued
            and q.end - q.start <= 60
            and bool(keep)
            and keep[-1].paragraph == q.paragraph
            and _FRAME_START.match(text, q.start) is not None
        )
        if stray:
            frames.append((q.start, q.end))
        else:
            keep.append(q)
    return keep, frames


def outermost_quotations(text: str) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """The outermost quotations of ``text`` and the stray-mark frames among them.

    Returns:
        ``(quotations, frames)``, see :func:`split_stray_frames`; two empty lists for a text
        with no quotation.
    """
    spans = [q for q in find_quotes(text) if q.depth == 0]
    return split_stray_frames(text, spans) if spans else ([], [])


def trailing_cue(ctx: Context, qi: int) -> Attribution | None:
    """Surface fallback: ``“…,” said X`` or ``“…,” X said`` right after the closing mark."""
    q = ctx.quotes[qi]
    if q.close_mark is None:
        return None
    para = ctx.para_of(q)
    nxt = ctx.marks[qi + 1][0] if qi + 1 < len(ctx.marks) else para.end
    toks = _window(ctx, q.mark_end, min(nxt, para.end))[:8]
    for i, tok in enumerate(toks):
        if tok.is_punct and tok.text in ".!?;":
            break
        lemma = cue_lemma(tok, ctx.lexicon)
        if lemma is None:
            continue
        subj = subject_of(tok)
        if not _usable_subject(ctx, subj):
            # ", X said" / ", she told Harvey": the words before the cue; ", said X": after
            subj = _np_head_near(toks[:i], False) or _np_head_near(toks[i + 1 :], True)
        if subj is not None:
            return Attribution("trailing_cue", 0.8, speaker=subj, cue=_cue(ctx, tok, lemma))
    return None


_DASHES = "―—–-"


def _has_letter(tok: Token) -> bool:
    return any(c.isalpha() for c in tok.text)


def dash_signature(ctx: Context, qi: int) -> Attribution | None:
    """A quotation signed after a dash: ``“…” ― Jorge Falcon``."""
    q = ctx.quotes[qi]
    if q.close_mark is None:
        return None
    para = ctx.para_of(q)
    stripped = ctx.text[q.mark_end : para.end].lstrip()
    if not stripped or stripped[0] not in _DASHES or len(stripped) > 80:
        return None
    toks = _window(ctx, q.mark_end, para.end)
    names: list[Token] = []
    for t in toks[:6]:
        if names and t.is_punct and t.text == ",":
            break  # "— Maria Lopez, Toronto Star": the outlet is not the signer
        if (t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and _has_letter(t):
            names.append(t)
    if not names:
        return None
    head = names[-1]
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return Attribution("dash_signature", 0.75, speaker=head)


def _leading(
    ctx: Context, end: int, start_limit: int, rule: str, conf: float
) -> Attribution | None:
    toks = _window(ctx, start_limit, end)
    # the clause right before the mark: back to the previous sentence end
    for i in range(len(toks) - 1, -1, -1):
        if toks[i].is_punct and toks[i].text in ".!?" and i < len(toks) - 1:
            toks = toks[i + 1 :]
            break
    for main_only in (True, False):
        for i in range(len(toks) - 1, -1, -1):
            lemma = cue_lemma(toks[i], ctx.lexicon)
            if lemma is None or (main_only and _subordinate(toks[i])):
                continue
            subj = subject_of(toks[i])
            if not _usable_subject(ctx, subj):
                # "X said: “…”", or inverted: "Said X: “…”"
                subj = _np_head_near(toks[:i], False) or _np_head_near(toks[i + 1 :], True)
            if subj is not None:
                return Attribution(rule, conf, speaker=subj, cue=_cue(ctx, toks[i], lemma))
    if toks and ctx.text[start_limit:end].rstrip().endswith(":"):
        return _colon_frame(ctx, toks, rule, conf)
    return None


def _subordinate(verb: Token) -> bool:
    """A verb of a relative clause, or a passive one with no agent: "…," X said at the
    hearing, where Y also spoke / he was called to: not the frame of the next quotation."""
    if verb.dep_ in ("relcl", "acl"):
        return True
    children = list(verb.children)
    return any(c.dep_ == "nsubjpass" for c in children) and not any(
        c.dep_ == "agent" for c in children
    )


def _colon_frame(ctx: Context, toks: Sequence[Token], rule: str, conf: float) -> Attribution | None:
    """A clause that ends in a colon before a quotation, with no verb of saying: its
    subject introduces the quotation ("Sanders made the following comment: “…”", "She
    then addressed the supporters again: “…”"). Only a person or a named subject counts."""
    inside = {t.i for t in toks}
    for tok in toks:
        if tok.head.i in inside and tok.head.i != tok.i:
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        subj = subject_of(tok)
        if subj is None or subj.i not in inside or not _usable_subject(ctx, subj):
            return None
        if _person_like(subj) or (subj.pos_ == "PROPN" and not _weak_subject(subj)):
            return Attribution(rule, 0.8 * conf, speaker=subj)
        return None
    return None


def leading_cue(ctx: Context, qi: int) -> Attribution | None:
    """Surface fallback: ``X said: “…”`` / ``X pointed out, “…”`` before the opening mark."""
    q = ctx.quotes[qi]
    para = ctx.para_of(q)
    prev = ctx.marks[qi - 1][1] if qi > 0 and ctx.quotes[qi - 1].paragraph == q.paragraph else 0
    return _leading(ctx, q.mark_start, max(para.start, prev), "leading_cue", 0.8)


_PERSONAL = frozenset({"he", "she", "i"})


def clause_subject(ctx: Context, qi: int) -> Attribution | None:
    """A quoted fragment with no reporting verb takes a person subject of its clause.

    "Reid has been pounding Trump as a “con artist”": the fragment is Reid's words even
    with no verb of saying. Only a person (a name the tagger calls a person, or a
    personal pronoun) counts, so that "talks about a “security” partnership" between two
    countries stays a scare quote.
    """
    q = ctx.quotes[qi]
    if not _embedded(ctx, q):
        return None
    toks = ctx.tokens(q.start, q.end)
    for cand in _candidate_cues(ctx, qi, toks):
        if cand.pos_ not in ("VERB", "AUX"):
            continue
        subj = subject_of(cand)
        if subj is None or not _usable_subject(ctx, subj):
            continue
        if subj.ent_type_ == "PERSON" or subj.lower_ in _PERSONAL:
            return Attribution("clause_subject", 0.5, speaker=subj)
        return None
    return None


def _opens_paragraph(ctx: Context, q: QuoteSpan) -> bool:
    para = ctx.para_of(q)
    return not ctx.text[para.start : q.mark_start].strip()


def colon_intro(ctx: Context, qi: int) -> Attribution | None:
    """A paragraph opening with a quotation after a paragraph that ends with a colon."""
    q = ctx.quotes[qi]
    if q.paragraph == 0 or not _opens_paragraph(ctx, q):
        return None
    prev = ctx.paras[q.paragraph - 1]
    if not ctx.text[prev.start : prev.end].rstrip().endswith(":"):
        return None
    return _leading(ctx, prev.end, prev.start, "colon_intro", 0.75)


LOCAL_RULES: tuple[Rule, ...] = (
    transcript_label,
    syntactic_cue,
    according_to,
    stray_mark,
    trailing_cue,
    dash_signature,
    leading_cue,
    colon_intro,
    clause_subject,
)
"""Rules that look only at the quotation's own sentence and neighbourhood, in order."""


def multi_paragraph(ctx: Context, found: list[Attribution | None]) -> None:
    """Parts of one multi-paragraph quotation share the speaker of any attributed part."""
    chains: dict[int, list[int]] = {}  # first part -> the parts, in order
    root: list[int] = []
    for i, q in enumerate(ctx.quotes):
        prev = ctx.by_start.get(q.continues) if q.continues is not None else None
        root.append(root[prev] if prev is not None and prev < i else i)
        chains.setdefault(root[i], []).append(i)
    for chain in chains.values():
        if len(chain) < 2:
            continue
        source = next((i for i in reversed(chain) if found[i] is not None), None)
        base = found[source] if source is not None else None
        if base is None:
            continue
        for i in chain:
            if found[i] is None:
                found[i] = Attribution("multi_paragraph", 0.8 * base.confidence, inherited=source)


def same_paragraph(ctx: Context, found: list[Attribution | None]) -> None:
    """An unattributed full quotation takes the speaker of its paragraph's other quotation."""
    for i, q in enumerate(ctx.quotes):
        if found[i] is not None or q.depth or _embedded(ctx, q):
            continue
        same = (j for j in ctx.by_para[q.paragraph] if j != i and found[j])
        src = min(same, key=lambda j: abs(j - i), default=None)
        if src is not None:
            found[i] = Attribution("same_paragraph", 0.7, inherited=src)


def continuation(ctx: Context, found: list[Attribution | None]) -> None:
    """A paragraph that is only a quotation continues the previous paragraph's speaker."""
    for i, q in enumerate(ctx.quotes):
        if found[i] is not None or not _opens_paragraph(ctx, q) or q.paragraph == 0:
            continue
        prev = [j for j in ctx.by_para.get(q.paragraph - 1, ()) if j < i and found[j]]
        if prev:
            found[i] = Attribution("continuation", 0.6, inherited=prev[-1])


DOCUMENT_RULES = (multi_paragraph, same_paragraph, continuation)
"""Rules that pass speakers between quotations, in order."""

RULES: tuple[str, ...] = tuple(r.__name__ for r in (*LOCAL_RULES, *DOCUMENT_RULES))
"""The names of all rules, in the order they are tried."""


def _embedded(ctx: Context, q: QuoteSpan) -> bool:
    """Whether a quotation sits inside a sentence (a fragment) rather than standing alone."""
    para = ctx.para_of(q)
    before = ctx.text[para.start : q.mark_start].rstrip()
    if not before:
        return False
    return before[-1].isalnum() or before[-1] in "%$€£)'’\"”"


def _headline_title(ctx: Context, q: QuoteSpan) -> bool:
    """Whether a quotation is a title-cased phrase of a headline or a subheading.

    Headlines and subheadings capitalize every word, quoted words included
    ("Christie Calls Clinton ‘A Disgrace’ Over Police Comments", "'All Bets Are Off.'"
    standing alone as a paragraph). Such a quotation is a re-cased label, not the words as
    said: it is no quotation, even with a cue ("…, Lindsey Graham Says"). A quotation counts
    when all its words are capitalized and so are nearly all the words of its line outside
    it (at least three of them; or all of one or two, for a quotation of three words or
    more: "Kasich: ‘We Are Going All The Way’"), or when it is a whole paragraph of two to
    eight such words.
    """
    if q.close_mark is None:
        return False
    n, caps = title_cased(ctx.text[q.start : q.end])
    if caps < n or (n == 0 and not ctx.text[q.start : q.end].strip()):
        return False
    para = ctx.para_of(q)
    line_start = ctx.text.rfind("\n", para.start, q.mark_start) + 1 or para.start
    line_end = ctx.text.find("\n", q.mark_end, para.end)
    line = ctx.text[max(line_start, para.start) : para.end if line_end < 0 else line_end]
    outside = line.replace(ctx.text[q.mark_start : q.mark_end], " ")
    if not outside.strip(" \t.!?"):
        return 2 <= n <= 8
    m, mcaps = title_cased(outside)
    if n >= 3 and 1 <= m < 3:
        return mcaps == m  # "Kasich: ‘We Are Going To Go All The Way’"
    return n >= 1 and m >= 3 and mcaps >= 0.85 * m


def _headline_echo(ctx: Context, qi: int) -> bool:
    """Whether a quotation of the text's opening line (its headline) is quoted again below.

    "De Blasio says explosion was an 'intentional act'" heads an article that quotes the
    words in full with their context; the headline's copy is an echo, not another quotation.
    The line must read as a headline: one short line, the quotation inside it, and no verb
    of saying in the past tense (a lede reports with "said"; headlines say "says").
    """
    q = ctx.quotes[qi]
    if q.paragraph != 0:
        return False
    para = ctx.para_of(q)
    line = ctx.text[para.start : para.end].strip()
    if "\n" in line or len(line) > 200 or _opens_paragraph(ctx, q):
        return False
    if line.rstrip("\"'”’»)").endswith(".") and q.open_mark not in ("'", "‘"):
        return False  # a lead sentence, not a headline (which quotes in single marks)
    if not _embedded(ctx, q) and not ctx.text[para.start : q.mark_start].rstrip().endswith(":"):
        return False  # a headline quotes inside its line ("calls it ‘crazy’", "Lynch: ‘…’")
    toks = _window(ctx, para.start, para.end)
    if any(t.tag_ == "VBD" and cue_lemma(t, ctx.lexicon) for t in toks):
        return False  # headlines report in the present ("says", "calls"); a lede, "said"
    words = _folded_words(ctx.text[q.start : q.end])
    if not words:
        return False
    for later in ctx.quotes[qi + 1 :]:
        if later.paragraph == 0:
            continue
        body = _folded_words(ctx.text[later.start : later.end])
        if _contains(body, words):
            return True
    return False


def _folded_words(text: str) -> list[str]:
    return [w.lower().strip("'’.-") for w in _TITLE_WORD.findall(text)]


def _contains(seq: list[str], sub: list[str]) -> bool:
    n = len(sub)
    return any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))


def _work_title(ctx: Context, qi: int) -> bool:
    """Whether a title-cased quoted phrase inside a sentence names a work or is a nickname.

    "performed “Shake It Off”", "appeared on “60 Minutes”", "his favorite book is “One
    Hundred Years of Solitude”", "Dwayne “The Rock” Johnson": every word is capitalized, and
    the phrase stands inside a name or is governed by a verb that is not a verb of saying
    (unlike "Trump called her “Miss Piggy”", which is Trump's phrase).
    """
    q = ctx.quotes[qi]
    words = [
        w for w in _TITLE_WORD.findall(ctx.text[q.start : q.end]) if w.lower() not in MINOR_WORDS
    ]
    if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    before = ctx.text[max(0, q.mark_start - 30) : q.mark_start]
    after = ctx.text[q.mark_end : q.mark_end + 30]
    if re.search(r"[A-Z][\w.]* $", before) and re.match(r" [A-Z]", after):
        return True  # a nickname inside a name
    toks = ctx.tokens(q.start, q.end)
    inside = {t.i for t in toks}
    for tok in toks:
        node = tok
        while node.head.i != node.i and node.i in inside:
            node = node.head
        if node.i in inside or ctx.inside(node) is not None:
            continue
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head  # "appeared on “60 Minutes”": through the preposition
        if node.pos_ == "AUX" or node.lemma_ == "be":
            # "his favorite book is “…”" names a work; "were “Mostly False”" rates
            return _nominal_root(toks, inside)
        if node.pos_ == "VERB":
            return cue_lemma(node, ctx.lexicon) is None
        return False
    return False


def _nominal_root(toks: Sequence[Token], inside: set[int]) -> bool:
    """Whether the quoted words form a noun phrase (their root is a noun or a number)."""
    roots = [t for t in toks if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    return bool(roots) and all(t.pos_ in ("NOUN", "PROPN", "NUM") for t in roots)


_TITLE_WORD = re.compile(r"[^\W_][\w'’.-]*")


# --- speakers -----------------------------------------------------------------------------


def _acceptable(ctx: Context, qi: int, att: Attribution | None) -> bool:
    """Whether a rule found something, with a cue and a speaker outside the quote itself.

    Stacked or back-to-front unbalanced marks can leave a parse in which the best subject,
    or the reporting verb, lies inside the quotation, and runs of spaces a parse in which
    the speaker is a white-space token; such an attribution is refused and the next rule
    is tried.
    """
    if att is None:
        return False
    q = ctx.quotes[qi]
    if att.cue is not None and att.cue.start < q.mark_end and q.mark_start < att.cue.end:
        return False
    if att.speaker is None or att.rule == "transcript_label":
        return True
    if att.speaker.is_space:
        return False
    if att.speaker.ent_type_ in ("DATE", "TIME") or att.speaker.lower_ in CALENDAR:
        return False  # "said Tuesday"
    pos = ctx.base(att.speaker)
    return not q.mark_start <= pos < q.mark_end


def attribute_context(ctx: Context, options: Options) -> list[Quote]:
    """Run every rule over a prepared :class:`Context` and build the quotes, in text order."""
    table = EntityTable(options.name_similarity)
    collect_names(ctx, table)
    found: list[Attribution | None] = []
    for qi in range(len(ctx.quotes)):
        found.append(next((a for r in LOCAL_RULES if _acceptable(ctx, qi, a := r(ctx, qi))), None))
    for doc_rule in DOCUMENT_RULES:
        doc_rule(ctx, found)
    resolved: list[Resolved | None] = []
    for att in found:
        if att is not None and att.speaker is not None:
            resolved.append(resolve(ctx, table, att.speaker))
        else:
            resolved.append(None)
    quotes = []
    for qi in range(len(ctx.quotes)):
        quote = _build(ctx, table, qi, found, resolved, options)
        if quote is not None:
            quotes.append(quote)
    if options.include_indirect:  # reported speech (issue 11): see quoteattr.reported
        from .reported import reported_quotes

        quotes = reported_quotes(ctx, table, quotes)
    return quotes


def _build(
    ctx: Context,
    table: EntityTable,
    qi: int,
    found: list[Attribution | None],
    resolved: list[Resolved | None],
    options: Options,
) -> Quote | None:
    q = ctx.quotes[qi]
    att = found[qi]
    kind: QuoteKind = "partial" if _embedded(ctx, q) else "direct"
    part = ctx.parts[qi]
    base = dict(
        text=ctx.text[q.start : q.end],
        start=q.start,
        end=q.end,
        paragraph=q.paragraph,
        part=part,
        continues=q.continues,
    )
    in_chain = q.continues is not None or q.start in ctx.continued
    if not in_chain and (
        _headline_title(ctx, q)
        or _headline_echo(ctx, qi)
        or (kind == "partial" and _work_title(ctx, qi))
    ):
        return Quote(kind="scare", **base) if options.include_scare else None  # type: ignore[arg-type]
    if att is None and not in_chain:
        if kind == "partial" or (not q.closed and q.end - q.start < 40):
            if not options.include_scare:
                return None
            kind = "scare"
        return Quote(kind=kind, **base)  # type: ignore[arg-type]
    if att is None:  # a part of a multi-paragraph quotation is a quotation, even unattributed
        return Quote(kind=kind, **base)  # type: ignore[arg-type]
    src = qi
    conf = att.confidence
    while found[src] is not None and found[src].inherited is not None:  # type: ignore[union-attr]
        src = found[src].inherited  # type: ignore[union-attr,assignment]
    res = resolved[src]
    src_att = found[src]
    m = res.mention if res is not None else None
    own_words = m is not None and m.start < q.end and q.start < m.end
    if res is None or src_att is None or (own_words and src_att.rule != "transcript_label"):
        # no speaker, or one whose words are the quote's own (overlapping unbalanced marks)
        return Quote(kind=kind, **base)  # type: ignore[arg-type]
    speaker = table.speaker(res.entity, res.fallback, res.mention)
    return Quote(
        speaker=speaker,
        cue=src_att.cue if src == qi else None,
        kind=kind,
        confidence=round(min(1.0, conf * res.penalty), 3),
        rule=att.rule,
        **base,  # type: ignore[arg-type]
    )
