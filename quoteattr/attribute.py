"""Attribution: an ordered list of named rules that find each quotation's cue and speaker.

Each rule is a small function ``rule(ctx, quote) -> Attribution | None``. The first rule
that returns an attribution decides; later, document-level rules pass speakers on to
quotations that have no attribution of their own. The rules, in order:

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

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .cues import cue_lemma, make_lexicon
from .marks import QuoteSpan, find_quotes, paragraph_bounds
from .model import Cue, Mention, Quote, QuoteKind
from .parsing import Para, base_of, paragraphs_of_doc, parse_paragraphs
from .speakers import PRONOUNS, Entity, EntityTable

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "RULES",
    "Attribution",
    "Context",
    "Options",
    "attribute_context",
    "attribute_document",
    "outermost_quotations",
    "split_stray_frames",
]


@attrs.frozen
class Options:
    """Settings of an extraction (see :class:`quoteattr.QuoteExtractor`).

    Attributes:
        include_scare: Return scare quotes (``kind="scare"``) too.
        extra_cues: Additional reporting-verb lemmas.
        name_similarity: Surname similarity threshold for merging spellings.
    """

    include_scare: bool = False
    extra_cues: frozenset[str] = frozenset()
    name_similarity: float = 0.85

    @property
    def lexicon(self) -> frozenset[str]:
        """The cue lemmas in force."""
        return make_lexicon(self.extra_cues)


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


# --- the document as the rules see it ---------------------------------------------------


@attrs.define
class Context:
    """Everything the rules look at for one document."""

    text: str
    paras: list[Para]
    quotes: list[QuoteSpan]
    lexicon: frozenset[str]
    frames: list[tuple[int, int]] = attrs.field(factory=list)
    marks: list[tuple[int, int]] = attrs.field(init=False)
    starts: list[int] = attrs.field(init=False)
    para_ends: list[int] = attrs.field(init=False)
    by_start: dict[int, int] = attrs.field(init=False)
    by_para: dict[int, list[int]] = attrs.field(init=False)
    parts: list[int] = attrs.field(init=False)
    continued: set[int] = attrs.field(init=False)
    token_starts: dict[tuple[int, int], list[int]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.marks = [(q.mark_start, q.mark_end) for q in self.quotes]
        self.starts = [m[0] for m in self.marks]
        self.para_ends = [p.end for p in self.paras]
        self.by_start = {q.start: i for i, q in enumerate(self.quotes)}
        self.by_para = {}
        self.parts = []  # index of each quotation in its chain of continued parts
        self.continued = {q.continues for q in self.quotes if q.continues is not None}
        for i, q in enumerate(self.quotes):
            self.by_para.setdefault(q.paragraph, []).append(i)
            prev = self.by_start.get(q.continues) if q.continues is not None else None
            self.parts.append(self.parts[prev] + 1 if prev is not None and prev < i else 0)

    def base(self, tok: Token) -> int:
        """Absolute offset of a token's first character."""
        return int(tok.idx) + base_of(tok)

    def quote_at(self, pos: int) -> int | None:
        """Index of the quotation (marks included) covering ``pos``, if any."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.marks[i][0] <= pos < self.marks[i][1]:
            return i
        return None

    def inside(self, tok: Token) -> int | None:
        """Index of the quotation a token lies in, if any."""
        return self.quote_at(self.base(tok))

    def tokens(self, start: int, end: int) -> list[Token]:
        """The parsed tokens whose first character lies in ``[start, end)``."""
        out: list[Token] = []
        # binary searches, not scans: a paragraph may hold thousands of quotations
        for p in range(bisect.bisect_left(self.para_ends, start), len(self.paras)):
            para = self.paras[p]
            if para.start > end:
                break
            for d, (base, doc) in enumerate(para.docs):
                offsets = self.token_starts.get((p, d))
                if offsets is None:
                    offsets = self.token_starts[p, d] = [tok.idx + base for tok in doc]
                lo, hi = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
                out.extend(doc[i] for i in range(lo, hi))
        return out

    def para_of(self, quote: QuoteSpan) -> Para:
        """The paragraph a quotation is in."""
        return self.paras[quote.paragraph]


# --- speaker mentions -----------------------------------------------------------------

_NP_LEFT = {"compound", "det", "poss", "amod", "nmod", "nummod", "flat", "case", "quantmod"}
_NP_RIGHT = {"flat", "compound", "case"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_REL = {"who", "which", "that"}


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token index range ``[i, j)`` of the noun phrase a speaker head token stands for.

    It keeps determiners, compounds, titles and possessives to the left and name parts to
    the right, and leaves out appositions, relative clauses and prepositional phrases.
    """
    left = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if (child.dep_ in _NP_LEFT and child.i == left - 1) or (
            child.dep_ in _NP_LEFT and all(t.dep_ in _NP_LEFT | {"punct"} for t in child.subtree)
        ):
            left = min(left, child.left_edge.i)
        else:
            break
    right = head.i + 1
    for child in head.rights:
        if child.dep_ in _NP_RIGHT and child.i == right:
            right = child.right_edge.i + 1
        else:
            break
    doc = head.doc
    while left < head.i and doc[left].is_punct:
        left += 1
    return left, right


def _descriptions(head: Token) -> list[str]:
    out = []
    for child in head.rights:
        if child.dep_ == "appos":
            words = [t for t in child.subtree if not (t.is_punct and t.i == child.right_edge.i)]
            out.append(" ".join(t.text for t in words).replace(" ,", ","))
    return out


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
    """Verbs outside the quotation linked to it in the parse, nearest link first."""
    inside = {t.i for t in toks}
    seen: set[int] = set()
    for tok in toks:
        # upward: the clause the quotation hangs from
        node = tok
        steps = 0
        while node.head is not node and steps < 10:
            node = node.head
            steps += 1
            if node.i in inside:
                break
            if ctx.inside(node) is not None:
                continue  # a word of another quotation ("a “liar” and a “bully”")
            if node.i not in seen:
                seen.add(node.i)
                yield node
            for child in node.children:  # "…, according to X" hangs from the clause
                if child.lower_ != "according" or child.i in seen:
                    continue
                if ctx.inside(child) is None:  # not a word of this or another quotation
                    seen.add(child.i)
                    yield child
        # downward: a "he said" attached to a word of the quotation
        for child in tok.children:
            if child.i not in inside and ctx.inside(child) is None and child.i not in seen:
                seen.add(child.i)
                yield child


def syntactic_cue(ctx: Context, qi: int) -> Attribution | None:
    """The quotation hangs from a reporting verb whose subject is the speaker."""
    q = ctx.quotes[qi]
    toks = ctx.tokens(q.start, q.end)
    if not toks:
        return None
    for cand in _candidate_cues(ctx, qi, toks):
        lemma = "according to" if cand.lower_ == "according" else cue_lemma(cand, ctx.lexicon)
        if lemma is None:
            continue
        subj = subject_of(cand)
        if _usable_subject(ctx, subj):
            rule = "according_to" if lemma == "according to" else "syntactic_cue"
            return Attribution(rule, 0.9, speaker=subj, cue=_cue(ctx, cand, lemma))
    return None


def _window(ctx: Context, start: int, end: int) -> list[Token]:
    return [t for t in ctx.tokens(start, end) if ctx.inside(t) is None]


def _np_head_near(tokens: Sequence[Token], forward: bool) -> Token | None:
    seq = tokens if forward else list(reversed(tokens))
    for tok in seq:
        if tok.pos_ in ("PROPN", "PRON") or (tok.pos_ == "NOUN" and tok.dep_ in _SUBJ):
            # walk to the head of a name (compound chains point right)
            head = tok
            while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                head = head.head
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
                subj = _np_head_near(toks[i + 1 :], True) if lemma else None
                if lemma and subj is not None:
                    return Attribution("stray_mark", 0.7, speaker=subj, cue=_cue(ctx, tok, lemma))
    return None


_FRAME_START = re.compile(r"(?:said|says|added|adds|told|tells|asked|asks|wrote|writes)\b")


def split_stray_frames(
    text: str, spans: list[QuoteSpan]
) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """Separate unclosed "quotations" that are really attributions after a stray mark.

    An unclosed span that is not part of a multi-paragraph quotation, follows a closed
    quotation in its paragraph, is short, and starts with a reporting verb (“said X.) is
    returned as a frame ``(start, end)`` rather than a quotation.
    """
    keep: list[QuoteSpan] = []
    frames: list[tuple[int, int]] = []
    continued = {q.continues for q in spans if q.continues is not None}
    for q in spans:
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
            subj = _np_head_near(toks[i + 1 :], True) or _np_head_near(toks[:i], False)
        if subj is not None:
            return Attribution("trailing_cue", 0.8, speaker=subj, cue=_cue(ctx, tok, lemma))
    return None


_DASHES = "―—–-"


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
    names = [
        t for t in toks[:6] if (t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and _has_letter(t)
    ]
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
    for i in range(len(toks) - 1, -1, -1):
        lemma = cue_lemma(toks[i], ctx.lexicon)
        if lemma is None:
            continue
        subj = subject_of(toks[i])
        if not _usable_subject(ctx, subj):
            # "X said: “…”", or inverted: "Said X: “…”"
            subj = _np_head_near(toks[:i], False) or _np_head_near(toks[i + 1 :], True)
        if subj is not None:
            return Attribution(rule, conf, speaker=subj, cue=_cue(ctx, toks[i], lemma))
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
    syntactic_cue,
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

RULES: tuple[str, ...] = (
    "syntactic_cue",
    "according_to",
    "stray_mark",
    "trailing_cue",
    "dash_signature",
    "leading_cue",
    "colon_intro",
    "clause_subject",
    "multi_paragraph",
    "same_paragraph",
    "continuation",
)
"""The names of all rules, in the order they are tried."""


def _embedded(ctx: Context, q: QuoteSpan) -> bool:
    """Whether a quotation sits inside a sentence (a fragment) rather than standing alone."""
    para = ctx.para_of(q)
    before = ctx.text[para.start : q.mark_start].rstrip()
    if not before:
        return False
    return before[-1].isalnum() or before[-1] in "%$€£)'’\"”"


# --- speakers -----------------------------------------------------------------------------

_ORG_ENTS = {"ORG", "GPE", "NORP", "FAC"}
_ORG_NOUNS = frozenset(
    """
    government ministry department agency office committee council commission newspaper
    paper magazine network company firm group campaign party court report statement
    study survey poll union board association organization organisation administration
    house senate congress parliament team police army military embassy bank fund
    """.split()
)


def _entity_span(head: Token) -> Span | None:
    doc = head.doc
    for ent in doc.ents:
        if ent.start <= head.i < ent.end:
            return ent
    return None


_PARTICLES = frozenset(
    """
    von van der den de da del della di du la le bin al el ibn
    """.split()
)


_MARK_GLUE = re.compile(r"[“”„‟«»\"]")


def name_run(head: Token) -> tuple[int, int]:
    """Token range of the proper name a head token ends: "Ursula von der Leyen".

    It runs left from the head over proper nouns and name particles, and stops at a word
    the tagger put in another organization or place name ("European Commission" in
    "European Commission President Ursula von der Leyen"); titles stay in the run and are
    split off by :func:`quoteattr.speakers.split_title`.
    """
    lo, hi = mention_bounds(head)
    doc = head.doc
    own = _entity_span(head)
    start = head.i
    i = lo - 1
    if i >= 0 and doc[i].is_space:  # "Jane  Doe": the parse stops at the run of spaces
        while i >= 0 and (doc[i].is_space or _name_word(doc[i])):
            lo, i = i, i - 1
    for i in range(head.i - 1, lo - 1, -1):
        tok = doc[i]
        if tok.is_space:
            continue  # "Jane  Doe": a run of spaces is a token of its own
        if not _name_word(tok):
            break
        if tok.ent_type_ in _ORG_ENTS and not (own is not None and own.start <= i):
            break
        start = i
    end = head.i + 1
    while end < hi and _name_word(doc[end]):
        end += 1
    return start, end


def _has_letter(tok: Token) -> bool:
    return any(c.isalpha() for c in tok.text)


def _name_word(tok: Token) -> bool:
    """A word that can be part of a name: a proper noun with a letter, or a particle."""
    return _has_letter(tok) and (tok.pos_ == "PROPN" or tok.lower_ in _PARTICLES)


def _name_kind(run: Span, table: EntityTable, subject: bool) -> str | None:
    """``person``, ``organization``, or ``None`` for names that cannot be speakers.

    The tagger's labels decide, corrected where an "organization" reads as a person's
    name; an untagged proper noun counts as a person only as a subject.
    """
    labels = {t.ent_type_ for t in run if t.ent_type_}
    words = [t.text for t in run]
    if "PERSON" in labels:
        return "person"
    if labels & _ORG_ENTS:
        return "person" if table.looks_like_person(words) else "organization"
    if labels:
        return None
    return "person" if subject else None


def _register(table: EntityTable, ctx: Context, head: Token, subject: bool) -> Entity | None:
    """Add the name a head token stands for to the table and return its entity."""
    if head.pos_ != "PROPN" and _entity_span(head) is None:
        return None
    pos = ctx.base(head)
    doc = head.doc
    lo, _ = mention_bounds(head)
    start, end = name_run(head)
    run = doc[start:end]
    words = [t.text for t in run if any(c.isalpha() for c in t.text) or t.text == "."]
    words = [w for w in (_MARK_GLUE.split(w, maxsplit=1)[0] for w in words) if w]
    if not words or not words[-1][:1].isupper():
        return None  # "the minister" tagged as a proper noun is a nominal mention
    title = [t.text for t in doc[lo:start] if t.pos_ in ("PROPN", "NOUN")]
    kind = _name_kind(run, table, subject)
    if kind is None:
        return None
    entity = table.add_name(words, kind, pos, subject=subject, title=title)  # type: ignore[arg-type]
    if entity is not None:
        for d in _descriptions(head):
            entity.describe(d)
            entity.roles.update(w.lower() for w in d.split()[-1:])
    return entity


def _outside_tokens(ctx: Context) -> Iterator[Token]:
    for para in ctx.paras:
        for _, doc in para.docs:
            for tok in doc:
                if ctx.inside(tok) is None:
                    yield tok


def _is_ent_root(tok: Token) -> bool:
    ent = _entity_span(tok)
    return ent is not None and ent.root.i == tok.i


def _collect_names(ctx: Context, table: EntityTable) -> None:
    """First pass: every name outside quotations, for aliases, gender and salience.

    People named by the tagger come first (so that a surname the tagger took for an
    organization elsewhere still joins its person), then organizations and untagged proper
    nouns in subject position, then subject pronouns in text order, each linked to the most
    salient compatible entity before it.
    """
    toks = list(_outside_tokens(ctx))
    heads = [
        t
        for t in toks
        if (t.pos_ == "PROPN" and t.dep_ not in ("compound", "flat"))
        or (t.ent_type_ == "PERSON" and _is_ent_root(t))
    ]
    for want_person in (True, False):
        for tok in heads:
            start, end = name_run(tok)
            subject = tok.dep_ in _SUBJ
            kind = _name_kind(tok.doc[start:end], table, subject)
            if kind is not None and (kind == "person") == want_person:
                _register(table, ctx, tok, subject)
    for tok in toks:
        if tok.dep_ in _SUBJ and tok.lower_ in ("he", "she"):
            pos = ctx.base(tok)
            entity = table.resolve_pronoun(tok.lower_, pos)
            if entity is not None:
                table.note_pronoun(entity, tok.lower_, pos)


@attrs.frozen
class _Resolved:
    entity: Entity | None
    fallback: str
    mention: Mention | None
    penalty: float


def _clip_at_mark(ctx: Context, start: int, end: int) -> int:
    """End a mention before a quotation mark glued to it (``Smith“And`` in a caller's Doc)."""
    i = bisect.bisect_left(ctx.starts, start)
    if i < len(ctx.starts) and ctx.starts[i] < end:
        return max(start + 1, ctx.starts[i])
    return end


def _resolve(ctx: Context, table: EntityTable, head: Token) -> _Resolved:
    lo, hi = mention_bounds(head)
    doc = head.doc
    while lo < head.i and (doc[lo].is_punct or ctx.inside(doc[lo]) is not None):
        lo += 1  # “Great game” coach John Smith said: the mention starts after the quote
    while hi - 1 > head.i and (doc[hi - 1].is_punct or ctx.inside(doc[hi - 1]) is not None):
        hi -= 1
    start = ctx.base(doc[lo])
    end = ctx.base(doc[hi - 1]) + len(doc[hi - 1].text)
    end = _clip_at_mark(ctx, start, end)
    mention = Mention(text=ctx.text[start:end], start=start, end=end)
    pos = start
    lower = head.lower_
    if head.pos_ == "PRON" or lower in PRONOUNS:
        entity = table.resolve_pronoun(lower, pos)
        if entity is not None:
            table.note_pronoun(entity, lower, pos)
            return _Resolved(entity, head.text, mention, 0.85)
        return _Resolved(None, head.text, mention, 0.35)
    entity = _register(table, ctx, head, True)
    if entity is not None:
        return _Resolved(entity, entity.name, mention, 1.0)
    # a nominal mention: "the minister", "an EU spokesperson"
    lemma = str(head.lemma_).lower()
    entity = table.resolve_nominal(lemma, pos)
    if entity is not None:
        table.mention(entity, pos)
        return _Resolved(entity, entity.name, mention, 0.85)
    words = [t.text for t in doc[lo:hi] if t.dep_ not in ("det",) and not t.is_punct]
    name = " ".join(words) or head.text
    kind_org = lemma in _ORG_NOUNS
    entity = table.add_name([name], "organization" if kind_org else "other", pos, subject=True)
    if entity is not None:
        entity.kind = "organization" if kind_org else "person"
        entity.roles.add(lemma)
    return _Resolved(entity, name, mention, 0.9)


# --- putting it together --------------------------------------------------------------------


def attribute_document(source: str | Doc, nlp: Language, options: Options) -> list[Quote]:
    """Find and attribute every quotation of one document.

    Args:
        source: The text, or a spaCy ``Doc`` (used as it is, without parsing again).
        nlp: The pipeline used to parse a text.
        options: The extraction settings.

    Returns:
        The quotations, in text order (scare quotes only with ``options.include_scare``).
    """
    text = source if isinstance(source, str) else source.text
    spans, frames = outermost_quotations(text)
    if not spans:
        return []
    bounds = paragraph_bounds(text)
    paras = (
        parse_paragraphs(text, nlp, bounds)
        if isinstance(source, str)
        else paragraphs_of_doc(source, bounds)
    )
    ctx = Context(text=text, paras=paras, quotes=spans, lexicon=options.lexicon, frames=frames)
    return attribute_context(ctx, options)


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
    if att.speaker is None:
        return True
    if att.speaker.is_space:
        return False
    pos = ctx.base(att.speaker)
    return not q.mark_start <= pos < q.mark_end


def attribute_context(ctx: Context, options: Options) -> list[Quote]:
    """Run every rule over a prepared :class:`Context` and build the quotes, in text order."""
    table = EntityTable(options.name_similarity)
    _collect_names(ctx, table)
    found: list[Attribution | None] = []
    for qi in range(len(ctx.quotes)):
        found.append(next((a for r in LOCAL_RULES if _acceptable(ctx, qi, a := r(ctx, qi))), None))
    for doc_rule in DOCUMENT_RULES:
        doc_rule(ctx, found)
    resolved: list[_Resolved | None] = []
    for att in found:
        if att is not None and att.speaker is not None:
            resolved.append(_resolve(ctx, table, att.speaker))
        else:
            resolved.append(None)
    quotes = []
    for qi in range(len(ctx.quotes)):
        quote = _build(ctx, table, qi, found, resolved, options)
        if quote is not None:
            quotes.append(quote)
    return quotes


def _build(
    ctx: Context,
    table: EntityTable,
    qi: int,
    found: list[Attribution | None],
    resolved: list[_Resolved | None],
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
    if res is None or src_att is None or (m is not None and m.start < q.end and q.start < m.end):
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
