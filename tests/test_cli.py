"""Tests of the ``quoteattr`` command line, run in-process on tiny texts."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quoteattr import cli
from quoteattr.cli import main
from quoteattr.io import FIELDS

ONE = "“We will win,” said Jane Doe, a senator.\n"
TWO = "Tom Ray said: “Taxes, sadly, will rise.”\n“Not now,” said Ann Lee.\n"
NONE = "No quotations here.\n"


@pytest.fixture(scope="session", autouse=True)
def nlp() -> Any:
    """Load the default pipeline once for the whole session."""
    from quoteattr import load_nlp

    return load_nlp()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder: two articles at the top, one in a subfolder, and files to leave out."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(ONE, encoding="utf-8")
    (root / "b.md").write_text(TWO, encoding="utf-8")
    (root / "sub" / "c.txt").write_text(NONE, encoding="utf-8")
    (root / "notes.csv").write_text(ONE, encoding="utf-8")
    (root / ".hidden" / "d.txt").write_text(ONE, encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


# ---- formats


def test_jsonl_has_one_record_per_quote_with_every_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "one.txt"
    path.write_text(ONE, encoding="utf-8")
    code, out, err = run(capsys, "extract", path, "--format", "jsonl")
    assert code == 0, err
    (record,) = records(out)
    assert tuple(record) == FIELDS
    assert record["doc"] == str(path)
    assert record["quote"] == "We will win,"
    assert ONE[record["start"] : record["end"]] == record["quote"]
    assert record["speaker"] == "Jane Doe"
    assert record["kind"] in ("direct", "partial")
    assert 0 <= record["confidence"] <= 1


def test_csv_and_tsv_have_a_header_and_parse_back(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        code, out, _ = run(capsys, "extract", corpus, "--format", fmt)
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
        assert tuple(rows[0]) == FIELDS
        assert [r["quote"] for r in rows] == [
            "We will win,",
            "Taxes, sadly, will rise.",
            "Not now,",
        ]


def test_table_is_one_line_per_quote(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    code, out, _ = run(capsys, "extract", corpus)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(str(corpus / "a.txt"))
    assert "Jane Doe" in lines[0] and lines[0].endswith("“We will win,”")
    assert lines[2].endswith("“Not now,”")


def test_format_defaults_to_the_suffix_of_the_output(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "quotes.jsonl"
    assert run(capsys, "extract", corpus, "-o", out)[0] == 0
    assert len(records(out.read_text(encoding="utf-8"))) == 3
    assert Path(f"{out}.done").exists()


# ---- inputs


def test_folders_are_read_recursively_without_hidden_or_other_files(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "sub" / "e.txt").write_text(ONE, encoding="utf-8")
    code, out, _ = run(capsys, "extract", corpus, "--format", "jsonl")
    assert code == 0
    docs = [r["doc"] for r in records(out)]
    assert docs == [str(corpus / n) for n in ("a.txt", "b.md", "b.md", "sub/e.txt")]


def test_jsonl_records_with_a_text_field_and_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [{"id": 7, "body": ONE}, {"body": TWO}, {}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", path, "--text-field", "body", "--format", "jsonl")
    assert code == 1  # the third record has no text
    assert f"{path}:3" in err and "'body'" in err
    assert [r["doc"] for r in records(out)] == ["7", f"{path}:2", f"{path}:2"]


def test_jsonl_without_the_text_field_is_skipped_in_folders(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "gold.jsonl").write_text('{"id": "a.txt", "quotes": []}\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", corpus)
    assert code == 0
    assert "gold.jsonl: skipped" in err
    assert len(out.splitlines()) == 3


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ONE.encode("utf-8"))))
    code, out, _ = run(capsys, "extract", "-", "--format", "jsonl")
    assert code == 0
    assert [(r["doc"], r["quote"]) for r in records(out)] == [("<stdin>", "We will win,")]


def test_offsets_index_the_file_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "\ufeffIntro.\r\n“Not now,” said Ann Lee.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    (record,) = records(run(capsys, "extract", path, "--format", "jsonl")[1])
    assert text[record["start"] : record["end"]] == "Not now,"


def test_unreadable_files_are_reported_and_skipped(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "a0_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (corpus / "a1_latin1.txt").write_bytes('"Olé," said José.'.encode("latin-1"))
    code, out, err = run(capsys, "extract", corpus, "--quiet")
    assert code == 1
    assert "a0_binary.txt: looks like a binary file" in err
    assert "a1_latin1.txt: not UTF-8 text" in err
    assert len(out.splitlines()) == 3  # the good files are all done


def test_strict_stops_at_the_first_bad_file(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "a1_binary.txt").write_bytes(b"\x00\x01\x02")
    code, out, err = run(capsys, "extract", corpus, "--strict", "--format", "jsonl")
    assert code == 1
    assert "a1_binary.txt" in err
    assert {r["doc"] for r in records(out)} == {str(corpus / "a.txt")}


def test_missing_path_is_an_input_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "extract", tmp_path / "nope.txt")
    assert code == 1
    assert "nope.txt: no such file or folder" in err


# ---- resume


class _Spy:
    """Records the documents handed to the extractor."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from quoteattr.pipeline import QuoteExtractor

        self.seen: list[str] = []
        original = QuoteExtractor.pipe

        def pipe(extractor: Any, texts: Any, **kw: Any) -> Iterator[Any]:
            def spy() -> Iterator[Any]:
                for text, context in texts:
                    self.seen.append(context)
                    yield text, context

            return original(extractor, spy(), **kw)

        monkeypatch.setattr(QuoteExtractor, "pipe", pipe)


def test_resume_skips_finished_documents_and_drops_partial_output(
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out.jsonl"
    ledger = Path(f"{out}.done")
    assert run(capsys, "extract", corpus, "-o", out)[0] == 0
    complete = out.read_text(encoding="utf-8")
    entries = ledger.read_text(encoding="utf-8").splitlines()
    assert [json.loads(e)["doc"] for e in entries] == [
        str(corpus / n) for n in ("a.txt", "b.md", "sub/c.txt")
    ]

    # Interrupted after the first document, in the middle of writing the second one.
    first_end = json.loads(entries[0])["offset"]
    out.write_bytes(complete.encode("utf-8")[:first_end] + b'{"doc": "cut sh')
    ledger.write_text(entries[0] + '\n{"doc": "cut', encoding="utf-8")

    spy = _Spy(monkeypatch)
    assert run(capsys, "extract", corpus, "-o", out, "--resume")[0] == 0
    assert out.read_text(encoding="utf-8") == complete
    assert spy.seen == [str(corpus / "b.md"), str(corpus / "sub" / "c.txt")]
    assert ledger.read_text(encoding="utf-8").splitlines() == entries

    # Everything done: nothing is processed again, not even the document with no quotes.
    spy.seen.clear()
    assert run(capsys, "extract", corpus, "-o", out, "--resume")[0] == 0
    assert spy.seen == []
    assert out.read_text(encoding="utf-8") == complete


def test_resume_keeps_a_single_csv_header(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    assert run(capsys, "extract", corpus / "a.txt", "-o", out)[0] == 0
    assert run(capsys, "extract", corpus, "-o", out, "--resume")[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["quote"] for r in rows] == ["We will win,", "Taxes, sadly, will rise.", "Not now,"]


def test_resume_needs_an_output_and_its_ledger(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "extract", corpus, "--resume")
    assert code == 2 and "--resume needs -o" in err
    out = tmp_path / "old.jsonl"
    out.write_text('{"doc": "x"}\n', encoding="utf-8")
    code, _, err = run(capsys, "extract", corpus, "-o", out, "--resume")
    assert code == 1 and "cannot resume" in err
    assert out.read_text(encoding="utf-8") == '{"doc": "x"}\n'  # left untouched


# ---- command line


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    assert run(capsys, corpus, "--format", "xml")[0] == 2
    assert run(capsys, "extract")[0] == 2
    assert run(capsys)[0] == 2
    assert run(capsys, "extract", corpus, "--jobs", "0")[0] == 2


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("quoteattr ")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "extract" in out and "evaluate" in out


def test_paths_alone_mean_extract(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    code, out, _ = run(capsys, corpus / "a.txt")
    assert code == 0 and "We will win," in out


def test_progress_line_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    console = cli._Console(quiet=False, stream=stream)
    console.progress(2)
    console.error("oops")
    console.finish()
    shown = stream.getvalue()
    assert "1 documents" in shown and "2 quotes" in shown
    assert "quoteattr: oops\n" in shown
    quiet = Terminal()
    cli._Console(quiet=True, stream=quiet).progress(2)
    assert quiet.getvalue() == ""


def test_no_progress_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    _, _, err = run(capsys, "extract", corpus)
    assert "\r" not in err and "documents/s" not in err and "it/s" not in err


# ---- render and evaluate


def test_render_writes_an_html_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(TWO, encoding="utf-8")
    target = tmp_path / "article.html"
    code, _, err = run(capsys, "render", source, "-o", target)
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert "<title>article.txt</title>" in page
    assert page.count('<mark class="quote') == 2
    code, out, _ = run(capsys, "render", source)
    assert code == 0 and out == page


def test_render_reports_an_unreadable_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "x.txt"
    source.write_bytes(b"\xff\xfe\x00")
    code, _, err = run(capsys, "render", source)
    assert code == 1 and "x.txt" in err


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    text = TWO

    def quote(words: str, speaker: str) -> dict[str, Any]:
        start = text.index(words)
        return {"start": start, "end": start + len(words), "text": words, "speaker": speaker}

    quotes = [quote("Taxes, sadly, will rise.", "Tom Ray"), quote("Not now,", "Ann Lee")]
    doc = {"id": "two", "text": text, "quotes": quotes}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return path


def test_evaluate_prints_json_for_each_system(
    capsys: pytest.CaptureFixture[str], gold: Path, tmp_path: Path
) -> None:
    errors = tmp_path / "errors.jsonl"
    code, out, _ = run(
        capsys, "evaluate", gold, "--json", "--baseline", "textacy", "--errors", errors
    )
    assert code == 0
    ours, baseline = records(out)
    assert ours["system"] == "quoteattr" and baseline["system"] == "textacy"
    assert ours["gold"] == 2 and ours["quote_f1"] == 1.0
    assert errors.exists()


def test_evaluate_prints_a_table(capsys: pytest.CaptureFixture[str], gold: Path) -> None:
    code, out, _ = run(capsys, "evaluate", gold, "--limit", "1")
    assert code == 0
    assert out.splitlines()[0].split() == ["quoteattr"]
    assert any(line.startswith("quote F1") and line.endswith("1.000") for line in out.splitlines())


def test_evaluate_reports_a_bad_gold_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", bad)
    assert code == 1 and "gold.jsonl:1" in err


# ---- python -m quoteattr


def test_python_m_quoteattr(corpus: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quoteattr", str(corpus), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
