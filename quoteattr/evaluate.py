"""Scoring a quote-attribution system against hand-annotated gold data.

The figures are the ones of the project's reference scorer, computed the same way for every
system, so that quoteattr and a baseline can be compared.

Gold data
    JSON Lines, one document a line: ``{"id", "text"?, "quotes": [...]}``. A document without
    ``"text"`` is read from the file named by its ``"id"``, beside the gold file. Each quote
    has ``start`` / ``end`` (character offsets of the quoted words, without the marks),
    ``text``, ``speaker`` (a name, or ``null``), optionally ``aliases`` (acceptable name
    variants), ``speaker_start`` / ``speaker_end`` (where the speaker is named) and ``kind``
    (or ``type``): ``speech`` (the default), ``direct``, ``mixed`` or ``skip``.

Skipped quotes
    A gold quote of kind ``skip`` (scare quotes, titles, unattributed text) is ignored: it is
    not counted as gold, and every returned quote that overlaps one by at least 0.5 (see
    below) is dropped before matching, so a system neither gains nor loses by returning it.

Matching
    The overlap of two spans is the length of their intersection divided by the length of
    the longer span (at least 1). Quotes are matched one-to-one, greedily: every (gold,
    returned) pair is ranked by overlap, highest first (ties: higher gold index, then
    higher returned index, first), and a pair is taken when its overlap is at least 0.5 and
    neither quote is taken yet.

Right speaker
    A matched quote has the right speaker when the gold speaker is not ``null``, the
    returned name is not :func:`another person's <another_person>` (it ends with the
    family name of the gold speaker, or of aliases, that give given names, and its given
    names fit none of theirs, the names compared being in quoteattr's list of given names:
    "Linda Tanner" for "Greg Tanner"), and either

    * the returned mention overlaps the gold speaker span (by at least one character), or
    * the returned name, normalized (lower-cased, characters other than letters, digits,
      ``_`` and spaces deleted, split on spaces), is not empty and not a pronoun, and for
      the gold speaker or one of its aliases (normalized the same way, pronouns and empty
      names skipped) either its last word equals the returned name's last word, or -- only
      when the gold quote lists no aliases (a nominal speaker such as "the EU
      spokesperson") -- the returned name's last word is one of its words.

Figures
    ``quote_p`` / ``quote_r`` / ``quote_f1``
        Matched quotes over returned quotes, over gold quotes, and their harmonic mean.
    ``e2e_p`` / ``e2e_r`` / ``e2e_f1``
        The same, counting only matched quotes with the right speaker.
    ``speaker_acc``
        The share of matched quotes with the right speaker.
    ``fragments``
        For each gold speaker of a document whose quotes list aliases, the number of
        distinct normalized names the system gave its matched quotes, minus one, averaged
        over those speakers (``None`` when there is none). 0 means one name per person.

Example:
    >>> doc = GoldDoc(id="d", text='"Go," she said.', quotes=(
    ...     GoldQuote(start=1, end=4, text="Go,", speaker="Ann Lee"),))
    >>> system = lambda text: [Quote(text="Go,", start=1, end=4, speaker=Speaker("Lee"))]
    >>> scores = evaluate([doc], system)
    >>> scores.quote_f1, scores.e2e_f1, scores.speaker_acc
    (1.0, 1.0, 1.0)
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._lexicon import POSSESSIVES
from ._lexicon import PRONOUNS as LEXICON_PRONOUNS
from .corpus import decode_text
from .index import different_given_names, split_person_name
from .model import Cue, Mention, Quote, Speaker

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "PRONOUNS",
    "ErrorRecord",
    "GoldDoc",
    "GoldQuote",
    "Scores",
    "System",
    "another_person",
    "evaluate",
    "load_gold",
    "match_quotes",
    "normalize_name",
    "overlap",
    "speaker_matches",
    "textacy_baseline",
]

System = Callable[[str], Sequence[Quote]]
"""The type of a system under evaluation, a function from a text to the quotes it finds."""

PRONOUNS: frozenset[str] = frozenset(LEXICON_PRONOUNS) | frozenset(POSSESSIVES) | {"hers", "its"}
"""Names that never count as a speaker's name (after :func:`normalize_name`)."""

MATCH_THRESHOLD = 0.5
"""The least :func:`overlap` of two spans taken as the same quotation."""

_NOT_WORD = re.compile(r"[^\w ]+")
_CLOSING_MARKS = "\"”’'»"


def normalize_name(name: str | None) -> list[str]:
    """Return the words of a name as the scorer compares them.

    Args:
        name: A speaker name, or ``None``.

    Returns:
        The lower-cased name with every character other than a letter, digit, ``_`` or
        space deleted, split on white space (``[]`` for ``None``).

    Example:
        >>> normalize_name("Jean-Claude  O'Neil")
        ['jeanclaude', 'oneil']
    """
    return _NOT_WORD.sub("", (name or "").lower()).split()


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Return how much two spans overlap, relative to the longer one.

    Returns:
        The length of the intersection divided by the length of the longer span (or by 1
        when both are empty): 1.0 for identical spans, 0.0 for disjoint ones.

    Example:
        >>> overlap(0, 10, 5, 10)
        0.5
    """
    inter = max(0, min(a_end, b_end) - max(a_start, b_start))
    return inter / max(a_end - a_start, b_end - b_start, 1)


def _is_pronoun(words: list[str]) -> bool:
    return " ".join(words) in PRONOUNS


def _quote_tuple(items: Iterable[GoldQuote]) -> tuple[GoldQuote, ...]:
    return tuple(items)


@attrs.frozen
class GoldQuote:
    """One annotated quotation.

    Attributes:
        start: Offset of the first quoted character.
        end: Offset just past the last quoted character.
        text: The quoted words.
        speaker: Who said it (``None`` for nobody's).
        aliases: Acceptable variants of the speaker's name.
        speaker_start: Offset of the annotated speaker mention, if any.
        speaker_end: End of the annotated speaker mention, if any.
        kind: ``speech``, ``direct``, ``mixed``, ``indirect`` (reported speech, scored
            only with ``indirect=True``) or ``skip``.
    """

    start: int
    end: int
    text: str = ""
    speaker: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    speaker_start: int | None = None
    speaker_end: int | None = None
    kind: str = "speech"

    @property
    def skip(self) -> bool:
        """Whether a scorer ignores this quote (``kind == "skip"``)."""
        return self.kind == "skip"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], doc_text: str = "") -> GoldQuote:
        """Build a gold quote from its JSON object.

        Args:
            data: The object; ``kind`` falls back to ``type``, then to ``"speech"``.
            doc_text: The document's text, used for ``text`` when the object has none.
        """
        start, end = int(data["start"]), int(data["end"])
        return cls(
            start=start,
            end=end,
            text=data.get("text") or doc_text[start:end],
            speaker=data.get("speaker"),
            aliases=tuple(data.get("aliases") or ()),
            speaker_start=data.get("speaker_start"),
            speaker_end=data.get("speaker_end"),
            kind=data.get("kind") or data.get("type") or "speech",
        )


@attrs.frozen
class GoldDoc:
    """One annotated document.

    Attributes:
        id: The document's identifier (for seed files, the file name).
        text: The document's text; gold offsets index it.
        quotes: The annotated quotations, skipped ones included.
    """

    id: str
    text: str
    quotes: tuple[GoldQuote, ...] = attrs.field(default=(), converter=_quote_tuple)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], base_dir: str | Path | None = None) -> GoldDoc:
        """Build a gold document from its JSON object.

        Args:
            data: The object, with ``id``, ``quotes`` and optionally ``text``.
            base_dir: Where to read ``text`` from (the file named by ``id``) when the
                object has none; the current directory if ``None``.

        Raises:
            OSError: If the text has to be read from a file that cannot be read.
            ValueError: If that file is not UTF-8 text.
        """
        doc_id = str(data["id"])
        text = data.get("text")
        if text is None:
            path = Path(base_dir or ".") / doc_id
            # as the command line reads it: bytes decoded, line breaks kept as they are
            text = decode_text(path.read_bytes(), str(path))
        quotes = tuple(GoldQuote.from_dict(q, text) for q in data.get("quotes") or ())
        return cls(id=doc_id, text=text, quotes=quotes)


def load_gold(path: str | Path, limit: int | None = None) -> list[GoldDoc]:
    """Read gold documents from a JSON Lines file.

    Args:
        path: The gold file. Documents without a ``text`` are read from the file named by
            their ``id`` in the same folder.
        limit: Read only the first ``limit`` documents (all when ``None``).

    Returns:
        The documents in file order.

    Raises:
        ValueError: If ``limit`` is negative or a line is not a JSON object (the message
            names the file and line).
        OSError: If the gold file or a document's text file cannot be read.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, got {limit}")
    path = Path(path)
    docs: list[GoldDoc] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and len(docs) >= limit:
                break
            if not line.strip():
                continue
            docs.append(GoldDoc.from_dict(_parse_line(line, path, number), path.parent))
    return docs


def _parse_line(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or "id" not in data:
        raise ValueError(f"{path}:{number}: expected a JSON object with an 'id' and 'quotes'")
    return data


def speaker_matches(gold: GoldQuote, quote: Quote) -> bool:
    """Say whether a returned quote names the right speaker for a gold quote.

    See the module documentation for the rule.

    Example:
        >>> gold = GoldQuote(0, 5, speaker="Federico Santoponto", aliases=("Santoptutun",))
        >>> speaker_matches(gold, Quote("hello", 0, 5, speaker=Speaker("Mr. Santoponto")))
        True
        >>> speaker_matches(gold, Quote("hello", 0, 5, speaker=Speaker("he")))
        False
    """
    if gold.speaker is None:
        return False
    speaker = quote.speaker
    if speaker is None or another_person(gold, speaker.name):
        return False
    if _mention_overlaps(gold, speaker.mention):
        return True
    return _name_matches(gold, normalize_name(speaker.name))


def another_person(gold: GoldQuote, name: str) -> bool:
    """Whether a returned name ends with the gold speaker's family name but gives another
    given name: another person.

    The names compared are the gold speaker and its aliases that end with the same word as
    the returned name (:func:`normalize_name`) and have given names; the returned name is
    another person's when there is one and its given names fit none of theirs
    (:func:`quoteattr.index.different_given_names`): "Linda Tanner" is not "Greg Tanner".

    Example:
        >>> gold = GoldQuote(0, 5, speaker="Greg Tanner", aliases=("Tanner",))
        >>> another_person(gold, "Linda Tanner"), another_person(gold, "Mr. Tanner")
        (True, False)
    """
    words = normalize_name(name)
    if not words:
        return False
    same = [
        c
        for c in (gold.speaker, *gold.aliases)
        if c and normalize_name(c)[-1:] == words[-1:] and split_person_name(c)[0]
    ]
    return bool(same) and all(different_given_names(name, c) for c in same)


def _mention_overlaps(gold: GoldQuote, mention: Mention | None) -> bool:
    if mention is None or gold.speaker_start is None or gold.speaker_end is None:
        return False
    return min(gold.speaker_end, mention.end) - max(gold.speaker_start, mention.start) > 0


def _name_matches(gold: GoldQuote, words: list[str]) -> bool:
    if not words or _is_pronoun(words):
        return False
    last = words[-1]
    for candidate in (gold.speaker, *gold.aliases):
        gold_words = normalize_name(candidate)
        if not gold_words or _is_pronoun(gold_words):
            continue
        if gold_words[-1] == last:
            return True
        if not gold.aliases and last in gold_words:
            return True
    return False


def match_quotes(gold: Sequence[GoldQuote], quotes: Sequence[Quote]) -> dict[int, int]:
    """Match gold and returned quotes one-to-one, greedily by overlap.

    Args:
        gold: The gold quotes (skipped ones already removed).
        quotes: The returned quotes.

    Returns:
        A map from gold index to returned index, in the order the pairs were taken.

    Example:
        >>> match_quotes([GoldQuote(0, 10)], [Quote("x" * 4, 0, 4), Quote("x" * 8, 2, 10)])
        {0: 1}
    """
    pairs = sorted(
        (
            (overlap(g.start, g.end, q.start, q.end), gi, qi)
            for gi, g in enumerate(gold)
            for qi, q in enumerate(quotes)
        ),
        reverse=True,
    )
    gold_to_quote: dict[int, int] = {}
    taken: set[int] = set()
    for score, gi, qi in pairs:
        if score < MATCH_THRESHOLD:
            break
        if gi not in gold_to_quote and qi not in taken:
            gold_to_quote[gi] = qi
            taken.add(qi)
    return gold_to_quote


@attrs.frozen
class ErrorRecord:
    """One mistake of a system: a missed, spurious or wrongly attributed quote.

    Attributes:
        doc: The document's id.
        what: ``missed`` (a gold quote no returned quote matches), ``spurious`` (a returned
            quote matching no gold quote) or ``speaker`` (a match with the wrong speaker).
        quote: The first 80 characters of the quote (the gold text for ``missed`` and
            ``speaker``; the returned span for ``spurious``).
        gold: The gold speaker (``None`` for ``spurious``).
        got: The returned speaker name (``None`` for ``missed`` or an unattributed quote).
    """

    doc: str
    what: Literal["missed", "spurious", "speaker"]
    quote: str
    gold: str | None = None
    got: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the record as the reference scorer writes it (keys ``id``, ``what``,
        ``quote``, then ``gold`` unless spurious and ``got`` unless missed)."""
        data: dict[str, Any] = {"id": self.doc, "what": self.what, "quote": self.quote}
        if self.what != "spurious":
            data["gold"] = self.gold
        if self.what != "missed":
            data["got"] = self.got
        return data


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@attrs.frozen
class Scores:
    """The figures of one system on a gold set (see the module documentation).

    Attributes:
        docs: Documents scored.
        gold: Gold quotes counted (skipped ones excluded).
        pred: Returned quotes counted (those overlapping a skipped quote excluded).
        matched: Returned quotes matched to a gold quote.
        correct: Matched quotes with the right speaker.
        quote_p: Quote precision, ``matched / pred``.
        quote_r: Quote recall, ``matched / gold``.
        quote_f1: Harmonic mean of ``quote_p`` and ``quote_r``.
        e2e_p: End-to-end precision, ``correct / pred``.
        e2e_r: End-to-end recall, ``correct / gold``.
        e2e_f1: Harmonic mean of ``e2e_p`` and ``e2e_r``.
        speaker_acc: ``correct / matched``.
        fragments: Mean count of extra names given to one gold speaker in one document, or
            ``None`` when no gold speaker lists aliases.
        seconds: Wall-clock time of the run, the system's time included.
    """

    docs: int
    gold: int
    pred: int
    matched: int
    correct: int
    quote_p: float
    quote_r: float
    quote_f1: float
    e2e_p: float
    e2e_r: float
    e2e_f1: float
    speaker_acc: float
    fragments: float | None
    seconds: float

    @classmethod
    def from_counts(
        cls,
        *,
        docs: int,
        gold: int,
        pred: int,
        matched: int,
        correct: int,
        fragments: Sequence[int] = (),
        seconds: float = 0.0,
    ) -> Scores:
        """Compute the figures from raw counts.

        Args:
            docs: Documents scored.
            gold: Gold quotes counted.
            pred: Returned quotes counted.
            matched: Matched quotes.
            correct: Matched quotes with the right speaker.
            fragments: Extra names per gold speaker with aliases, one entry per speaker
                and document.
            seconds: Time taken.
        """
        quote_p, quote_r = _ratio(matched, pred), _ratio(matched, gold)
        e2e_p, e2e_r = _ratio(correct, pred), _ratio(correct, gold)
        return cls(
            docs=docs,
            gold=gold,
            pred=pred,
            matched=matched,
            correct=correct,
            quote_p=quote_p,
            quote_r=quote_r,
            quote_f1=_f1(quote_p, quote_r),
            e2e_p=e2e_p,
            e2e_r=e2e_r,
            e2e_f1=_f1(e2e_p, e2e_r),
            speaker_acc=_ratio(correct, matched),
            fragments=sum(fragments) / len(fragments) if fragments else None,
            seconds=seconds,
        )

    def to_dict(self, digits: int | None = 3) -> dict[str, Any]:
        """Return the figures as a dictionary with the reference scorer's keys.

        Args:
            digits: Round the ratios to this many decimals (3, like the reference scorer;
                ``seconds`` to 2); ``None`` keeps them exact.
        """
        data: dict[str, Any] = attrs.asdict(self)
        if digits is not None:
            for key, value in data.items():
                if isinstance(value, float):
                    data[key] = round(value, 2 if key == "seconds" else digits)
        return data


@attrs.define
class _Tally:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    matched: int = 0
    correct: int = 0
    fragments: list[int] = attrs.Factory(list)


def _coerce_doc(doc: GoldDoc | Mapping[str, Any]) -> GoldDoc:
    return doc if isinstance(doc, GoldDoc) else GoldDoc.from_dict(doc)


def _drop_skipped(quotes: Sequence[Quote], skips: Sequence[GoldQuote]) -> list[Quote]:
    return [
        q
        for q in quotes
        if not any(overlap(s.start, s.end, q.start, q.end) >= MATCH_THRESHOLD for s in skips)
    ]


def _speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


def _counted(gold: GoldQuote, indirect: bool) -> bool:
    """Whether a gold quote is scored: reported speech with ``indirect``, else quotations."""
    return gold.kind == "indirect" if indirect else not gold.skip and gold.kind != "indirect"


def _score_doc(
    doc: GoldDoc,
    returned: Sequence[Quote],
    tally: _Tally,
    errors: list[ErrorRecord] | None,
    indirect: bool = False,
) -> None:
    if indirect:
        returned = [q for q in returned if q.kind == "indirect"]
    gold = [g for g in doc.quotes if _counted(g, indirect)]
    pred = _drop_skipped(returned, [g for g in doc.quotes if not _counted(g, indirect)])
    matches = match_quotes(gold, pred)
    tally.docs += 1
    tally.gold += len(gold)
    tally.pred += len(pred)
    tally.matched += len(matches)
    names: defaultdict[str | None, set[str]] = defaultdict(set)
    for gi, qi in matches.items():
        g, q = gold[gi], pred[qi]
        ok = speaker_matches(g, q)
        tally.correct += ok
        if g.aliases:
            names[g.speaker].add(" ".join(normalize_name(_speaker_name(q))))
        if errors is not None and not ok:
            errors.append(ErrorRecord(doc.id, "speaker", g.text[:80], g.speaker, _speaker_name(q)))
    tally.fragments.extend(len(found) - 1 for found in names.values())
    if errors is not None:
        _collect_misses(doc, gold, pred, matches, errors)


def _collect_misses(
    doc: GoldDoc,
    gold: Sequence[GoldQuote],
    pred: Sequence[Quote],
    matches: Mapping[int, int],
    errors: list[ErrorRecord],
) -> None:
    for gi, g in enumerate(gold):
        if gi not in matches:
            errors.append(ErrorRecord(doc.id, "missed", g.text[:80], gold=g.speaker))
    matched = set(matches.values())
    for qi, q in enumerate(pred):
        if qi not in matched:
            span = doc.text[q.start : q.end][:80]
            errors.append(ErrorRecord(doc.id, "spurious", span, got=_speaker_name(q)))


def evaluate(
    gold_docs: Iterable[GoldDoc | Mapping[str, Any]],
    system: System,
    *,
    errors: list[ErrorRecord] | None = None,
    indirect: bool = False,
) -> Scores:
    """Run a system on every gold document and score what it returns.

    Args:
        gold_docs: Documents from :func:`load_gold` (or their JSON objects, with ``text``).
        system: A function from a text to its quotes, such as
            :func:`quoteattr.extract_quotes` or :meth:`quoteattr.QuoteExtractor.extract`.
        errors: If given, every mistake is appended to it: per document, the wrong speakers
            (in matching order), then the missed gold quotes, then the spurious returned ones.
        indirect: Score reported speech instead of quotations, as the reference scorer's
            ``--indirect`` does: only gold quotes of kind ``indirect`` count (all others are
            ignored like ``skip``), and only returned quotes of kind ``indirect`` (the
            system must return them, e.g. ``QuoteExtractor(include_indirect=True)``).

    Returns:
        The figures (see the module documentation).
    """
    tally = _Tally()
    started = time.perf_counter()
    for item in gold_docs:
        doc = _coerce_doc(item)
        _score_doc(doc, system(doc.text), tally, errors, indirect)
    return Scores.from_counts(
        docs=tally.docs,
        gold=tally.gold,
        pred=tally.pred,
        matched=tally.matched,
        correct=tally.correct,
        fragments=tally.fragments,
        seconds=time.perf_counter() - started,
    )


def textacy_baseline(nlp: Language | str | None = None) -> System:
    """Return textacy's rule-based direct-quotation extractor as a system to evaluate.

    Spans are converted the way the reference scorer converts them: textacy's content span
    includes the quotation marks, so a leading non-alphanumeric character and a trailing
    closing mark are dropped. The speaker's name is its tokens joined by spaces and its
    mention runs from the first to the last speaker token. A text with an odd number of
    quotation marks, on which textacy gives up (``ValueError``), yields no quotes.

    Args:
        nlp: The spaCy pipeline (object or name); the default one if ``None``.

    Returns:
        A function from a text to the quotes textacy finds in it.
    """
    from textacy.extract import triples

    from .nlp import load_nlp

    pipeline = nlp if nlp is not None and not isinstance(nlp, str) else load_nlp(nlp)

    def run(text: str) -> list[Quote]:
        doc = pipeline(text)
        try:
            found = list(triples.direct_quotations(doc))
        except ValueError:
            return []
        return [_triple_to_quote(text, *triple) for triple in found]

    return run


def _triple_to_quote(text: str, speaker: Sequence[Any], cue: Sequence[Any], content: Any) -> Quote:
    start, end = content.start_char, content.end_char
    if end - start >= 2 and not text[start].isalnum():
        start += 1
    if end - start >= 1 and not text[end - 1].isalnum() and text[end - 1] in _CLOSING_MARKS:
        end -= 1
    m_start, m_end = _token_extent(speaker)
    c_start, c_end = _token_extent(cue)
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        speaker=Speaker(
            name=" ".join(t.text for t in speaker),
            mention=Mention(text[m_start:m_end], m_start, m_end),
        ),
        cue=Cue(text[c_start:c_end], " ".join(t.lemma_ for t in cue), c_start, c_end),
        kind="direct",
        rule="textacy",
    )


def _token_extent(tokens: Sequence[Any]) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
