"""Tests of the ``quoteattr`` command line, run in-process on tiny texts."""

from __future__ import annotations

import csv
import io
import json
import re
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


def test_table_is_a_header_and_one_line_per_quote_in_fixed_columns(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    code, out, _ = run(capsys, "extract", corpus)
    assert code == 0
    head, *lines = out.splitlines()
    assert head.split() == ["document", "kind", "speaker", "quote"]
    assert len(lines) == 3
    assert lines[0].endswith("a.txt  direct    Jane Doe                  “We will win,”")
    assert lines[2].endswith("b.md  direct    Ann Lee                   “Not now,”")
    # the columns do not move from one document to the next (ids are cut at the front)
    starts = {(line.index("direct"), line.index("“")) for line in [*lines]}
    assert len(starts) == 1 and head.index("kind") == lines[0].index("direct")
    assert all(line.startswith("…") for line in lines)  # long temporary paths are cut


def test_table_cuts_long_names_and_shows_reported_speech_without_marks() -> None:
    from quoteattr.io import TABLE_WIDTHS, format_block
    from quoteattr.model import Quote, Speaker

    long_name = Speaker("Maximiliana Alessandra Octavia von Habsburg-Lothringen", kind="person")
    quotes = [
        Quote("Tax will rise", 0, 13, speaker=long_name, kind="indirect"),
        Quote("Go", 20, 22, kind="scare"),
    ]
    lines = format_block("table", "short.txt", quotes).splitlines()
    doc_w, kind_w, speaker_w = TABLE_WIDTHS
    assert lines[0] == (
        "short.txt".ljust(doc_w)
        + "  "
        + "indirect"
        + "  "
        + long_name.name[: speaker_w - 1]
        + "…  Tax will rise"
    )
    assert lines[1].endswith("scare     -                         “Go”")
    assert lines[1].startswith("short.txt".ljust(doc_w) + "  scare".ljust(kind_w + 2))


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
    lines = [{"id": 7, "body": ONE}, {"body": TWO}, {}, {"id": "last", "body": ONE}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", path, "--text-field", "body", "--format", "jsonl")
    assert code == 1  # the third record has no text: an error, which stops the run
    assert err == f"quoteattr: {path}:3: no 'body' field (--keep-going skips such records)\n"
    assert [r["doc"] for r in records(out)] == ["7", f"{path}:2", f"{path}:2"]
    code, out, err = run(
        capsys, "extract", path, "--text-field", "body", "--format", "jsonl", "--keep-going"
    )
    assert code == 1  # still not a success: a record was left out
    assert err.splitlines() == [
        f"quoteattr: warning: {path}:3: no 'body' field; record skipped",
        "quoteattr: 3 documents read, 1 skipped (1 no 'body' field)",
    ]
    assert [r["doc"] for r in records(out)] == ["7", f"{path}:2", f"{path}:2", "last"]


def test_jsonl_without_the_text_field_is_passed_over_in_folders_without_a_word(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "gold.jsonl").write_text('{"id": "a.txt", "quotes": []}\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", corpus)
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 1 + 3


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
    assert err.splitlines() == [
        f"quoteattr: {corpus / 'a0_binary.txt'}: looks like a binary file (it contains NUL "
        "bytes); skipped",
        f"quoteattr: {corpus / 'a1_latin1.txt'}: not UTF-8 text (byte 0xe9 at offset 3); skipped",
        "quoteattr: 3 documents read, 2 skipped (1 binary, 1 not UTF-8 text)",
    ]
    assert len(out.splitlines()) == 1 + 3  # the good files are all done


def test_strict_stops_at_the_first_bad_file(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "a1_binary.txt").write_bytes(b"\x00\x01\x02")
    code, out, err = run(capsys, "extract", corpus, "--strict", "--format", "jsonl")
    assert code == 1
    assert err == (
        f"quoteattr: {corpus / 'a1_binary.txt'}: looks like a binary file (it contains NUL "
        "bytes); stopping (--strict)\n"
    )
    assert "skipped" not in err  # issue 21: --strict said "skipped" and then stopped
    assert {r["doc"] for r in records(out)} == {str(corpus / "a.txt")}


def test_missing_path_is_an_input_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "extract", tmp_path / "nope.txt")
    assert (code, out) == (1, "")
    assert err == f"quoteattr: no input found: {tmp_path / 'nope.txt'}: no such file or folder\n"


def test_a_missing_path_beside_others_is_a_counted_skip(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "extract", corpus / "a.txt", tmp_path / "nope.txt")
    assert code == 1 and "We will win," in out
    assert err.splitlines() == [
        f"quoteattr: {tmp_path / 'nope.txt'}: no such file or folder; skipped",
        "quoteattr: 1 document read, 1 skipped (1 not found)",
    ]


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
                    self.seen.append(getattr(context, "id", context))
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
    assert code == 2
    # issue 21: the usage shown was the top-level one, not extract's
    assert err.startswith("usage: quoteattr extract ")
    assert err.endswith("quoteattr extract: error: --resume needs -o OUT\n")
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


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_has_the_total_and_the_time_left_when_the_count_is_known() -> None:
    stream = Terminal()
    console = cli._Console(quiet=False, stream=stream)
    console.start(total=4)
    for _ in range(4):
        console.progress(1)
    console.finish()
    shown = stream.getvalue()
    assert "4/4" in shown and "100%" in shown
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d", shown)  # elapsed<remaining


def test_progress_is_a_counter_for_a_stream() -> None:
    stream = Terminal()
    console = cli._Console(quiet=False, stream=stream)
    console.start(total=None)
    console.progress(3)
    console.finish()
    shown = stream.getvalue()
    assert "1 documents" in shown and "3 quotes" in shown and "/" not in shown.split("[")[0]


def test_the_total_is_known_for_files_and_unknown_for_record_files(
    corpus: Path, tmp_path: Path
) -> None:
    from quoteattr.corpus import Reader

    reader = Reader(cli._Console(quiet=True))
    assert reader.total(reader.sources([str(corpus)])) == 3
    (corpus / "gold.jsonl").write_text('{"id": "a.txt", "quotes": []}\n', encoding="utf-8")
    assert reader.total(reader.sources([str(corpus)])) == 3  # not a corpus: not counted
    (tmp_path / "more.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert reader.total(reader.sources([str(corpus), str(tmp_path / "more.jsonl")])) is None


def test_progress_line_only_on_a_terminal() -> None:
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


def test_evaluate_on_an_empty_gold_file_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "gold.jsonl"
    empty.write_text("\n", encoding="utf-8")
    code, out, err = run(capsys, "evaluate", empty)
    # issue 21: it exited 0 with a table of 0.000
    assert (code, out) == (1, "")
    assert err == f"quoteattr: {empty}: no gold document in this file\n"


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


# ---- the settings: one flag each, generated from one table

SETTING_COMMANDS = ("extract", "speakers", "render")


def _actions(command: str) -> dict[str, Any]:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return {a.dest: a for a in sub.choices[command]._actions}  # type: ignore[union-attr]


@pytest.mark.parametrize("command", SETTING_COMMANDS)
def test_every_setting_of_options_has_a_flag(command: str) -> None:
    import attrs

    from quoteattr.options import Options, settings_table

    actions = _actions(command)
    for field in attrs.fields(Options):
        assert field.name in actions, f"{command} has no flag for {field.name}"
    flags = {s.name: s.flag for s in settings_table()}
    assert flags["include_scare"] == "--include-scare" and flags["include_indirect"] == "--indirect"
    for name, flag in flags.items():
        assert flag in actions[name].option_strings
        assert "``" not in actions[name].help


def test_setting_flags_make_the_options() -> None:
    from quoteattr.options import Options

    flags = ["--extra-cue", "opine", "--extra-cue", "aver", "--name-similarity", "0.9"]
    flags += ["--indirect", "--indirect-around-partial", "--include-scare"]
    args = cli.build_parser().parse_args(["extract", "x.txt", *flags])
    cli._check(args)
    assert args.options == Options(
        include_scare=True,
        extra_cues=["opine", "aver"],
        name_similarity=0.9,
        include_indirect=True,
        indirect_around_partial=True,
    )
    plain = cli.build_parser().parse_args(["speakers", "x.txt"])
    cli._check(plain)
    assert plain.options == Options()


def test_a_bad_setting_is_a_usage_error_in_the_words_of_the_flags(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    code, _, err = run(capsys, "render", corpus / "a.txt", "--indirect-around-partial")
    assert code == 2 and err.startswith("usage: quoteattr render ")
    assert err.endswith("quoteattr render: error: --indirect-around-partial needs --indirect\n")
    code, _, err = run(capsys, "extract", corpus, "--name-similarity", "1.5")
    assert code == 2 and "--name-similarity must be between 0 and 1, got 1.5" in err
    code, _, err = run(capsys, "extract", corpus, "--name-similarity", "high")
    assert code == 2 and "invalid float value: 'high'" in err


def test_extra_cue_reaches_the_extractor(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Jane Doe intoned: “The plan will fail.”\n", encoding="utf-8")
    _, before, _ = run(capsys, "extract", path, "--format", "jsonl")
    code, after, _ = run(capsys, "extract", path, "--format", "jsonl", "--extra-cue", "intone")
    assert code == 0
    assert [r["cue_lemma"] for r in records(before)] == [None]
    assert [r["cue_lemma"] for r in records(after)] == ["intone"]


# ---- messages (issue 21)


def test_a_missing_model_is_said_without_a_doubled_period(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    code, out, err = run(capsys, "extract", corpus / "a.txt", "--model", "no_such_pipeline")
    assert (code, out) == (1, "")
    assert err.startswith("quoteattr: Cannot load the spaCy pipeline 'no_such_pipeline'")
    assert ".." not in err and err.count("\n") == 1


def test_the_readme_main_job_prints_nothing_on_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seeds_dir: Path
) -> None:
    monkeypatch.chdir(seeds_dir.parent)
    code, out, err = run(capsys, "extract", "seeds/")
    assert (code, err) == (0, "")  # seeds/gold.jsonl is passed over: it is not a corpus
    assert out.splitlines()[1].startswith("seeds/000_1f16a92304612b5c.txt    direct    ")
