"""People quoted per article, the ``--by`` reports and the ``--html`` page (in Chromium too)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from quoteattr import Quote, Speaker
from quoteattr.cli import main
from quoteattr.index import is_named, people_quoted
from quoteattr.report import PeopleReport, ReportError, format_report, month_of, report_html


def said(name: str, kind: str = "person", gender: str | None = None, *evidence: str) -> Quote:
    speaker = Speaker(name, kind=kind, gender=gender, gender_evidence=evidence)  # type: ignore[arg-type]
    return Quote("words", 0, 5, speaker=speaker)


ANN = ("Ann Lee", "person", "female", "pronoun: she")
TOM = ("Tom Ray", "person", "male", "honorific: Mr")


# ---- people quoted per article


def test_a_person_counts_once_per_article() -> None:
    quotes = [said(*ANN), said(*ANN), said(*TOM), said("officials"), said("EU", "organization")]
    quotes += [said("a report", "other"), said("she", "unknown"), Quote("x", 0, 1)]
    found = people_quoted(quotes)
    assert [s.name for s in found.people] == ["Ann Lee", "Tom Ray"]
    assert [s.name for s in found.unnamed] == ["officials"]
    assert [s.name for s in found.organizations] == ["EU", "a report"]
    assert found.unresolved == 2


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Mark Carney", True),
        ("Carney", True),
        ("Ursula von der Leyen", True),
        ("Stephen C", True),
        ("officials", False),
        ("EU spokesperson", False),
        ("the 38-year-old", False),
        ("Council Leader", False),
        ("Other European Union countries", False),
    ],
)
def test_named_people_and_unnamed_sources(name: str, named: bool) -> None:
    assert is_named(Speaker(name, kind="person")) is named


# ---- the report


def corpus() -> PeopleReport:
    report = PeopleReport()
    report.add(
        "a", [said(*ANN), said(*TOM), said("officials")], {"outlet": "Star", "date": "2025-03-01"}
    )
    report.add("b", [said("Lee", "person", "unknown")], {"outlet": "Star", "date": "2025-04-02"})
    report.add(
        "c",
        [said("Ann Lee", "person", "unknown"), said("EU", "organization")],
        {"outlet": "Sun", "date": "April 9, 2025"},
    )
    report.add("d", [said("Kim Park", "person", "unknown")], {"date": "someday"})
    return report


def test_rows_count_people_once_per_article_under_their_corpus_gender() -> None:
    (whole,) = corpus().rows("gender")
    # Ann Lee in a, b ("Lee") and c, though b and c show no gender: her corpus gender
    assert (whole.articles, whole.people, whole.female, whole.male, whole.unknown) == (
        4,
        5,
        3,
        1,
        1,
    )
    assert (whole.unnamed, whole.organizations) == (1, 1)
    assert whole.women == pytest.approx(0.6) and whole.women_of_known == pytest.approx(0.75)


def test_rows_by_outlet_and_month_put_the_missing_last() -> None:
    report = corpus()
    outlets = [(r.group, r.articles, r.people, r.female) for r in report.rows("outlet")]
    assert outlets == [("Star", 2, 3, 2), ("Sun", 1, 1, 1), ("(no outlet)", 1, 1, 0)]
    months = [(r.group, r.people) for r in report.rows("month")]
    assert months == [("2025-03", 2), ("2025-04", 2), ("(no date)", 1)]
    assert report.undated() == 1


def test_a_field_no_article_has_is_a_clear_error() -> None:
    report = PeopleReport()
    report.add("a", [said(*ANN)], {"url": "x"})
    with pytest.raises(ReportError, match="no article has an 'outlet' field"):
        report.rows("outlet")
    with pytest.raises(ReportError, match="--date-field"):
        format_report(report, "month")


@pytest.mark.parametrize(
    ("value", "month"),
    [
        ("2025-03-01", "2025-03"),
        ("2025-03-01T10:00:00Z", "2025-03"),
        ("2025/3", "2025-03"),
        ("Tue, 04 Mar 2025 10:00:00 +0000", "2025-03"),
        ("4 March 2025", "2025-03"),
        ("Mar 4, 2025", "2025-03"),
        ("04/03/2025", None),
        ("2025-13-01", None),
        ("", None),
        (None, None),
    ],
)
def test_month_of(value: str | None, month: str | None) -> None:
    assert month_of(value) == month


def test_text_csv_and_jsonl_formats() -> None:
    report = corpus()
    table = format_report(report, "gender")
    assert "female         3   60.0%" in table and "unknown        1   20.0%" in table
    assert "women among the people of known gender: 75.0% (3 of 4)" in table
    assert "unnamed sources 1" in table
    outlet = format_report(report, "outlet")
    assert outlet.splitlines()[-1] == "1 of 4 articles have no 'outlet' field: (no outlet)"
    rows = list(csv.DictReader(io.StringIO(format_report(report, "month", "csv"))))
    assert [r["group"] for r in rows] == ["2025-03", "2025-04", "(no date)"]
    lines = [json.loads(line) for line in format_report(report, "outlet", "jsonl").splitlines()]
    assert lines[0]["by"] == "outlet" and lines[0]["women"] == pytest.approx(2 / 3, abs=1e-4)


# ---- the command line


def write_corpus(path: Path) -> Path:
    records = [
        {
            "id": "a1",
            "outlet": "The Star",
            "date": "2025-03-01",
            "text": "“We will win,” said Jane Doe, a senator. She spoke in Ottawa.",
        },
        {
            "id": "a2",
            "outlet": "The Star",
            "date": "2025-04-02",
            "text": "“Taxes will rise,” said Mr. Tom Ray, a spokesman for the Treasury.",
        },
        {
            "id": "a3",
            "outlet": "The Sun",
            "date": "2025-04-09",
            "text": "Jane Doe said: “Not on my watch.”\n“We will see,” officials said.",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_speakers_table_carries_gender(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_corpus(tmp_path / "voices.jsonl")
    code, out, _ = run(capsys, "speakers", path, "--format", "csv")
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0
    assert (rows["Jane Doe"]["gender"], rows["Tom Ray"]["gender"]) == ("female", "male")
    assert rows["Tom Ray"]["gender_evidence"] == "honorific: Mr (1); noun: spokesman (1)"
    assert rows["Jane Doe"]["genders"] == "female (1); unknown (1)"


def test_by_gender_outlet_and_month(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_corpus(tmp_path / "voices.jsonl")
    code, out, err = run(capsys, "speakers", path, "--by", "outlet", "--by", "month")
    assert (code, err) == (0, "")
    blocks = out.split("\n\n")
    assert blocks[0].splitlines()[1].split()[:5] == ["The", "Star", "2", "2", "1"]
    assert blocks[1].splitlines()[1].split()[:4] == ["2025-03", "1", "1", "1"]


def test_by_on_records_extract_wrote(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The metadata of the records ``extract`` wrote reaches the report."""
    corpus_path = write_corpus(tmp_path / "voices.jsonl")
    for fmt in ("jsonl", "csv"):
        records = tmp_path / f"quotes.{fmt}"
        assert main(["extract", str(corpus_path), "-o", str(records)]) == 0
        code, out, _ = run(capsys, "speakers", records, "--by", "outlet", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0 and [r["group"] for r in rows] == ["The Star", "The Sun"]
        assert [r["female"] for r in rows] == ["1", "1"]


def test_by_without_the_field_says_so_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "report.txt"
    code, out, err = run(
        capsys, "speakers", seeds_dir, "--by", "gender", "--by", "month", "-o", out_file
    )
    assert code == 1 and out == "" and not out_file.exists()
    assert err == (
        "quoteattr: --by month: no article has a 'date' field, so there is nothing to group "
        "by (give JSON Lines or CSV articles with a 'date' field or column, or name the field "
        "with --date-field)\n"
    )


def test_other_field_names(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "x",
                "site": "Planet",
                "published": "2024-12-24",
                "text": "“Hi,” said Ms. Ann Lee.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "speakers",
        path,
        "--by",
        "outlet",
        "--by",
        "month",
        "--outlet-field",
        "site",
        "--date-field",
        "published",
        "--format",
        "jsonl",
    )
    groups = [json.loads(line)["group"] for line in out.splitlines()]
    assert code == 0 and groups == ["Planet", "2024-12"]


def test_several_reports_in_csv_share_one_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_corpus(tmp_path / "voices.jsonl")
    code, out, _ = run(
        capsys, "speakers", path, "--by", "gender", "--by", "outlet", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [(r["by"], r["group"]) for r in rows] == [
        ("gender", "all"),
        ("outlet", "The Star"),
        ("outlet", "The Sun"),
    ]


def test_quotes_with_by_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_corpus(tmp_path / "voices.jsonl")
    code, _, err = run(capsys, "speakers", path, "--by", "gender", "--format", "jsonl", "--quotes")
    assert code == 2 and "--quotes" in err


# ---- the page


@pytest.fixture(scope="module")
def page() -> str:
    return report_html(corpus(), title="Voices <test>")


def test_page_is_self_contained(page: str) -> None:
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"(?:src|href)=", page)
    assert "Voices &lt;test&gt;" in page


def test_page_has_the_three_charts(page: str) -> None:
    charts = re.findall(r'<svg class="chart" data-chart="(\w+)"', page)
    assert charts == ["outlet", "month", "people"]
    bars = re.findall(r'<g class="bar" data-group="([^"]+)" data-share="([\d.]+)"', page)
    assert bars == [("Star", "0.6667"), ("Sun", "1.0000"), ("(no outlet)", "0.0000")]
    people = re.findall(r'<g class="person" data-name="([^"]+)" data-gender="(\w+)"', page)
    assert people[0] == ("Ann Lee", "female") and ("Tom Ray", "male") in people


def test_page_without_outlets_or_dates_says_so(tmp_path: Path) -> None:
    report = PeopleReport()
    report.add("a", [said(*ANN)])
    page = report_html(report)
    assert 'data-chart="outlet"' not in page and 'data-chart="month"' not in page
    assert page.count('<p class="missing">') == 2
    assert "no article has an &#x27;outlet&#x27; field" in page


def test_html_flag_writes_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_corpus(tmp_path / "voices.jsonl")
    target = tmp_path / "report.html"
    code, out, err = run(capsys, "speakers", path, "--by", "gender", "--html", target)
    assert code == 0 and out.startswith("people quoted, each once per article: 3 in 3")
    assert err == f"quoteattr: wrote {target} (3 articles)\n"
    assert 'data-chart="month"' in target.read_text(encoding="utf-8")


def test_html_without_fields_warns(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    code, _, err = run(capsys, "speakers", seeds_dir, "--html", target)
    assert code == 0
    assert (
        f"quoteattr: warning: {target} has no outlet chart: no article has an 'outlet' field" in err
    )
    assert target.read_text(encoding="utf-8").count('<p class="missing">') == 2


CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)

PROBE = """<script>
(function(){
  function box(el){ var r = el.getBoundingClientRect(); return {w: r.width, h: r.height}; }
  var out = {charts: {}, bars: [], people: [],
             missing: document.querySelectorAll('p.missing').length};
  document.querySelectorAll('svg.chart').forEach(function(svg){
    out.charts[svg.dataset.chart] = box(svg);
  });
  document.querySelectorAll('g.bar').forEach(function(g){
    var rect = g.querySelector('rect.women');
    out.bars.push({group: g.dataset.group, width: rect.getBoundingClientRect().width,
                   fill: getComputedStyle(rect).fill});
  });
  document.querySelectorAll('g.person').forEach(function(g){
    out.people.push({name: g.dataset.name, fill: getComputedStyle(g.querySelector('rect')).fill});
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_browser_draws_the_charts(page: str, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        target.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert found, f"no probe in the DOM; chromium said: {result.stderr[-2000:]}"
    probe = json.loads(html.unescape(found.group(1)))
    assert set(probe["charts"]) == {"outlet", "month", "people"}
    assert all(c["w"] > 100 and c["h"] > 20 for c in probe["charts"].values())
    assert probe["missing"] == 0
    widths = {b["group"]: b["width"] for b in probe["bars"]}
    assert widths["Sun"] > widths["Star"] > 0 and widths["(no outlet)"] == 0
    fills = {p["name"]: p["fill"] for p in probe["people"]}
    assert fills["Ann Lee"] != fills["Tom Ray"]
