"""Speaker mentions: the names, pronouns and nominal phrases that say who spoke.

A rule gives the head token of a speaker mention; this module turns it into a
:class:`~quoteattr.model.Mention` with exact offsets and an entity of the document's
:class:`~quoteattr._speakers.EntityTable`. :func:`collect_names` first registers every name
outside quotations (for aliases, gender and salience); :func:`resolve` then resolves each
speaker head: a name, a pronoun, or a nominal mention ("the minister").
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Literal

import attrs

from ._context import Context
from ._lexicon import (
    CALENDAR,
    DOCUMENTS,
    GROUP_NOUNS,
    ORG_ENTITIES,
    ORG_NOUNS,
    PEOPLE_NOUNS,
    POSSESSIVES,
    PRONOUNS,
    REFLEXIVES,
    SUBJECT_DEPS,
    TIME_ENTITIES,
)
from ._names import (
    PARTICLES,
    is_first_name,
    is_surname,
    org_word,
    person_shaped,
    split_title,
    strip_leading,
)
from ._roles import is_person_noun, is_title_word
from ._speakers import PAST_WORDS, Entity, EntityTable, past_role
from ._syntax import dateline
from .cues import inverted_cue
from .marks import MARK_CHARS
from .model import Mention, SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ResolutionPath",
    "Resolved",
    "collect_names",
    "mention_bounds",
    "name_run",
    "poll_of",
    "resolve",
]

_NP_LEFT = {"compound", "det", "poss", "amod", "nmod", "nummod", "flat", "case", "quantmod"}
_NP_RIGHT = {"flat", "compound", "case"}


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token index range ``[i, j)`` of the noun phrase a speaker head token stands for.

    It keeps determiners, compounds, titles and possessives to the left and name parts to
    the right, and leaves out appositions, relative clauses and prepositional phrases.
    """
    left = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if (
            (child.dep_ in _NP_LEFT and child.i == left - 1)
            or _glued_hyphen(child)
            or _glued_to(child, left)  # "the 38-year-old": one word, written with hyphens
            or (
                child.dep_ in _NP_LEFT
                and all(t.dep_ in _NP_LEFT | {"punct"} for t in child.subtree)
            )
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


def _glued_to(child: Token, left: int) -> bool:
    """Whether a child and its words end right where the mention starts, glued to it with
    no space between ("38-year" and "-" before "old")."""
    doc = child.doc
    if child.right_edge.i != left - 1 and child.i != left - 1:
        return False
    return all(not doc[i].whitespace_ for i in range(child.left_edge.i, left))


def _descriptions(head: Token) -> list[tuple[str, str]]:
    """The appositions of a name, each as written and with its role word: ("a professor at
    Columbia University", "professor") for "Jane Roe, a professor at Columbia University,".
    The role word is the apposition's head noun, which "the professor" can refer to later;
    it is empty when the head is no common noun."""
    out = []
    for child in head.rights:
        if child.dep_ == "appos":
            words = [t for t in child.subtree if not (t.is_punct and t.i == child.right_edge.i)]
            if words:  # the text as written, not the tokens joined ("D-Md.", "Coalition's")
                text = head.doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
                role = str(child.lemma_).lower() if child.pos_ == "NOUN" else ""
                out.append((text, role))
    return out


def _entity_span(head: Token) -> Span | None:
    """The entity a token is part of, read from the IOB tags around it (``doc.ents`` would
    build every entity of the Doc on each call)."""
    if head.ent_iob_ not in ("B", "I"):
        return None
    doc = head.doc
    start = head.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = head.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


_MARK_GLUE = re.compile(f"[{MARK_CHARS}]")


def name_run(head: Token) -> tuple[int, int]:
    """Token range of the proper name a head token ends: "Ursula von der Leyen".

    It runs left from the head over proper nouns and name particles, and stops at a word
    the tagger put in another organization or place name ("European Commission" in
    "European Commission President Ursula von der Leyen"); titles stay in the run and are
    split off by :func:`quoteattr._names.split_title`.
    """
    lo, hi = mention_bounds(head)
    doc = head.doc
    own = _entity_span(head)
    start = head.i
    i = lo - 1
    if i >= 0 and doc[i].is_space:  # "Jane  Doe": the parse stops at the run of spaces
        while i >= 0 and (doc[i].is_space or _name_word(doc[i])):
            lo, i = i, i - 1
    while lo > 0 and _name_word(doc[lo - 1]) and doc[lo - 1].ent_type_ not in TIME_ENTITIES:
        lo -= 1  # a broken parse ("Leader Hakeem Jeffries" parsed as a clause)
    while lo < head.i and _opens_inversion(doc[lo]):
        lo += 1  # "Stated Varga: “…”": the verb, not a word of the name
    i = head.i - 1
    while i >= lo:
        tok = doc[i]
        if tok.is_space:
            i -= 1
            continue  # "Jane  Doe": a run of spaces is a token of its own
        if not _name_word(tok):
            break
        if tok.ent_type_ in ORG_ENTITIES and not (own is not None and own.start <= i):
            if own is None and i == head.i - 1 and is_first_name(tok.text):
                start, i = i, i - 1  # "Klaus Richter" with "Klaus" tagged ORG
                continue
            nxt = doc[i + 1]
            ent = _entity_span(tok)
            if not (is_title_word(nxt.text) and ent is not None and ent.start >= lo):
                break
            # "House Minority Leader …", "European Commission President …": the
            # organization is part of the title
            start = ent.start
            i = ent.start - 1
            continue
        start = i
        i -= 1
    end = head.i + 1
    while end < hi and _name_word(doc[end]):
        end += 1
    return start, end


def _opens_inversion(tok: Token) -> bool:
    """A capitalized verb of saying opening its sentence before a name ("Stated Varga:",
    "Wrote Ines Ruiz in her column:"), which the tagger may take for part of the name."""
    return bool(tok.is_sent_start) and inverted_cue(tok.text) is not None


def _name_word(tok: Token) -> bool:
    """A word that can be part of a name: a proper noun with a letter, a particle, or a
    hyphen glued between two name words ("Ocasio-Cortez", "Jean-Luc")."""
    if _glued_hyphen(tok):
        return True
    has_letter = any(c.isalpha() for c in tok.text)
    return has_letter and (
        tok.pos_ == "PROPN"
        or (tok.ent_type_ == "PERSON" and tok.text[:1].isupper())
        or tok.lower_ in PARTICLES
        or _hyphen_part(tok)
    )


def _glued_hyphen(tok: Token) -> bool:
    doc = tok.doc
    return (
        tok.text in ("-", "‐")
        and 0 < tok.i < len(doc) - 1
        and not doc[tok.i - 1].whitespace_
        and not tok.whitespace_
        and doc[tok.i - 1].text[:1].isupper()
        and doc[tok.i + 1].text[:1].isupper()
    )


def _hyphen_part(tok: Token) -> bool:
    """A capitalized word glued by a hyphen to a name word ("Jean" in "Jean-Luc")."""
    doc = tok.doc
    if not tok.text[:1].isupper():
        return False
    return (tok.i + 1 < len(doc) and _glued_hyphen(doc[tok.i + 1])) or (
        tok.i > 0 and _glued_hyphen(doc[tok.i - 1])
    )


def _name_words(run: Span) -> list[str]:
    """The words of a name as written: tokens glued without a space stay one word."""
    words: list[str] = []
    glue = False
    for tok in run:
        text = tok.text
        keep = any(c.isalpha() for c in text) or text == "." or _glued_hyphen(tok)
        if not keep:
            glue = False
            continue
        if glue and words:
            words[-1] += text
        else:
            words.append(text)
        glue = not tok.whitespace_ and (
            text == "."
            or _glued_hyphen(tok)
            or (tok.i + 1 < run.end and _glued_hyphen(tok.doc[tok.i + 1]))
        )
    return words


def _after_titles(words: list[str]) -> list[str]:
    """The words after the title ("European Council President António Costa", "Owners
    Tore Lund"; see :func:`quoteattr._names.split_title`)."""
    return split_title(words)[1]


def _recognized(tok: Token) -> bool:
    """Whether the entity recognizer ran on a token's Doc (it sets every token's IOB tag;
    looking at one token keeps this O(1) where ``Doc.has_annotation`` reads them all)."""
    return bool(tok.ent_iob)


def _unlabelled_kind(words: list[str], table: EntityTable, subject: bool) -> str | None:
    """The kind of a name the entity recognizer did not see: a person when a title, a
    known first name or a known surname says so (a one-word subject that is a family name
    and no English word counts too); another subject is an organization ("The European
    Union signed"; one bare word, as "Burton" in "Burton explained.", is a person after all
    when a he or she has no one else to refer to).
    """
    name = _after_titles(words)
    if not name:
        return None
    if org_word(name[-1]):
        return "organization" if subject else None  # "The National Union of Teachers"
    if len(name) < len(words) or table.looks_like_person(name):
        return "person"
    if len(name) > 1 and is_first_name(name[0]):
        return "person"
    if subject and _lone_surname(name):
        return "person"  # "Burton explained …": a family name, and no English word
    # a subject that is no person's name: an organization ("The European Union signed"),
    # or, one bare word, a name a later he or she may still turn into a person's
    return "organization" if subject else None


def _titled_name(words: list[str], table: EntityTable) -> bool:
    """A person's title before a name tagged ORG as a whole ("Councillor Edda Krog"): the
    words after the title read as a person's name, or are two or more words none of which
    names an institution ("Premier League", "Minister of State Office" stay)."""
    name = _after_titles(words)
    if not 0 < len(name) < len(words):
        return False
    if table.looks_like_person(name):
        return True
    return len(name) > 1 and all(w[:1].isupper() and w.lower() not in ORG_NOUNS for w in name)


def _lone_surname(words: list[str]) -> bool:
    """One word that is a known family name and no English word, and no acronym: a surname
    the recognizer did not know ("“…,” Thune said.") or did not see."""
    word = words[0]
    return len(words) == 1 and word[:1].isupper() and not word.isupper() and is_surname(word)


def _name_kind(run: Span, table: EntityTable, subject: bool) -> str | None:
    """``person``, ``organization``, or ``None`` for names that cannot be speakers.

    The entity recognizer's labels decide, corrected where an "organization" reads as a
    person's name; an untagged proper noun counts as a person only as a subject. In a
    stretch the recognizer did not run on (a sentence with no quotation mark, see
    :func:`quoteattr._parsing.parse`), a name counts only when it reads as a person's (a
    known first name, or the surname of a person already named).
    """
    labels = {t.ent_type_ for t in run if t.ent_type_}
    words = [t.text for t in run]
    if len(words) == 1 and words[0].lower() in ORG_NOUNS:
        return "organization"  # "The Government, he said, …": a capitalized institution
    if any(c.isdigit() for w in words for c in w):
        # "the 13th Amendment", "Route 66": no person's name has a digit
        return "organization" if subject and labels <= ORG_ENTITIES else None
    if not _recognized(run[0]):
        return _unlabelled_kind(words, table, subject)
    if "PERSON" in labels:
        return "person"
    if labels & ORG_ENTITIES:
        return (
            "person"
            # a surname tagged ORG is a person; places and groups (GPE, NORP) stay
            if table.looks_like_person(words)
            or (labels == {"ORG"} and (_lone_surname(words) or _titled_name(words, table)))
            else "organization"
        )
    if labels:
        # "Mayor Emily Smith" tagged a work of art: a title or a known given name still
        # says person
        return "person" if _unlabelled_kind(words, table, False) == "person" else None
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
    words = [w for w in (_MARK_GLUE.split(w, maxsplit=1)[0] for w in _name_words(run)) if w]
    words = strip_leading([w.lstrip("-–—―") or w for w in words])
    if _not_a_name(words) or dateline(head, start) or all(map(is_title_word, words)):
        return None  # "President" alone is a nominal mention, like "the minister"
    if not words or not words[-1][:1].isupper():
        return None  # "the minister" tagged as a proper noun is a nominal mention
    lead = doc[lo:start]
    cut = max((t.i + 1 for t in lead if t.pos_ == "CCONJ" or t.text in (",", ";")), default=lo)
    # "President Ursula von der Leyen and European Council President António Costa": the
    # title is what follows the last conjunction
    title = [
        t.text for t in doc[cut:start] if t.pos_ in ("PROPN", "NOUN") or t.lower_ in PAST_WORDS
    ]
    kind = _name_kind(run, table, subject)
    if kind is None:
        return None
    if kind == "person" and not _recognized(head):
        # no entity labels to stop the run at an organization: stop at the last title
        name = _after_titles(words)
        title, words = [*title, *words[: len(words) - len(name)]], name
    if kind == "organization":
        words = _whole_organization(head, start, end, words)
    if str(head.lemma_).lower() in DOCUMENTS:
        kind = "other"  # "the Federal Reserve report"
    described = _descriptions(head)
    person_role = any(
        role and (is_person_noun(role) or is_title_word(role)) for _, role in described
    )
    if kind == "organization" and not _recognized(head) and person_role:
        kind = "person"  # "Olayemi Cardoso, the bank governor, spoke": a person
    entity = table.add_name(words, kind, pos, subject=subject, title=title)  # type: ignore[arg-type]
    if entity is not None and entity.kind == "organization":
        # a tagger's guess ("Burton" tagged ORG), or a subject no recognizer saw ("Chidi
        # Okonkwo runs the shelter"), not "the Times", "NATO" or "Northwind Energy Inc."
        bare = (len(words) == 1 and not words[0].isupper()) or (
            (not _recognized(head) and person_shaped(words))
            and {t.ent_type_ for t in run} <= {"ORG", ""}
            and not any(t.dep_ == "det" for t in doc[lo:start])
        )
        entity.bare = bare and (entity.bare or sum(entity.forms.values()) == 1)
    if entity is not None:
        for text, role in described:
            entity.describe(text)
            if role:
                entity.roles.add(past_role(role, text.lower().split()[:-1]))
    return entity


def _whole_organization(head: Token, start: int, end: int, words: list[str]) -> list[str]:
    """An organization's name with its "of" phrase, as the entity recognizer spans it:
    "the Department of Justice", "the Bank of England" (not "Department", "Bank")."""
    own = _entity_span(head)
    if own is None and head.ent_iob == 0:
        return [*words, *_of_phrase(head, end)]  # no recognizer ran here
    if own is None or own.end <= end or own.start > head.i or head.ent_type_ not in ORG_ENTITIES:
        return words
    doc = head.doc
    tail = [w for w in _name_words(doc[end : own.end]) if w]
    if not tail or tail[0].lower() not in ("of", "for", "on"):
        return words
    return [*words, *tail]


def _of_phrase(head: Token, end: int) -> list[str]:
    """The "of" phrase of an organization word no recognizer saw, read from the words:
    "Ministry" in "the Ministry of Finance" goes on with "of Finance", "Union" in "the
    National Union of Teachers" with "of Teachers"; capitalized words only."""
    doc = head.doc
    if not org_word(head.text) or end >= len(doc) or doc[end].lower_ not in ("of", "for"):
        return []
    i = end + 1
    while i < len(doc) and (doc[i].is_title or _joins_names(doc, i)):
        i += 1
    return [t.text for t in doc[end:i]] if i > end + 1 else []


def _joins_names(doc: Doc, i: int) -> bool:
    """ "and" between two capitalized words of a name ("Ministry of Agriculture and Food")."""
    return doc[i].lower_ in ("and", "&") and i + 1 < len(doc) and doc[i + 1].is_title


_VERSUS = frozenset({"v", "v.", "vs", "vs.", "versus"})


def _not_a_name(words: list[str]) -> bool:
    """Weekdays, months and pronoun words are never names; nor is a lawsuit's title
    ("Trump v. Trump": two parties, no one person)."""
    if any(w in _VERSUS for w in words[1:-1]):
        return True
    return not words or all(w.lower().rstrip(".") in CALENDAR | PRONOUNS.keys() for w in words)


def _para_index(ctx: Context, tok: Token) -> int:
    return bisect.bisect_right(ctx.para_ends, ctx.base(tok))


def _is_ent_root(tok: Token) -> bool:
    ent = _entity_span(tok)
    return ent is not None and ent.root.i == tok.i


def collect_names(ctx: Context, table: EntityTable) -> None:
    """First pass: every name outside quotations, for aliases, gender and salience.

    The full forms of names read from text that was not parsed
    (:attr:`Context.introductions <quoteattr._context.Context.introductions>`) come in
    first, as far as the text says what they are, then people named by the tagger (so
    that a surname the tagger took for an organization or a place elsewhere still joins
    its person), then the remaining full forms, then organizations and untagged proper
    nouns in subject position, then subject pronouns in text order, each linked to the most
    salient compatible entity before it.
    """
    headlines = {p.index for p in ctx.paras if p.docs and ctx.headline(p)}
    toks = [t for t in ctx.outside_tokens() if _para_index(ctx, t) not in headlines]
    heads = [
        t
        for t in toks
        if (t.pos_ == "PROPN" and t.dep_ not in ("compound", "flat"))
        or (t.ent_type_ == "PERSON" and _is_ent_root(t) and not _modifier_name(t))
    ]
    for want_person in (True, False):
        _introduce(ctx, table)
        for tok in heads:
            start, end = name_run(tok)
            subject = tok.dep_ in SUBJECT_DEPS and not _embedded_under_description(tok)
            kind = _name_kind(tok.doc[start:end], table, subject)
            if kind is not None and (kind == "person") == want_person:
                _register(table, ctx, tok, subject)
    _introduce(ctx, table)
    for tok in heads:
        if tok.dep_ in SUBJECT_DEPS and tok.conjuncts:
            _register_group(table, ctx, tok)
    for tok in toks:
        if _organization_noun(tok):
            resolve(ctx, table, tok)  # "The union rejected the offer": "they" can be it
    for tok in toks:
        if tok.dep_ in SUBJECT_DEPS and tok.lower_ in ("he", "she"):
            pos = ctx.base(tok)
            entity = table.resolve_pronoun(tok.lower_, pos, since=_sentence_before(ctx, tok))
            if entity is not None:
                table.note_pronoun(entity, tok.lower_, pos)
    for tok in toks:  # "X, visiting with his family, said": evidence of gender, no more
        lower = tok.lower_
        if (tok.dep_ == "poss" and lower in ("his", "her")) or lower in REFLEXIVES:
            pos = ctx.base(tok)
            entity = table.resolve_pronoun(POSSESSIVES.get(lower) or REFLEXIVES[lower], pos)
            if entity is not None:
                bound = _described_subject(tok)
                table.note_possessive(entity, lower, pos, ctx.base(tok.sent[0]), bound=bound)


def _embedded_under_description(tok: Token) -> bool:
    """A subject of a clause held by another clause whose own subject describes a person
    ("The top diplomat regretted that Olaf Scholz gave little time"): the person
    described, not the name inside, is whom the sentence is about."""
    clause = tok.head
    if clause.dep_ not in ("ccomp", "acl", "advcl"):
        return False
    verb = clause.head if clause.head.pos_ in ("VERB", "AUX") else clause.head.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.pos_ == "NOUN" and is_person_noun(str(subj.lemma_).lower())


def _modifier_name(tok: Token) -> bool:
    """A name that only modifies a noun after an indefinite article ("a recent Gazette
    article", "a Trump supporter"): no one is mentioned there, so a later "he" is not it."""
    head = tok.head
    return (
        tok.dep_ == "compound"
        and head.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
    )


def _sentence_before(ctx: Context, tok: Token) -> int | None:
    """Where the sentence before ``tok``'s starts, when ``tok`` opens its sentence and
    the sentence before (within a few hundred characters) is parsed."""
    if tok.i != tok.sent.start:
        return None
    pos = ctx.base(tok)
    before = [t for t in ctx.tokens(max(0, pos - _NEAR_SENTENCE), pos) if not t.is_space]
    return ctx.base(before[-1].sent[0]) if before else None


_NEAR_SENTENCE = 400
"""How far back (in characters) the sentence before a pronoun is looked for."""


def _described_subject(pron: Token) -> bool:
    """Whether a possessive or reflexive pronoun's clause has for its subject a person
    described, not named ("The head coach declared himself proud of his side"): the
    pronoun then stands for whoever the description resolves to."""
    verb = pron.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subj is not None
        and subj.i < pron.i
        and subj.pos_ == "NOUN"
        and is_person_noun(str(subj.lemma_).lower())
    )


def _introduce(ctx: Context, table: EntityTable) -> None:
    """Record the full names read from unparsed text that the table can type now (see
    :meth:`~quoteattr._speakers.EntityTable.introduce`); run again as the table fills, a
    name already recorded is not counted twice."""
    for pos, words, apposition, subject in ctx.introductions:
        table.introduce(words, pos, apposition, subject=subject)


def _register_group(table: EntityTable, ctx: Context, head: Token) -> None:
    """People named together as a subject ("Sarah Lee and Tom Ortiz met …") form a group
    (their names were registered just before)."""
    toks = (head, *head.conjuncts)
    members = [e for e in (table.entity_at(ctx.base(t)) for t in toks) if e is not None]
    table.add_group(members, ctx.base(max(toks, key=lambda t: t.i)))


def _organization_noun(tok: Token) -> bool:
    """A definite organization noun as a subject: "The union rejected the offer"."""
    lemma = str(tok.lemma_).lower()
    return (
        tok.dep_ in SUBJECT_DEPS
        and tok.pos_ == "NOUN"
        and lemma in ORG_NOUNS
        and lemma not in DOCUMENTS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    )


ResolutionPath = Literal[
    "name",
    "apposition",
    "pronoun",
    "unresolved",
    "role",
    "description",
    "owner",
    "nominal",
    "other",
]
"""How :func:`resolve` resolved a speaker mention: a ``name`` (registered as an entity), a
nominal whose ``apposition`` names the person ("Another critic, Laurence Tribe,"), a
``pronoun`` linked to an antecedent, an ``unresolved`` pronoun (or a pronoun's group:
"their campaign" with no one to refer to), a nominal linked to the entity of its ``role``
("the minister"), a definite ``description`` linked to the person or organization named
before it ("the 24-year-old striker"), the ``owner`` of a group or a document ("His
campaign", "the minister's statement"), a ``nominal`` mention that is an entity of its own
("an EU spokesperson"), or ``other`` (a path that does not say)."""


@attrs.frozen
class Resolved:
    """A speaker mention resolved to an entity of the document.

    Attributes:
        entity: The entity, or ``None`` (an unresolved pronoun, a name that is no one's).
        fallback: The name to give when there is no entity (the words of the mention).
        mention: The mention, with exact offsets.
        penalty: A factor of the rule's confidence: 1 for a name, less for a pronoun or a
            nominal, least for an unresolved pronoun.
        path: How it was resolved (see :data:`ResolutionPath`), a feature of the
            calibrated confidence (:mod:`quoteattr._confidence`).
    """

    entity: Entity | None
    fallback: str
    mention: Mention | None
    penalty: float
    path: ResolutionPath = "other"


def _clip_at_mark(ctx: Context, start: int, end: int) -> int:
    """End a mention before a quotation mark glued to it (``Smith“And`` in a caller's Doc)."""
    i = bisect.bisect_left(ctx.starts, start)
    if i < len(ctx.starts) and ctx.starts[i] < end:
        return max(start + 1, ctx.starts[i])
    return end


def resolve(ctx: Context, table: EntityTable, head: Token) -> Resolved:
    """Resolve the speaker mention a head token stands for: a pronoun to its antecedent, a
    name to its entity (registering it), a nominal ("the minister") to the entity of that
    role, or else to a new entity named by its words."""
    lo, hi = mention_bounds(head)
    doc = head.doc
    own = ctx.inside(head)  # a description in an interview's question: its words are one
    while lo < head.i and (doc[lo].is_punct or ctx.inside(doc[lo]) not in (None, own)):
        lo += 1  # “Great game” coach John Smith said: the mention starts after the quote
    while hi - 1 > head.i and (doc[hi - 1].is_punct or ctx.inside(doc[hi - 1]) not in (None, own)):
        hi -= 1
    start = ctx.base(doc[lo])
    end = ctx.base(doc[hi - 1]) + len(doc[hi - 1].text)
    end = _clip_at_mark(ctx, start, end)
    mention = Mention(text=ctx.text[start:end], start=start, end=end)
    pos = start
    lower = head.lower_
    if head.pos_ == "PRON" or lower in PRONOUNS:
        entity = table.resolve_pronoun(lower, pos, since=_sentence_before(ctx, head))
        if entity is not None:
            table.note_pronoun(entity, lower, pos)
            return Resolved(entity, head.text, mention, 0.85, "pronoun")
        return Resolved(None, "", mention, 0.35, "unresolved")  # the words stay the mention
    entity = _register(table, ctx, head, True)
    if entity is not None:
        return Resolved(entity, entity.name, mention, 1.0, "name")
    # a nominal mention: "the minister", "an EU spokesperson"
    lemma = str(head.lemma_).lower()
    owner = _possessive_owner(ctx, table, head, mention)
    if owner is not None:  # "His campaign pledged": the campaign speaks for him
        return owner
    named = _named_apposition(ctx, table, head)
    if named is not None:  # "Another critic, Laurence Tribe, said"
        toks = [t for t in doc[lo:hi] if t.dep_ != "det" and not t.is_punct]
        if toks:  # the words as written: "critic", "senior adviser"
            first, last = ctx.base(toks[0]), ctx.base(toks[-1]) + len(toks[-1].text)
            named.describe(ctx.text[first:last])
        named.roles.add(lemma)
        return Resolved(named, named.name, mention, 1.0, "apposition")
    kind = _nominal_kind(lemma)
    role = past_role(lemma, (t.lower_ for t in doc[lo : head.i]))
    entity = table.resolve_nominal(role, pos, kind if kind != "other" else None)
    if entity is not None:
        table.mention(entity, pos)
        return Resolved(entity, entity.name, mention, 0.85, "role")
    described = _described(ctx, table, head, lemma, mention)
    if described is not None:  # “…,” the 24-year-old striker said
        table.mention(described, pos)
        return Resolved(described, described.name, mention, 0.75, "description")
    name = _nominal_name(ctx, doc[lo:hi], head)
    if not name:
        return Resolved(None, "", mention, 0.35, "unresolved")  # "“…,” one said"
    written = ctx.text[mention.start : mention.end]
    org = _for_organization(ctx, head)
    if org is not None:  # "a spokesperson for the Ministry of Health": keep the ministry
        lead_tok = next((t for t in doc[lo:hi] if t.dep_ != "det" and not t.is_punct), head)
        name = ctx.text[ctx.base(lead_tok) : org]
    else:  # "members of the board", "the head of the commission": not "members", "head"
        name += _relation_phrase(ctx, head, hi)
    entity = table.add_name([name], "person" if kind == "person" else kind, pos, subject=True)
    if (
        entity is not None
        and entity.kind == "person"
        and kind != "person"
        and name == head.text
        and head.is_title
    ):
        # the words are a person's name already read here, tagged as a common noun
        # ("Trump says …" with "Trump" a noun): the person, whose kind stays
        return Resolved(entity, entity.name, mention, 0.9, "nominal")
    if entity is not None:
        entity.kind = kind
        entity.roles.add(lemma)
        if head.tag_ in ("NNS", "NNPS") and not entity.gender:
            entity.gender = "p"  # "More than 10 residents": never a later "he" or "she"
        if written.split(" ", 1)[-1] != name:
            entity.describe(written)  # "Donald Trump’s campaign manager"
    return Resolved(entity, name, mention, 0.9, "nominal")


_RELATION_PREPS = frozenset({"of", "for", "at"})


def _relation_phrase(ctx: Context, head: Token, end: int) -> str:
    """The short phrase that says whose a described speaker is, right after the words of
    the description: " of the board" in "members of the board", " for the club" in "a
    spokesman for the club", " of the European Commission". Not a long or clausal phrase,
    nor one about a person ("a friend of hers") or a time ("officials at the time")."""
    doc = head.doc
    prep = next((c for c in head.rights if c.i == end and c.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in _RELATION_PREPS:
        return ""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ in ("PRON", "NUM") or obj.ent_type_ in TIME_ENTITIES:
        return ""
    body = obj.ent_type_ == "ORG" or org_word(obj.text) or obj.lemma_ in ORG_NOUNS
    if (obj.pos_ == "PROPN" or prep.lower_ == "at") and not body:
        return ""  # "a friend of Ana Ruiz", "officials at the time": not whose they are
    last = prep.right_edge.i
    words = doc[prep.i : last + 1]
    if last - prep.i > 4 or any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in words):
        return ""
    start = ctx.base(doc[end - 1]) + len(doc[end - 1].text)
    return ctx.text[start : ctx.base(doc[last]) + len(doc[last].text)]


def _nominal_name(ctx: Context, phrase: Span, head: Token) -> str:
    """The name of a speaker that is only described: the description as written, without
    its determiner, a possessor ("Donald Trump’s campaign manager": "campaign manager")
    or the lower-case words before a capitalized one ("top Donald Trump adviser": "Donald
    Trump adviser")."""
    toks = [t for t in phrase if not t.is_punct]
    cut = max(
        (t.i + 1 for t in toks if t.dep_ in ("det", "case", "poss") and t.i < head.i), default=0
    )
    toks = [t for t in toks if t.i >= cut] or [head]
    first = next((k for k, t in enumerate(toks) if t.text[:1].isupper()), None)
    if first is not None and toks[first].i < head.i:
        toks = toks[first:]  # lower-case modifiers before a name
    if toks[-1].text in ("'s", "’s") and len(toks) > 1:
        toks = toks[:-1]  # "the neurosurgeon’s": the owner, not the possessive
    start, end = ctx.base(toks[0]), ctx.base(toks[-1]) + len(toks[-1].text)
    name = ctx.text[start:end]
    return "" if name.lower() in _NO_ONE else name


_NO_ONE = frozenset("one many some others another few most several all both none".split())
"""Words that stand for people without describing them ("one said", "others said")."""


_POLLS = frozenset({"poll", "survey"})


def poll_of(ctx: Context, head: Token) -> Token | None:
    """The poll whose words a share of its respondents is said to say: in "A survey by the
    institute asked voters … 75 percent said she was “too cautious”", the quoted words are
    the survey's (its questionnaire's), so the survey speaks. It is named in the share's
    sentence, or before it in its paragraph or the one before. Reported speech keeps the
    share ("12 percent said they were unsure": the respondents' view, in the writer's
    words).

    Args:
        ctx: The document.
        head: The head token of a quotation's speaker.
    """
    if str(head.lemma_).lower() not in ("percent", "%"):
        return None
    para = min(_para_index(ctx, head), len(ctx.paras) - 1)
    earlier = ctx.outside(ctx.paras[max(0, para - 1)].start, ctx.base(head))
    candidates: list[Token] = [*head.sent, *reversed(earlier)]
    for tok in candidates:
        if tok.pos_ == "NOUN" and str(tok.lemma_).lower() in _POLLS and ctx.inside(tok) is None:
            return tok
    return None


def _nominal_kind(lemma: str) -> SpeakerKind:
    """What a common noun at a speaker's place is: an organization ("the union"), a
    document ("the report", kind ``other``), a person ("the minister", "critics"), or
    else a thing that is no one (``other``)."""
    if lemma in DOCUMENTS:
        return "other"
    if lemma in ORG_NOUNS:
        return "organization"
    if is_person_noun(lemma) or is_title_word(lemma) or lemma in PEOPLE_NOUNS:
        return "person"
    return "other"


_AGE = re.compile(r"\b\d+-year-old\b")


def _definite(head: Token) -> bool:
    """Whether a noun heads a definite description: "the" is its determiner, or that of
    the phrase it ends ("the 2019 World Under 20 5,000m champion", parsed with "World" at
    its head)."""
    node = head
    for _ in range(4):
        if any(c.dep_ == "det" and c.lower_ == "the" for c in node.children):
            return node is head or node.right_edge.i == head.i
        if node.dep_ not in ("pobj", "prep"):
            return False
        node = node.head
    return False


def _described(
    ctx: Context, table: EntityTable, head: Token, lemma: str, mention: Mention
) -> Entity | None:
    """The entity a definite description refers to when no entity has its role: the
    person most recently named as a subject in a sentence before it ("Jamal Okoro
    scored twice. “…,” the 24-year-old striker said"), or the organization named before
    it whose name holds its noun, or any for "the company" ("Northwind Energy … the
    company said"). A plural ("the officials") refers to no one named."""
    if not _definite(head):
        return None
    if head.tag_ in ("NNS", "NNPS"):
        return None
    kind = _nominal_kind(lemma)
    if kind == "organization":
        entity = table.named_organization(lemma, mention.start)
    elif kind == "person" or _AGE.search(mention.text):
        # named in a sentence before: in "X said S, although the engineer said S2" the
        # engineer is someone else
        entity = table.salient_person(ctx.base(head.sent[0]))
    else:
        return None
    if entity is not None:
        entity.roles.add(lemma)
        entity.describe(mention.text.split(" ", 1)[1] if " " in mention.text else lemma)
    return entity


def _possessive_owner(
    ctx: Context, table: EntityTable, head: Token, mention: Mention
) -> Resolved | None:
    """A group or a document of someone's speaks for its owner: "His campaign", "their
    government", "Erik Larsen’s office", "the minister's statement" (the author speaks).
    The owner is the entity the possessive pronoun refers to (unresolved when there is
    none: a pronoun word is never a name), the named owner, or the nominal one."""
    if str(head.lemma_).lower() not in GROUP_NOUNS | DOCUMENTS:
        return None
    for child in head.children:
        if child.dep_ != "poss" or ctx.inside(child) is not None:
            continue
        if child.lower_ in POSSESSIVES:
            entity = table.resolve_pronoun(POSSESSIVES[child.lower_], mention.start)
            if entity is None:
                return Resolved(None, "", mention, 0.35, "unresolved")
            return Resolved(entity, entity.name, mention, 0.75, "owner")
        if child.pos_ in ("PROPN", "NOUN") and child.lower_ not in PRONOUNS:
            owner = resolve(ctx, table, child)
            if owner.entity is not None and owner.entity.kind in ("person", "organization"):
                return attrs.evolve(
                    owner, mention=mention, penalty=owner.penalty * 0.9, path="owner"
                )
    return None


def _for_organization(ctx: Context, head: Token) -> int | None:
    """End offset of "for X" after a person noun, when X is an organization's name ("a
    spokesperson for the Ministry of Health"); a person's ("a spokesperson for President
    Costa") is left out, so that the spokesperson is not taken for that person."""
    if head.pos_ != "NOUN" or not is_person_noun(str(head.lemma_)):
        return None
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "for":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ == "PROPN" and objs[0].ent_type_ in ORG_ENTITIES:
                last = objs[0].right_edge
                if ctx.inside(last) is None and ctx.inside(child) is None:
                    return ctx.base(last) + len(last.text)
    return None


def _named_apposition(ctx: Context, table: EntityTable, head: Token) -> Entity | None:
    """The person a nominal subject's apposition names ("Another critic, Laurence Tribe,")."""
    if head.pos_ != "NOUN":
        return None
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and ctx.inside(child) is None:
            entity = _register(table, ctx, child, True)
            if entity is not None and entity.kind == "person":
                return entity
    return None
