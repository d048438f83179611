"""Reporting cues: the verbs (and a few fixed phrases) that introduce what someone said.

The lexicon starts from textacy's English reporting verbs
(:data:`textacy.constants.REPORTING_VERBS`) and adds the verbs news copy uses to frame a
quotation: manner-of-speaking verbs ("quip", "insist"), writing and posting verbs ("tweet",
"post"), verbs of describing and naming ("call", "describe") and of characterizing
("liken", "brand", "hail", "denounce") that frame partial quotes.
The additions were written for quoteattr from reading news copy; each is a plain English verb.
Right after a quotation, in the frame of an attribution ("“…,” Renn barked."), any verb is a
cue (:func:`frames_quotation`), and so is a verb of saying the tagger took for a noun
(:func:`noun_frames_quotation`: "“…,” the memo states.").

Reported speech (:func:`speech_lemmas`) counts only the verbs of saying and writing among
them: the cue lemmas and :data:`REPORTING_ONLY`, without those of belief, wish, feeling,
finding, evaluation and command (:data:`NOT_SPEECH`). The line is PolNeAR's.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "NOT_SPEECH",
    "PHRASAL_CUES",
    "REPORTING_ONLY",
    "cue_forms",
    "cue_lemma",
    "cue_lemmas",
    "frames_quotation",
    "inverted_cue",
    "is_cue",
    "make_lexicon",
    "noun_frames_quotation",
    "speech_lemmas",
]


def _textacy_verbs() -> frozenset[str]:
    try:
        from textacy import constants
    except ImportError:  # pragma: no cover - textacy is a dependency
        return frozenset()
    verbs: Iterable[str] = constants.REPORTING_VERBS.get("en", ())
    return frozenset(verbs)


_NEWS_VERBS = frozenset(
    """
    add admit advise affirm agree allege announce answer argue ask assert assure boast
    brag call caution charge chide cite claim comment complain concede conclude confide
    confirm contend continue counter cry declare demand deny describe dismiss echo
    emphasise emphasize exclaim explain express grumble highlight hint inform insist
    joke lament maintain mention muse mutter note observe offer opine plead pledge point
    post praise proclaim promise quip quote read reaffirm recall recount reflect
    reiterate remark remind repeat reply report respond retort reveal say scoff shout
    sigh signal snap speak state stress suggest summarize summarise swear tell testify
    text thunder tout tweet underline underscore urge vow warn whisper wonder write yell
    interject mumble murmur laugh chuckle concur reckon gush sob scream shriek bellow roar
    sneer snarl stammer groan moan whine rant blurt gasp marvel enthuse jest tease taunt
    lecture preach recite react vent imply indicate speculate talk find
    """.split()
)

_CHARACTERIZING_VERBS = frozenset(
    """
    attack blast brand characterize characterise chant compare condemn decry denounce
    depict dub hail label lambaste liken mock portray rate refer ridicule slam term
    """.split()
)
"""Verbs of characterizing, whose subject's words a partial quote gives ("likened the
rules to “burning the Constitution”", "hailed him as “the comeback kid”", "refers to her
as “the boss”", "portrayed the plan as a “giveaway”")."""


_MANNERS = frozenset("beam grin smile rave fume bristle huff".split())
"""Manners of saying that are cues only right beside a quotation ("“…!” beamed X", "X
fumed: “…”"); elsewhere they are what a face or a crowd does."""


def _beside_quotation(token: Token) -> bool:
    """Whether a token follows a quotation mark (with a comma between) or precedes a colon."""
    doc = token.doc
    i = token.i
    if i + 1 < len(doc) and doc[i + 1].text == ":":
        return True
    prev = doc[max(0, i - 2) : i]
    if not len(prev):
        return False
    return prev[-1].is_quote or (len(prev) == 2 and prev[1].text == "," and prev[0].is_quote)


_FRAME_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "dative", "oprd"})
_FRAME_ENDS = frozenset({".", "!", "?", ",", ";", ":"})
_FIRST_SECOND = frozenset({"i", "you", "we"})


def frames_quotation(token: Token) -> bool:
    """Whether ``token`` is any verb in the frame of an attribution right after a quotation.

    ``“…,” Renn barked.``, ``“…?” she elaborated.``, ``“…,” remembered Oskar Lind, an
    aide.``: the quotation ends in a comma, question or exclamation mark (or a comma
    follows its closing mark), and the verb's clause is nothing but its subject (before it,
    or right after it when the verb follows the mark) and adverbials, up to the end of the
    sentence. In that frame news copy uses any verb of manner for "said", so the verb is a
    cue whatever its lemma ("surmised", "barked", "fumed on Tuesday").

    Args:
        token: A spaCy token.
    """
    if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    doc = token.doc
    before = [
        c
        for c in token.lefts
        if c.dep_ not in ("punct", "ccomp")
        and not any(t.is_quote for t in doc[c.right_edge.i + 1 : token.i])
    ]  # a word of the quotation the parser hangs on the verb is not in its frame
    after = [c for c in token.rights if c.dep_ != "punct"]
    if before:  # "… ,” Renn barked": the subject and nothing else before the verb
        subject = before[0]
        if len(before) != 1 or subject.dep_ != "nsubj" or subject.right_edge.i != token.i - 1:
            return False
        if subject.lower_ in _FIRST_SECOND:
            return False  # "… ,” you know": the speaker's own words go on
        left = before[0].left_edge.i
        if any(c.dep_ in _FRAME_COMPLEMENTS for c in after):
            return False
    else:  # ",” remembered Oskar Lind": the subject (or what the parser took for it) after
        if not after or after[0].dep_ not in ("nsubj", "dobj"):
            return False
        if any(c.dep_ in _FRAME_COMPLEMENTS for c in after[1:]) or after[0].pos_ == "PRON":
            return False
        left = token.i
    if not _after_frame_mark(token, left):
        return False
    end = token.right_edge.i + 1
    return end >= len(doc) or doc[end].text in _FRAME_ENDS or doc[end].is_quote


def _after_frame_mark(token: Token, left: int) -> bool:
    """Whether the words from ``left`` follow a quotation's closing mark, with a comma,
    question or exclamation mark inside it or a comma after it."""
    doc = token.doc
    mark = left - 1
    comma_after = mark >= 0 and doc[mark].text == ","
    if comma_after:
        mark -= 1
    if mark < 1 or not doc[mark].is_quote:
        return False
    return comma_after or doc[mark - 1].text in (",", "?", "!")


_NOUN_FRAME_RIGHTS = frozenset({"prep", "advmod", "npadvmod"})


def noun_frames_quotation(token: Token, lexicon: frozenset[str] | None = None) -> str | None:
    """The cue lemma of a verb of saying the tagger took for a noun, in the frame of an
    attribution right after a quotation: ``“…,” the document states.``, ``“…,” the two
    write.``, ``“…,” the email read.``, ``“…,” the Danes state in the white paper.`` (the
    parse makes "the document states" one noun phrase). The words between the mark and
    the verb are a phrase led by a determiner or a number, and the sentence ends after the
    verb and its adverbials.

    Args:
        token: A spaCy token.
        lexicon: The lemmas to accept; the default lexicon when ``None``.
    """
    if token.pos_ != "NOUN" or token.i < 2:
        return None
    lemma = str(token.lemma_).lower()
    if lemma not in (cue_lemmas() if lexicon is None else lexicon):
        return None
    doc = token.doc
    mark = next((t.i for t in reversed(doc[max(0, token.i - 6) : token.i]) if t.is_quote), None)
    if token.dep_ != "ROOT" and (mark is None or token.head.i >= mark):
        return None  # hung on the quotation's own words, or the root
    rights = [c for c in token.rights if not c.is_punct]
    if any(c.dep_ not in _NOUN_FRAME_RIGHTS for c in rights):
        return None  # "the state of the union": a noun with its own complement
    end = max([token.i] + [c.right_edge.i for c in rights]) + 1
    if end < len(doc) and doc[end].text not in _FRAME_ENDS:
        return None
    if rights and doc[token.i - 1].pos_ == "DET":
        return None  # "the state in question": a verb's subject comes between
    words = [c for c in token.lefts if mark is not None and c.i > mark]
    if not words or any(t.is_punct for t in doc[words[0].left_edge.i : token.i]):
        return None
    left = words[0].left_edge.i
    if token.i - left > 4 or doc[left].pos_ not in ("DET", "NUM"):
        return None
    return lemma if _after_frame_mark(token, left) else None


@functools.cache
def cue_lemmas() -> frozenset[str]:
    """Lemmas of reporting verbs: textacy's English list plus the news verbs above.

    Built on first use, so that importing quoteattr (which spaCy does for its component
    entry point whenever a pipeline is loaded) does not import textacy.
    """
    return (_textacy_verbs() | _NEWS_VERBS | _CHARACTERIZING_VERBS | _MANNERS) - {"according"}


def __getattr__(name: str) -> frozenset[str]:
    if name == "CUE_LEMMAS":  # the lexicon as a constant, built lazily
        return cue_lemmas()
    if name == "SPEECH_LEMMAS":  # built lazily, as the cue lexicon is
        return speech_lemmas()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


PHRASAL_CUES: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "go": frozenset({"on"}),
    "sum": frozenset({"up"}),
    "spell": frozenset({"out"}),
    "chime": frozenset({"in"}),
    "weigh": frozenset({"in"}),
    "lash": frozenset({"out"}),
    "fire": frozenset({"back"}),
    "hit": frozenset({"back"}),
    "shoot": frozenset({"back"}),
}
"""Verbs that are cues only with a particle ("point out", "go on")."""

_ALWAYS_PHRASAL = frozenset(
    {"go", "sum", "spell", "chime", "weigh", "lash", "fire", "hit", "shoot"}
)


@functools.lru_cache(maxsize=64)
def _lexicon(extra: frozenset[str]) -> frozenset[str]:
    return cue_lemmas() | frozenset(e.strip().lower() for e in extra if e.strip())


def make_lexicon(extra: Iterable[str] = ()) -> frozenset[str]:
    """Return the cue lemmas with ``extra`` lemmas added (lower-cased).

    Args:
        extra: More verb lemmas to count as cues.

    Returns:
        The set of lemmas :func:`is_cue` accepts.
    """
    return _lexicon(frozenset(extra))


_PARTICLES = frozenset(p for ps in PHRASAL_CUES.values() for p in ps)


def _particle(token: Token) -> str | None:
    """The verb's particle: a ``prt`` child, or one of the cue particles right after it that
    the parser took for an adverb ("fired back", "shot back")."""
    for child in token.children:
        if child.dep_ == "prt" or (
            child.dep_ == "advmod" and child.i == token.i + 1 and child.lower_ in _PARTICLES
        ):
            return str(child.lower_)
    return None


def _as_put_it(token: Token) -> bool:
    """ "as the memo put it", "as X puts it": the idiom that frames a quotation."""
    children = list(token.children)
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in children) and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in children
    )


def cue_lemma(token: Token, lexicon: frozenset[str] | None = None) -> str | None:
    """Return the cue lemma of ``token`` ("say", "point out"), or ``None`` if it is no cue.

    A token is a cue when it is a verb whose lemma is in ``lexicon`` (for a phrasal cue,
    with its particle; "put" only in the idiom "as X put it"). "said" is taken as a cue
    whatever its part-of-speech tag, since taggers sometimes call it an adjective. The
    last word of a hyphenated compound ("self-described") is never a cue, and a manner of
    saying ("beamed", "fumed") is one only right beside a quotation. Any verb is a cue in
    the frame of an attribution right after a quotation (:func:`frames_quotation`).

    Args:
        token: A spaCy token.
        lexicon: The lemmas to accept (see :func:`make_lexicon`); the default lexicon
            (:func:`cue_lemmas`) when ``None``.
    """
    if lexicon is None:
        lexicon = cue_lemmas()
    if token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_:
        return None  # "self-described", "so-called": a word of a compound adjective
    lemma = str(token.lemma_).lower()
    lower = str(token.lower_)
    if lower in {"said", "says", "say"}:
        return "say"
    if token.pos_ not in {"VERB", "AUX"} and not (token.pos_ == "NOUN" and lower == "tweeted"):
        return None
    if lemma == "put" and _as_put_it(token):
        return "put it"
    particle = _particle(token)
    if lemma in PHRASAL_CUES and particle in PHRASAL_CUES[lemma]:
        return f"{lemma} {particle}"
    if lemma in _MANNERS and not (_beside_quotation(token) or frames_quotation(token)):
        return None
    if lemma in lexicon and lemma not in _ALWAYS_PHRASAL:
        return lemma
    if frames_quotation(token):
        return lemma
    return None


def is_cue(token: Token, lexicon: frozenset[str] | None = None) -> bool:
    """Whether ``token`` is a reporting verb (see :func:`cue_lemma`)."""
    return cue_lemma(token, lexicon) is not None


# --- verbs of saying and writing (reported speech) ---------------------------------------

NOT_SPEECH = frozenset(
    """
    believe think fear hope worry wonder muse reflect feel
    conclude find
    continue read offer decline sigh express echo
    praise tout dismiss highlight underscore brag
    speak talk answer plead remind order disagree quote
    beam grin smile fume bristle huff react
    """.split()
)
"""Cue lemmas that frame a quotation but do not report speech or writing.

Beliefs and feelings (*believe*, *think*, *fear*, *hope*, *worry*, *wonder*), findings
(*conclude*, *find*: what a study or a poll shows; "a 2014 report found “no evidence …”"
gives the quoted words to the report), verbs that go with a quotation but take no
reported clause (*continue*, *read*, *decline*, *speak*, *talk*, *answer*, *plead*),
evaluations and acts that name no content of their own (*praise*, *tout*, *dismiss*,
*highlight*, *underscore*, *brag*), commands and reminders (*order*, *remind*), and the
manners of saying that only frame a quotation ("“…!” beamed X": *beam*, *grin*, *smile*,
*fume*). Wishes and intentions (*want*, *plan*, *intend*) and *show* are not cues at
all. The line is PolNeAR's: none of these verbs ever frames an attribution of reported
speech there."""

REPORTING_ONLY = frozenset("question propose estimate".split())
"""Verbs of saying that report content but do not frame quotations, so they are not in
the cue lexicon: "X questioned whether S", "X proposed S", "X estimated S"."""


@functools.cache
def _speech(extra: frozenset[str]) -> frozenset[str]:
    return (cue_lemmas() | extra | REPORTING_ONLY) - NOT_SPEECH


def speech_lemmas(lexicon: frozenset[str] | None = None) -> frozenset[str]:
    """The lemmas of verbs of saying and writing: ``lexicon`` without :data:`NOT_SPEECH`.

    Args:
        lexicon: The cue lemmas in force (default: :func:`quoteattr.cues.cue_lemmas`).
    """
    return _speech(frozenset(lexicon or ())) if lexicon is not None else _speech(frozenset())


_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "swear": ("swore", "sworn"),
    "teach": ("taught",),
    "tweet": ("tweeted",),
    "read": ("read",),
    "forbid": ("forbade", "forbidden"),
}


@functools.lru_cache(maxsize=8)
def _forms_index(lexicon: frozenset[str]) -> dict[str, str]:
    index: dict[str, str] = {}
    for lemma in sorted(lexicon):
        for form in cue_forms(lemma):
            index.setdefault(form, lemma)
    return index


def inverted_cue(word: str, lexicon: frozenset[str] | None = None) -> str | None:
    """The cue lemma of a capitalized verb of saying that opens an inverted attribution
    ("Stated Varga: “…”", "Wrote Ines Ruiz in her column: “…”"), however the tagger
    labelled it; ``None`` for any other word. "Said" and "Says" are left out: they are
    given names too ("Said Jalili").

    Args:
        word: A word as written.
        lexicon: The lemmas to accept; the default lexicon when ``None``.
    """
    if not word[:1].isupper() or word.lower() in ("said", "says"):
        return None
    lemma = _forms_index(cue_lemmas() if lexicon is None else lexicon).get(word.lower())
    return lemma if lemma is not None and lemma not in _ALWAYS_PHRASAL else None


def cue_forms(lemma: str) -> set[str]:
    """Every spelling a verb lemma can take in text (over-generated: more does no harm).

    Args:
        lemma: A verb lemma ("say", "point out": only the verb is inflected).
    """
    verb = lemma.split()[0]
    forms = {verb, *(_IRREGULAR.get(verb, ()))}
    stem = verb[:-1] if verb.endswith("e") else verb
    forms |= {verb + "s", verb + "es", stem + "ed", stem + "ing", verb + "ing"}
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # "admitted", "stopping"
    return forms
