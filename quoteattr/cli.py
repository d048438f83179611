"""The ``quoteattr`` command line: extract, speakers, render and evaluate.

Subcommands:

``quoteattr extract PATH...``
    Find the quotations of a corpus (text files, JSON Lines, CSV or TSV files, folders of
    them, or standard input: see :mod:`quoteattr.corpus`) and write one record per
    quotation as ``jsonl``, ``csv``, ``tsv`` or a plain-text ``table`` (see
    :mod:`quoteattr.io`). ``quoteattr PATH...`` is a shorthand.
``quoteattr speakers PATH...``
    Read the same inputs, or the records ``extract`` wrote, and write one row per speaker
    of the whole corpus (see :mod:`quoteattr.index`), most quoted first, as a ``table``,
    ``csv`` or ``jsonl``.
``quoteattr render FILE``
    Write the HTML view of one article (see :mod:`quoteattr.render`), from its text or
    from the records ``extract`` wrote.
``quoteattr evaluate GOLD.jsonl``
    Score quoteattr (and optionally the textacy baseline) on gold data (see
    :mod:`quoteattr.evaluate`).

Every setting of :class:`~quoteattr.options.Options` is a flag of ``extract``,
``speakers`` and ``render``, generated from :func:`~quoteattr.options.settings_table`.

Exit status: 0 on success; 1 when an input was skipped, a record could not be read,
nothing was found to read, or the model is missing; 2 for a usage error.

Output is streamed: the records of each document are written (and flushed) together, as
whole lines, as soon as the document is done. With ``-o OUT``, a sidecar file ``OUT.done``
lists each finished document (one JSON object a line: its id and the size of ``OUT`` after
its records), so that ``--resume`` can skip finished documents, drop the partial records of
an interrupted one, and append.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, get_args, get_origin

from tqdm import tqdm

from ._version import __version__
from .corpus import STDIN_ID, Reader, Source, decode_text
from .errors import InputOutputError, QuoteattrError
from .io import (
    FORMATS,
    SPEAKER_FORMATS,
    Output,
    format_scores,
    format_speakers,
    load_articles,
    load_quotes,
)
from .model import Quote
from .options import Options, Setting, settings_table
from .report import BY, PeopleReport, format_report, report_html

if TYPE_CHECKING:
    from .pipeline import QuoteExtractor

__all__ = ["SUBCOMMANDS", "build_parser", "main"]

SUBCOMMANDS: tuple[str, ...] = ("extract", "speakers", "render", "evaluate")
"""The subcommands; a first argument that is none of them means ``extract``."""

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
"""Exit statuses: success, an input problem (or a missing model), a usage error."""


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

    def warn(self, message: str) -> None:
        """Print a warning, always."""
        self._write(f"quoteattr: warning: {message}")

    def note(self, message: str) -> None:
        """Print a remark unless quiet."""
        if not self.quiet:
            self._write(f"quoteattr: {message}")

    def _write(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self.stream)  # above the bar, which is redrawn
        else:
            print(line, file=self.stream, flush=True)

    def start(self, total: int | None = None) -> None:
        """Start the progress bar (on a terminal): with the total and the time left when
        the number of documents is known, a counter when it is not."""
        if self.live and self._bar is None:
            self._bar = tqdm(
                total=total,
                file=self.stream,
                unit=" documents",
                dynamic_ncols=True,
                mininterval=0.2,
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


# ---- the flags of the settings, from one table


def _help(setting: Setting, flags: dict[str, str]) -> str:
    """A setting's doc as argparse help: ``name`` of a setting as its flag, other
    ``literals`` as plain text, the default of a number said."""

    def plain(match: re.Match[str]) -> str:
        return flags.get(match[1], match[1])

    text = re.sub(r"``(.+?)``", plain, setting.doc).replace("%", "%%")
    if setting.type in (int, float):
        text += f" (default: {setting.default})"
    return text


def _setting_flag(setting: Setting) -> dict[str, Any]:
    """The argparse keywords of a setting: a switch, a number, or a repeatable value."""
    kind = setting.type
    if kind is bool:
        return {"action": "store_true"}
    if kind in (int, float, str):
        return {"type": kind, "metavar": setting.metavar}
    if get_origin(kind) in (frozenset, set, tuple, list):
        (item,) = {a for a in get_args(kind) if a is not Ellipsis}
        return {"action": "append", "type": item, "metavar": setting.metavar}
    raise TypeError(f"setting {setting.name} has a type the command line cannot take: {kind}")


def _add_settings(p: argparse.ArgumentParser) -> None:
    """One flag per setting of :class:`~quoteattr.options.Options`."""
    table = settings_table()
    flags = {s.name: s.flag for s in table}
    group = p.add_argument_group("extraction settings")
    for setting in table:
        group.add_argument(
            setting.flag,
            dest=setting.name,
            default=argparse.SUPPRESS,
            help=_help(setting, flags),
            **_setting_flag(setting),
        )


def _options(args: argparse.Namespace) -> Options:
    """The settings given on the command line, over the defaults."""
    given = {s.name: getattr(args, s.name) for s in settings_table() if hasattr(args, s.name)}
    return Options.from_settings(None, **given)


# ---- subcommands


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {number}")
    return number


_INPUTS = (
    "text files (*.txt, *.md), JSON Lines or CSV/TSV files of articles (*.jsonl, *.csv, "
    "*.tsv), folders of them (recursively) or standard input (-)"
)


def _subparser(sub: Any, name: str, **kw: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, **kw)
    p.set_defaults(_parser=p)
    return p


def _add_extract(sub: Any) -> None:
    p = _subparser(
        sub,
        "extract",
        help="find the quotations of a corpus",
        description=f"Find the quotations of {_INPUTS}, one output record per quotation.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder, or - for stdin")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to OUT, not stdout")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the suffix of OUT when it is .jsonl, .csv or "
        ".tsv, else table)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="with -o: skip the documents OUT already holds and append the rest",
    )
    _add_reading(p)
    _add_settings(p)


def _add_reading(p: argparse.ArgumentParser) -> None:
    """The options of reading a corpus, shared by ``extract`` and ``speakers``."""
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    p.add_argument("--jobs", type=_positive, default=1, metavar="N", help="worker processes")
    p.add_argument(
        "--text-field",
        default="text",
        metavar="FIELD",
        help="field (or CSV column) holding the text of a record (default: text)",
    )
    p.add_argument(
        "--id-field",
        default="id",
        metavar="FIELD",
        help="field (or CSV column) holding the id of a record (default: id)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar or remarks")
    p.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first input that cannot be read, instead of skipping it",
    )
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="skip records that do not parse or have no text, with a warning, instead of "
        "stopping at the first",
    )


def _add_speakers(sub: Any) -> None:
    p = _subparser(
        sub,
        "speakers",
        help="one row per speaker of a corpus, most quoted first",
        description=f"Find the quotations of {_INPUTS}, or read the records that "
        "'quoteattr extract' wrote, and merge their speakers across documents: one row "
        "per person or organization, most quoted first.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="a file, a folder, a file of records, or -"
    )
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
        help="with jsonl: list each speaker's quotations too (memory then grows with them)",
    )
    p.add_argument(
        "--by",
        action="append",
        choices=BY,
        help="instead of the speakers, print the people quoted (each once per article) "
        "by gender, with counts and shares: for the corpus (gender), per outlet or per "
        "month; repeat for more than one",
    )
    p.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="also write a self-contained HTML page of the report: the share of women "
        "among the people quoted per outlet and over time, and the most-quoted people",
    )
    p.add_argument(
        "--outlet-field",
        default="outlet",
        metavar="FIELD",
        help="field (or CSV column) naming a record's outlet (default: outlet)",
    )
    p.add_argument(
        "--date-field",
        default="date",
        metavar="FIELD",
        help="field (or CSV column) holding a record's date (default: date)",
    )
    _add_reading(p)
    _add_settings(p)


def _add_render(sub: Any) -> None:
    p = _subparser(
        sub,
        "render",
        help="write the HTML view of one article",
        description="Write one article as an HTML page with its quotations highlighted: "
        "a text file (its quotations found now), or a file of the records 'quoteattr "
        "extract' wrote (the article its --doc names, read from that file).",
    )
    p.add_argument(
        "file", metavar="FILE", help="a UTF-8 text file, - for stdin, or a file of records"
    )
    p.add_argument("-o", "--output", type=Path, metavar="OUT.html", help="default: stdout")
    p.add_argument("--title", help="page title (default: the file name)")
    p.add_argument(
        "--doc",
        metavar="ID",
        help="with a file of records: the document to show (default: the first)",
    )
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    _add_settings(p)


def _add_evaluate(sub: Any) -> None:
    p = _subparser(
        sub,
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


def _default_format(output: Path | None, formats: Sequence[str]) -> str:
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in formats and suffix != "table" else "table"


def _reader(args: argparse.Namespace, console: _Console) -> Reader:
    return Reader(
        console,
        text_field=args.text_field,
        id_field=args.id_field,
        strict=args.strict,
        keep_going=args.keep_going,
    )


def _extractor(args: argparse.Namespace) -> QuoteExtractor:
    from .pipeline import QuoteExtractor

    return QuoteExtractor(args.model, args.options)


def _ending(reader: Reader, console: _Console, found: int, paths: Sequence[str]) -> int:
    """Say how the reading ended, and return the exit status.

    Args:
        reader: The reader, after reading.
        console: Where to say it.
        found: The documents read, those resumed and the files of records read.
        paths: The inputs, for the message when there was nothing to read.
    """
    if reader.stopped is not None:
        console.error(reader.stopped)
        return EXIT_INPUT
    summary = reader.summary()
    if summary is not None:
        console.error(summary)
        return EXIT_INPUT
    if found == 0:
        console.error(f"nothing to read: no document in {', '.join(paths)}")
        return EXIT_INPUT
    return EXIT_OK


def _run_extract(args: argparse.Namespace, console: _Console) -> int:
    fmt = args.format or _default_format(args.output, FORMATS)
    reader = _reader(args, console)
    sources = reader.sources(args.paths)
    meta = reader.fields(sources) if fmt in ("csv", "tsv") else []
    output = Output(fmt, args.output, resume=args.resume, stdout=sys.stdout, meta=meta)
    reader.skip = output.done
    try:
        extractor = _extractor(args)
        pairs = ((doc.text, doc) for doc in reader.documents(sources))
        console.start(reader.total(sources))
        for quotes, doc in extractor.pipe(pairs, as_tuples=True, n_process=args.jobs):
            if output.path is None:
                console.clear()
            output.write(doc.id, quotes, doc.meta)
            console.progress(len(quotes))
    finally:
        console.finish()
        output.close()
    if output.dropped:
        console.warn(
            f"field{'s' if len(output.dropped) > 1 else ''} {', '.join(sorted(output.dropped))} "
            f"of some records not written: the {fmt} columns are the fields of the first "
            "record of each file"
        )
    return _ending(reader, console, reader.read + reader.resumed, args.paths)


def _quote_pairs(
    args: argparse.Namespace, reader: Reader, sources: Sequence[Source]
) -> Iterator[tuple[str, list[Quote], dict[str, Any]]]:
    """``(doc_id, quotes, meta)`` of every source, in order: read back from record files,
    found by the extractor (loaded once, when first needed) in the others."""
    extractor: QuoteExtractor | None = None
    groups = itertools.groupby(sources, key=lambda s: s.holds_records(args.text_field))
    for records, group in groups:
        if records:
            for source in group:
                assert source.path is not None
                yield from load_articles(source.path)
            continue
        extractor = extractor or _extractor(args)
        pairs = ((doc.text, doc) for doc in reader.documents(list(group)))
        for quotes, doc in extractor.pipe(pairs, as_tuples=True, n_process=args.jobs):
            yield doc.id, quotes, dict(doc.meta)
        if reader.stopped:
            return


def _run_speakers(args: argparse.Namespace, console: _Console) -> int:
    from .index import SpeakerIndex

    fmt = args.format or _default_format(args.output, SPEAKER_FORMATS)
    reader = _reader(args, console)
    sources = reader.sources(args.paths)
    index = SpeakerIndex(keep_quotes=args.quotes, name_similarity=args.options.name_similarity)
    report = PeopleReport(index, outlet_field=args.outlet_field, date_field=args.date_field)
    console.start(reader.total(sources))
    try:
        for doc_id, quotes, meta in _quote_pairs(args, reader, sources):
            report.add(doc_id, quotes, meta)
            console.progress(len(quotes))
    finally:
        console.finish()
    found = index.documents + sum(1 for s in sources if s.holds_records(args.text_field))
    if reader.stopped is None:
        if args.by:
            for by in args.by:
                report.check(by)  # a field no article has: say so, and write nothing
            text = _reports(report, args.by, fmt)
        else:
            text = format_speakers(fmt, index.speakers())
        if args.html is not None:
            _write_report_page(args, console, report)
        _write_text(args.output, text)
    return _ending(reader, console, found, args.paths)


def _reports(report: PeopleReport, by: Sequence[str], fmt: str) -> str:
    """The ``--by`` reports: tables one after the other, CSV under one header, JSON Lines
    one after the other."""
    blocks = [format_report(report, b, fmt) for b in by]
    if fmt == "table":
        return "\n".join(blocks)
    if fmt == "csv":
        return blocks[0] + "".join(b.split("\n", 1)[1] for b in blocks[1:])
    return "".join(blocks)


def _write_report_page(args: argparse.Namespace, console: _Console, report: PeopleReport) -> None:
    """Write the ``--html`` page, saying which charts the inputs could not give."""
    page = report_html(report, title=f"Who is quoted: {', '.join(map(str, args.paths))}")
    _write_text(args.html, page)
    for by in ("outlet", "month"):
        if not report.with_field(by):
            field = args.outlet_field if by == "outlet" else args.date_field
            what = f"an {field!r}" if field[:1].lower() in "aeiou" else f"a {field!r}"
            console.warn(f"{args.html} has no {by} chart: no article has {what} field")
    console.note(f"wrote {args.html} ({report.articles} articles)")


def _write_text(output: Path | None, text: str) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputOutputError(f"{output}: cannot write it ({exc.strerror or exc})") from exc


def _read_text(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise InputOutputError(f"{name}: cannot read it ({exc.strerror or exc})") from exc
    try:
        return decode_text(data, STDIN_ID if name == "-" else name)
    except ValueError as exc:
        raise InputOutputError(str(exc)) from exc


def _saved_document(path: Path, wanted: str | None) -> tuple[str, str, list[Quote]]:
    """The id, text and quotes of one document of a file of records: ``wanted`` (or the
    first), its text read from the file its id names (as ``extract`` wrote it)."""
    found = next((p for p in load_quotes(path) if wanted is None or p[0] == wanted), None)
    if found is None:
        what = f"no document {wanted!r}" if wanted is not None else "no record"
        raise InputOutputError(f"{path}: {what} in this file")
    doc_id, quotes = found
    for candidate in (Path(doc_id), path.parent / doc_id):
        if candidate.is_file():
            return doc_id, _read_text(str(candidate)), quotes
    raise InputOutputError(
        f"{path}: the text of document {doc_id!r} is not a file to read (its id is not a "
        "path); render the text file itself"
    )


def _holds_records(name: str) -> bool:
    return name != "-" and Source.of(Path(name)).holds_records()


def _run_render(args: argparse.Namespace, console: _Console) -> int:
    from .render import render_html

    source = Path(args.file)
    if _holds_records(args.file):
        doc_id, text, quotes = _saved_document(source, args.doc)
        title = args.title or Path(doc_id).name
    else:
        text = _read_text(args.file)
        quotes = _extractor(args).extract(text)
        title = args.title or (source.name if args.file != "-" else "Quotations")
    page = render_html(text, quotes, title=title)
    _write_text(args.output, page)
    if args.output is not None:
        console.note(f"wrote {args.output} ({len(quotes)} quotations)")
    return EXIT_OK


def _run_evaluate(args: argparse.Namespace, console: _Console) -> int:
    from .evaluate import ErrorRecord, evaluate, load_gold, textacy_baseline
    from .pipeline import QuoteExtractor

    try:
        docs = load_gold(args.gold, args.limit)
    except (OSError, ValueError, KeyError) as exc:
        raise InputOutputError(f"{args.gold}: cannot read the gold data ({exc})") from exc
    if not docs:
        raise InputOutputError(f"{args.gold}: no gold document in this file")
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
        sys.stdout.write(format_scores(results))
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


def _check(args: argparse.Namespace) -> None:
    """Usage errors argparse cannot see, reported with the subcommand's usage (exit 2)."""
    parser: argparse.ArgumentParser = args._parser
    if getattr(args, "resume", False) and args.output is None:
        parser.error("--resume needs -o OUT")
    if args.command == "speakers" and args.quotes:
        fmt = args.format or _default_format(args.output, SPEAKER_FORMATS)
        if fmt != "jsonl":
            parser.error(f"--quotes lists quotations in jsonl only, not in {fmt}")
        if args.by:
            parser.error("--quotes lists the speakers' quotations, which --by does not print")
    if args.command == "render" and args.doc is not None and not _holds_records(args.file):
        parser.error("--doc chooses a document of a file of records, and FILE is not one")
    if args.command in ("extract", "speakers", "render"):
        try:
            args.options = _options(args)
        except (TypeError, ValueError) as exc:
            parser.error(_as_flags(str(exc)))


def _as_flags(message: str) -> str:
    """A settings error in the words of the command line (``--indirect``, not
    ``include_indirect=True``)."""
    for setting in settings_table():
        message = re.sub(rf"\b{setting.name}(=True)?\b", setting.flag, message)
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``quoteattr`` command.

    Args:
        argv: The arguments, without the program name (``sys.argv[1:]`` if ``None``).

    Returns:
        The exit status: 0 on success; 1 if an input was skipped or could not be read,
        nothing was found to read, or the model is missing; 2 for a usage error.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(_with_default_command(sys.argv[1:] if argv is None else argv))
        _check(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    console = _Console(quiet=getattr(args, "quiet", False))
    try:
        return _COMMANDS[args.command](args, console)
    except QuoteattrError as exc:
        console.finish()
        console.error(str(exc))
        return EXIT_INPUT
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        console.error("interrupted")
        return 130
