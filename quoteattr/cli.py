"""The ``quoteattr`` command line: extract, speakers, render and evaluate.

Subcommands:

``quoteattr extract PATH...``
    Find the quotations of text files, folders (``*.txt``, ``*.md`` and ``*.jsonl``,
    recursively) or standard input (``-``) and write one record per quotation as ``jsonl``,
    ``csv``, ``tsv`` or a plain-text ``table``. ``quoteattr PATH...`` is a shorthand.
``quoteattr speakers PATH...``
    Read the same inputs and write one row per speaker of the whole corpus (see
    :mod:`quoteattr.index`), most quoted first, as a ``table``, ``csv`` or ``jsonl``.
``quoteattr render FILE``
    Write the HTML view of one article (see :mod:`quoteattr.render`).
``quoteattr evaluate GOLD.jsonl``
    Score quoteattr (and optionally the textacy baseline) on gold data (see
    :mod:`quoteattr.evaluate`).

Exit status: 0 on success, 1 when an input could not be read (or the model is missing), 2
for a usage error.

Output is streamed: the records of each document are written (and flushed) together, as
whole lines, as soon as the document is done. With ``-o OUT``, a sidecar file ``OUT.done``
lists each finished document (one JSON object a line: its id and the size of ``OUT`` after
its records), so that ``--resume`` can skip finished documents, drop the partial records of
an interrupted one, and append.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

import attrs

from ._version import __version__
from .errors import QuoteattrError
from .model import Quote

if TYPE_CHECKING:
    from .index import CorpusSpeaker

__all__ = [
    "FIELDS",
    "FORMATS",
    "SPEAKER_FORMATS",
    "SUBCOMMANDS",
    "Document",
    "build_parser",
    "decode_text",
    "format_block",
    "format_header",
    "format_speakers",
    "main",
    "quote_record",
    "score_table",
]

SUBCOMMANDS: tuple[str, ...] = ("extract", "speakers", "render", "evaluate")
"""The subcommands; a first argument that is none of them means ``extract``."""

FORMATS: tuple[str, ...] = ("table", "jsonl", "csv", "tsv")
"""Output formats of ``quoteattr extract``."""

SPEAKER_FORMATS: tuple[str, ...] = ("table", "csv", "jsonl")
"""Output formats of ``quoteattr speakers``."""

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
)
"""The fields of an output record, in column order for ``csv`` and ``tsv``."""

FOLDER_SUFFIXES = frozenset({".txt", ".md", ".jsonl"})
"""The files read from a folder (recursively; hidden files and folders are left out)."""

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
"""Exit statuses: success, an unreadable input (or a missing model), a usage error."""

STDIN_ID = "<stdin>"
"""The document id of standard input."""


class _StopRun(QuoteattrError):
    """A problem with an input or output file that stops the run (exit status 1)."""


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


# ---- standard error


class _Console:
    """Messages and the progress line on standard error."""

    def __init__(self, *, quiet: bool, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.live = not quiet and _isatty(self.stream)
        self._shown = 0
        self._started = time.perf_counter()
        self.docs = 0
        self.quotes = 0

    def error(self, message: str) -> None:
        """Print an error, always."""
        self.clear()
        print(f"quoteattr: {message}", file=self.stream, flush=True)

    def note(self, message: str) -> None:
        """Print a remark unless quiet."""
        if not self.quiet:
            self.clear()
            print(f"quoteattr: {message}", file=self.stream, flush=True)

    def start(self) -> None:
        """Start the clock of the documents-per-second rate."""
        self._started = time.perf_counter()

    def progress(self, quotes: int) -> None:
        """Count one more document and redraw the progress line (on a terminal)."""
        self.docs += 1
        self.quotes += quotes
        if self.live:
            self._draw()

    def _draw(self) -> None:
        rate = self.docs / max(time.perf_counter() - self._started, 1e-9)
        line = f"{self.docs} documents, {self.quotes} quotes, {rate:.1f} docs/s"
        self.stream.write("\r" + line.ljust(self._shown))
        self.stream.flush()
        self._shown = len(line)

    def clear(self) -> None:
        """Erase the progress line, if one is shown."""
        if self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    def finish(self) -> None:
        """Show the final count, on a terminal, and end the progress line."""
        if self.live and self.docs:
            self._draw()
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = 0


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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


class _Reader:
    """Turns command-line paths into documents, reporting and counting unreadable inputs."""

    def __init__(
        self,
        console: _Console,
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
            yield from ((p, False) for p in _folder_files(path))
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


def _folder_files(folder: Path) -> list[Path]:
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _table(doc_id: str, quotes: Sequence[Quote]) -> str:
    names = [_one_line(q.speaker.name) if q.speaker else "-" for q in quotes]
    width = max((len(n) for n in names), default=0)
    return "".join(
        f"{doc_id}  {name.ljust(width)}  “{_one_line(q.text)}”\n"
        for name, q in zip(names, quotes, strict=True)
    )


# ---- writing output


class _Output:
    """Where ``extract`` writes: standard output, or a file with its ``.done`` sidecar."""

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
            raise _StopRun(f"{path}: cannot write it ({exc.strerror or exc})") from exc
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
        raise _StopRun(
            f"cannot resume: {path} exists but {ledger} does not, so which documents are "
            f"complete is unknown; remove {path} or run without --resume"
        )
    lines = ledger.read_text(encoding="utf-8").split("\n")
    entries = [e for e in map(_LedgerEntry.parse, lines) if e is not None]
    if entries and entries[-1].offset > size:
        raise _StopRun(f"cannot resume: {path} is shorter than {ledger} records")
    return entries


# ---- subcommands


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {number}")
    return number


def _add_extract(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="find the quotations of files, folders or standard input",
        description="Find the quotations of files, folders (*.txt, *.md, *.jsonl, "
        "recursively) or standard input (-), one output record per quotation.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder, or - for stdin")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to OUT, not stdout")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the suffix of OUT when it is .jsonl, .csv or "
        ".tsv, else table)",
    )
    _add_reading(p)
    p.add_argument("--include-scare", action="store_true", help="also output scare quotes")
    p.add_argument("--indirect", action="store_true", help="also output reported speech")
    p.add_argument(
        "--resume",
        action="store_true",
        help="with -o: skip the documents OUT already holds and append the rest",
    )


def _add_reading(p: argparse.ArgumentParser) -> None:
    """The options of reading and extracting, shared by ``extract`` and ``speakers``."""
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    p.add_argument("--jobs", type=_positive, default=1, metavar="N", help="worker processes")
    p.add_argument(
        "--text-field",
        default="text",
        metavar="FIELD",
        help="field holding the text in JSON Lines records (default: text)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress line or remarks")
    p.add_argument("--strict", action="store_true", help="stop at the first unreadable input")


def _add_speakers(sub: Any) -> None:
    p = sub.add_parser(
        "speakers",
        help="one row per speaker of a corpus, most quoted first",
        description="Find the quotations of files, folders (*.txt, *.md, *.jsonl, "
        "recursively) or standard input (-), and merge their speakers across documents: "
        "one row per person or organization, most quoted first.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder, or - for stdin")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to OUT, not stdout")
    p.add_argument(
        "--format",
        choices=SPEAKER_FORMATS,
        help="output format (default: from the suffix of OUT when it is .jsonl or .csv, "
        "else table)",
    )
    p.add_argument(
        "--quotes",
        action="store_true",
        help="jsonl: list each speaker's quotations too (memory then grows with them)",
    )
    _add_reading(p)


def _add_render(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        help="write the HTML view of one article",
        description="Write one article as an HTML page with its quotations highlighted.",
    )
    p.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for stdin")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.html", help="default: stdout")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    p.add_argument("--title", help="page title (default: the file name)")
    p.add_argument("--include-scare", action="store_true", help="also show scare quotes")
    p.add_argument("--indirect", action="store_true", help="also show reported speech")


def _add_evaluate(sub: Any) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score quoteattr on gold data",
        description="Score quoteattr (and optionally a baseline) on gold JSON Lines.",
    )
    p.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    p.add_argument("--baseline", choices=("textacy",), help="also score this baseline")
    p.add_argument("--limit", type=_positive, metavar="N", help="only the first N documents")
    p.add_argument("--errors", type=Path, metavar="FILE", help="write quoteattr's mistakes")
    p.add_argument("--json", action="store_true", help="one JSON object per system")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    p.add_argument("--indirect", action="store_true", help="score reported speech instead")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``quoteattr`` command."""
    parser = argparse.ArgumentParser(
        prog="quoteattr",
        description="Find direct quotations in English news text and say who said them.",
        epilog="'quoteattr PATH...' is short for 'quoteattr extract PATH...'.",
    )
    parser.add_argument("--version", action="version", version=f"quoteattr {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract(sub)
    _add_speakers(sub)
    _add_render(sub)
    _add_evaluate(sub)
    return parser


def _default_format(output: Path | None) -> str:
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in ("jsonl", "csv", "tsv") else "table"


def _run_extract(args: argparse.Namespace, console: _Console) -> int:
    from .pipeline import QuoteExtractor

    fmt = args.format or _default_format(args.output)
    extractor = QuoteExtractor(
        args.model, include_scare=args.include_scare, include_indirect=args.indirect
    )
    output = _Output(fmt, args.output, resume=args.resume, stdout=sys.stdout)
    try:
        reader = _Reader(console, text_field=args.text_field, strict=args.strict, skip=output.done)
        pairs = ((doc.text, doc.id) for doc in reader.documents(args.paths))
        console.start()
        for quotes, doc_id in extractor.pipe(pairs, as_tuples=True, n_process=args.jobs):
            if output.path is None:
                console.clear()
            output.write(doc_id, quotes)
            console.progress(len(quotes))
    finally:
        console.finish()
        output.close()
    return EXIT_INPUT if reader.failed else EXIT_OK


def format_speakers(fmt: str, speakers: Sequence[CorpusSpeaker]) -> str:
    """Return the output of ``quoteattr speakers``.

    Args:
        fmt: One of :data:`SPEAKER_FORMATS`.
        speakers: The corpus speakers, in output order.

    Returns:
        A ``table`` (name, kind, quotes, articles, main description, with a header), CSV
        (see :func:`quoteattr.index.write_csv`) or one JSON record a line.
    """
    from .index import csv_text

    if fmt == "jsonl":
        return "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in speakers)
    if fmt == "csv":
        return csv_text(speakers)
    head = ("name", "kind", "quotes", "articles", "description")
    rows = [
        (_one_line(s.name), s.kind, str(s.quotes), str(s.articles), _one_line(s.description))
        for s in speakers
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(4)]
    lines = []
    for row in [head, *rows]:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [row[2].rjust(widths[2]), row[3].rjust(widths[3]), row[4]]
        lines.append("  ".join(cells).rstrip() + "\n")
    return "".join(lines)


def _run_speakers(args: argparse.Namespace, console: _Console) -> int:
    from .index import SpeakerIndex
    from .pipeline import QuoteExtractor

    suffix = args.output.suffix.lower().lstrip(".") if args.output is not None else ""
    fmt = args.format or (suffix if suffix in ("jsonl", "csv") else "table")
    extractor = QuoteExtractor(args.model)
    index = SpeakerIndex(keep_quotes=args.quotes)
    reader = _Reader(console, text_field=args.text_field, strict=args.strict)
    pairs = ((doc.text, doc.id) for doc in reader.documents(args.paths))
    console.start()
    try:
        for quotes, doc_id in extractor.pipe(pairs, as_tuples=True, n_process=args.jobs):
            index.add(doc_id, quotes)
            console.progress(len(quotes))
    finally:
        console.finish()
    text = format_speakers(fmt, index.speakers())
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            with args.output.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise _StopRun(f"{args.output}: cannot write it ({exc.strerror or exc})") from exc
    return EXIT_INPUT if reader.failed else EXIT_OK


def _read_one(name: str) -> str:
    if name == "-":
        return decode_text(sys.stdin.buffer.read(), STDIN_ID)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise _StopRun(f"{name}: cannot read it ({exc.strerror or exc})") from exc
    return decode_text(data, name)


def _run_render(args: argparse.Namespace, console: _Console) -> int:
    from .pipeline import QuoteExtractor
    from .render import render_html

    try:
        text = _read_one(args.file)
    except ValueError as exc:
        raise _StopRun(str(exc).removesuffix("; skipped")) from exc
    quotes = QuoteExtractor(
        args.model, include_scare=args.include_scare, include_indirect=args.indirect
    ).extract(text)
    title = args.title or (Path(args.file).name if args.file != "-" else "Quotations")
    page = render_html(text, quotes, title=title)
    if args.output is None:
        sys.stdout.write(page)
        sys.stdout.flush()
    else:
        args.output.write_text(page, encoding="utf-8")
        console.note(f"wrote {args.output} ({len(quotes)} quotations)")
    return EXIT_OK


_METRIC_ROWS: tuple[tuple[str, str], ...] = (
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


def score_table(results: Sequence[tuple[str, dict[str, Any]]]) -> str:
    """Lay out scores as a text table: one row per figure, one column per system.

    Args:
        results: ``(system name, Scores.to_dict())`` pairs.
    """
    label_width = max(len(label) for _, label in _METRIC_ROWS)
    widths = [max(len(name), 9) for name, _ in results]
    head = " " * label_width + "".join(
        "  " + name.rjust(w) for (name, _), w in zip(results, widths, strict=True)
    )
    lines = [head]
    for key, label in _METRIC_ROWS:
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


def _run_evaluate(args: argparse.Namespace, console: _Console) -> int:
    from .evaluate import ErrorRecord, evaluate, load_gold, textacy_baseline
    from .pipeline import QuoteExtractor

    try:
        docs = load_gold(args.gold, args.limit)
    except (OSError, ValueError, KeyError) as exc:
        raise _StopRun(f"{args.gold}: cannot read the gold data ({exc})") from exc
    extractor = QuoteExtractor(args.model, include_indirect=args.indirect)
    errors: list[ErrorRecord] | None = [] if args.errors else None
    found = evaluate(docs, extractor.extract, errors=errors, indirect=args.indirect)
    results = [("quoteattr", found.to_dict())]
    if args.baseline == "textacy":
        baseline = evaluate(docs, textacy_baseline(extractor.nlp), indirect=args.indirect)
        results.append(("textacy", baseline.to_dict()))
    if args.errors is not None and errors is not None:
        lines = (json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in errors)
        args.errors.write_text("".join(lines), encoding="utf-8")
        console.note(f"wrote {len(errors)} error records to {args.errors}")
    if args.json:
        for name, scores in results:
            print(json.dumps({"system": name, **scores}))
    else:
        sys.stdout.write(score_table(results))
    sys.stdout.flush()
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, _Console], int]] = {
    "extract": _run_extract,
    "speakers": _run_speakers,
    "render": _run_render,
    "evaluate": _run_evaluate,
}


def _with_default_command(argv: Sequence[str]) -> list[str]:
    args = list(argv)
    if args and args[0] not in SUBCOMMANDS and args[0] not in ("-h", "--help", "--version"):
        return ["extract", *args]
    return args


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``quoteattr`` command.

    Args:
        argv: The arguments, without the program name (``sys.argv[1:]`` if ``None``).

    Returns:
        The exit status: 0 on success, 1 if an input could not be read or the model is
        missing, 2 for a usage error.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(_with_default_command(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if getattr(args, "resume", False) and args.output is None:
        parser.print_usage(sys.stderr)
        print("quoteattr: error: --resume needs -o OUT", file=sys.stderr)
        return EXIT_USAGE
    console = _Console(quiet=getattr(args, "quiet", False))
    try:
        return _COMMANDS[args.command](args, console)
    except QuoteattrError as exc:
        console.error(str(exc))
        return EXIT_INPUT
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        console.error("interrupted")
        return 130
