"""Reading a corpus: the inputs of ``quoteattr extract`` and ``quoteattr speakers``.

A corpus is given as paths: text files (``.txt``, ``.md``: one document each), JSON Lines
(``.jsonl``: one document a line, a JSON object) and CSV or TSV files (``.csv``, ``.tsv``:
one document a row, under a header), folders of them (read recursively, in name order,
hidden files and folders left out), and ``-`` for standard input (one text).

In a record, the text is in the ``text_field`` field and the id in the ``id_field`` field
(``path:line`` when it has none); every other field is the document's metadata
(:attr:`Document.meta`), carried through to each of its output records. A UTF-8
byte-order mark, CRLF line ends and a CSV with a header and no row are read as they
should be; record files are read as streams, one line at a time, so memory does not grow
with the corpus.

Found in a folder, a ``.jsonl``, ``.csv`` or ``.tsv`` file whose first record has no text
field (a gold file, the output of ``quoteattr extract``) is not a corpus and is passed
over without a word. Named on the command line, it is read, and its records must have one.

:class:`Reader` says what goes wrong, where, and counts it:

* an input that cannot be read (missing, unreadable, binary, not UTF-8, empty) is
  *skipped*: reported with its name, counted, and the run goes on; with ``strict``, the
  first one stops the run instead;
* a record that does not parse or has no text is an *error* that stops the run, naming
  the file and the line; with ``keep_going``, it is a warning instead, and the record is
  skipped and counted (``strict`` wins over ``keep_going``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from .errors import InputOutputError
from .io import is_record_header

__all__ = [
    "FOLDER_SUFFIXES",
    "STDIN_ID",
    "Document",
    "NoInputError",
    "Reader",
    "Reporter",
    "Source",
    "decode_text",
    "folder_files",
]

STDIN_ID = "<stdin>"
"""The document id of standard input."""

TEXT_SUFFIXES = frozenset({".txt", ".md"})
"""Files that hold one text each."""

RECORD_SUFFIXES: dict[str, str] = {".jsonl": "jsonl", ".csv": "csv", ".tsv": "tsv"}
"""Files that hold one document a record, by suffix."""

FOLDER_SUFFIXES = TEXT_SUFFIXES | frozenset(RECORD_SUFFIXES)
"""The files read from a folder (recursively; hidden files and folders are left out)."""

_BOM = "\ufeff"


@attrs.frozen
class Document:
    """One document to process.

    Attributes:
        id: Its identifier in the output: the file path for a text file, the record's id
            (or ``path:line``) for a record, ``<stdin>`` for standard input.
        text: Its text.
        meta: The record's other fields (``outlet``, ``date``, ``url``, ...), in order;
            empty for a text file.
    """

    id: str
    text: str
    meta: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Source:
    """One file to read (or standard input).

    Attributes:
        path: The file, or ``None`` for standard input.
        format: ``text``, ``jsonl``, ``csv`` or ``tsv``.
        explicit: Whether it was named on the command line (rather than found in a folder).
    """

    path: Path | None
    format: str
    explicit: bool = True

    @property
    def name(self) -> str:
        """How messages and document ids name it."""
        return STDIN_ID if self.path is None else str(self.path)

    def holds_records(self, text_field: str = "text") -> bool:
        """Whether this is a file named on the command line that holds the records
        ``quoteattr extract`` writes (its first record has their fields and no
        ``text_field``)."""
        if not self.explicit or self.path is None or self.format == "text":
            return False
        try:
            keys = _first_keys(self.path, self.format)
        except (OSError, ValueError):
            return False
        return keys is not None and text_field not in keys and is_record_header(keys)

    @classmethod
    def of(cls, path: Path, explicit: bool = True) -> Source:
        """The source of ``path``, its format read off its suffix (``text`` by default)."""
        return cls(path, RECORD_SUFFIXES.get(path.suffix.lower(), "text"), explicit)


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
        raise ValueError(f"{name}: looks like a binary file (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


def folder_files(folder: Path) -> list[Path]:
    """The files of ``folder`` to read: :data:`FOLDER_SUFFIXES`, recursively, in name order,
    hidden files and folders left out."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in FOLDER_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


class Reporter(Protocol):
    """Where a :class:`Reader` reports."""

    def error(self, message: str) -> None:
        """Report a problem (always shown)."""

    def warn(self, message: str) -> None:
        """Report a problem that does not stop the run (always shown)."""


class _NotACorpus(Exception):
    """A record file found in a folder whose first record has no text field."""


class _Stop(Exception):
    """The run stops: ``args[0]`` says why."""


class NoInputError(InputOutputError):
    """The paths name nothing to read (the message says what and where)."""


class Reader:
    """Turns command-line paths into documents, reporting and counting what goes wrong.

    Args:
        console: Where problems are reported.
        text_field: The field (or CSV column) holding the text of a record.
        id_field: The field holding the id of a record.
        strict: Stop at the first skipped input.
        keep_going: Skip the records that do not parse or have no text, with a warning,
            instead of stopping at the first.
        skip: Document ids to leave out (those a resumed output already holds).
        stdin: The bytes stream read for ``-`` (default: standard input).

    Attributes:
        read: The number of documents yielded.
        resumed: The number of documents left out because they are in ``skip``.
        skipped: What was skipped, by reason.
        stopped: Why the run stopped early (``None`` when it did not).
    """

    def __init__(
        self,
        console: Reporter,
        *,
        text_field: str = "text",
        id_field: str = "id",
        strict: bool = False,
        keep_going: bool = False,
        skip: frozenset[str] = frozenset(),
        stdin: IO[bytes] | None = None,
    ) -> None:
        self.console = console
        self.text_field = text_field
        self.id_field = id_field
        self.strict = strict
        self.keep_going = keep_going and not strict
        self.skip = skip
        self.stdin = stdin
        self.read = 0
        self.resumed = 0
        self.skipped: Counter[str] = Counter()
        self.stopped: str | None = None

    # -- what to read

    def sources(self, paths: Sequence[str]) -> list[Source]:
        """Expand ``paths`` into the files to read, reporting those that are not there.

        Raises:
            NoInputError: If the paths name no file at all (one message for all of them).
        """
        found: list[Source] = []
        missing: list[str] = []
        for arg in paths:
            if arg == "-":
                found.append(Source(None, "text"))
                continue
            path = Path(arg)
            if path.is_dir():
                files = folder_files(path)
                corpus = [s for s in map(_found, files) if self._is_corpus(s)]
                if not files:
                    missing.append(f"{arg}: no {_suffix_list()} file in this folder")
                elif not corpus:
                    missing.append(
                        f"{arg}: no articles in this folder (the records of its files have "
                        f"no {self.text_field!r} field; choose the text with --text-field)"
                    )
                found.extend(corpus)
            elif path.exists():
                found.append(Source.of(path))
            else:
                missing.append(f"{arg}: no such file or folder")
        if not found:
            raise NoInputError("no input found: " + "; ".join(missing))
        try:
            for message in missing:
                self._skip(message, "not found")
        except _Stop as stop:
            self.stopped = str(stop)
        return found

    def _is_corpus(self, source: Source) -> bool:
        """Whether a file found in a folder is part of the corpus: a text file, or a
        record file whose first record has the text field (or cannot be read: that is
        reported when it is read)."""
        if source.format == "text" or source.path is None:
            return True
        try:
            keys = _first_keys(source.path, source.format)
        except (OSError, ValueError):
            return True
        return keys is None or self.text_field in keys

    def total(self, sources: Sequence[Source]) -> int | None:
        """The number of documents ``sources`` hold, when it is known before reading them
        (text files only), those in ``skip`` left out; ``None`` otherwise."""
        if any(s.format != "text" for s in sources):
            return None
        return sum(1 for s in sources if s.name not in self.skip)

    def fields(self, sources: Iterable[Source]) -> list[str]:
        """The metadata fields of the record files among ``sources``, in order of first
        appearance: the other fields of each file's first record, or its CSV header."""
        seen: dict[str, None] = {}
        for source in sources:
            if source.format == "text" or source.path is None:
                continue
            try:
                keys = _first_keys(source.path, source.format)
            except (OSError, ValueError):
                continue  # reported when the file is read
            if keys is None or self.text_field not in keys:
                continue
            seen.update((k, None) for k in keys if k not in (self.text_field, self.id_field))
        return list(seen)

    # -- reading

    def documents(self, sources: Iterable[Source]) -> Iterator[Document]:
        """Yield every document of ``sources`` not in ``skip``, in order."""
        for source in sources:
            if self.stopped:
                return
            try:
                for doc in self._read(source):
                    if doc.id in self.skip:
                        self.resumed += 1
                        continue
                    self.read += 1
                    yield doc
            except _NotACorpus:
                continue
            except _Stop as stop:
                self.stopped = str(stop)
                return

    def _read(self, source: Source) -> Iterator[Document]:
        if source.format == "text":
            doc = self._text(source)
            if doc is not None:
                yield doc
        elif source.path is not None:
            yield from self._records(source, source.path)

    def _text(self, source: Source) -> Document | None:
        name = source.name
        try:
            data = self._stdin_bytes() if source.path is None else source.path.read_bytes()
        except OSError as exc:
            self._skip(f"{name}: cannot read it ({exc.strerror or exc})", "unreadable")
            return None
        try:
            text = decode_text(data, name)
        except ValueError as exc:
            self._skip(str(exc), "not UTF-8 text" if b"\x00" not in data else "binary")
            return None
        if not text.strip():
            self._skip(f"{name}: empty, no text in it", "empty")
            return None
        return Document(name, text)

    def _stdin_bytes(self) -> bytes:
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        return stream.read()

    def _records(self, source: Source, path: Path) -> Iterator[Document]:
        try:
            if path.stat().st_size == 0:
                self._skip(f"{source.name}: empty, no record in it", "empty")
                return
            if source.format == "jsonl":
                yield from self._json_documents(source, path)
            else:
                yield from self._cell_documents(source, path)
        except OSError as exc:
            self._skip(f"{source.name}: cannot read it ({exc.strerror or exc})", "unreadable")

    def _json_documents(self, source: Source, path: Path) -> Iterator[Document]:
        first = True
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                where = f"{source.name}:{number}"
                data = self._json_line(raw, where, first)
                if data is None:
                    continue
                if first:
                    first = False
                    if not self._probe(source, data.keys(), where):
                        continue
                doc = self._document(data, where)
                if doc is not None:
                    yield doc

    def _json_line(self, raw: bytes, where: str, first: bool) -> dict[str, Any] | None:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._bad(f"{where}: not UTF-8 text (byte 0x{raw[exc.start]:02x})", "bad record")
            return None
        try:
            data = json.loads(line.removeprefix(_BOM) if first else line)
        except json.JSONDecodeError as exc:
            self._bad(f"{where}: not valid JSON ({exc.msg})", "bad record")
            return None
        if not isinstance(data, dict):
            self._bad(f"{where}: not a JSON object", "bad record")
            return None
        return data

    def _cell_documents(self, source: Source, path: Path) -> Iterator[Document]:
        csv.field_size_limit(2**31 - 1)
        delimiter = "\t" if source.format == "tsv" else ","
        with path.open("rb") as binary:
            handle = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
            reader = csv.reader(handle, delimiter=delimiter)
            line = 0
            try:
                header = next(reader, None)
                if header is None:
                    return
                if not self._probe(source, header, f"{source.name}:1"):
                    return
                line = reader.line_num
                for row in reader:
                    number, line = line + 1, reader.line_num
                    if not row:
                        continue
                    where = f"{source.name}:{number}"
                    if len(row) != len(header):
                        message = f"{where}: {len(row)} cells where the header has {len(header)}"
                        self._bad(message, "bad record")
                        continue
                    doc = self._document(dict(zip(header, row, strict=True)), where)
                    if doc is not None:
                        yield doc
            except (UnicodeDecodeError, csv.Error) as exc:
                what = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "not valid CSV"
                self._bad(f"{source.name}:{line + 1}: {what}, the rest of the file unread", what)

    def _probe(self, source: Source, keys: Iterable[str], where: str) -> bool:
        """Whether the first record (or header) of a record file has the text field.

        Raises:
            _NotACorpus: If it has none and the file was found in a folder, or holds
                quotation records.
        """
        keys = list(keys)
        if self.text_field in keys:
            return True
        if not source.explicit:
            raise _NotACorpus(source.name)
        if is_record_header(keys):
            self._skip(
                f"{source.name}: holds quotation records written by quoteattr extract, not "
                "texts (read them with quoteattr speakers or quoteattr render)",
                "not texts",
            )
            raise _NotACorpus(source.name)
        self._bad(
            f"{where}: no {self.text_field!r} field (its fields are {_listed(keys)}; "
            "choose the text with --text-field)",
            f"no {self.text_field!r} field",
        )
        return False

    def _document(self, data: Mapping[str, Any], where: str) -> Document | None:
        text = data.get(self.text_field)
        if not isinstance(text, str):
            what = "no" if text is None else f"a {type(text).__name__}, not a string, in the"
            self._bad(f"{where}: {what} {self.text_field!r} field", f"no {self.text_field!r} field")
            return None
        raw_id = data.get(self.id_field)
        doc_id = where if raw_id is None or raw_id == "" else str(raw_id)
        meta = {k: v for k, v in data.items() if k not in (self.text_field, self.id_field)}
        return Document(doc_id, text, meta)

    # -- problems

    def _skip(self, message: str, reason: str) -> None:
        """An input left out: reported and counted; with ``strict``, the end of the run."""
        if self.strict:
            raise _Stop(f"{message}; stopping (--strict)")
        self.console.error(f"{message}; skipped")
        self.skipped[reason] += 1

    def _bad(self, message: str, reason: str) -> None:
        """A record that cannot be read: the end of the run, unless ``keep_going``."""
        if not self.keep_going:
            hint = "; stopping (--strict)" if self.strict else " (--keep-going skips such records)"
            raise _Stop(message + hint)
        self.console.warn(f"{message}; record skipped")
        self.skipped[reason] += 1

    def summary(self) -> str | None:
        """The closing line: how much was read and skipped (``None`` when nothing was
        skipped)."""
        total = sum(self.skipped.values())
        if not total:
            return None
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
        noun = "document" if self.read == 1 else "documents"
        return f"{self.read} {noun} read, {total} skipped ({reasons})"


def _found(path: Path) -> Source:
    return Source.of(path, explicit=False)


def _first_keys(path: Path, fmt: str) -> list[str] | None:
    """The keys of a record file's first record (its header for CSV), or ``None``."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if fmt == "jsonl":
            for line in handle:
                if line.strip():
                    data = json.loads(line)
                    return list(data) if isinstance(data, dict) else None
            return None
        csv.field_size_limit(2**31 - 1)
        return next(csv.reader(handle, delimiter="\t" if fmt == "tsv" else ","), None)


def _listed(keys: Sequence[str]) -> str:
    shown = ", ".join(repr(k) for k in keys[:8])
    return shown + (", ..." if len(keys) > 8 else "") if keys else "none"


def _suffix_list() -> str:
    return ", ".join(sorted(FOLDER_SUFFIXES))
