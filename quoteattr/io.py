"""Reading documents and writing quotation records: the files side of quoteattr.

:class:`Reader` turns paths (files, folders of ``*.txt``, ``*.md`` and ``*.jsonl``, or
``-`` for standard input) into :class:`Document` objects, reporting unreadable inputs
without stopping; :func:`quote_record` is the flat record of one quotation (derived from
:meth:`Quote.to_dict() <quoteattr.model.Quote.to_dict>`), written as JSON Lines, CSV, TSV or
a plain table by :func:`format_block`; :class:`Output` writes the records of each finished
document as whole lines and keeps the ``OUT.done`` ledger that ``--resume`` reads. The
command line (:mod:`quoteattr.cli`), the evaluation (:mod:`quoteattr.evaluate`) and Dask
(:mod:`quoteattr.dask`) use them.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol, TextIO

import attrs

from .errors import InputOutputError
from .model import Quote

__all__ = [
    "FIELDS",
    "FOLDER_SUFFIXES",
    "FORMATS",
    "STDIN_ID",
    "Document",
    "InputOutputError",
    "Output",
    "Reader",
    "Reporter",
    "decode_text",
    "folder_files",
    "format_block",
    "format_header",
    "one_line",
    "quote_record",
]

STDIN_ID = "<stdin>"
"""The document id of standard input."""


FORMATS: tuple[str, ...] = ("table", "jsonl", "csv", "tsv")
"""Output formats of ``quoteattr extract``."""

FIELDS: tuple[str, ...] = (
    "doc",
    "start",
    "end",
    "quote",
    "speaker",
    "speaker_id",
    "speaker_kind",
    "mention",
    "mention_start",
    "mention_end",
    "cue",
    "cue_lemma",
    "kind",
    "confidence",
    "rule",
    "paragraph",
    "part",
    "continues",
)
"""The fields of an output record, in column order for ``csv`` and ``tsv``."""

FOLDER_SUFFIXES = frozenset({".txt", ".md", ".jsonl"})
"""The files read from a folder (recursively; hidden files and folders are left out)."""


class _NotACorpusError(Exception):
    """A JSON Lines file found in a folder whose records have no text field."""


@attrs.frozen
class Document:
    """One document to process.

    Attributes:
        id: Its identifier in the output: the file path, the record's ``id`` (or
            ``path:line``) for JSON Lines, ``<stdin>`` for standard input.
        text: Its text.
    """

    id: str
    text: str


# ---- reading inputs


def decode_text(data: bytes, name: str) -> str:
    """Decode a file's bytes as UTF-8 text.

    Args:
        data: The bytes.
        name: The file's name, for the message.

    Returns:
        The text, unchanged (line breaks and a byte-order mark are kept, so that offsets
        index the file's characters).

    Raises:
        ValueError: If the bytes contain a NUL byte (a binary file) or are not UTF-8; the
            message names the file.
    """
    if b"\x00" in data:
        raise ValueError(f"{name}: looks like a binary file (it contains NUL bytes); skipped")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); skipped"
        ) from exc


class Reporter(Protocol):
    """Where a :class:`Reader` reports: errors always, remarks unless quiet."""

    def error(self, message: str) -> None:
        """Report an unreadable input."""

    def note(self, message: str) -> None:
        """Make a remark."""


class Reader:
    """Turns command-line paths into documents, reporting and counting unreadable inputs.

    Args:
        console: Where unreadable inputs are reported.
        text_field: The field holding the text in JSON Lines records.
        strict: Stop at the first unreadable input.
        skip: Document ids to leave out (those a resumed output already holds).
        stdin: The bytes stream read for ``-`` (default: standard input).
    """

    def __init__(
        self,
        console: Reporter,
        *,
        text_field: str = "text",
        strict: bool = False,
        skip: frozenset[str] = frozenset(),
        stdin: IO[bytes] | None = None,
    ) -> None:
        self.console = console
        self.text_field = text_field
        self.strict = strict
        self.skip = skip
        self.stdin = stdin
        self.failed = 0
        self.stopped = False

    def fail(self, message: str) -> None:
        """Report an unreadable input; with ``strict``, stop reading."""
        self.console.error(message)
        self.failed += 1
        if self.strict:
            self.stopped = True

    def documents(self, paths: Sequence[str]) -> Iterator[Document]:
        """Yield every document of ``paths`` not in ``skip``, in order."""
        for arg in paths:
            for source, explicit in self._expand(arg):
                for doc in self._read(source, explicit):
                    if doc.id not in self.skip:
                        yield doc
                if self.stopped:
                    return

    def _expand(self, arg: str) -> Iterator[tuple[Path | None, bool]]:
        if arg == "-":
            yield None, True
            return
        path = Path(arg)
        if path.is_dir():
            yield from ((p, False) for p in folder_files(path))
        elif path.exists():
            yield path, True
        else:
            self.fail(f"{arg}: no such file or folder")

    def _read(self, source: Path | None, explicit: bool) -> Iterator[Document]:
        name = STDIN_ID if source is None else str(source)
        try:
            data = self._stdin_bytes() if source is None else source.read_bytes()
            text = decode_text(data, name)
        except OSError as exc:
            self.fail(f"{name}: cannot read it ({exc.strerror or exc}); skipped")
            return
        except ValueError as exc:
            self.fail(str(exc))
            return
        if source is not None and source.suffix.lower() == ".jsonl":
            yield from self._records(text, name, explicit)
        else:
            yield Document(name, text)

    def _stdin_bytes(self) -> bytes:
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        return stream.read()

    def _records(self, text: str, name: str, explicit: bool) -> Iterator[Document]:
        probing = not explicit
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = self._record(line, name, number, probing)
            except _NotACorpusError:
                return
            probing = False
            if record is not None:
                yield record
            if self.stopped:
                return

    def _record(self, line: str, name: str, number: int, probing: bool) -> Document | None:
        where = f"{name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            self.fail(f"{where}: not valid JSON ({exc.msg}); skipped")
            return None
        text = data.get(self.text_field) if isinstance(data, dict) else None
        if isinstance(text, str):
            doc_id = data.get("id")
            return Document(where if doc_id is None else str(doc_id), text)
        if probing:
            self.console.note(
                f"{name}: skipped, its records have no {self.text_field!r} field "
                "(choose the field with --text-field)"
            )
            raise _NotACorpusError(name)
        self.fail(f"{where}: no {self.text_field!r} field in this record; skipped")
        return None


def folder_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in FOLDER_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


# ---- formatting output


def quote_record(doc_id: str, quote: Quote) -> dict[str, Any]:
    """Return the output record of one quotation (the keys are :data:`FIELDS`).

    Example:
        >>> from quoteattr.model import Quote
        >>> quote_record("a.txt", Quote("Hi", 1, 3))["speaker"] is None
        True
    """
    speaker, cue = quote.speaker, quote.cue
    mention = speaker.mention if speaker is not None else None
    return {
        "doc": doc_id,
        "start": quote.start,
        "end": quote.end,
        "quote": quote.text,
        "speaker": speaker.name if speaker else None,
        "speaker_id": speaker.id if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "mention": mention.text if mention else None,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "cue": cue.text if cue else None,
        "cue_lemma": cue.lemma if cue else None,
        "kind": quote.kind,
        "confidence": round(quote.confidence, 4),
        "rule": quote.rule,
        "paragraph": quote.paragraph,
        "part": quote.part,
        "continues": quote.continues,
    }


def format_header(fmt: str) -> str:
    """Return what starts an output file of format ``fmt`` (a header line for csv/tsv)."""
    if fmt not in ("csv", "tsv"):
        return ""
    return _delimited([list(FIELDS)], fmt)


def format_block(fmt: str, doc_id: str, quotes: Sequence[Quote]) -> str:
    """Return the output lines of one document's quotations.

    Args:
        fmt: One of :data:`FORMATS`.
        doc_id: The document's id.
        quotes: Its quotations.

    Returns:
        Whole lines, each ending in a line break (``""`` when there is no quotation).
    """
    if fmt == "jsonl":
        return "".join(
            json.dumps(quote_record(doc_id, q), ensure_ascii=False) + "\n" for q in quotes
        )
    if fmt in ("csv", "tsv"):
        records = (quote_record(doc_id, q) for q in quotes)
        rows = [[_cell(record[f]) for f in FIELDS] for record in records]
        return _delimited(rows, fmt) if rows else ""
    return _table(doc_id, quotes)


def _cell(value: object) -> object:
    return "" if value is None else value


def _delimited(rows: list[list[Any]], fmt: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) as one space."""
    return " ".join(text.split())


def _table(doc_id: str, quotes: Sequence[Quote]) -> str:
    names = [one_line(q.speaker.name) if q.speaker else "-" for q in quotes]
    width = max((len(n) for n in names), default=0)
    return "".join(
        f"{doc_id}  {name.ljust(width)}  “{one_line(q.text)}”\n"
        for name, q in zip(names, quotes, strict=True)
    )


# ---- writing output


class Output:
    """Where ``extract`` writes: standard output, or a file with its ``.done`` sidecar.

    Args:
        fmt: One of :data:`FORMATS`.
        path: The output file, or ``None`` for ``stdout``.
        resume: Keep the documents the file already holds (see its ``.done`` ledger).
        stdout: The stream written to when there is no file.

    Raises:
        InputOutputError: If the file cannot be written, or cannot be resumed.
    """

    def __init__(self, fmt: str, path: Path | None, *, resume: bool, stdout: TextIO) -> None:
        self.fmt = fmt
        self.path = path
        self.stdout = stdout
        self.done: frozenset[str] = frozenset()
        self._file: IO[bytes] | None = None
        self._ledger: IO[str] | None = None
        if path is not None:
            self._open(path, resume)
        else:
            self._write_text(format_header(fmt))

    @property
    def ledger_path(self) -> Path:
        """The sidecar file listing finished documents."""
        assert self.path is not None
        return Path(f"{self.path}.done")

    def _open(self, path: Path, resume: bool) -> None:
        entries = _read_ledger(path, self.ledger_path) if resume and path.exists() else []
        self.done = frozenset(e.doc for e in entries)
        offset = entries[-1].offset if entries else 0
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
            self._file.write(format_header(self.fmt).encode("utf-8"))
            self._file.flush()

    def write(self, doc_id: str, quotes: Sequence[Quote]) -> None:
        """Write one finished document's records and flush them."""
        block = format_block(self.fmt, doc_id, quotes)
        if self._file is None:
            self._write_text(block)
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
