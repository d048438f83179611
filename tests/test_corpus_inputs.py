"""Corpora as researchers keep them: JSON Lines and CSV/TSV files with an id, the text and
metadata, read as streams; and every problem said once, where it is, and counted.

Issue 21: a JSONL input needed a ``text`` field and nothing else travelled to the output;
an empty file or folder exited 0 in silence.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from quoteattr.cli import main
from quoteattr.corpus import NoInputError, Reader

ONE = "“We will win,” said Jane Doe, a senator.\n"
TWO = "Tom Ray said: “Taxes, sadly, will rise.”\n“Not now,” said Ann Lee.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


ARTICLES = [
    {"id": "a1", "text": ONE, "outlet": "The Star", "date": "2025-03-01", "url": "https://x/1"},
    {"id": "a2", "text": TWO, "outlet": "The Sun", "date": "2025-03-02", "url": "https://x/2"},
]


class _Quiet:
    def error(self, message: str) -> None:
        raise AssertionError(message)

    def warn(self, message: str) -> None:
        raise AssertionError(message)


# ---- JSON Lines


def test_jsonl_corpus_metadata_travels_to_every_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = jsonl(tmp_path / "articles.jsonl", ARTICLES)
    code, out, err = run(capsys, "extract", path, "--format", "jsonl")
    assert (code, err) == (0, "")
    got = records(out)
    assert [r["doc"] for r in got] == ["a1", "a2", "a2"]
    for record in got:
        article = next(a for a in ARTICLES if a["id"] == record["doc"])
        assert list(record)[:4] == ["doc", "outlet", "date", "url"]
        assert {k: record[k] for k in ("outlet", "date", "url")} == {
            k: article[k] for k in ("outlet", "date", "url")
        }
        assert article["text"][record["start"] : record["end"]] == record["quote"]


def test_csv_output_has_a_column_per_metadata_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = jsonl(tmp_path / "articles.jsonl", ARTICLES)
    code, out, _ = run(capsys, "extract", path, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:4] == ["doc", "outlet", "date", "url"]
    assert [(r["doc"], r["outlet"]) for r in rows] == [
        ("a1", "The Star"),
        ("a2", "The Sun"),
        ("a2", "The Sun"),
    ]


def test_text_and_id_fields_are_chosen_and_a_clashing_field_is_renamed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [{"key": 7, "body": ONE, "kind": "op-ed", "id": "not the id"}]
    path = jsonl(tmp_path / "a.jsonl", rows)
    code, out, _ = run(
        capsys, "extract", path, "--text-field", "body", "--id-field", "key", "--format", "jsonl"
    )
    assert code == 0
    (record,) = records(out)
    assert (record["doc"], record["doc_kind"], record["kind"]) == ("7", "op-ed", "direct")
    assert record["id"] == "not the id"  # an ordinary field now, carried through


def test_a_bom_and_crlf_are_read_past(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    code, out, err = run(capsys, "extract", path, "--format", "jsonl")
    assert (code, err) == (0, "")
    assert [r["doc"] for r in records(out)] == ["a1", "a2", "a2"]


def test_reading_streams_one_record_at_a_time(tmp_path: Path) -> None:
    """The first document comes before a broken line further on is even read."""
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(ARTICLES[0]) + "\n" + json.dumps(ARTICLES[1]) + "\n{broken\n")
    reader = Reader(_Quiet())
    docs = reader.documents(reader.sources([str(path)]))
    first = next(docs)
    assert (first.id, first.meta["outlet"]) == ("a1", "The Star")
    assert next(docs).id == "a2" and reader.stopped is None
    assert next(docs, None) is None and reader.stopped is not None
    assert reader.stopped.startswith(f"{path}:3: not valid JSON")


# ---- CSV and TSV


def _table(path: Path, rows: list[dict[str, Any]], delimiter: str, bom: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]) if rows else ["id", "text"], delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    text = buffer.getvalue()  # csv writes CRLF line ends by default
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return path


@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".tsv", "\t")])
def test_csv_and_tsv_corpora_with_a_bom_and_crlf(
    suffix: str, delimiter: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _table(tmp_path / f"articles{suffix}", ARTICLES, delimiter, bom=True)
    code, out, err = run(capsys, "extract", path, "--format", "jsonl")
    assert (code, err) == (0, "")
    got = records(out)
    assert [(r["doc"], r["outlet"], r["url"]) for r in got] == [
        ("a1", "The Star", "https://x/1"),
        ("a2", "The Sun", "https://x/2"),
        ("a2", "The Sun", "https://x/2"),
    ]
    # rows end in CRLF; the line breaks inside a cell are kept, so offsets index the cell
    assert b"\r\n" in path.read_bytes()
    texts = {a["id"]: a["text"] for a in ARTICLES}
    assert all(texts[r["doc"]][r["start"] : r["end"]] == r["quote"] for r in got)


def test_a_header_only_csv_is_read_and_is_nothing_to_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _table(tmp_path / "articles.csv", [], ",")
    code, out, err = run(capsys, "extract", path)
    assert (code, out) == (1, "")  # nothing written, not even the table's header line
    assert err == f"quoteattr: nothing to read: no document in {path}\n"


def test_a_csv_without_the_text_column_names_the_file_and_its_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _table(tmp_path / "a.csv", [{"id": "1", "body": ONE}], ",")
    code, _, err = run(capsys, "extract", path)
    assert code == 1
    assert err == (
        f"quoteattr: {path}:1: no 'text' field (its fields are 'id', 'body'; choose the text "
        "with --text-field) (--keep-going skips such records)\n"
    )
    code, out, _ = run(capsys, "extract", path, "--text-field", "body", "--format", "jsonl")
    assert code == 0 and [r["doc"] for r in records(out)] == ["1"]


def test_a_row_of_the_wrong_length_is_a_bad_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'id,text\n1,"{ONE}"\n2\n3,"{ONE}"\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", path, "--format", "jsonl", "--keep-going")
    assert code == 1
    assert err.splitlines() == [
        f"quoteattr: warning: {path}:4: 1 cells where the header has 2; record skipped",
        "quoteattr: 2 documents read, 1 skipped (1 bad record)",
    ]
    assert [r["doc"] for r in records(out)] == ["1", "3"]


# ---- what is not a corpus, and what goes wrong


def test_a_folder_of_records_without_text_is_passed_over_in_silence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ONE, encoding="utf-8")
    jsonl(folder / "gold.jsonl", [{"id": "a.txt", "quotes": []}])
    (folder / "notes.csv").write_text("when,what\nmonday,called\n", encoding="utf-8")
    assert main(["extract", str(folder), "-o", str(folder / "quotes.jsonl")]) == 0
    code, out, err = run(capsys, "extract", folder, "--format", "jsonl")
    assert (code, err) == (0, "")  # gold, notes and the saved records: none is a corpus
    assert [r["doc"] for r in records(out)] == [str(folder / "a.txt")]


def test_saved_records_named_to_extract_are_skipped_with_a_pointer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ONE, encoding="utf-8")
    saved = tmp_path / "quotes.jsonl"
    assert main(["extract", str(text), "-o", str(saved)]) == 0
    code, out, err = run(capsys, "extract", saved, text, "--format", "jsonl")
    assert code == 1 and len(records(out)) == 1
    assert err.splitlines() == [
        f"quoteattr: {saved}: holds quotation records written by quoteattr extract, not texts "
        "(read them with quoteattr speakers or quoteattr render); skipped",
        "quoteattr: 1 document read, 1 skipped (1 not texts)",
    ]


def test_an_empty_file_is_a_skip_and_an_empty_folder_no_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "extract", empty)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"quoteattr: {empty}: empty, no text in it; skipped",
        "quoteattr: 0 documents read, 1 skipped (1 empty)",
    ]
    folder = tmp_path / "nothing"
    folder.mkdir()
    code, out, err = run(capsys, "speakers", folder)
    assert (code, out) == (1, "")
    assert err == (
        f"quoteattr: no input found: {folder}: no .csv, .jsonl, .md, .tsv, .txt file in this "
        "folder\n"
    )


def test_a_folder_of_records_alone_is_no_input_with_a_hint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    jsonl(tmp_path / "articles.jsonl", [{"id": "1", "body": ONE}])
    code, out, err = run(capsys, "extract", tmp_path)
    assert (code, out) == (1, "")
    assert err == (
        f"quoteattr: no input found: {tmp_path}: no articles in this folder (the records of "
        "its files have no 'text' field; choose the text with --text-field)\n"
    )
    code, out, _ = run(capsys, "extract", tmp_path, "--text-field", "body", "--format", "jsonl")
    assert code == 0 and [r["doc"] for r in records(out)] == ["1"]


def test_no_input_found_is_raised_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(NoInputError, match="no input found"):
        Reader(_Quiet()).sources([str(tmp_path / "a"), str(tmp_path / "b")])


def test_keep_going_and_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(ARTICLES[0]) + "\nnot json\n" + json.dumps(ARTICLES[1]) + "\n")
    code, out, err = run(capsys, "extract", path, "--format", "jsonl", "--keep-going")
    assert code == 1 and [r["doc"] for r in records(out)] == ["a1", "a2", "a2"]
    assert err.splitlines()[-1] == "quoteattr: 2 documents read, 1 skipped (1 bad record)"
    code, out, err = run(capsys, "extract", path, "--format", "jsonl", "--keep-going", "--strict")
    assert code == 1 and [r["doc"] for r in records(out)] == ["a1"]
    assert err == (f"quoteattr: {path}:2: not valid JSON (Expecting value); stopping (--strict)\n")


def test_csv_output_warns_of_fields_it_has_no_column_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [{"id": "a1", "text": ONE}, {"id": "a2", "text": TWO, "section": "politics"}]
    path = jsonl(tmp_path / "a.jsonl", rows)
    code, out, err = run(capsys, "extract", path, "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 4
    assert err == (
        "quoteattr: warning: field section of some records not written: the csv columns are "
        "the fields of the first record of each file\n"
    )
