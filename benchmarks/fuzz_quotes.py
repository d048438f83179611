"""Fuzz quoteattr for a bounded time: no crash, offsets that index the input, nothing lost.

Two targets:

``marks``
    :func:`quoteattr.find_quotes` on arbitrary strings; every span is checked with
    ``tests/fuzz/invariants.py`` (offsets in range and indexing the text, sorted output, no
    overlap at one depth, nested spans inside their parent, ``continues`` well formed).
``extract``
    A ``QuoteExtractor(include_scare=True)`` on arbitrary strings, whose output must hold
    one quote for every outermost span of the mark parser (nothing lost). Quote, mention
    and cue offsets must index the input, and neither a cue nor a speaker mention may lie
    inside its own quotation. One input in four is also run through
    :func:`quoteattr.extract_quotes`, which must agree on the non-scare quotes, one in
    eight as a caller's spaCy ``Doc``, and another one in eight with reported speech
    (``include_indirect=True``, half of them with ``indirect_around_partial=True``), whose
    clauses must index the input and overlap no direct quotation (each parses again).

Two engines:

``atheris``
    `atheris <https://github.com/google/atheris>`_ (coverage-guided, quoteattr
    instrumented; ``pip install atheris``), the default when it is installed. Its corpus
    starts from ``benchmarks/fuzz_corpus/``; half of its mutations are the news-like ones
    of ``fuzz_news.py``, half libFuzzer's own.
``random``
    A seeded generator. Each input is one of: a news-like document written by
    ``fuzz_news.NewsWriter``, then mutated; an item of the corpus, mutated (or spliced
    with another); or random bytes decoded as UTF-8, UTF-16 code units (lone surrogates
    included) or tokens of a vocabulary of quotation marks, apostrophes, line breaks, odd
    white space, control characters, names, reporting verbs and words of other scripts.

The corpus, ``benchmarks/fuzz_corpus/*.repr`` (one Python string literal a line, exact
for lone surrogates too; lines starting with ``#`` are comments), holds the shrunk findings
of ``tests/fuzz/test_regressions.py`` (``findings.repr``), the paragraphs of the seed
articles (``seeds.repr``) and generated news-like documents (``news.repr``).
``--write-corpus`` rebuilds it; a finding saved in ``--crash-dir`` is a ``.repr`` file of
the same format that can be copied into it.

Every distinct failure (exception type and place, or broken invariant) is kept with the
shortest input that caused it, shrunk at the end (pieces dropped while the same failure
remains), written to ``--crash-dir`` and listed with the number of inputs tried.

``--jobs N`` runs N processes with seeds derived from ``--seed`` (job 0 keeps ``--seed``
itself; the atheris jobs share one corpus directory) and merges their findings and counts;
``--inputs`` is then shared out among them. Usage::

    python benchmarks/fuzz_quotes.py --target marks --seconds 300
    python benchmarks/fuzz_quotes.py --target extract --seconds 300 --engine random
    python benchmarks/fuzz_quotes.py --target marks --engine random --inputs 1000000
    python benchmarks/fuzz_quotes.py --target extract --jobs 8 --seconds 3600 --seed 7
    python benchmarks/fuzz_quotes.py --write-corpus

The exit status is 1 when anything was found, 0 otherwise.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "fuzz_corpus"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the environment
    atheris = None

from fuzz_news import NewsWriter, mutate  # noqa: E402

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


def encode(text: str) -> bytes:
    """Bytes that :func:`decode` turns back into ``text`` (UTF-16 mode for lone surrogates)."""
    try:
        return b"\x00" + text.encode("utf-8")
    except UnicodeEncodeError:
        units = text.encode("utf-16-le", "surrogatepass")
        return b"\x01" + units


# --- the corpus ---------------------------------------------------------------------------


def seed_paragraphs() -> list[str]:
    """The non-blank paragraphs of the seed articles, and each article's first three."""
    out: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paras = [p for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
        out.extend(paras)
        out.append("\n".join(paras[:3]))
    return list(dict.fromkeys(out))


CORPUS_HEADS = {
    "findings.repr": "the inputs of tests/fuzz/test_regressions.py (FINDINGS)",
    "seeds.repr": "the paragraphs of seeds/*.txt",
    "news.repr": "news-like documents of fuzz_news.NewsWriter (seed 0)",
}


def write_corpus(count: int = 300) -> dict[str, int]:
    """Rebuild ``benchmarks/fuzz_corpus/``; return how many inputs each file holds."""
    from fuzz.test_regressions import FINDINGS

    writer = NewsWriter(random.Random(0))
    files = {
        "findings.repr": list(dict.fromkeys(FINDINGS)),
        "seeds.repr": seed_paragraphs(),
        "news.repr": [writer.document() for _ in range(count)],
    }
    CORPUS.mkdir(parents=True, exist_ok=True)
    for name, texts in files.items():
        head = f"# written by benchmarks/fuzz_quotes.py --write-corpus: {CORPUS_HEADS[name]}\n"
        lines = "".join(repr(t) + "\n" for t in texts)
        (CORPUS / name).write_text(head + lines, encoding="utf-8")
    return {name: len(texts) for name, texts in files.items()}


def read_repr(path: Path) -> list[str]:
    """The strings of a ``.repr`` file: one Python string literal a line, ``#`` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ast.literal_eval(line) for line in lines if line.strip() and line[0] != "#"]


def load_corpus() -> list[str]:
    """Every input of ``benchmarks/fuzz_corpus/*.repr`` (the seeds' paragraphs if none)."""
    texts = [t for path in sorted(CORPUS.glob("*.repr")) for t in read_repr(path)]
    return texts or seed_paragraphs()


# --- findings -----------------------------------------------------------------------------


class Findings:
    """Distinct failures, each with the shortest input seen, and the inputs tried."""

    def __init__(self, crash_dir: Path) -> None:
        self.crash_dir = crash_dir
        self.examples: dict[str, str] = {}
        self.details: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.tried = 0
        self.elapsed = 0.0

    def record(self, text: str, exc: BaseException) -> None:
        """Count a failure; keep ``text`` if it is the shortest input of its kind."""
        detail = "".join(traceback.format_exception(exc)[-6:])
        self.add(self.key(exc), text, detail, 1)

    def add(self, key: str, text: str, detail: str, count: int) -> None:
        """Count ``count`` failures of kind ``key``, keeping the shortest input."""
        self.counts[key] = self.counts.get(key, 0) + count
        best = self.examples.get(key)
        if best is None or len(text) < len(best):
            self.examples[key] = text
            self.details[key] = detail
            self.save(key, text)

    @staticmethod
    def key(exc: BaseException) -> str:
        """What tells two failures apart: the broken invariant, or exception and place."""
        if type(exc).__name__ == "InvariantError":  # fuzz.invariants
            return f"InvariantError: {str(exc).split(':', 1)[0]}"
        place = "?"
        for frame in traceback.extract_tb(exc.__traceback__):
            if "quoteattr" in frame.filename or "spacy" in frame.filename:
                place = f"{Path(frame.filename).name}:{frame.lineno}"
        return f"{type(exc).__name__} at {place}"

    def save(self, key: str, text: str) -> None:
        """Write the input of a finding to ``crash_dir`` as a Python literal."""
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() else "_" for c in key)[:80]
        (self.crash_dir / f"{name}.repr").write_text(repr(text) + "\n", encoding="utf-8")

    def to_json(self) -> dict[str, Any]:
        """The findings and counts, for the process that merges the jobs."""
        found = {
            k: {"text": self.examples[k], "detail": self.details[k], "count": self.counts[k]}
            for k in self.examples
        }
        return {"tried": self.tried, "elapsed": self.elapsed, "findings": found}

    def merge(self, data: dict[str, Any]) -> None:
        """Add the findings and inputs of one job (see :meth:`to_json`)."""
        self.tried += data["tried"]
        for key, f in data["findings"].items():
            self.add(key, f["text"], f["detail"], f["count"])

    def report(self, target: str, engine: str, jobs: int = 1) -> int:
        """Print the summary; return the exit status (1 if anything was found)."""
        tried, elapsed = self.tried, self.elapsed
        print(f"\n== fuzz_quotes: target={target} engine={engine} jobs={jobs}")
        rate = tried / max(elapsed, 1e-9)
        print(f"== inputs tried: {tried} in {elapsed:.0f} s ({rate:.0f}/s)")
        if not self.examples:
            print("== findings: none")
            return 0
        print(f"== findings: {len(self.examples)} distinct (saved in {self.crash_dir})")
        for key, text in self.examples.items():
            shown = repr(text) if len(text) <= 300 else repr(text[:300]) + "..."
            print(f"-- {key} (x{self.counts[key]})\n   shortest input ({len(text)} chars): {shown}")
            print("   " + self.details[key].replace("\n", "\n   ").rstrip())
        return 1

    def shrink(self, run: Callable[[str], None], budget: int = 400) -> None:
        """Shrink the input of every finding: drop pieces while the same failure remains.

        Pieces of half the input, then a quarter, ... down to one character; at most
        ``budget`` runs a finding.
        """
        for key, text in list(self.examples.items()):
            tries = budget
            exc = None
            chunk = len(text) // 2
            while chunk and tries:
                at, dropped = 0, False
                while at < len(text) and tries:
                    tries -= 1
                    candidate = text[:at] + text[at + chunk :]
                    failure = self.fails(run, candidate)
                    if failure is not None and self.key(failure) == key:
                        text, exc, dropped = candidate, failure, True
                    else:
                        at += chunk
                if not dropped:
                    chunk //= 2
            if exc is not None:
                self.examples[key] = text
                self.details[key] = "".join(traceback.format_exception(exc)[-6:])
                self.save(key, text)

    @staticmethod
    def fails(run: Callable[[str], None], text: str) -> BaseException | None:
        """The exception ``run(text)`` raises, if any."""
        try:
            run(text)
        except Exception as exc:
            return exc
        return None

    def finish(self, args: argparse.Namespace, engine: str, run: Callable[[str], None]) -> int:
        """Shrink the findings, report, and write the summary a multi-job parent reads."""
        self.shrink(run)
        if args.job is not None:
            summary = self.crash_dir / "summary.json"
            summary.write_text(json.dumps(self.to_json()), encoding="utf-8")
        sys.stdout.flush()
        status = self.report(args.target, engine)
        sys.stdout.flush()
        return status


# --- targets ------------------------------------------------------------------------------


def load_target(target: str, instrument: bool) -> Callable[[str], None]:
    """Import quoteattr (instrumented for atheris' coverage if asked) and build a target."""
    if instrument:
        assert atheris is not None
        with atheris.instrument_imports(include=["quoteattr"]):
            import quoteattr  # noqa: F401
    return marks_target() if target == "marks" else extract_target()


def marks_target() -> Callable[[str], None]:
    from fuzz.invariants import check_marks

    import quoteattr

    def run(text: str) -> None:
        check_marks(text, quoteattr.find_quotes(text))

    return run


def extract_target() -> Callable[[str], None]:
    from fuzz.invariants import InvariantError, check_extract, check_indirect, check_quotes

    import quoteattr

    nlp = quoteattr.load_nlp()
    scare = quoteattr.QuoteExtractor(nlp, include_scare=True)
    indirect = {
        around: quoteattr.QuoteExtractor(nlp, include_indirect=True, indirect_around_partial=around)
        for around in (False, True)
    }

    def run(text: str) -> None:
        full = scare.extract(text)
        check_extract(text, full, include_scare=True)
        # the other two checks parse again: one input in four, one in eight
        crc = zlib.crc32(text.encode("utf-8", "surrogatepass"))
        if crc % 4 == 1:
            plain = quoteattr.extract_quotes(text, nlp)
            check_extract(text, plain, include_scare=False)
            if plain != [q for q in full if q.kind != "scare"]:
                raise InvariantError(f"include_scare changed the other quotes: {text!r}")
        if crc % 8 == 0 and not any("\ud800" <= c <= "\udfff" for c in text):
            doc = nlp(text)
            check_quotes(doc.text, quoteattr.extract_quotes(doc, nlp))
        if crc % 8 == 3:  # reported speech, with and without the clause around a partial
            check_indirect(text, indirect[crc % 16 == 3].extract(text))

    return run


# --- engines ------------------------------------------------------------------------------


class Inputs:
    """The random engine's inputs: news-like text, the corpus, noise; all mutated.

    Args:
        rng: Where every choice comes from.
        corpus: The starting points (see :func:`load_corpus`).
        max_len: The longest input, in characters.
    """

    def __init__(self, rng: random.Random, corpus: list[str], max_len: int) -> None:
        self.rng = rng
        self.corpus = corpus
        self.max_len = max_len
        self.news = NewsWriter(rng)

    def next(self) -> str:
        """One input."""
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            text = self.news.document()
            mutations = rng.choice((0, 0, 1, 1, 2, 3, 5))
        elif r < 0.7:
            text = self.from_corpus()
            mutations = rng.randint(1, 6)
        else:
            return decode(self.noise())[: self.max_len]
        for _ in range(mutations):
            text = mutate(rng, text, VOCAB)
        return text[: self.max_len]

    def from_corpus(self) -> str:
        """An item of the corpus, a window of it, or two items spliced."""
        rng = self.rng
        text = rng.choice(self.corpus)
        if len(text) > self.max_len:
            at = rng.randrange(len(text) - self.max_len // 2)
            text = text[at : at + rng.randint(1, self.max_len)]
        if rng.random() < 0.2:
            other = rng.choice(self.corpus)
            cut, at = rng.randint(0, len(text)), rng.randint(0, len(other))
            text = text[:cut] + rng.choice(("", " ", "\n")) + other[at : at + self.max_len // 2]
        return text

    def noise(self) -> bytes:
        """Random bytes (one in two in a token mode of :func:`decode`)."""
        rng = self.rng
        size = rng.randint(1, rng.choice((16, 64, 256, self.max_len)))
        data = bytearray(rng.randbytes(size))
        if rng.random() < 0.5:
            data[0] = 2
        return bytes(data)


def run_random(run: Callable[[str], None], args: argparse.Namespace, findings: Findings) -> int:
    inputs = Inputs(random.Random(args.seed), load_corpus(), args.max_len)
    budget = args.inputs
    began = time.monotonic()
    tried = 0
    while time.monotonic() - began < args.seconds and (budget is None or tried < budget):
        text = inputs.next()
        tried += 1
        try:
            run(text)
        except Exception as exc:  # every exception is a finding
            findings.record(text, exc)
    findings.tried, findings.elapsed = tried, time.monotonic() - began
    return findings.finish(args, "random", run)


def write_atheris_corpus(directory: Path, max_len: int) -> None:
    """The corpus as atheris inputs (see :func:`encode`), one file per input."""
    directory.mkdir(parents=True, exist_ok=True)
    for text in load_corpus():
        data = encode(text)[:max_len]
        name = hashlib.sha1(data).hexdigest()
        if not (directory / name).exists():
            (directory / name).write_bytes(data)


def run_atheris(run: Callable[[str], None], args: argparse.Namespace, findings: Findings) -> int:
    assert atheris is not None
    began = time.monotonic()
    budget = args.inputs

    def one_input(data: bytes) -> None:
        elapsed = time.monotonic() - began
        if elapsed > args.seconds or (budget is not None and findings.tried >= budget):
            findings.elapsed = elapsed
            os._exit(findings.finish(args, "atheris", run))
        findings.tried += 1
        text = decode(data)
        try:
            run(text)
        except Exception as exc:  # every exception is a finding
            findings.record(text, exc)

    def news_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.5:
            return bytes(atheris.Mutate(data, max_size))
        text = NewsWriter(rng).document() if rng.random() < 0.1 else decode(data)
        for _ in range(rng.randint(1, 3)):
            text = mutate(rng, text, VOCAB)
        return encode(text)[:max_size]

    corpus = args.crash_dir.parent / "corpus" if args.job is not None else args.crash_dir / "corpus"
    if args.job is None:  # a multi-job parent has written the shared corpus already
        write_atheris_corpus(corpus, args.max_len)
    libfuzzer = [
        sys.argv[0],
        f"-max_len={args.max_len}",
        f"-seed={args.seed}",
        "-timeout=120",
        "-rss_limit_mb=4096",
        str(corpus),
    ]
    if args.seconds != float("inf"):  # our own check ends the run; this is a backstop
        libfuzzer.insert(-1, f"-max_total_time={int(args.seconds) + 600}")
    atheris.Setup(libfuzzer, one_input, custom_mutator=news_mutator)
    atheris.Fuzz()
    findings.elapsed = time.monotonic() - began
    return findings.finish(args, "atheris", run)


# --- several processes --------------------------------------------------------------------


def job_seed(seed: int, job: int) -> int:
    """The seed of job ``job`` of a run started with ``--seed seed`` (job 0 keeps it)."""
    if job == 0:
        return seed
    digest = hashlib.sha256(f"quoteattr-fuzz/{seed}/{job}".encode()).digest()
    return int.from_bytes(digest[:4], "little") or 1


def run_jobs(args: argparse.Namespace, argv: list[str]) -> int:
    """Run ``args.jobs`` fuzzing processes, wait for them, merge and report their findings."""
    if args.engine == "atheris":
        write_atheris_corpus(args.crash_dir / "corpus", args.max_len)
    children: list[tuple[int, subprocess.Popen[bytes], Path]] = []
    began = time.monotonic()
    try:
        for job in range(args.jobs):
            job_dir = args.crash_dir / f"job{job}"
            job_dir.mkdir(parents=True, exist_ok=True)
            (job_dir / "summary.json").unlink(missing_ok=True)
            cmd = [sys.executable, str(Path(__file__).resolve()), *argv, "--job", str(job)]
            if args.inputs is not None:  # the budget, shared out
                share = args.inputs // args.jobs + (job < args.inputs % args.jobs)
                cmd += ["--inputs", str(share)]
            with (job_dir / "log.txt").open("wb") as log:
                child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
            children.append((job, child, job_dir))
        print(f"== {args.jobs} jobs running, logs in {args.crash_dir}/job*/log.txt", flush=True)
        for _, child, _ in children:
            child.wait()
    finally:
        for _, child, _ in children:
            if child.poll() is None:
                child.terminate()
                child.wait()
    merged = Findings(args.crash_dir)
    for job, child, job_dir in children:
        summary = job_dir / "summary.json"
        if not summary.exists():
            merged.add(
                f"job {job} ended without a summary", "", f"exit status {child.returncode}", 1
            )
            continue
        data = json.loads(summary.read_text(encoding="utf-8"))
        print(
            f"   job {job} (seed {job_seed(args.seed, job)}): {data['tried']} inputs"
            f" in {data['elapsed']:.0f} s, {len(data['findings'])} distinct findings"
        )
        merged.merge(data)
    merged.elapsed = time.monotonic() - began
    return merged.report(args.target, args.engine, args.jobs)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=None, help="how long to fuzz (60 s unless --inputs)"
    )
    parser.add_argument("--inputs", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--target", choices=("marks", "extract"), default="marks")
    parser.add_argument(
        "--engine",
        choices=("atheris", "random"),
        default="atheris" if atheris is not None else "random",
        help="atheris (coverage-guided, default when installed) or random",
    )
    parser.add_argument("--max-len", type=int, default=None, help="longest input")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="processes, each with its own seed")
    parser.add_argument("--job", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--crash-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "quoteattr-fuzz",
        help="where to save findings and the atheris corpus",
    )
    parser.add_argument(
        "--write-corpus", action="store_true", help="rebuild benchmarks/fuzz_corpus/ and exit"
    )
    args = parser.parse_args(argv)
    if args.write_corpus:
        for name, count in write_corpus().items():
            print(f"{CORPUS / name}: {count} inputs")
        return 0
    if args.seconds is None:
        args.seconds = 60.0 if args.inputs is None else float("inf")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.engine == "atheris" and atheris is None:
        parser.error("atheris is not installed (pip install atheris), use --engine random")
    if args.max_len is None:
        args.max_len = 2048 if args.target == "marks" else 1024
    args.crash_dir = args.crash_dir / args.target
    if args.job is None and args.jobs > 1:
        return run_jobs(args, argv)
    if args.job is not None:
        args.seed = job_seed(args.seed, args.job)
        args.crash_dir = args.crash_dir / f"job{args.job}"
    run = load_target(args.target, instrument=args.engine == "atheris")
    findings = Findings(args.crash_dir)
    if args.engine == "atheris":
        return run_atheris(run, args, findings)
    return run_random(run, args, findings)


if __name__ == "__main__":
    sys.exit(main())
