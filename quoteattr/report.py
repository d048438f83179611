"""Who gets quoted, by gender: the figures media researchers publish, as text and a page.

The unit is a **person quoted in an article**: a person counts once per article when any
quotation or reported speech there is attributed to them
(:func:`~quoteattr.index.people_quoted`), whatever the number of quotes. Each is counted
under the gender the corpus index gives that person
(:attr:`CorpusSpeaker.gender <quoteattr.CorpusSpeaker.gender>`: the evidence of every
article combined, ``conflict`` where articles disagree), so an article that names
"Ms. Joly" once tells the count of every article quoting her. Organizations, documents and
unnamed sources ("officials", "a spokeswoman") are counted apart, never in the shares.

:class:`PeopleReport` reads documents once (it feeds a :class:`~quoteattr.SpeakerIndex`)
and gives the rows ``quoteattr speakers --by gender|outlet|month`` prints
(:meth:`PeopleReport.rows`), and :func:`report_html` the page of ``--html``::

    >>> from quoteattr import Quote, Speaker
    >>> def said(name, gender):
    ...     return Quote("...", 0, 3, speaker=Speaker(name, kind="person", gender=gender))
    >>> report = PeopleReport()
    >>> report.add("a", [said("Ann Lee", "female"), said("Tom Ray", "male")], {"outlet": "Sun"})
    >>> report.add("b", [said("Ann Lee", "female")], {"outlet": "Star"})
    >>> [(r.group, r.people, r.female, r.male) for r in report.rows("gender")]
    [('all', 3, 2, 1)]
    >>> [(r.group, r.people, r.women) for r in report.rows("outlet")]
    [('Star', 1, 1.0), ('Sun', 2, 0.5)]
    >>> print(format_report(report, "gender"), end="")
    people quoted, each once per article: 3 in 2 articles
    gender    people   share
    female         2   66.7%
    male           1   33.3%
    unknown        0    0.0%
    conflict       0    0.0%
    women among the people of known gender: 66.7% (2 of 3)
    counted apart: unnamed sources 0, organizations and documents 0, unattributed quotations 0
"""

from __future__ import annotations

import csv
import email.utils
import html
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs

from .errors import QuoteattrError
from .index import CorpusSpeaker, SpeakerIndex, people_quoted
from .model import Quote, Speaker

__all__ = [
    "BY",
    "GENDER_ORDER",
    "GroupRow",
    "PeopleReport",
    "ReportError",
    "format_report",
    "month_of",
    "report_html",
]

BY: tuple[str, ...] = ("gender", "outlet", "month")
"""What ``--by`` groups by: the corpus as a whole, each outlet, each month."""

GENDER_ORDER: tuple[str, ...] = ("female", "male", "unknown", "conflict")
"""The genders a report counts, in the order it shows them."""

NO_GROUP = {"outlet": "(no outlet)", "month": "(no date)"}
"""The group of the articles without the field."""


class ReportError(QuoteattrError):
    """A report that cannot be made from these inputs (a ``--by`` field no article has)."""


def month_of(value: Any) -> str | None:
    """The month (``YYYY-MM``) of a date as corpora write them, or ``None``.

    ISO dates and times (``2024-03-05``, ``2024-03-05T10:00:00Z``, ``2024/03``), RFC 2822
    dates (``Tue, 05 Mar 2024 10:00:00 +0000``) and dates written out in English
    (``5 March 2024``, ``March 5, 2024``, ``Mar 5, 2024``). Day-first or month-first
    numbers (``05/03/2024``) are ambiguous and not read.

    Example:
        >>> month_of("2024-03-05T10:00:00Z"), month_of("March 5, 2024"), month_of("05/03/2024")
        ('2024-03', '2024-03', None)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = re.match(r"(\d{4})[-/.](\d{1,2})(?!\d)", text)
    if iso:
        year, month = int(iso[1]), int(iso[2])
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m")
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).strftime("%Y-%m")
    except (TypeError, ValueError, IndexError):
        return None


def _a(field: str) -> str:
    """``field`` quoted, after "a" or "an"."""
    return f"{'an' if field[:1].lower() in 'aeiou' else 'a'} {field!r}"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@attrs.frozen
class GroupRow:
    """The people quoted in one group of articles (one outlet, one month, or all).

    Attributes:
        by: What the rows group by (``gender`` for the corpus as a whole).
        group: The outlet, the month (``YYYY-MM``), ``all``, or ``(no outlet)`` /
            ``(no date)`` for the articles without the field.
        articles: Its articles.
        people: Its people quoted, each once per article.
        female: Of them, the women.
        male: The men.
        unknown: Those whose gender no text shows.
        conflict: Those whose articles disagree.
        unnamed: Unnamed sources quoted ("officials"), once per article, apart.
        organizations: Organizations and documents quoted, once per article, apart.
    """

    by: str
    group: str
    articles: int = 0
    people: int = 0
    female: int = 0
    male: int = 0
    unknown: int = 0
    conflict: int = 0
    unnamed: int = 0
    organizations: int = 0

    @property
    def women(self) -> float | None:
        """The share of women among the people quoted (``None`` with no one)."""
        return _share(self.female, self.people)

    @property
    def women_of_known(self) -> float | None:
        """The share of women among the people quoted whose gender is known."""
        return _share(self.female, self.female + self.male)

    def to_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready dict, with the two shares after the counts."""
        data = attrs.asdict(self)
        for name in ("women", "women_of_known"):
            share = getattr(self, name)
            data[name] = None if share is None else round(share, 4)
        return data


@attrs.frozen
class _Article:
    """What the report keeps of one article: its groups and who it quotes."""

    outlet: str | None
    month: str | None
    dated: bool
    people: tuple[Speaker, ...]
    unnamed: int
    organizations: int


class PeopleReport:
    """The people quoted in a corpus, by gender, outlet and month.

    Args:
        index: The speaker index to feed and to read genders from (a new one by default).
        outlet_field: The metadata field naming an article's outlet.
        date_field: The metadata field holding an article's date (see :func:`month_of`).

    Attributes:
        index: The speaker index.
        unresolved: Quotations attributed to no one (no speaker, or an unresolved pronoun).
    """

    def __init__(
        self,
        index: SpeakerIndex | None = None,
        *,
        outlet_field: str = "outlet",
        date_field: str = "date",
    ) -> None:
        self.index = index if index is not None else SpeakerIndex(keep_quotes=False)
        self.outlet_field = outlet_field
        self.date_field = date_field
        self.unresolved = 0
        self._articles: list[_Article] = []

    @property
    def articles(self) -> int:
        """The number of articles added."""
        return len(self._articles)

    def add(
        self, doc_id: str, quotes: Sequence[Quote], meta: Mapping[str, Any] | None = None
    ) -> None:
        """Add one article: its quotes to the index, its people to the counts.

        Args:
            doc_id: The article's id.
            quotes: Its quotes.
            meta: Its metadata (``outlet``, ``date``, ...), if any.
        """
        self.index.add(doc_id, quotes)
        found = people_quoted(quotes)
        self.unresolved += found.unresolved
        meta = meta or {}
        outlet = meta.get(self.outlet_field)
        date = meta.get(self.date_field)
        self._articles.append(
            _Article(
                outlet=" ".join(str(outlet).split()) or None if outlet is not None else None,
                month=month_of(date),
                dated=date not in (None, ""),
                people=tuple(
                    Speaker(s.name, kind=s.kind, gender=s.gender, gender_evidence=s.gender_evidence)
                    for s in found.people
                ),
                unnamed=len(found.unnamed),
                organizations=len(found.organizations),
            )
        )

    def with_field(self, by: str) -> int:
        """How many articles carry the field ``by`` groups by (all for ``gender``)."""
        if by == "outlet":
            return sum(a.outlet is not None for a in self._articles)
        if by == "month":
            return sum(a.dated for a in self._articles)
        return self.articles

    def undated(self) -> int:
        """Articles whose date field is there but is no date :func:`month_of` reads."""
        return sum(a.dated and a.month is None for a in self._articles)

    def check(self, by: str) -> None:
        """Raise :class:`ReportError` when no article carries the field of ``by``.

        Raises:
            ReportError: With a message that names the field and how to give it.
            ValueError: If ``by`` is none of :data:`BY`.
        """
        if by not in BY:
            raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
        if by == "gender" or self.with_field(by):
            return
        field = self.outlet_field if by == "outlet" else self.date_field
        flag = "--outlet-field" if by == "outlet" else "--date-field"
        raise ReportError(
            f"--by {by}: no article has {_a(field)} field, so there is nothing to group by "
            f"(give JSON Lines or CSV articles with {_a(field)} field or column, or name "
            f"the field with {flag})"
        )

    def gender_of(self, person: Speaker) -> str:
        """The corpus gender of a person of an article (``unknown`` when not indexed)."""
        record = self.index.speaker_of(person)
        return (record.gender if record is not None else None) or "unknown"

    def rows(self, by: str) -> list[GroupRow]:
        """The rows of a report: one for the corpus (``gender``), or one per outlet or
        month (months in order, outlets by name; the articles without the field last).

        Raises:
            ReportError: See :meth:`check`.
        """
        self.check(by)
        groups: dict[str, list[_Article]] = {}
        for article in self._articles:
            if by == "gender":
                key = "all"
            else:
                value = article.outlet if by == "outlet" else article.month
                key = value if value is not None else NO_GROUP[by]
            groups.setdefault(key, []).append(article)
        last = NO_GROUP.get(by, "")
        order = sorted(groups, key=lambda k: (k == last, k.casefold()))
        return [self._row(by, key, groups[key]) for key in order]

    def _row(self, by: str, group: str, articles: Iterable[_Article]) -> GroupRow:
        counts: Counter[str] = Counter()
        n = unnamed = organizations = 0
        for article in articles:
            n += 1
            unnamed += article.unnamed
            organizations += article.organizations
            counts.update(self.gender_of(p) for p in article.people)
        return GroupRow(
            by=by,
            group=group,
            articles=n,
            people=sum(counts.values()),
            female=counts["female"],
            male=counts["male"],
            unknown=counts["unknown"],
            conflict=counts["conflict"],
            unnamed=unnamed,
            organizations=organizations,
        )

    def most_quoted(self, n: int = 15) -> list[CorpusSpeaker]:
        """The named people quoted in the most articles (then most quotes, then by name)."""
        named = {
            record.id: record
            for article in self._articles
            for person in article.people
            if (record := self.index.speaker_of(person)) is not None
        }
        ranked = sorted(named.values(), key=lambda r: (-r.articles, -r.quotes, r.name))
        return ranked[:n]


# ---- text


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def format_report(report: PeopleReport, by: str, fmt: str = "table") -> str:
    """The text of ``quoteattr speakers --by BY``.

    Args:
        report: The report, with every article added.
        by: One of :data:`BY`.
        fmt: ``table`` (counts and shares, unknowns shown, with what was counted apart),
            ``csv`` or ``jsonl`` (one :meth:`GroupRow.to_dict` a row).

    Raises:
        ReportError: If no article carries the field ``by`` needs.
    """
    rows = report.rows(by)
    if fmt == "jsonl":
        return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        head = list(rows[0].to_dict()) if rows else list(GroupRow("", "").to_dict())
        writer.writerow(head)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row.to_dict().values()])
        return buffer.getvalue()
    if by == "gender":
        return _gender_table(report, rows[0] if rows else GroupRow("gender", "all"))
    return _group_table(report, by, rows)


def _gender_table(report: PeopleReport, row: GroupRow) -> str:
    lines = [f"people quoted, each once per article: {row.people} in {row.articles} articles"]
    lines.append(f"{'gender':<8}  {'people':>6}  {'share':>6}")
    for gender in GENDER_ORDER:
        count = getattr(row, gender)
        lines.append(f"{gender:<8}  {count:>6}  {_percent(_share(count, row.people)):>6}")
    known = row.female + row.male
    lines.append(
        f"women among the people of known gender: {_percent(row.women_of_known)} "
        f"({row.female} of {known})"
    )
    lines.append(_apart(report, row))
    return "\n".join(lines) + "\n"


def _apart(report: PeopleReport, row: GroupRow) -> str:
    return (
        f"counted apart: unnamed sources {row.unnamed}, organizations and documents "
        f"{row.organizations}, unattributed quotations {report.unresolved}"
    )


def _group_table(report: PeopleReport, by: str, rows: Sequence[GroupRow]) -> str:
    head = [by, "articles", "people", *GENDER_ORDER, "women", "of known", "unnamed", "orgs"]
    cells = [
        [
            r.group,
            str(r.articles),
            str(r.people),
            *(str(getattr(r, g)) for g in GENDER_ORDER),
            _percent(r.women),
            _percent(r.women_of_known),
            str(r.unnamed),
            str(r.organizations),
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *cells]) for i in range(len(head))]
    out = []
    for line in [head, *cells]:
        first = line[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)]
        out.append("  ".join([first, *rest]).rstrip())
    missing = sum(r.articles for r in rows if r.group == NO_GROUP[by])
    if missing:
        field = report.outlet_field if by == "outlet" else report.date_field
        what = f"no {field!r} field" if by == "outlet" else f"no {field!r} field or no date in it"
        out.append(f"{missing} of {report.articles} articles have {what}: {NO_GROUP[by]}")
    return "\n".join(out) + "\n"


# ---- the page

_COLOURS = {"female": "#b4236a", "male": "#1f5fa8", "unknown": "#8a8a8a", "conflict": "#c98a00"}

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1c1c1c;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
p.lead { color: #444; margin-top: 0; }
table.counts { border-collapse: collapse; margin: .5rem 0; }
table.counts th, table.counts td { padding: .15rem .8rem; text-align: right; }
table.counts th:first-child, table.counts td:first-child { text-align: left; }
table.counts thead th { border-bottom: 1px solid #999; }
p.missing { background: #fff6e0; border-left: 4px solid #c98a00; padding: .5rem .8rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #1c1c1c; }
svg.chart .axis { stroke: #999; stroke-width: 1; }
svg.chart .parity { stroke: #555; stroke-dasharray: 4 3; }
ul.legend { list-style: none; padding: 0; display: flex; gap: 1.2rem; }
ul.legend span { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem;
                 vertical-align: -1px; }
footer { margin-top: 3rem; color: #666; font-size: .85rem; }
"""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _missing(message: str) -> str:
    return f'<p class="missing">{_esc(message)}</p>'


def _bars(chart: str, rows: Sequence[GroupRow], caption: str) -> str:
    """Horizontal bars: the share of women among the people quoted of each group."""
    shown = [r for r in rows if r.people]
    label_w, bar_w, row_h = 220, 420, 26
    height = 30 + row_h * len(shown)
    out = [
        f'<svg class="chart" data-chart="{chart}" viewBox="0 0 {label_w + bar_w + 150} '
        f'{height}" width="{label_w + bar_w + 150}" height="{height}" role="img" '
        f'aria-label="{_esc(caption)}"><title>{_esc(caption)}</title>'
    ]
    for i, row in enumerate(shown):
        y = 10 + i * row_h
        share = row.women or 0.0
        width = round(bar_w * share, 1)
        out.append(
            f'<g class="bar" data-group="{_esc(row.group)}" data-share="{share:.4f}" '
            f'data-people="{row.people}">'
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_esc(row.group)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 8}" fill="#eee"/>'
            f'<rect class="women" x="{label_w}" y="{y + 3}" width="{width}" '
            f'height="{row_h - 8}" fill="{_COLOURS["female"]}"/>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}">{_percent(row.women)} of '
            f"{row.people}</text></g>"
        )
    parity = label_w + bar_w / 2
    out.append(
        f'<line class="parity" x1="{parity}" y1="4" x2="{parity}" y2="{height - 14}"/>'
        f'<text x="{parity}" y="{height - 2}" text-anchor="middle">50%</text></svg>'
    )
    return "".join(out)


def _line(rows: Sequence[GroupRow], caption: str) -> str:
    """The share of women among the people quoted, month by month."""
    shown = [r for r in rows if r.people and r.group != NO_GROUP["month"]]
    left, top, width, height = 50, 15, 640, 220
    step = width / max(len(shown) - 1, 1)
    out = [
        f'<svg class="chart" data-chart="month" viewBox="0 0 {left + width + 40} '
        f'{top + height + 50}" width="{left + width + 40}" height="{top + height + 50}" '
        f'role="img" aria-label="{_esc(caption)}"><title>{_esc(caption)}</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + height - height * tick / 100
        cls = "parity" if tick == 50 else "axis"
        out.append(
            f'<line class="{cls}" x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" '
            f'stroke-opacity="{1 if tick in (0, 50) else 0.3}"/>'
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{tick}%</text>'
        )
    points = []
    for i, row in enumerate(shown):
        x = left + (i * step if len(shown) > 1 else width / 2)
        y = top + height - height * (row.women or 0.0)
        points.append((x, y, row))
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{_COLOURS["female"]}" '
            'stroke-width="2"/>'
        )
    every = max(1, len(points) // 12)
    for i, (x, y, row) in enumerate(points):
        out.append(
            f'<g class="point" data-group="{_esc(row.group)}" data-share="{row.women or 0:.4f}" '
            f'data-people="{row.people}"><circle cx="{x:.1f}" cy="{y:.1f}" r="4" '
            f'fill="{_COLOURS["female"]}"><title>{_esc(row.group)}: {_percent(row.women)} of '
            f"{row.people}</title></circle>"
        )
        if i % every == 0:
            out.append(
                f'<text x="{x:.1f}" y="{top + height + 18}" text-anchor="middle">'
                f"{_esc(row.group)}</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _people(records: Sequence[CorpusSpeaker], caption: str) -> str:
    """The most-quoted people: bars of their articles, in the colour of their gender."""
    label_w, bar_w, row_h = 220, 380, 24
    height = 10 + row_h * len(records)
    most = max((r.articles for r in records), default=1)
    out = [
        f'<svg class="chart" data-chart="people" viewBox="0 0 {label_w + bar_w + 170} '
        f'{height}" width="{label_w + bar_w + 170}" height="{height}" role="img" '
        f'aria-label="{_esc(caption)}"><title>{_esc(caption)}</title>'
    ]
    for i, record in enumerate(records):
        y = 5 + i * row_h
        gender = record.gender or "unknown"
        width = round(bar_w * record.articles / most, 1)
        out.append(
            f'<g class="person" data-name="{_esc(record.name)}" data-gender="{gender}" '
            f'data-articles="{record.articles}">'
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{_esc(record.name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 8}" '
            f'fill="{_COLOURS[gender]}"/>'
            f'<text x="{label_w + width + 8}" y="{y + 15}">{record.articles} '
            f"article{'s' if record.articles != 1 else ''}, {gender}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def _counts_table(row: GroupRow) -> str:
    body = "".join(
        f'<tr data-gender="{g}"><td>{g}</td><td>{getattr(row, g)}</td>'
        f"<td>{_percent(_share(getattr(row, g), row.people))}</td></tr>"
        for g in GENDER_ORDER
    )
    return (
        '<table class="counts"><thead><tr><th>gender</th><th>people</th><th>share</th>'
        f"</tr></thead><tbody>{body}</tbody></table>"
    )


def report_html(report: PeopleReport, title: str = "Who is quoted") -> str:
    """One self-contained HTML page of the report: inline CSS and SVG, nothing to fetch.

    Charts: the share of women among the people quoted per outlet and month by month
    (each with a 50% line), and the most-quoted people in the colour of their gender. A
    chart whose field no article carries is replaced by a message that says so. Elements
    carry classes and data attributes for tests and styling: ``svg.chart`` with
    ``data-chart`` (``outlet``, ``month``, ``people``), ``g.bar`` and ``g.point`` with
    ``data-group``, ``data-share`` and ``data-people``, ``g.person`` with ``data-name``,
    ``data-gender`` and ``data-articles``, and ``p.missing``.

    Args:
        report: The report, with every article added.
        title: The page title.

    Example:
        >>> from quoteattr import Quote, Speaker
        >>> report = PeopleReport()
        >>> ann = Speaker("Ann Lee", kind="person", gender="female")
        >>> report.add("a", [Quote("...", 0, 3, speaker=ann)], {"outlet": "Sun"})
        >>> page = report_html(report)
        >>> 'data-chart="outlet"' in page, "no article has a &#x27;date&#x27; field" in page
        (True, True)
        >>> "http" in page.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
        False
    """
    (whole,) = report.rows("gender")
    sections = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="lead">{whole.people} people quoted, each counted once per article, in '
        f"{whole.articles} articles. Women: {_percent(whole.women)} of the people quoted, "
        f"{_percent(whole.women_of_known)} of those whose gender the text shows.</p>",
        _counts_table(whole),
        f"<p>{_esc(_apart(report, whole))}.</p>",
        '<ul class="legend">'
        + "".join(f'<li><span style="background:{c}"></span>{g}</li>' for g, c in _COLOURS.items())
        + "</ul>",
    ]
    for by, heading in (
        ("outlet", "Women among the people quoted, by outlet"),
        ("month", "Women among the people quoted, month by month"),
    ):
        sections.append(f"<h2>{heading}</h2>")
        try:
            rows = report.rows(by)
        except ReportError as exc:
            sections.append(_missing(str(exc).replace(f"--by {by}: ", "")))
            continue
        if not any(r.people for r in rows):
            sections.append(_missing(f"No person is quoted in an article with a {by}."))
        elif by == "outlet":
            sections.append(_bars("outlet", rows, heading))
        else:
            sections.append(_line(rows, heading))
        missing = sum(r.articles for r in rows if r.group == NO_GROUP[by])
        if missing:
            sections.append(f"<p>{missing} articles have no {by}: left out of this chart.</p>")
    sections.append("<h2>The most-quoted people</h2>")
    top = report.most_quoted()
    sections.append(
        _people(top, "The most-quoted people, by articles")
        if top
        else _missing("No one is quoted.")
    )
    sections.append(
        "<footer>Each person's gender is what the articles' own evidence shows (pronouns, "
        "honorifics, gendered nouns), combined across the corpus; made by quoteattr."
        "</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )
