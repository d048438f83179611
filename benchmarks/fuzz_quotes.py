"""Fuzz quoteattr for a bounded time: no crash, offsets that index the input, nothing lost.

Two targets:

``marks``
    :func:`quoteattr.find_quotes` on arbitrary strings; every span is checked with
    ``tests/fuzz/invariants.py`` (offsets in range and indexing the text, sorted output, no
    overlap at one depth, nested spans inside their parent, ``continues`` well formed).
``extract``
    :func:`quoteattr.extract_quotes` on arbitrary strings, and a
    ``QuoteExtractor(include_scare=True)`` whose output must hold one quote for every
    outermost span of the mark parser (nothing lost) and agree with ``extract_quotes`` on
    the non-scare quotes. Quote, mention and cue offsets must index the input. One input in
    eight is also run as a caller's spaCy ``Doc``.

The engine is `atheris <https://github.com/google/atheris>`_ (coverage-guided, quoteattr
instrumented) when it is installed, else a seeded random generator over the same input
decoder. Bytes become text in one of four ways (the first byte chooses): UTF-8, UTF-16 code
units (lone surrogates included), or two token modes that pick from a vocabulary of
quotation marks, apostrophes, line breaks, odd white space, control characters, names,
reporting verbs and words of other scripts.

Every distinct failure (exception type and place, or broken invariant) is kept with the
shortest input that caused it, written to ``--crash-dir`` and listed at the end with the
number of inputs tried. Usage::

    python benchmarks/fuzz_quotes.py --target marks --seconds 300
    python benchmarks/fuzz_quotes.py --target extract --seconds 300 --engine random

The exit status is 1 when anything was found, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the environment
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["quoteattr"]):
        import quoteattr
else:  # pragma: no cover
    import quoteattr

from fuzz.invariants import InvariantError, check_extract, check_marks, check_quotes  # noqa: E402

VOCAB: tuple[str, ...] = (
    # quotation marks and apostrophes of every family
    '"', "\u201c", "\u201d", "\u201e", "\u201f", "``", "''", "'", "\u2018", "\u2019",
    "\u201a", "\u201b", "\u00ab", "\u00bb", "\u2039", "\u203a",
    "\u201c", "\u201d", "\u201c", "\u201d", '"', '"', "'", "\u2019",
    # line breaks and white space
    " ", " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c",
    "\x1c", "\x1e", "\x85", "\t", "\u00a0", "\u2009", "\u3000", "\u200b", "\u200d", "\ufeff",
    # control and odd characters
    "\x00", "\x01", "\x7f", "\ud800", "\udfff", "\ud83d", "\u0301", "\u202e", "\u202c",
    "\ufffd", "\U0001f600", "\U0001f1e8\U0001f1e6", "\u2026", "\u2014", "\u2013",
    # punctuation
    ".", ",", ":", ";", "!", "?", "(", ")", "-", "%", "$", "12", "3", "1990", "90s", "99",
    # words around apostrophes
    "s", "t", "n", "em", "tis", "don", "Canada", "players", "rock", "roll", "didn",
    # names, titles, pronouns
    "Jane", "Doe", "John", "Smith", "Mary", "Jones", "Federico", "Santoponto", "Ursula",
    "von", "der", "Leyen", "Mr.", "Ms.", "Dr.", "Prime Minister", "Senator", "President",
    "he", "she", "they", "it", "we", "I", "He", "She", "the minister", "a spokesperson",
    "the government", "Reuters", "NATO", "Ottawa",
    # reporting cues
    "said", "says", "added", "told reporters", "stressed", "insisted", "warned", "noted",
    "according to", "pointed out", "asked", "wrote", "tweeted", "that", "said:",
    # narration and content
    "We", "will", "win", "the", "talks", "in", "on", "Monday", "and", "of", "a", "not",
    "is", "was", "deal", "defence", "time", "it's", "We've", "weak", "strong",
    # other scripts
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587",
    "\u0420\u043e\u0441\u0441\u0438\u044f", "\u0928\u092e\u0938\u094d\u0924\u0947",
    "\u00e9", "Jos\u00e9", "M\u00fcller", "\u00c5sa",
)  # fmt: skip


def decode(data: bytes) -> str:
    """Turn fuzzer bytes into a string (see the module documentation)."""
    if not data:
        return ""
    mode, body = data[0] % 4, data[1:]
    if mode == 0:
        return body.decode("utf-8", "replace")
    if mode == 1:
        return "".join(chr(body[i] | body[i + 1] << 8) for i in range(0, len(body) - 1, 2))
    return "".join(VOCAB[b % len(VOCAB)] for b in body)


# --- findings ---------------------------------------------------------------------------


class Findings:
    """Distinct failures, each with the shortest input seen."""

    def __init__(self, crash_dir: Path) -> None:
        self.crash_dir = crash_dir
        self.examples: dict[str, str] = {}
        self.details: dict[str, str] = {}
        self.counts: dict[str, int] = {}

    def record(self, text: str, exc: BaseException) -> None:
        key = self.key(exc)
        self.counts[key] = self.counts.get(key, 0) + 1
        best = self.examples.get(key)
        if best is None or len(text) < len(best):
            self.examples[key] = text
            self.details[key] = "".join(traceback.format_exception(exc)[-6:])
            self.save(key, text)

    @staticmethod
    def key(exc: BaseException) -> str:
        if isinstance(exc, InvariantError):
            return f"InvariantError: {str(exc).split(':', 1)[0]}"
        place = "?"
        for frame in traceback.extract_tb(exc.__traceback__):
            if "quoteattr" in frame.filename or "spacy" in frame.filename:
                place = f"{Path(frame.filename).name}:{frame.lineno}"
        return f"{type(exc).__name__} at {place}"

    def save(self, key: str, text: str) -> None:
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() else "_" for c in key)[:80]
        (self.crash_dir / f"{name}.repr").write_text(repr(text) + "\n", encoding="utf-8")

    def report(self, tried: int, elapsed: float, target: str, engine: str) -> int:
        print(f"\n== fuzz_quotes: target={target} engine={engine}")
        print(f"== inputs tried: {tried} in {elapsed:.0f} s ({tried / max(elapsed, 1e-9):.0f}/s)")
        if not self.examples:
            print("== findings: none")
            return 0
        print(f"== findings: {len(self.examples)} distinct (saved in {self.crash_dir})")
        for key, text in self.examples.items():
            shown = repr(text) if len(text) <= 300 else repr(text[:300]) + "..."
            print(f"-- {key} (x{self.counts[key]})\n   shortest input ({len(text)} chars): {shown}")
            print("   " + self.details[key].replace("\n", "\n   ").rstrip())
        return 1


# --- targets ----------------------------------------------------------------------------


def marks_target() -> Callable[[str], None]:
    def run(text: str) -> None:
        check_marks(text, quoteattr.find_quotes(text))

    return run


def extract_target() -> Callable[[str], None]:
    nlp = quoteattr.load_nlp()
    scare = quoteattr.QuoteExtractor(nlp, include_scare=True)

    def run(text: str) -> None:
        plain = quoteattr.extract_quotes(text, nlp)
        check_extract(text, plain, include_scare=False)
        full = scare.extract(text)
        check_extract(text, full, include_scare=True)
        if plain != [q for q in full if q.kind != "scare"]:
            raise InvariantError(f"include_scare changed the other quotes: {text!r}")
        if zlib.crc32(text.encode("utf-8", "surrogatepass")) % 8 == 0 and not any(
            "\ud800" <= c <= "\udfff" for c in text
        ):
            doc = nlp(text)
            check_quotes(doc.text, quoteattr.extract_quotes(doc, nlp))

    return run


# --- engines ----------------------------------------------------------------------------


def seed_inputs() -> list[bytes]:
    """Seed corpus: the seed news texts and a few hand-written cases, in UTF-8 mode."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [
        "\u201cWe will win,\u201d said Jane Doe, a senator.",
        "Jane Doe said: \u201cWe will win.\u201d\n\u201cAnd more,\u201d she added.",
        "\u201cOne,\u201d said John Smith, \u201ctwo.\u201d\n\u201cThree.\u201d",
        "He called it \u2018rigged\u2019 and said \u00ab non \u00bb, don't 12\" 3' players\u2019.",
        "``PTB style,'' said Mary Jones.\r\n\u201eGerman\u201c \u00bbreversed\u00ab",
    ]
    return [b"\x00" + t.encode("utf-8") for t in texts]


def run_atheris(run: Callable[[str], None], args: argparse.Namespace, findings: Findings) -> int:
    assert atheris is not None
    tried = 0
    began = time.monotonic()

    def one_input(data: bytes) -> None:
        nonlocal tried
        if time.monotonic() - began > args.seconds:
            sys.stdout.flush()
            status = findings.report(tried, time.monotonic() - began, args.target, "atheris")
            sys.stdout.flush()
            os._exit(status)
        tried += 1
        text = decode(data)
        try:
            run(text)
        except Exception as exc:  # every exception is a finding
            findings.record(text, exc)

    corpus = args.crash_dir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(seed_inputs()):
        (corpus / f"seed{i}").write_bytes(seed[: args.max_len])
    libfuzzer = [
        sys.argv[0],
        f"-max_len={args.max_len}",
        f"-seed={args.seed}",
        "-timeout=120",
        "-rss_limit_mb=4096",
        f"-max_total_time={int(args.seconds) + 600}",
        str(corpus),
    ]
    atheris.Setup(libfuzzer, one_input)
    atheris.Fuzz()
    return findings.report(tried, time.monotonic() - began, args.target, "atheris")


def run_random(run: Callable[[str], None], args: argparse.Namespace, findings: Findings) -> int:
    rng = random.Random(args.seed)
    seeds = seed_inputs()
    tried = 0
    began = time.monotonic()
    while time.monotonic() - began < args.seconds:
        if rng.random() < 0.2:
            data = bytearray(rng.choice(seeds)[: args.max_len])
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(1, len(data))] = rng.randrange(256)
        else:
            size = rng.randint(1, rng.choice((16, 128, args.max_len)))
            data = bytearray(rng.randbytes(size))
        text = decode(bytes(data))
        tried += 1
        try:
            run(text)
        except Exception as exc:  # every exception is a finding
            findings.record(text, exc)
    return findings.report(tried, time.monotonic() - began, args.target, "random")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz")
    parser.add_argument("--target", choices=("marks", "extract"), default="marks")
    parser.add_argument(
        "--engine",
        choices=("atheris", "random"),
        default="atheris" if atheris is not None else "random",
        help="atheris (coverage-guided, default when installed) or random",
    )
    parser.add_argument("--max-len", type=int, default=None, help="longest input in bytes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--crash-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "quoteattr-fuzz",
        help="where to save findings and the atheris corpus",
    )
    args = parser.parse_args(argv)
    if args.max_len is None:
        args.max_len = 8192 if args.target == "marks" else 1024
    args.crash_dir = args.crash_dir / args.target
    run = marks_target() if args.target == "marks" else extract_target()
    findings = Findings(args.crash_dir)
    if args.engine == "atheris":
        if atheris is None:
            parser.error("atheris is not installed (pip install atheris), use --engine random")
        return run_atheris(run, args, findings)
    return run_random(run, args, findings)


if __name__ == "__main__":
    sys.exit(main())
