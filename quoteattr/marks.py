"""Pure-text quotation-mark parser: where are the quotations, with no NLP at all.

:func:`find_quotes` scans a string once and returns a :class:`QuoteSpan` for every quotation
it finds. It never raises on a string, runs in linear time, and recovers from unbalanced
marks locally (a stray mark never costs the rest of the document).

Paragraphs are separated by line breaks (``\\n``, ``\\r\\n``, ``\\r``, U+2028, U+2029, and
the other separators :meth:`str.splitlines` knows: ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``,
``\\x85``); blank lines do not count as paragraphs of their own (see
:func:`paragraph_bounds`). A quotation never crosses a paragraph boundary: the parser starts
every paragraph afresh.

Marks are grouped in four *families*: double (``“ ” „ ‟ "`` and PTB-style :literal:`\\`\\`...''`),
single (``‘ ’ ‚ ‛ '``), guillemets (``« »``, French or reversed German ``» ... «``) and
single guillemets (``‹ ›``). A quotation of one family may nest inside a quotation of
another (depth 1, 2, ...); a new opening mark of the family already innermost open ends
the open quotation instead (local recovery).

Each mark is classified from its neighbours (*p* the character before it, *n* the one after,
both limited to the paragraph). It can *open* when *p* is not a letter or digit and *n* is
not white space; it can *close* when *p* is not white space and *n* is not a letter or digit.

* Marks never pair back to front: a left mark (``“``, ``‘``) never closes a quotation
  that its mirror image (``”``, ``’``) opened; to such a mark that quotation does not
  count as open. In ``He said ”no“ twice.`` the quotation the ``”`` opens runs on past
  the ``“`` to the end of the paragraph; in ``”One “two,” he said.`` the ``“`` opens a
  new quotation, which ends the first.
* Double marks: ``“`` opens, unless a double quotation is open and the mark cannot open
  (texts that use ``“`` for both ends, German ``„...“``). ``”`` closes an open double
  quotation, or opens one where it can open (texts that use ``”`` for both ends). A
  straight ``"`` opens where only opening fits, closes where only closing fits, and
  otherwise follows the state (closes if a double quotation is open). A straight ``"``
  after a digit with no double quotation open is an inch mark (``12" pizza``). ``„``,
  ``‟`` and :literal:`\\`\\`` only ever open; ``''`` only closes.
* Single marks are quotation marks only when the context says so, because the same
  characters are apostrophes: a mark between two letters or digits is an apostrophe
  (``didn't``, ``Canada’s``, the mis-encoded ``Trump‘s``); so are ``’n’`` between spaces
  (``rock ’n’ roll``) and a mark that could open but starts an elision (``’90s``, ``'99``,
  ``’em``, ``’tis``, PTB-tokenised ``'s``, ``'ve``...) unless the word is itself followed
  by a single mark. A mark that can only close closes an open single quotation and is an
  apostrophe otherwise (``horses' carrots``, a ``3'`` board). The plural possessive
  (``players’`` + space) is ambiguous even inside a single quotation: it is recorded as a
  *candidate* end, superseded by a later unambiguous closing mark, and used only if none
  comes before the paragraph ends or another quotation starts. The low ``‚`` and ``‛``
  only ever open (German ``‚...‘``).
* A mark that starts a paragraph followed by white space can neither open nor close by
  its neighbours. ``"`` and ``“`` open there anyway; a right or single mark (``”``, ``’``,
  ``‘``, ``'``) is a misused opening mark when the quotation it would open is ended by a
  closing mark of its family in the paragraph (``” Teachers are leaving,” she added.``).
  Ended otherwise, by a new opening mark of the family (``” he said, “we won.”``: marks
  never pair back to front), a plural possessive's candidate end or the paragraph's end
  (``“We will fight on`` + line break + ``” he said.``), it stays a stray mark.
* Guillemets: ``«`` opens and ``»`` closes; ``»`` with no ``«`` open opens (German
  ``»...«``) when followed by a non-space, and then ``«`` closes it. Same for ``‹ ›``.
* The replacement character ``\ufffd`` (U+FFFD) stands where mis-encoded copy lost a
  character, its quotation marks among them (``\ufffdThe year starts.\ufffd``), but also
  its apostrophes (``don\ufffdt``) and dashes. It counts as a double mark only where its
  neighbours leave no doubt: it opens where it can open and not close
  (``\ufffdThe``) and closes an open double quotation where it can close and not open
  (``starts.\ufffd``); a replacement character that could do both or neither (between two
  letters, an apostrophe: ``don\ufffdt``; between two spaces, a dash), that could only
  close with no double quotation open, or that starts an elision (``\ufffd90s``) is no mark.

Content offsets exclude the marks and the white space just inside them; an opening mark
followed only by white space before its closing mark (``""``, ``“ ”``) is no quotation.
A quotation still open at the end of its paragraph ends there (``close_mark`` is ``None``);
one still open when an enclosing quotation closes ends just before that closing mark.

News texts open each paragraph of a long quotation with a mark and close only the last
one. When a paragraph ends with an outermost quotation open and the next non-blank
paragraph begins with an opening mark of the same family, the next paragraph's quotation
is a continuation: its :attr:`QuoteSpan.continues` is the ``start`` of the previous part.
"""

from __future__ import annotations

import enum
import operator
import re

import attrs

__all__ = [
    "CLOSING_MARKS",
    "DOUBLE_MARKS",
    "MARK_CHARS",
    "QUOTE_CHARS",
    "SINGLE_MARKS",
    "QuoteSpan",
    "find_quotes",
    "paragraph_bounds",
]


@attrs.frozen
class QuoteSpan:
    """One quotation (or one paragraph's part of a quotation) found by :func:`find_quotes`.

    Attributes:
        start: Offset of the first quoted character (after the opening mark and any
            white space that follows it).
        end: Offset just past the last quoted character (before the closing mark and any
            white space that precedes it; for an unclosed quotation, the end of its
            paragraph without trailing white space).
        open_mark: The opening mark as it appears in the text (``“``, ``"``, ``‘``, ``«``,
            ``````...).
        close_mark: The closing mark, or ``None`` when the quotation is not closed in its
            paragraph.
        mark_start: Offset of the opening mark.
        mark_end: Offset just past the closing mark (``end`` when unclosed).
        depth: 0 for an outermost quotation, 1 for a quotation inside a quotation, ...
        paragraph: Index of the paragraph (0-based, counting non-blank paragraphs).
        continues: For a part of a multi-paragraph quotation after the first, the ``start``
            of the previous part; ``None`` otherwise.
    """

    start: int
    end: int
    open_mark: str
    close_mark: str | None
    mark_start: int
    mark_end: int
    depth: int = 0
    paragraph: int = 0
    continues: int | None = None

    @property
    def closed(self) -> bool:
        """Whether the quotation has a closing mark in its paragraph."""
        return self.close_mark is not None


_DOUBLE = "double"
_SINGLE = "single"
_ANGLE = "angle"
_SINGLE_ANGLE = "single angle"

_FAMILIES = (_DOUBLE, _SINGLE, _ANGLE, _SINGLE_ANGLE)

_FAMILY: dict[str, str] = {
    '"': _DOUBLE,
    "\u201c": _DOUBLE,  # “
    "\u201d": _DOUBLE,  # ”
    "\u201e": _DOUBLE,  # „
    "\u201f": _DOUBLE,  # ‟
    "``": _DOUBLE,
    "''": _DOUBLE,
    "'": _SINGLE,
    "\u2018": _SINGLE,  # ‘
    "\u2019": _SINGLE,  # ’
    "\u201a": _SINGLE,  # ‚
    "\u201b": _SINGLE,  # ‛
    "\u00ab": _ANGLE,  # «
    "\u00bb": _ANGLE,  # »
    "\u2039": _SINGLE_ANGLE,  # ‹
    "\u203a": _SINGLE_ANGLE,  # ›
    "\ufffd": _DOUBLE,  # the replacement character, a mark only where no doubt is left
}
"""The family of every mark the parser knows."""

QUOTE_CHARS = frozenset(m for m in _FAMILY if len(m) == 1) | {"`"}
"""Every character that can be (part of) a quotation mark."""


_REPLACEMENT = "\ufffd"
"""U+FFFD, a double mark where its neighbours say so, an apostrophe or a dash elsewhere."""


def _marks_of(*families: str) -> str:
    return "".join(
        m for m, f in _FAMILY.items() if len(m) == 1 and f in families and m != _REPLACEMENT
    )


MARK_CHARS = _marks_of(_DOUBLE, _ANGLE)
"""The one-character marks that are never apostrophes (double marks and guillemets), for a
regular-expression character class: where a mark glued to a word is split off."""

DOUBLE_MARKS = _marks_of(_DOUBLE)
"""The one-character double marks: ``" “ ” „ ‟``."""

SINGLE_MARKS = _marks_of(_SINGLE)
"""The single marks, which are apostrophes too: ``' ‘ ’ ‚ ‛``."""


_MARK_RE = re.compile("``|''|[" + re.escape("".join(m for m in _FAMILY if len(m) == 1)) + "]")
_NON_SPACE_RE = re.compile(r"\S")
_BREAK_RE = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

_LOW_OPENERS = frozenset("\u201e\u201f\u201a\u201b")
"""Marks that open a quotation and never close one: „ ‟ ‚ ‛ (and ``````)."""

_LEFT_MARKS = frozenset("\u201c\u2018\u00ab\u2039")  # “ ‘ « ‹: they open in English

CLOSING_MARKS = "".join(
    m
    for m in _FAMILY
    if len(m) == 1 and m not in _LOW_OPENERS and m not in _LEFT_MARKS and m != _REPLACEMENT
)
"""The marks that end a quotation in English running text: ``" ” ' ’ » ›``."""

_FRENCH_OPENER = {_ANGLE: "\u00ab", _SINGLE_ANGLE: "\u2039"}

_MIRROR = {"\u201c": "\u201d", "\u2018": "\u2019"}
"""The right mark each left mark must not close: “ after ”, ‘ after ’ (``” … “``)."""

_ELISIONS = frozenset(
    {"s", "d", "m", "t", "ll", "re", "ve", "n", "em", "tis", "twas", "til", "cause", "bout"}
    | {"Tis", "Twas"}
)
"""Words that a leading apostrophe shortens (``’em``, ``’tis``) or PTB-tokenised clitics."""

_MAX_ELISION = max(map(len, _ELISIONS))

_SORT_KEY = operator.attrgetter("start", "depth")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of every non-blank paragraph of ``text``.

    Paragraphs are the lines :meth:`str.splitlines` would give; lines holding nothing but
    white space are left out, so the index of a pair in the list is the
    :attr:`QuoteSpan.paragraph` of the quotations inside it. The offsets exclude leading
    and trailing white space, so ``text[start:end]`` is the paragraph's stripped text.

    Args:
        text: Any string.

    Returns:
        The paragraphs' offsets, in document order.
    """
    bounds: list[tuple[int, int]] = []
    pos = 0
    for brk in _BREAK_RE.finditer(text):
        _add_paragraph(text, pos, brk.start(), bounds)
        pos = brk.end()
    _add_paragraph(text, pos, len(text), bounds)
    return bounds


def _add_paragraph(text: str, lo: int, hi: int, bounds: list[tuple[int, int]]) -> None:
    stripped = text[lo:hi].lstrip()
    if stripped:
        start = hi - len(stripped)
        bounds.append((start, start + len(stripped.rstrip())))


class _Act(enum.Enum):
    """What a mark does, once classified."""

    NONE = 0  # apostrophe, measurement or stray mark
    OPEN = 1
    CLOSE = 2
    MAYBE_CLOSE = 3  # plural possessive inside a single quotation: a candidate end


class _Frame:
    """An open quotation on the parser's stack."""

    __slots__ = ("candidate", "continues", "depth", "family", "mark", "pos", "start")

    def __init__(
        self, family: str, mark: str, pos: int, start: int, depth: int, continues: int | None
    ) -> None:
        self.family = family
        self.mark = mark
        self.pos = pos
        self.start = start
        self.depth = depth
        self.continues = continues
        self.candidate: int | None = None


_Carry = tuple[int, str]
"""``(start, family)`` of an outermost quotation left open at the end of a paragraph."""


def _flanks(prev: str, nxt: str) -> tuple[bool, bool]:
    """Whether a mark between ``prev`` and ``nxt`` ("" at a paragraph edge) can open, close."""
    can_open = not prev.isalnum() and nxt != "" and not nxt.isspace()
    can_close = prev != "" and not prev.isspace() and not nxt.isalnum()
    return can_open, can_close


class _Scanner:
    """Finds the quotations of ``text``, one paragraph at a time, appending them to ``out``.

    The stack of open quotations is empty between paragraphs; ``carry`` is what the
    current paragraph may continue (see :meth:`finish`).
    """

    def __init__(self, text: str, bounds: list[tuple[int, int]], out: list[QuoteSpan]) -> None:
        self.text = text
        self.bounds = bounds
        self.out = out
        self.paragraph = 0
        self.lo = self.hi = 0
        self.carry: _Carry | None = None
        self.stack: list[_Frame] = []
        self.open_by_family: dict[str, list[_Frame]] = {f: [] for f in _FAMILIES}

    def run(self) -> None:
        """Scan every paragraph."""
        for index, (lo, hi) in enumerate(self.bounds):
            self.paragraph, self.lo, self.hi = index, lo, hi
            self.carry = self.scan_paragraph()

    def scan_paragraph(self) -> _Carry | None:
        """Scan the current paragraph; return what the next paragraph may continue."""
        for match in _MARK_RE.finditer(self.text, self.lo, self.hi):
            self.step(match.start(), match.group())
        return self.finish()

    def step(self, pos: int, mark: str) -> _Act:
        """Classify the mark at ``pos`` and apply what it does to the stack; return that."""
        action = self.classify(pos, mark)
        if action is _Act.OPEN:
            self.open(pos, mark)
        elif action is _Act.CLOSE:
            self.close(pos, mark)
        elif action is _Act.MAYBE_CLOSE:
            self.stack[-1].candidate = pos
        return action

    # -- classification -------------------------------------------------------------

    def classify(self, pos: int, mark: str) -> _Act:
        """Decide what the mark at ``pos`` does, from its context and the open quotations."""
        family = _FAMILY[mark]
        if family == _DOUBLE:
            return self.classify_double(pos, mark)
        if family == _SINGLE:
            return self.classify_single(pos, mark)
        return self.classify_angle(pos, mark, family)

    def context(self, pos: int, mark: str) -> tuple[str, str]:
        """The characters just before and after the mark ("" at a paragraph edge)."""
        after = pos + len(mark)
        prev = self.text[pos - 1] if pos > self.lo else ""
        nxt = self.text[after] if after < self.hi else ""
        return prev, nxt

    def is_open(self, family: str, mark: str) -> bool:
        """Whether ``mark`` finds a quotation of its family open, one it could close.

        A quotation opened by the mirror image of ``mark`` (``”`` for ``“``) does not count:
        marks never pair back to front.
        """
        frames = self.open_by_family[family]
        return bool(frames) and frames[-1].mark != _MIRROR.get(mark)

    def classify_double(self, pos: int, mark: str) -> _Act:
        """Classify ``“ ” „ ‟ " `` ''``."""
        is_open = self.is_open(_DOUBLE, mark)
        if mark == "``":
            return _Act.OPEN
        if mark == "''":
            return _Act.CLOSE if is_open else _Act.NONE
        prev, nxt = self.context(pos, mark)
        if mark == '"' and prev.isdigit() and not is_open:
            return _Act.NONE  # inch mark
        can_open, can_close = _flanks(prev, nxt)
        if mark == _REPLACEMENT:
            if can_open and not can_close and not self.is_elision(pos + 1):
                return _Act.OPEN
            return _Act.CLOSE if can_close and not can_open and is_open else _Act.NONE
        if mark in _LOW_OPENERS:
            return _Act.NONE if can_close and not can_open else _Act.OPEN
        if mark == "\u201d":  # ”
            if is_open:
                return _Act.CLOSE
            return _Act.OPEN if can_open or self.is_misused_opener(pos, mark) else _Act.NONE
        if mark == "\u201c":  # “
            if is_open and not can_open:
                return _Act.CLOSE
            if not is_open and can_close and not can_open:
                return _Act.NONE
            return _Act.OPEN
        if can_open != can_close:  # straight "
            if can_open:
                return _Act.OPEN
            return _Act.CLOSE if is_open else _Act.NONE
        return _Act.CLOSE if is_open else _Act.OPEN

    def classify_single(self, pos: int, mark: str) -> _Act:
        """Classify ``‘ ’ ‚ ‛ '``, telling quotation marks from apostrophes."""
        prev, nxt = self.context(pos, mark)
        if (prev.isalnum() and nxt.isalnum()) or self.is_rock_n_roll(pos):
            return _Act.NONE
        is_open = self.is_open(_SINGLE, mark)
        can_open, can_close = _flanks(prev, nxt)
        if mark in _LOW_OPENERS:
            return _Act.OPEN if can_open and not self.is_elision(pos + 1) else _Act.NONE
        if can_open and not (can_close and is_open):
            if self.is_elision(pos + 1):
                return _Act.NONE
            if mark == "\u2019" and is_open:  # ’ that could open still closes first
                return _Act.CLOSE
            return _Act.OPEN
        if self.is_misused_opener(pos, mark):
            return _Act.OPEN
        if not can_close or not is_open:
            return _Act.NONE  # apostrophe, measurement (a 3' board) or stray mark
        if can_open or prev not in "sS" or not nxt.isspace():
            return _Act.CLOSE
        top = self.stack[-1]  # plural possessive: players’ union
        if top.family == _SINGLE and top.candidate is None:
            return _Act.MAYBE_CLOSE
        return _Act.NONE

    def classify_angle(self, pos: int, mark: str, family: str) -> _Act:
        """Classify ``« » ‹ ›``, French (``«...»``) or reversed German (``»...«``)."""
        frames = self.open_by_family[family]
        if frames and frames[-1].mark != mark:
            return _Act.CLOSE
        if mark == _FRENCH_OPENER[family]:
            return _Act.OPEN
        _, nxt = self.context(pos, mark)
        return _Act.OPEN if nxt and not nxt.isspace() else _Act.NONE

    def is_misused_opener(self, pos: int, mark: str) -> bool:
        """Whether ``mark``, first in the paragraph and followed by white space, opens anyway.

        It does when the quotation it would open is ended by a closing mark of its family
        in the paragraph (see the module documentation), found by scanning on with a
        scanner of its own.
        """
        after = pos + len(mark)
        if pos != self.lo or (after < self.hi and not self.text[after].isspace()):
            return False
        ahead = _Scanner(self.text, self.bounds, [])
        ahead.paragraph, ahead.lo, ahead.hi = self.paragraph, self.lo, self.hi
        ahead.open(pos, mark)
        frame = ahead.stack[0]
        for match in _MARK_RE.finditer(self.text, after, self.hi):
            action = ahead.step(match.start(), match.group())
            if not ahead.stack or ahead.stack[0] is not frame:
                return action is _Act.CLOSE
        return False

    def is_elision(self, pos: int) -> bool:
        """Whether the word at ``pos`` (after a single mark) makes the mark an apostrophe."""
        text, hi = self.text, self.hi
        if pos + 1 < hi and text[pos].isdigit() and text[pos + 1].isdigit():
            end = pos + 2  # ’90s, '99
            if end < hi and text[end] in "sS":
                end += 1
        else:
            end = pos
            while end < hi and end - pos <= _MAX_ELISION and text[end].isalpha():
                end += 1
            if text[pos:end] not in _ELISIONS:
                return False
        follower = _MARK_RE.match(text, end, hi)  # 'em' is a quotation, 'em'' is not
        if follower is not None:
            return _FAMILY[follower.group()] != _SINGLE
        return end == hi or not text[end].isalnum()

    def is_rock_n_roll(self, pos: int) -> bool:
        """Whether the mark at ``pos`` is one of the two in `` ’n’ `` (rock ’n’ roll)."""
        text, lo, hi = self.text, self.lo, self.hi
        if pos + 2 < hi and text[pos + 1] in "nN" and _FAMILY.get(text[pos + 2]) == _SINGLE:
            first = pos
        elif pos - 2 >= lo and text[pos - 1] in "nN" and _FAMILY.get(text[pos - 2]) == _SINGLE:
            first = pos - 2
        else:
            return False
        before = text[first - 1] if first > lo else ""
        after = text[first + 3] if first + 3 < hi else ""
        return not before.isalnum() and not after.isalnum()

    # -- the stack ------------------------------------------------------------------

    def open(self, pos: int, mark: str) -> None:
        """Push a quotation opened by ``mark`` at ``pos``."""
        family = _FAMILY[mark]
        stack = self.stack
        if stack and stack[-1].candidate is not None:
            self.settle_top(pos)  # a new quotation: the candidate end was the end
        if stack and stack[-1].family == family:
            self.settle_top(pos)  # same family cannot nest: the open one is over
        continues = None
        if pos == self.lo and self.carry is not None and self.carry[1] == family:
            continues = self.carry[0]
        start = self.skip_space(pos + len(mark))
        frame = _Frame(family, mark, pos, start, len(stack), continues)
        stack.append(frame)
        self.open_by_family[family].append(frame)

    def close(self, pos: int, mark: str) -> None:
        """Close the innermost open quotation of ``mark``'s family, and any inside it."""
        family = _FAMILY[mark]
        end = self.rstrip(pos)
        while self.stack and self.stack[-1].family != family:
            self.settle_top(pos, end)
        if self.stack:
            self.pop(end, mark, pos + len(mark))

    def finish(self) -> _Carry | None:
        """End the quotations still open at the end of the paragraph."""
        carry = None
        while self.stack:
            frame = self.stack[-1]
            continued = frame.candidate is not None and len(self.stack) == 1 and self.continued()
            if frame.candidate is not None and not continued:
                self.settle_top(self.hi, self.hi)
            elif self.pop(self.hi, None, None) and frame.depth == 0:
                carry = (frame.start, frame.family)
        return carry

    def continued(self) -> bool:
        """Whether the next paragraph opens with a mark of the outermost open family."""
        if self.paragraph + 1 >= len(self.bounds):
            return False
        lo, hi = self.bounds[self.paragraph + 1]
        match = _MARK_RE.match(self.text, lo, hi)
        if match is None or _FAMILY[match.group()] != self.stack[0].family:
            return False
        ahead = _Scanner(self.text, self.bounds, [])
        ahead.lo, ahead.hi = lo, hi
        return ahead.classify(lo, match.group()) is _Act.OPEN

    def settle_top(self, pos: int, end: int | None = None) -> None:
        """End the innermost quotation before ``pos`` (or at its candidate closing mark)."""
        candidate = self.stack[-1].candidate
        if candidate is not None:
            self.pop(self.rstrip(candidate), self.text[candidate], candidate + 1)
        else:
            self.pop(self.rstrip(pos) if end is None else end, None, None)

    def pop(self, end: int, close_mark: str | None, mark_end: int | None) -> bool:
        """Pop the innermost quotation, ending at ``end``; return whether it was emitted."""
        frame = self.stack.pop()
        self.open_by_family[frame.family].pop()
        if end <= frame.start:
            return False  # "" or “ ”: no quotation
        span = QuoteSpan(
            start=frame.start,
            end=end,
            open_mark=frame.mark,
            close_mark=close_mark,
            mark_start=frame.pos,
            mark_end=end if mark_end is None else mark_end,
            depth=frame.depth,
            paragraph=self.paragraph,
            continues=frame.continues,
        )
        self.out.append(span)
        return True

    def skip_space(self, pos: int) -> int:
        """The first offset at or after ``pos`` that is not white space (at most ``hi``)."""
        found = _NON_SPACE_RE.search(self.text, pos, self.hi)
        return self.hi if found is None else found.start()

    def rstrip(self, pos: int) -> int:
        """The offset just past the last non-white-space character before ``pos``."""
        text, lo = self.text, self.lo
        while pos > lo and text[pos - 1].isspace():
            pos -= 1
        return pos


def find_quotes(text: str) -> list[QuoteSpan]:
    """Find every quotation in ``text``.

    Outer and nested quotations are all returned; see the module documentation for the
    rules. The function never raises on a string and runs in time linear in its length.

    Args:
        text: Any string (news text, typically: one paragraph per line).

    Returns:
        The quotations, sorted by ``start`` and then ``depth``; for each ``q``,
        ``text[q.start:q.end]`` is the quoted text without its marks.

    Example:
        >>> text = 'Trump calls polls ‘rigged’, “We’ve won,” he said.'
        >>> [text[q.start : q.end] for q in find_quotes(text)]
        ['rigged', 'We’ve won,']

    Raises:
        TypeError: If ``text`` is not a ``str`` (decode bytes first).
    """
    if not isinstance(text, str):
        raise TypeError(
            f"find_quotes expects a str, got {type(text).__name__}; "
            "decode bytes first (e.g. data.decode('utf-8'))"
        )
    spans: list[QuoteSpan] = []
    _Scanner(text, paragraph_bounds(text), spans).run()
    spans.sort(key=_SORT_KEY)
    return spans
