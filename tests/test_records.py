"""What ``quoteattr extract`` writes loads back: the same Quote objects, the same speakers.

Issue 21: ``Quote.from_dict`` on a written record raised ``KeyError: 'text'``,
``SpeakerIndex.from_records`` on them found 0 speakers, and ``quoteattr speakers
quotes.jsonl`` skipped every record.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_speakers_cli import SEEDS_TABLE

import quoteattr
from quoteattr import Cue, Mention, Quote, Speaker, SpeakerIndex, load_quotes
from quoteattr.cli import main
from quoteattr.errors import InputOutputError
from quoteattr.io import FIELDS, format_block, format_header, quote_from_record, quote_record


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _seed_texts(seeds_dir: Path) -> list[tuple[str, str]]:
    # as the command line reads them: bytes decoded, line breaks as they are
    return [(str(p), p.read_bytes().decode("utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]


@pytest.fixture(scope="module")
def seeds_extracted(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Path]:
    """The seeds, extracted once with the default settings, as JSON Lines and as CSV."""
    folder = tmp_path_factory.mktemp("records")
    written = {}
    for fmt in ("jsonl", "csv"):
        out = folder / f"quotes.{fmt}"
        assert main(["extract", str(seeds_dir), "-o", str(out), "--quiet"]) == 0
        written[fmt] = out
    return written


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_load_quotes_gives_back_the_quotes_of_the_extractor(
    fmt: str, seeds_extracted: dict[str, Path], seeds_dir: Path, extractor: Any
) -> None:
    expected = [(doc, extractor.extract(text)) for doc, text in _seed_texts(seeds_dir)]
    assert all(quotes for _, quotes in expected)  # every seed has quotes, so a record
    loaded = list(load_quotes(seeds_extracted[fmt]))
    assert loaded == expected
    # nested speakers, mentions and cues included
    quotes = [q for _, qs in loaded for q in qs]
    assert any(q.speaker and q.speaker.mention and q.speaker.descriptions for q in quotes)
    assert any(q.cue is not None for q in quotes) and any(q.speaker is None for q in quotes)


def test_every_kind_and_setting_round_trips_through_tsv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_dir: Path, nlp: Any
) -> None:
    path = sorted(seeds_dir.glob("*.txt"))[0]
    out = tmp_path / "quotes.tsv"
    code, _, err = run(capsys, "extract", path, "-o", out, "--indirect", "--include-scare")
    assert code == 0, err
    wide = quoteattr.QuoteExtractor(nlp, include_indirect=True, include_scare=True)
    ((doc, quotes),) = load_quotes(out)
    assert (doc, quotes) == (str(path), wide.extract(path.read_bytes().decode("utf-8")))
    assert {"indirect", "direct"} <= {q.kind for q in quotes}


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_speakers_of_saved_records_are_the_speakers_of_the_texts(
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    seeds_extracted: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quoteattr import pipeline

    def no_model(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("records need no extraction")

    monkeypatch.setattr(pipeline.QuoteExtractor, "__init__", no_model)
    code, out, err = run(capsys, "speakers", seeds_extracted[fmt])
    assert (code, err) == (0, "")
    assert out == SEEDS_TABLE


def test_speaker_index_from_the_loaded_pairs_and_from_the_raw_records(
    seeds_extracted: dict[str, Path],
) -> None:
    from_pairs = SpeakerIndex.from_records(load_quotes(seeds_extracted["jsonl"]))
    lines = seeds_extracted["jsonl"].read_text(encoding="utf-8").splitlines()
    from_dicts = SpeakerIndex.from_records(json.loads(line) for line in lines)
    assert from_pairs.speakers() == from_dicts.speakers()
    assert (from_pairs.documents, len(from_pairs)) == (5, 10)
    with pytest.raises(ValueError, match="record 1 is neither"):
        SpeakerIndex.from_records([{"text": "not a record"}])


def test_render_from_saved_records(
    capsys: pytest.CaptureFixture[str], seeds_extracted: dict[str, Path], seeds_dir: Path
) -> None:
    first = sorted(seeds_dir.glob("*.txt"))[0]
    code, from_text, _ = run(capsys, "render", first)
    assert code == 0
    code, from_records, err = run(capsys, "render", seeds_extracted["jsonl"])
    assert (code, err) == (0, "")
    assert from_records == from_text
    second = sorted(seeds_dir.glob("*.txt"))[1]
    code, page, _ = run(capsys, "render", seeds_extracted["csv"], "--doc", second)
    assert code == 0 and f"<title>{second.name}</title>" in page
    code, out, err = run(capsys, "render", seeds_extracted["csv"], "--doc", "nope")
    assert (code, out) == (1, "")
    assert err == f"quoteattr: {seeds_extracted['csv']}: no document 'nope' in this file\n"


def test_render_says_when_a_document_id_is_not_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "q.jsonl"
    out.write_text(format_block("jsonl", "a17", [Quote("Hi", 1, 3)]), encoding="utf-8")
    code, _, err = run(capsys, "render", out)
    assert code == 1 and "the text of document 'a17' is not a file" in err


# ---- records that do not parse


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _good(doc: str = "a.txt") -> str:
    return format_block("jsonl", doc, [Quote("Hi", 1, 3)])


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("q.jsonl", _good() + "{oops\n", "q.jsonl:2: not valid JSON"),
        ("q.jsonl", _good() + "\n[1, 2]\n", "q.jsonl:3: not a JSON object"),
        (
            "q.jsonl",
            _good() + '{"doc": "a", "start": 1}\n',
            "q.jsonl:2: not a quotation record written by quoteattr extract (no 'end', 'quote'",
        ),
        (
            "q.jsonl",
            _good().replace('"end": 3', '"end": 0'),
            "q.jsonl:1: not a quotation record (Quote.end (0) must not be before start (1))",
        ),
        (
            "q.csv",
            format_header("csv")
            + format_block("csv", "a", [Quote("Hi", 1, 3)]).replace(",1,3,", ",one,3,"),
            "q.csv:2: start: 'one' is not a whole number",
        ),
        (
            "q.csv",
            format_header("csv") + "a,b\n",
            f"q.csv:2: 2 cells where the header has {len(FIELDS)}",
        ),
    ],
)
def test_a_record_that_does_not_parse_names_the_file_and_line(
    name: str, text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / name, text)
    with pytest.raises(InputOutputError) as caught:
        list(load_quotes(path))
    assert str(caught.value).startswith(f"{tmp_path / message}")
    code, out, err = run(capsys, "speakers", path)
    assert (code, out) == (1, "")
    assert err.startswith(f"quoteattr: {tmp_path / message}")


def test_load_quotes_wants_the_header_of_records(tmp_path: Path) -> None:
    path = _write(tmp_path / "q.csv", "doc,text\na,b\n")
    with pytest.raises(InputOutputError, match=r"q\.csv:1: not a header of quotation records"):
        list(load_quotes(path))


def test_load_quotes_wants_a_record_suffix_and_a_readable_file(tmp_path: Path) -> None:
    with pytest.raises(InputOutputError, match=r"quotes\.txt: not a file of quotation records"):
        list(load_quotes(tmp_path / "quotes.txt"))
    with pytest.raises(InputOutputError, match="cannot read it"):
        list(load_quotes(tmp_path / "missing.jsonl"))


def test_records_with_a_bom_crlf_and_metadata_load(tmp_path: Path) -> None:
    quote = Quote("Hi", 1, 3, speaker=Speaker("Ann", kind="person"))
    meta = {"outlet": "The Times", "kind": "op-ed"}
    jsonl = format_block("jsonl", "d1", [quote], meta).replace("\n", "\r\n")
    path = tmp_path / "q.jsonl"
    path.write_bytes(("\ufeff" + jsonl).encode("utf-8"))
    assert list(load_quotes(path)) == [("d1", [quote])]
    columns = ["doc", "outlet", "doc_kind", *FIELDS[1:]]
    table = format_header("csv", meta) + format_block("csv", "d1", [quote], meta, columns)
    path = tmp_path / "q.csv"
    path.write_bytes(("\ufeff" + table.replace("\n", "\r\n")).encode("utf-8"))
    assert list(load_quotes(path)) == [("d1", [quote])]


def test_consecutive_records_of_one_document_are_one_pair(tmp_path: Path) -> None:
    a1, a2, b = Quote("x", 0, 1), Quote("y", 5, 6), Quote("z", 0, 1)
    text = format_block("jsonl", "a", [a1, a2]) + format_block("jsonl", "b", [b])
    path = _write(tmp_path / "q.jsonl", text + "\n")
    assert list(load_quotes(path)) == [("a", [a1, a2]), ("b", [b])]


# ---- any quote, through the flat record and back

_TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=12)
_NAME = st.one_of(st.none(), _TEXT.filter(bool))  # an optional string: None or not empty


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    start = draw(st.integers(0, 500))
    end = start + draw(st.integers(0, 50))

    def span(cls: type, *extra: str) -> Any:
        s = draw(st.integers(0, 500))
        return cls(draw(_TEXT), *extra, s, s + draw(st.integers(0, 9)))

    speaker = None
    if draw(st.booleans()):
        speaker = Speaker(
            draw(_TEXT),
            mention=span(Mention) if draw(st.booleans()) else None,
            kind=draw(st.sampled_from(["person", "organization", "other", "unknown"])),
            id=draw(_NAME),
            descriptions=draw(st.lists(_TEXT, max_size=3)),
            pronouns=draw(st.lists(_TEXT, max_size=2)),
            gender=draw(st.sampled_from([None, "female", "male", "unknown"])),
            gender_evidence=draw(st.lists(_TEXT, max_size=2)),
        )
    cue = span(Cue, draw(_TEXT)) if draw(st.booleans()) else None
    return Quote(
        draw(_TEXT),
        start,
        end,
        speaker=speaker,
        cue=cue,
        kind=draw(st.sampled_from(["direct", "partial", "scare", "indirect"])),
        confidence=draw(st.floats(0, 1)),
        rule=draw(_TEXT),
        paragraph=draw(st.integers(0, 99)),
        part=draw(st.integers(0, 3)),
        continues=draw(st.one_of(st.none(), st.integers(0, 500))),
    )


@given(quotes())
def test_any_quote_round_trips_through_a_json_record(quote: Quote) -> None:
    record = json.loads(json.dumps(quote_record("d", quote, {"outlet": "x"})))
    assert tuple(k for k in record if k != "outlet") == FIELDS
    assert quote_from_record(record) == quote


@given(quotes(), st.sampled_from(["csv", "tsv"]))
def test_any_quote_round_trips_through_csv_cells(quote: Quote, fmt: str) -> None:
    text = format_header(fmt) + format_block(fmt, "d", [quote])
    (row,) = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if fmt == "tsv" else ",")
    assert quote_from_record(row, cells=True) == quote


def test_doc_is_for_files_of_records_only(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    first = sorted(seeds_dir.glob("*.txt"))[0]
    code, out, err = run(capsys, "render", first, "--doc", "x")
    assert (code, out) == (2, "")
    assert err.endswith("--doc chooses a document of a file of records, and FILE is not one\n")
