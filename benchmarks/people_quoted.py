"""People quoted per article, by gender: the figure media researchers publish, on gold data.

Reads a gold file whose quotes carry ``speaker``, ``aliases``, ``kind`` (``indirect``
included) and ``speaker_gender`` (``female``, ``male``, ``unknown``, ``none`` for
organizations), such as ``../shared/data/newsdev/gold.jsonl`` (the default, when it is
there), runs the extractor with reported speech, and compares, article by article:

* the **gold people quoted**: each distinct gold speaker of a quotation or reported speech
  (``skip`` entries left out) whose gender is not ``none``;
* the **system people quoted**: each distinct speaker of kind ``person`` of the returned
  quotes (those overlapping a ``skip`` entry by half dropped, as the scorer drops them).

A system person matches a gold person (one-to-one within an article) when the names match
as the scorer matches them (:func:`quoteattr.evaluate.speaker_matches`: the same last word,
of the name or an alias, without a different given name). Printed, for two ways of giving
the gender (``Speaker.pronouns`` only, as before; ``Speaker.gender``, from all the text's
evidence):

* P/R/F1 of the people quoted who are **women** (a system woman matched to a gold woman
  is a hit) and of those who are **men**, and of all the people quoted;
* **gender accuracy** over the matched people whose gender the text shows (gold
  ``female``/``male``): the share given that gender;
* **no gender without evidence** over the matched people whose gender the text does not
  show (gold ``unknown``): the share left ``unknown``.

::

    python benchmarks/people_quoted.py                      # newsdev, with reported speech
    python benchmarks/people_quoted.py --errors /tmp/people.jsonl
    python benchmarks/people_quoted.py --gender-from-names  # the opt-in fallback too
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import quoteattr
from quoteattr import Quote, Speaker
from quoteattr.evaluate import GoldQuote, overlap, speaker_matches

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "data" / "newsdev" / "gold.jsonl"


def gold_people(doc: dict[str, Any]) -> list[GoldQuote]:
    """One gold entry per person quoted in the article (the first quote of each)."""
    seen: dict[str, GoldQuote] = {}
    genders: dict[str, str] = {}
    for q in doc["quotes"]:
        if q.get("kind") == "skip" or not q.get("speaker") or q.get("speaker_gender") == "none":
            continue
        name = q["speaker"]
        if name not in seen:
            seen[name] = GoldQuote(0, 0, speaker=name, aliases=tuple(q.get("aliases") or ()))
            genders[name] = q.get("speaker_gender") or "unknown"
    return [attrs_with_gender(g, genders[g.speaker or ""]) for g in seen.values()]


def attrs_with_gender(gold: GoldQuote, gender: str) -> GoldQuote:
    """The gold person, its gender kept in ``kind`` (a field the matching does not read)."""
    return GoldQuote(0, 0, speaker=gold.speaker, aliases=gold.aliases, kind=gender)


def system_people(doc: dict[str, Any], quotes: Sequence[Quote]) -> list[Speaker]:
    """One speaker per person quoted in the article, skip-overlapping quotes dropped."""
    skips = [q for q in doc["quotes"] if q.get("kind") == "skip"]
    seen: dict[str, Speaker] = {}
    for quote in quotes:
        if any(overlap(s["start"], s["end"], quote.start, quote.end) >= 0.5 for s in skips):
            continue
        speaker = quote.speaker
        if speaker is None or speaker.kind != "person" or not speaker.name:
            continue
        seen.setdefault(speaker.key, speaker)
    return list(seen.values())


def match(gold: Sequence[GoldQuote], found: Sequence[Speaker]) -> list[tuple[int, int]]:
    """Pairs (gold, system) one-to-one: exact names first, then the scorer's name match."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if any(p[0] == gi for p in pairs):
                continue
            for si, s in enumerate(found):
                if si in used:
                    continue
                same = s.name.casefold() == (g.speaker or "").casefold()
                hit = same if exact else speaker_matches(g, Quote("", 0, 0, speaker=s))
                if hit:
                    pairs.append((gi, si))
                    used.add(si)
                    break
    return pairs


def by_pronouns(speaker: Speaker) -> str:
    """The gender ``Speaker.pronouns`` alone gives (the measure before the evidence)."""
    said = {p for p in speaker.pronouns if p in ("he", "him", "she", "her")}
    female, male = bool(said & {"she", "her"}), bool(said & {"he", "him"})
    return "female" if female and not male else "male" if male and not female else "unknown"


def by_evidence(speaker: Speaker) -> str:
    return speaker.gender or "unknown"


def prf(hits: int, returned: int, wanted: int) -> tuple[float, float, float]:
    p = hits / returned if returned else 0.0
    r = hits / wanted if wanted else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(
    docs: Sequence[dict[str, Any]],
    found: Sequence[list[Speaker]],
    gender: Callable[[Speaker], str],
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    c: Counter[str] = Counter()
    for doc, people in zip(docs, found, strict=True):
        gold = gold_people(doc)
        pairs = match(gold, people)
        c["gold"] += len(gold)
        c["pred"] += len(people)
        c["match"] += len(pairs)
        for g in gold:
            c[f"gold_{g.kind}"] += 1
        for s in people:
            c[f"pred_{gender(s)}"] += 1
        matched_gold = {gi for gi, _ in pairs}
        matched_sys = {si for _, si in pairs}
        for gi, si in pairs:
            want, got = gold[gi].kind, gender(people[si])
            if want in ("female", "male"):
                c["shown"] += 1
                c["shown_ok"] += got == want
                c[f"hit_{want}"] += got == want
            else:
                c["unshown"] += 1
                c["unshown_ok"] += got == "unknown"
            if errors is not None and got != want:
                errors.append(
                    {
                        "id": doc["id"],
                        "what": "gender",
                        "gold": gold[gi].speaker,
                        "want": want,
                        "got": got,
                        "name": people[si].name,
                        "evidence": list(people[si].gender_evidence),
                    }
                )
        if errors is not None:
            for gi, g in enumerate(gold):
                if gi not in matched_gold:
                    errors.append(
                        {"id": doc["id"], "what": "missed", "gold": g.speaker, "want": g.kind}
                    )
            for si, s in enumerate(people):
                if si not in matched_sys:
                    errors.append(
                        {
                            "id": doc["id"],
                            "what": "spurious",
                            "name": s.name,
                            "got": gender(s),
                            "evidence": list(s.gender_evidence),
                        }
                    )
    out: dict[str, Any] = {"gold people": c["gold"], "system people": c["pred"]}
    out["people P/R/F1"] = prf(c["match"], c["pred"], c["gold"])
    for want, label in (("female", "women"), ("male", "men")):
        out[f"{label} P/R/F1"] = prf(c[f"hit_{want}"], c[f"pred_{want}"], c[f"gold_{want}"])
    out["gender accuracy (text shows it)"] = (
        c["shown_ok"] / c["shown"] if c["shown"] else 0.0,
        c["shown"],
    )
    out["no gender without evidence"] = (
        c["unshown_ok"] / c["unshown"] if c["unshown"] else 0.0,
        c["unshown"],
    )
    return out


def show(name: str, result: dict[str, Any]) -> None:
    print(f"{name}")
    for key, value in result.items():
        if key.endswith("P/R/F1"):
            p, r, f = value
            print(f"  {key:34} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        elif isinstance(value, tuple):
            share, n = value
            print(f"  {key:34} {share:.3f}  (of {n})")
        else:
            print(f"  {key:34} {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--no-indirect", action="store_true", help="direct quotations only")
    parser.add_argument("--gender-from-names", action="store_true", help="the opt-in fallback")
    parser.add_argument("--errors", type=Path, help="write the misses as JSON Lines")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"no gold file at {args.gold}: nothing to measure", file=sys.stderr)
        return 0
    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line]
    extractor = quoteattr.QuoteExtractor(
        include_indirect=not args.no_indirect, gender_from_names=args.gender_from_names
    )
    found = [
        system_people(d, q)
        for d, q in zip(docs, extractor.pipe(d["text"] for d in docs), strict=True)
    ]
    print(
        f"{args.gold.name}: {len(docs)} articles, include_indirect={not args.no_indirect}, "
        f"gender_from_names={args.gender_from_names}"
    )
    show("gender from Speaker.pronouns only (before)", score(docs, found, by_pronouns))
    errors: list[dict[str, Any]] | None = [] if args.errors else None
    show("gender from the text's evidence: Speaker.gender", score(docs, found, by_evidence, errors))
    if args.errors and errors is not None:
        args.errors.write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
