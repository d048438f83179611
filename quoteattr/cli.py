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
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from tqdm import tqdm

from ._version import __version__
from .errors import QuoteattrError
from .io import (
    FORMATS,
    STDIN_ID,
    InputOutputError,
    Output,
    Reader,
    decode_text,
    one_line,
)

if TYPE_CHECKING:
    from .index import CorpusSpeaker

__all__ = [
    "SPEAKER_FORMATS",
    "SUBCOMMANDS",
    "build_parser",
    "format_speakers",
    "main",
    "score_table",
]

SUBCOMMANDS: tuple[str, ...] = ("extract", "speakers", "render", "evaluate")
"""The subcommands; a first argument that is none of them means ``extract``."""

SPEAKER_FORMATS: tuple[str, ...] = ("table", "csv", "jsonl")
"""Output formats of ``quoteattr speakers``."""

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
"""Exit statuses: success, an unreadable input (or a missing model), a usage error."""


# ---- standard error


class _Console:
    """Messages, and a tqdm progress bar on standard error when it is a terminal."""

    def __init__(self, *, quiet: bool, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.live = not quiet and _isatty(self.stream)
        self._bar: tqdm[Any] | None = None
        self.docs = 0
        self.quotes = 0

    def error(self, message: str) -> None:
        """Print an error, always."""
        self._write(f"quoteattr: {message}")

    def note(self, message: str) -> None:
        """Print a remark unless quiet."""
        if not self.quiet:
            self._write(f"quoteattr: {message}")

    def _write(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self.stream)  # above the bar, which is redrawn
        else:
            print(line, file=self.stream, flush=True)

    def start(self) -> None:
        """Start the progress bar (on a terminal)."""
        if self.live and self._bar is None:
            self._bar = tqdm(
                file=self.stream, unit=" documents", dynamic_ncols=True, mininterval=0.2
            )

    def progress(self, quotes: int) -> None:
        """Count one more document and its quotes."""
        self.docs += 1
        self.quotes += quotes
        if self.live and self._bar is None:
            self.start()
        if self._bar is not None:
            self._bar.set_postfix_str(f"{self.quotes} quotes", refresh=False)
            self._bar.update(1)

    def clear(self) -> None:
        """Make way for a line of output on a shared terminal."""
        if self._bar is not None:
            self._bar.clear()

    def finish(self) -> None:
        """Close the progress bar, leaving its final count."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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
    output = Output(fmt, args.output, resume=args.resume, stdout=sys.stdout)
    try:
        reader = Reader(console, text_field=args.text_field, strict=args.strict, skip=output.done)
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
        (one_line(s.name), s.kind, str(s.quotes), str(s.articles), one_line(s.description))
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
    reader = Reader(console, text_field=args.text_field, strict=args.strict)
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
            raise InputOutputError(
                f"{args.output}: cannot write it ({exc.strerror or exc})"
            ) from exc
    return EXIT_INPUT if reader.failed else EXIT_OK


def _read_one(name: str) -> str:
    if name == "-":
        return decode_text(sys.stdin.buffer.read(), STDIN_ID)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise InputOutputError(f"{name}: cannot read it ({exc.strerror or exc})") from exc
    return decode_text(data, name)


def _run_render(args: argparse.Namespace, console: _Console) -> int:
    from .pipeline import QuoteExtractor
    from .render import render_html

    try:
        text = _read_one(args.file)
    except ValueError as exc:
        raise InputOutputError(str(exc).removesuffix("; skipped")) from exc
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
        raise InputOutputError(f"{args.gold}: cannot read the gold data ({exc})") from exc
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
