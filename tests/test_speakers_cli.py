"""``quoteattr speakers``: the seeds table, one row per gold person, formats and errors."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from quoteattr import CorpusSpeaker, Quote
from quoteattr.cli import main
from quoteattr.evaluate import load_gold, match_quotes
from quoteattr.index import CSV_FIELDS

SEEDS_TABLE = """\
name                  kind          gender   quotes  articles  description
Christian Leuprecht   person        male         10         2  a defense expert from the Royal Military College of Canada
Mark Carney           person        male          6         2  Canadian Prime Minister
Federico Santoponto   person        male          5         1  a defense policy analyst
Mélanie Joly          person        female        3         2  Canadian Foreign Affairs Minister
Ursula von der Leyen  person        female        3         2  European Commission President
António Costa         person        male          1         1  European Council President
EU spokesperson       person        unknown       1         1
European Union        organization  -             1         1
France                organization  -             1         1
Roderich Kiesewetter  person        unknown       1         1  a member of the German Bundestag
"""  # noqa: E501
"""What ``quoteattr speakers seeds/`` prints. Two quoted phrases that the gold marks as no
one's quotation (``skip``) are returned as partial quotes: "France has called for Europe to
“strategic self -rule”" (France, a country, speaks) and "His campaign pledged to avoid …
the “51st U.S. state”" (the campaign speaks for Mark Carney, its sixth quote)."""


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("path", "indent"), [("README.md", ""), ("docs/cli.rst", "   ")], ids=["readme", "docs"]
)
def test_documented_seeds_table_is_what_the_command_prints(path: str, indent: str) -> None:
    """The excerpt of the table in the README and the CLI docs is the head of the real one."""
    text = (ROOT / path).read_text(encoding="utf-8")
    start = text.index(indent + "name                  kind")
    excerpt = text[start : text.index(indent + "...", start)].splitlines()
    assert (
        excerpt
        and [line.removeprefix(indent) for line in excerpt]
        == (SEEDS_TABLE.splitlines()[: len(excerpt)])
    )


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seeds_rows(seeds_dir: Path) -> list[CorpusSpeaker]:
    capture = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(capture):
        code = main(["speakers", str(seeds_dir), "--format", "jsonl", "--quotes", "--quiet"])
    assert code == 0
    return [CorpusSpeaker.from_dict(json.loads(line)) for line in capture.getvalue().splitlines()]


def test_seeds_table(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    code, out, err = run(capsys, "speakers", seeds_dir)
    assert code == 0
    assert out == SEEDS_TABLE
    # the README's job says nothing on standard error: the gold file beside the articles
    # is not a corpus (its records have no text field) and is passed over
    assert err == ""


def test_every_gold_person_is_one_row_and_every_row_one_person(
    seeds_rows: list[CorpusSpeaker], seeds_dir: Path
) -> None:
    gold = {doc.id: doc for doc in load_gold(seeds_dir / "gold.jsonl")}
    found: dict[str, list[tuple[Quote, CorpusSpeaker]]] = defaultdict(list)
    for row in seeds_rows:
        for doc_id, quote in row.quotations:
            found[Path(doc_id).name].append((quote, row))
    rows_of: dict[str, set[str]] = defaultdict(set)  # gold person -> row names
    people_of: dict[str, set[str]] = defaultdict(set)  # row name -> gold people
    for doc_id, pairs in found.items():
        wanted = gold[doc_id].quotes
        for gi, qi in match_quotes(wanted, [q for q, _ in pairs]).items():
            row = pairs[qi][1]
            person = wanted[gi].speaker
            if not wanted[gi].skip and person:
                rows_of[person].add(row.name)
                people_of[row.name].add(person)
            else:
                people_of.setdefault(row.name, set())
    persons = {g.speaker for doc in gold.values() for g in doc.quotes if not g.skip}
    assert set(rows_of) == persons
    assert all(len(rows) == 1 for rows in rows_of.values()), rows_of
    assert all(len(people) <= 1 for people in people_of.values()), people_of
    # the one row no gold quotation backs: a country, speaking a phrase the gold skips
    assert {name for name, people in people_of.items() if not people} == {"France"}
    assert rows_of["Mélanie Joly"] == {"Mélanie Joly"}  # also "Milani Jolie" in one article


def test_csv_and_jsonl(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“We will win,” said Jane Doe, a senator.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "“Not now,” said Jane Doe.\n“Later,” Doe added. “Yes,” said Tom Ray.\n",
        encoding="utf-8",
    )
    out_csv = tmp_path / "speakers.csv"
    code, out, _ = run(capsys, "speakers", tmp_path / "a.txt", tmp_path / "b.txt", "-o", out_csv)
    assert (code, out) == (0, "")
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == list(CSV_FIELDS)
    assert [(r["name"], r["quotes"], r["articles"]) for r in rows] == [
        ("Jane Doe", "3", "2"),
        ("Tom Ray", "1", "1"),
    ]
    assert rows[0]["description"] == "a senator"
    code, out, _ = run(capsys, "speakers", tmp_path, "--format", "jsonl", "--quiet")
    records: list[dict[str, Any]] = [json.loads(line) for line in out.splitlines()]
    assert [(r["name"], r["quotes"], r["quotations"]) for r in records] == [
        ("Jane Doe", 3, []),
        ("Tom Ray", 1, []),
    ]


def test_reading_errors_are_reported_like_extract(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("“We will win,” said Jane Doe.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe bad")
    code, out, err = run(
        capsys, "speakers", tmp_path / "a.txt", tmp_path / "bad.txt", tmp_path / "missing"
    )
    assert code == 1
    assert "Jane Doe" in out
    assert "not UTF-8" in err and "no such file or folder" in err
    code, _, err = run(capsys, "speakers", tmp_path / "a.txt", "--format", "tsv")
    assert code == 2 and "invalid choice" in err


def test_a_missing_input_prints_no_table(capsys: pytest.CaptureFixture[str]) -> None:
    # issue 21: the table's header went to standard output before the error
    code, out, err = run(capsys, "speakers", "nope.txt")
    assert (code, out) == (1, "")
    assert err == "quoteattr: no input found: nope.txt: no such file or folder\n"


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_quotes_outside_jsonl_is_a_usage_error(
    fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # issue 21: --quotes was ignored without a word in table format
    code, out, err = run(capsys, "speakers", tmp_path, "--quotes", "--format", fmt)
    assert (code, out) == (2, "")
    assert err.startswith("usage: quoteattr speakers ")
    assert err.endswith(f"error: --quotes lists quotations in jsonl only, not in {fmt}\n")


def test_name_similarity_reaches_the_index(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quoteattr import index

    seen: list[float] = []
    original = index.SpeakerIndex.__init__

    def spy(self: Any, *args: Any, **kwargs: Any) -> None:
        seen.append(kwargs.get("name_similarity", -1.0))
        original(self, *args, **kwargs)

    monkeypatch.setattr(index.SpeakerIndex, "__init__", spy)
    (tmp_path / "a.txt").write_text("“We will win,” said Jane Doe.\n", encoding="utf-8")
    assert run(capsys, "speakers", tmp_path, "--name-similarity", "0.95")[0] == 0
    assert seen == [0.95]
