"""Quotation records, written and read back: the files side of quoteattr.

:func:`quote_record` is the flat record of one quotation, derived from
:meth:`Quote.to_dict() <quoteattr.model.Quote.to_dict>` by flattening it (the columns,
:data:`FIELDS`, are read off the fields of the model), with the document's id and its
metadata (``outlet``, ``date``, ... of a corpus record) in front. It carries everything a
:class:`~quoteattr.model.Quote` holds, so :func:`load_quotes` gives back exactly the quotes
that were written. :func:`format_block` writes records as JSON Lines, CSV, TSV or a plain
table; :func:`format_speakers` and :func:`format_scores` lay out the tables of
``quoteattr speakers`` and ``quoteattr evaluate``; :class:`Output` writes the records of
each finished document as whole lines and keeps the ``OUT.done`` ledger that ``--resume``
reads.

    >>> from quoteattr.model import Quote, Speaker
    >>> quote = Quote("Hi", 1, 3, speaker=Speaker("Ann Lee", kind="person", id="e0"))
    >>> record = quote_record("a.txt", quote, {"outlet": "The Times"})
    >>> record["doc"], record["outlet"], record["speaker"], record["speaker_id"]
    ('a.txt', 'The Times', 'Ann Lee', 'e0')
    >>> quote_from_record(record) == quote
    True
"""

from __future__ import annotations

import csv
import io
import json
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Protocol, TextIO, Union, get_args, get_origin

import attrs

from ._lexicon import one_line
from .errors import InputOutputError
from .model import Quote

__all__ = [
    "FIELDS",
    "FORMATS",
    "SPEAKER_FIELDS",
    "SPEAKER_FORMATS",
    "TABLE_WIDTHS",
    "InputOutputError",
    "Output",
    "SpeakerRow",
    "csv_columns",
    "format_block",
    "format_header",
    "format_scores",
    "format_speakers",
    "is_record_header",
    "load_articles",
    "load_quotes",
    "meta_columns",
    "one_line",
    "quote_from_record",
    "quote_record",
    "write_speakers_csv",
]

FORMATS: tuple[str, ...] = ("table", "jsonl", "csv", "tsv")
"""Output formats of ``quoteattr extract``."""

SPEAKER_FORMATS: tuple[str, ...] = ("table", "csv", "jsonl")
"""Output formats of ``quoteattr speakers``."""

RECORD_FORMATS: dict[str, str] = {".jsonl": "jsonl", ".csv": "csv", ".tsv": "tsv"}
"""The formats :func:`load_quotes` reads, by file suffix."""


# ---- the flat record, read off the model


@attrs.frozen
class _Column:
    """One column of the flat record: where its value sits in ``Quote.to_dict()``."""

    name: str
    path: tuple[str, ...]
    type: Any
    required: bool = True

    @property
    def optional(self) -> bool:
        return type(None) in get_args(self.type)

    @property
    def base(self) -> Any:
        """The type without ``None``."""
        if get_origin(self.type) in (Union, types.UnionType):
            (inner,) = [a for a in get_args(self.type) if a is not type(None)]
            return inner
        return self.type


def _nested_class(kind: Any) -> Any:
    """The attrs class a field holds (``Speaker`` for ``Speaker | None``), if any."""
    for candidate in (kind, *get_args(kind)):
        if isinstance(candidate, type) and attrs.has(candidate):
            return candidate
    return None


def _column_name(owner: str | None, field: str) -> str:
    """``text`` of the quote is ``quote``; a nested object's ``text`` or ``name`` takes the
    object's name (``speaker``, ``mention``, ``cue``); its other fields are prefixed with it
    (``speaker_id``, ``mention_start``, ``cue_lemma``)."""
    if owner is None:
        return "quote" if field == "text" else field
    return owner if field in ("text", "name") else f"{owner}_{field}"


def _columns(cls: Any, path: tuple[str, ...] = (), owner: str | None = None) -> list[_Column]:
    found: list[_Column] = []
    for field in attrs.fields(cls):
        inner = _nested_class(field.type)
        if inner is not None:
            found.extend(_columns(inner, (*path, field.name), field.name))
        else:
            required = field.default is attrs.NOTHING
            name = _column_name(owner, field.name)
            found.append(_Column(name, (*path, field.name), field.type, required))
    return found


_COLUMNS: tuple[_Column, ...] = tuple(_columns(Quote))
_BY_NAME: dict[str, _Column] = {c.name: c for c in _COLUMNS}
assert len(_BY_NAME) == len(_COLUMNS), "two fields of the model flatten to one column"

FIELDS: tuple[str, ...] = ("doc", *(c.name for c in _COLUMNS))
"""The fields of an output record, in column order for ``csv`` and ``tsv`` (the metadata
of a corpus record, if any, comes right after ``doc``)."""

_RECORD_COLUMNS = frozenset(FIELDS)

RECORD_KEYS = frozenset({"doc", "quote", "start", "end"})
"""The keys that make a record one that ``quoteattr extract`` wrote."""


def is_record_header(keys: Iterable[str]) -> bool:
    """Whether a JSON record's keys, or a CSV header, are those of :func:`quote_record`."""
    return set(keys) >= RECORD_KEYS


def meta_columns(fields: Iterable[str]) -> dict[str, str]:
    """Map each metadata field of a corpus to its column in the output records.

    A field keeps its name, unless that name is already a column of the record (:data:`FIELDS`):
    then it is prefixed with ``doc_`` (a corpus field ``kind`` is written as ``doc_kind``).

    Example:
        >>> meta_columns(["outlet", "kind"])
        {'outlet': 'outlet', 'kind': 'doc_kind'}
    """
    taken = set(FIELDS)
    columns: dict[str, str] = {}
    for field in fields:
        name = field
        while name in taken:
            name = f"doc_{name}"
        taken.add(name)
        columns[field] = name
    return columns


def _lookup(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for key in path:
        if value is None:
            return None
        value = value[key]
    return value


def quote_record(
    doc_id: str, quote: Quote, meta: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Return the output record of one quotation: ``Quote.to_dict()`` flattened.

    Args:
        doc_id: The document's id (the ``doc`` field).
        quote: The quotation.
        meta: The document's other fields (``outlet``, ``date``, ...), written after
            ``doc`` under the names :func:`meta_columns` gives them.

    Returns:
        ``doc``, the metadata, then the columns of :data:`FIELDS`; a nested object that is
        ``None`` (no speaker, no cue) gives ``None`` in each of its columns.

    Example:
        >>> from quoteattr.model import Quote
        >>> quote_record("a.txt", Quote("Hi", 1, 3))["speaker"] is None
        True
    """
    data = quote.to_dict()
    record: dict[str, Any] = {"doc": doc_id}
    if meta:
        names = meta_columns(meta)
        record.update((names[key], value) for key, value in meta.items())
    record.update((c.name, _lookup(data, c.path)) for c in _COLUMNS)
    return record


def quote_from_record(record: Mapping[str, Any], *, cells: bool = False) -> Quote:
    """Rebuild the quotation of a record of :func:`quote_record` (the inverse).

    Args:
        record: The record, as read from JSON Lines, or from CSV/TSV with ``cells=True``.
        cells: The values are the strings of CSV cells: ``""`` is ``None``, numbers and
            lists (written as JSON) are parsed back.

    Returns:
        The quote, with its speaker, mention and cue when any of their columns has a value.
        A column of a field with a default may be missing (a file written before the field
        was added, such as ``speaker_gender``): the field takes its default.

    Raises:
        ValueError: If a column without a default is missing or a value does not fit the
            model (the message names the column).
    """
    nested: dict[str, Any] = {}
    for column in _COLUMNS:
        if column.name not in record:
            if column.required:
                raise ValueError(f"no {column.name!r} field")
            continue
        value = record[column.name]
        if cells:
            value = _from_cell(column, value)
        _place(nested, column.path, value)
    tree = _prune(nested)
    assert tree is not None
    _fill_absent(tree)
    try:
        return Quote.from_dict(tree)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a quotation record ({exc})") from exc


def _from_cell(column: _Column, cell: Any) -> Any:
    if not isinstance(cell, str):
        return cell
    if cell == "":
        return None
    base = column.base
    try:
        if base is int or base is float:
            return base(cell)
        if get_origin(base) is tuple:
            return json.loads(cell)
    except ValueError as exc:
        raise ValueError(f"{column.name}: {cell!r} is not {_type_name(base)}") from exc
    return cell


def _type_name(kind: Any) -> str:
    if get_origin(kind) is tuple:
        return "a JSON list"
    return {int: "a whole number", float: "a number"}.get(kind, "valid")


def _place(nested: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        nested = nested.setdefault(key, {})
    nested[path[-1]] = value


def _prune(data: dict[str, Any], depth: int = 0) -> dict[str, Any] | None:
    """A nested object all of whose values are ``None`` is ``None`` (no speaker, no cue)."""
    out = {k: _prune(v, depth + 1) if isinstance(v, dict) else v for k, v in data.items()}
    if depth and all(v is None for v in out.values()):
        return None
    return out


def _fill_absent(tree: dict[str, Any]) -> None:
    """In an object that is there, a ``None`` where the model allows none is ``""`` for a
    string (an empty CSV cell) and the field's default for anything else."""
    for column in _COLUMNS:
        parent = _lookup(tree, column.path[:-1])
        key = column.path[-1]
        if parent is None or parent.get(key) is not None or column.optional:
            continue
        if column.base is str:
            parent[key] = ""
        else:
            parent.pop(key, None)


# ---- reading records back


def load_quotes(path: str | Path) -> Iterator[tuple[str, list[Quote]]]:
    """Read back what ``quoteattr extract`` wrote: one ``(doc_id, quotes)`` pair a document.

    Args:
        path: A ``.jsonl``, ``.csv`` or ``.tsv`` file of :func:`quote_record` records
            (the metadata columns are read past: :func:`load_articles` keeps them). A UTF-8
            byte-order mark and CRLF line ends are fine.

    Yields:
        ``(doc_id, quotes)`` for each run of records of one document, in file order: the
        quotes equal those the extractor returned. Documents without a quotation have no
        record, so they do not appear. The file is read as a stream.

    Raises:
        InputOutputError: If the file cannot be read, its suffix is none of those, or a
            record does not parse (the message names the file and the line).

    Example:
        >>> import tempfile, os
        >>> from quoteattr.model import Quote
        >>> out = os.path.join(tempfile.mkdtemp(), "quotes.jsonl")
        >>> with open(out, "w", encoding="utf-8") as f:
        ...     _ = f.write(format_block("jsonl", "a.txt", [Quote("Hi", 1, 3)]))
        >>> list(load_quotes(out))
        [('a.txt', [Quote(text='Hi', start=1, end=3, speaker=None, cue=None, kind='direct', \
confidence=0.0, rule='none', paragraph=0, part=0, continues=None)])]
    """
    for doc_id, quotes, _ in load_articles(path):
        yield doc_id, quotes


def load_articles(path: str | Path) -> Iterator[tuple[str, list[Quote], dict[str, Any]]]:
    """Read back what ``quoteattr extract`` wrote, with each document's metadata.

    Like :func:`load_quotes`, with the metadata columns of the document's first record
    (``outlet``, ``date``, ... of the corpus: every column that is not one of
    :data:`FIELDS`; empty CSV cells left out) as a dict.

    Args:
        path: A ``.jsonl``, ``.csv`` or ``.tsv`` file of :func:`quote_record` records.

    Yields:
        ``(doc_id, quotes, meta)`` for each run of records of one document.

    Raises:
        InputOutputError: As :func:`load_quotes`.

    Example:
        >>> import tempfile, os
        >>> from quoteattr.model import Quote
        >>> out = os.path.join(tempfile.mkdtemp(), "quotes.jsonl")
        >>> with open(out, "w", encoding="utf-8") as f:
        ...     _ = f.write(format_block("jsonl", "a", [Quote("Hi", 1, 3)], {"outlet": "Sun"}))
        >>> [(doc, len(quotes), meta) for doc, quotes, meta in load_articles(out)]
        [('a', 1, {'outlet': 'Sun'})]
    """
    path = Path(path)
    fmt = RECORD_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputOutputError(
            f"{path}: not a file of quotation records (expected .jsonl, .csv or .tsv)"
        )
    doc: str | None = None
    quotes: list[Quote] = []
    meta: dict[str, Any] = {}
    for doc_id, quote, fields in _records(path, fmt):
        if doc_id != doc and quotes:
            assert doc is not None
            yield doc, quotes, meta
            quotes = []
        if doc_id != doc:
            meta = fields
        doc = doc_id
        quotes.append(quote)
    if quotes:
        assert doc is not None
        yield doc, quotes, meta


def _records(path: Path, fmt: str) -> Iterator[tuple[str, Quote, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = _json_rows(handle) if fmt == "jsonl" else _cell_rows(handle, fmt)
            for number, row, cells in rows:
                yield _parse(row, cells, f"{path}:{number}")
    except OSError as exc:
        raise InputOutputError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise InputOutputError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except _RowError as exc:
        raise InputOutputError(f"{path}:{exc.args[0]}") from exc


class _RowError(Exception):
    """A row that is not a record: ``args[0]`` is ``"LINE: what"``."""


def _json_rows(handle: TextIO) -> Iterator[tuple[int, Any, bool]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), False
        except json.JSONDecodeError as exc:
            raise _RowError(f"{number}: not valid JSON ({exc.msg})") from exc


def _cell_rows(handle: TextIO, fmt: str) -> Iterator[tuple[int, Any, bool]]:
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(handle, delimiter="\t" if fmt == "tsv" else ",")
    header = next(reader, None)
    if header is None:
        return
    if not is_record_header(header):
        raise _RowError(f"1: not a header of quotation records (no {_missing(header)} column)")
    line = reader.line_num
    for row in reader:
        number, line = line + 1, reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            raise _RowError(f"{number}: {len(row)} cells where the header has {len(header)}")
        yield number, dict(zip(header, row, strict=True)), True


def _missing(keys: Iterable[str]) -> str:
    return ", ".join(repr(k) for k in sorted(RECORD_KEYS - set(keys)))


def _parse(row: Any, cells: bool, where: str) -> tuple[str, Quote, dict[str, Any]]:
    if not isinstance(row, dict):
        raise InputOutputError(f"{where}: not a JSON object")
    if not is_record_header(row):
        raise InputOutputError(
            f"{where}: not a quotation record written by quoteattr extract "
            f"(no {_missing(row)} field)"
        )
    try:
        quote = quote_from_record(row, cells=cells)
    except ValueError as exc:
        raise InputOutputError(f"{where}: {exc}") from exc
    meta = {k: v for k, v in row.items() if k not in _RECORD_COLUMNS and v not in ("", None)}
    return str(row["doc"]), quote, meta


# ---- formatting records


def format_header(fmt: str, meta: Iterable[str] = ()) -> str:
    """Return what starts an output of format ``fmt``: the header line of ``csv``, ``tsv``
    and ``table`` (nothing for ``jsonl``).

    Args:
        fmt: One of :data:`FORMATS`.
        meta: The corpus's metadata fields, which get columns of their own after ``doc``.
    """
    if fmt == "table":
        return _table_line("document", "kind", "speaker", "quote")
    if fmt not in ("csv", "tsv"):
        return ""
    return _delimited([csv_columns(meta)], fmt)


def csv_columns(meta: Iterable[str] = ()) -> list[str]:
    """The columns of a ``csv`` or ``tsv`` output: ``doc``, the metadata, the quote's."""
    return [FIELDS[0], *meta_columns(meta).values(), *FIELDS[1:]]


def format_block(
    fmt: str,
    doc_id: str,
    quotes: Sequence[Quote],
    meta: Mapping[str, Any] | None = None,
    columns: Sequence[str] | None = None,
) -> str:
    """Return the output lines of one document's quotations.

    Args:
        fmt: One of :data:`FORMATS`.
        doc_id: The document's id.
        quotes: Its quotations.
        meta: The document's metadata fields (``jsonl``, ``csv`` and ``tsv`` carry them).
        columns: For ``csv`` and ``tsv``, the columns of the header (:func:`csv_columns`;
            by default those of ``meta``); a value without a column is left out.

    Returns:
        Whole lines, each ending in a line break (``""`` when there is no quotation).
    """
    if fmt == "jsonl":
        return "".join(
            json.dumps(quote_record(doc_id, q, meta), ensure_ascii=False) + "\n" for q in quotes
        )
    if fmt in ("csv", "tsv"):
        names = list(columns) if columns is not None else csv_columns(meta or {})
        records = (quote_record(doc_id, q, meta) for q in quotes)
        rows = [[_cell(record.get(name)) for name in names] for record in records]
        return _delimited(rows, fmt) if rows else ""
    return "".join(_table_row(doc_id, q) for q in quotes)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _delimited(rows: list[list[Any]], fmt: str) -> str:
    """CSV or TSV lines ending in ``\n``; a row with a carriage return in a cell is quoted
    whole, since the csv module quotes only the characters of its line terminator."""
    buffer = io.StringIO()
    delimiter = "\t" if fmt == "tsv" else ","
    plain = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    quoted = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        (quoted if any("\r" in str(c) for c in row) else plain).writerow(row)
    return buffer.getvalue()


TABLE_WIDTHS: tuple[int, int, int] = (32, 8, 24)
"""Widths of the document, kind and speaker columns of the ``table`` format; longer values
are cut with an ellipsis (a document id keeps its end, a name its start)."""


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    if len(text) <= width:
        return text.ljust(width)
    return "…" + text[-(width - 1) :] if keep_end else text[: width - 1] + "…"


def _table_line(doc: str, kind: str, speaker: str, quote: str) -> str:
    doc_w, kind_w, speaker_w = TABLE_WIDTHS
    cells = (
        _fit(doc, doc_w, keep_end=True),
        _fit(kind, kind_w),
        _fit(speaker, speaker_w),
        quote,
    )
    return "  ".join(cells) + "\n"


def _table_row(doc_id: str, quote: Quote) -> str:
    speaker = one_line(quote.speaker.name) if quote.speaker and quote.speaker.name else "-"
    words = one_line(quote.text)
    shown = words if quote.kind == "indirect" else f"“{words}”"
    return _table_line(one_line(doc_id), quote.kind, speaker, shown)


# ---- the tables of ``quoteattr speakers`` and ``quoteattr evaluate``


class SpeakerRow(Protocol):
    """What the speaker tables read of a corpus speaker (a :class:`~quoteattr.CorpusSpeaker`)."""

    @property
    def id(self) -> str:
        """Its corpus id."""

    @property
    def name(self) -> str:
        """Its canonical name."""

    @property
    def kind(self) -> str:
        """Its kind."""

    @property
    def quotes(self) -> int:
        """Its number of quotations."""

    @property
    def articles(self) -> int:
        """Its number of documents."""

    @property
    def description(self) -> str:
        """Its most frequent description."""

    @property
    def names(self) -> Sequence[tuple[str, int]]:
        """Its names, with counts."""

    @property
    def descriptions(self) -> Sequence[tuple[str, int]]:
        """Its descriptions, with counts."""

    @property
    def pronouns(self) -> Sequence[tuple[str, int]]:
        """Its pronouns, with counts."""

    @property
    def gender(self) -> str | None:
        """Its gender (``None`` for what is not a person)."""

    @property
    def gender_evidence(self) -> Sequence[tuple[str, int]]:
        """The evidence of its gender, with counts."""

    @property
    def genders(self) -> Sequence[tuple[str, int]]:
        """The genders its articles give, with counts."""

    def to_dict(self) -> dict[str, Any]:
        """Its JSON record."""


SPEAKER_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "kind",
    "gender",
    "quotes",
    "articles",
    "description",
    "names",
    "descriptions",
    "pronouns",
    "gender_evidence",
    "genders",
)
"""The columns of :func:`write_speakers_csv`, in order."""


def _joined(counts: Sequence[tuple[str, int]]) -> str:
    return "; ".join(f"{one_line(text)} ({n})" for text, n in counts)


def write_speakers_csv(speakers: Iterable[SpeakerRow], stream: TextIO) -> None:
    """Write corpus speakers as CSV, one row each, with a header (:data:`SPEAKER_FIELDS`).

    Cells are quoted where needed and hold no line break (runs of white space become one
    space), so the file opens as one row per speaker in pandas and in spreadsheets; the
    lists of names, descriptions, pronouns, gender evidence and genders are one cell
    each, as ``"text (count); text (count)"``; the gender of what is not a person is
    empty.

    Args:
        speakers: The records (an index iterates over its own).
        stream: A text stream (open files with ``newline=""``).
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(SPEAKER_FIELDS)
    for s in speakers:
        writer.writerow(
            [
                s.id,
                one_line(s.name),
                s.kind,
                s.gender or "",
                s.quotes,
                s.articles,
                one_line(s.description),
                _joined(s.names),
                _joined(s.descriptions),
                _joined(s.pronouns),
                _joined(s.gender_evidence),
                _joined(s.genders),
            ]
        )


def format_speakers(fmt: str, speakers: Sequence[SpeakerRow]) -> str:
    """Return the output of ``quoteattr speakers``.

    Args:
        fmt: One of :data:`SPEAKER_FORMATS`.
        speakers: The corpus speakers, in output order.

    Returns:
        A ``table`` (name, kind, gender, quotes, articles, main description, with a
        header; ``-`` for the gender of what is not a person), CSV (see
        :func:`write_speakers_csv`) or one JSON record a line.
    """
    if fmt == "jsonl":
        return "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in speakers)
    if fmt == "csv":
        buffer = io.StringIO()
        write_speakers_csv(speakers, buffer)
        return buffer.getvalue()
    head = ("name", "kind", "gender", "quotes", "articles", "description")
    rows = [
        (
            one_line(s.name),
            s.kind,
            s.gender or "-",
            str(s.quotes),
            str(s.articles),
            one_line(s.description),
        )
        for s in speakers
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(5)]
    lines = []
    for row in [head, *rows]:
        cells = [row[i].ljust(widths[i]) for i in range(3)]
        cells += [row[3].rjust(widths[3]), row[4].rjust(widths[4]), row[5]]
        lines.append("  ".join(cells).rstrip() + "\n")
    return "".join(lines)


_SCORE_ROWS: tuple[tuple[str, str], ...] = (
    ("docs", "documents"),
    ("gold", "gold quotes"),
    ("pred", "returned quotes"),
    ("matched", "matched quotes"),
    ("quote_p", "quote precision"),
    ("quote_r", "quote recall"),
    ("quote_f1", "quote F1"),
    ("e2e_p", "end-to-end precision"),
    ("e2e_r", "end-to-end recall"),
    ("e2e_f1", "end-to-end F1"),
    ("speaker_acc", "speaker accuracy"),
    ("fragments", "fragments"),
    ("seconds", "seconds"),
)


def format_scores(results: Sequence[tuple[str, Mapping[str, Any]]]) -> str:
    """Lay out scores as a text table: one row per figure, one column per system.

    Args:
        results: ``(system name, Scores.to_dict())`` pairs.
    """
    label_width = max(len(label) for _, label in _SCORE_ROWS)
    widths = [max(len(name), 9) for name, _ in results]
    head = " " * label_width + "".join(
        "  " + name.rjust(w) for (name, _), w in zip(results, widths, strict=True)
    )
    lines = [head]
    for key, label in _SCORE_ROWS:
        cells = [_figure(scores.get(key), 2 if key == "seconds" else 3) for _, scores in results]
        lines.append(
            label.ljust(label_width)
            + "".join("  " + c.rjust(w) for c, w in zip(cells, widths, strict=True))
        )
    return "\n".join(lines) + "\n"


def _figure(value: object, digits: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


# ---- writing output


class Output:
    """Where ``extract`` writes: standard output, or a file with its ``.done`` sidecar.

    Args:
        fmt: One of :data:`FORMATS`.
        path: The output file, or ``None`` for ``stdout``.
        resume: Keep the documents the file already holds (see its ``.done`` ledger).
        stdout: The stream written to when there is no file.
        meta: The corpus's metadata fields: the columns of a ``csv`` or ``tsv`` output
            after ``doc``.

    Attributes:
        done: The documents a resumed file already holds.
        dropped: Metadata fields that a ``csv`` or ``tsv`` output had no column for.

    Raises:
        InputOutputError: If the file cannot be written, or cannot be resumed.
    """

    def __init__(
        self,
        fmt: str,
        path: Path | None,
        *,
        resume: bool,
        stdout: TextIO,
        meta: Sequence[str] = (),
    ) -> None:
        self.fmt = fmt
        self.path = path
        self.stdout = stdout
        self.meta = tuple(meta)
        self.columns = csv_columns(self.meta)
        self.done: frozenset[str] = frozenset()
        self.dropped: set[str] = set()
        self._file: IO[bytes] | None = None
        self._ledger: IO[str] | None = None
        self._header = format_header(fmt, self.meta)  # on stdout, with the first document
        if path is not None:
            self._open(path, resume)

    @property
    def ledger_path(self) -> Path:
        """The sidecar file listing finished documents."""
        assert self.path is not None
        return Path(f"{self.path}.done")

    def _open(self, path: Path, resume: bool) -> None:
        entries = _read_ledger(path, self.ledger_path) if resume and path.exists() else []
        self.done = frozenset(e.doc for e in entries)
        offset = entries[-1].offset if entries else 0
        if offset and self.fmt in ("csv", "tsv"):
            self._check_header(path)
        try:
            self._file = path.open("r+b" if resume and path.exists() else "wb")
            self._file.truncate(offset)
            self._file.seek(offset)
            # Rewritten rather than appended to, so that a line cut short goes away.
            self._ledger = self.ledger_path.open("w", encoding="utf-8")
            self._ledger.write("".join(e.line() for e in entries))
            self._ledger.flush()
        except OSError as exc:
            raise InputOutputError(f"{path}: cannot write it ({exc.strerror or exc})") from exc
        if offset == 0:
            self._file.write(format_header(self.fmt, self.meta).encode("utf-8"))
            self._file.flush()

    def _check_header(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            first = handle.readline()
        if first != format_header(self.fmt, self.meta):
            raise InputOutputError(
                f"cannot resume: the columns of {path} are not those of these inputs; "
                f"remove {path} or run without --resume"
            )

    def write(
        self, doc_id: str, quotes: Sequence[Quote], meta: Mapping[str, Any] | None = None
    ) -> None:
        """Write one finished document's records and flush them."""
        if meta and self.fmt in ("csv", "tsv"):
            self.dropped.update(k for k in meta if k not in self.meta)
        block = format_block(self.fmt, doc_id, quotes, meta, self.columns)
        if self._file is None:
            self._write_text(self._header + block)
            self._header = ""
            return
        self._file.write(block.encode("utf-8"))
        self._file.flush()
        assert self._ledger is not None
        self._ledger.write(_LedgerEntry(doc_id, self._file.tell()).line())
        self._ledger.flush()

    def _write_text(self, block: str) -> None:
        if block:
            self.stdout.write(block)
            self.stdout.flush()

    def close(self) -> None:
        """Close the files (standard output stays open)."""
        for handle in (self._file, self._ledger):
            if handle is not None:
                handle.close()


@attrs.frozen
class _LedgerEntry:
    """A finished document, and the size of the output file after its records."""

    doc: str
    offset: int

    def line(self) -> str:
        data = {"doc": self.doc, "offset": self.offset}
        return json.dumps(data, ensure_ascii=False) + "\n"

    @classmethod
    def parse(cls, line: str) -> _LedgerEntry | None:
        try:
            data = json.loads(line)
            return cls(str(data["doc"]), int(data["offset"]))
        except (ValueError, KeyError, TypeError):
            return None  # a line cut short by an interruption


def _read_ledger(path: Path, ledger: Path) -> list[_LedgerEntry]:
    """Return the finished documents of ``path``, checked against its size."""
    size = path.stat().st_size
    if not ledger.exists():
        if size == 0:
            return []
        raise InputOutputError(
            f"cannot resume: {path} exists but {ledger} does not, so which documents are "
            f"complete is unknown; remove {path} or run without --resume"
        )
    lines = ledger.read_text(encoding="utf-8").split("\n")
    entries = [e for e in map(_LedgerEntry.parse, lines) if e is not None]
    if entries and entries[-1].offset > size:
        raise InputOutputError(f"cannot resume: {path} is shorter than {ledger} records")
    return entries
