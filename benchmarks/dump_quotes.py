"""Dump every quote of a corpus as JSON Lines, to diff a speed change's output.

Usage::

    python benchmarks/dump_quotes.py GOLD.jsonl OUT.jsonl [--indirect] [--fast] [--limit N]

One line per document: ``{"doc": i, "quotes": [quote.to_dict(), ...]}``, with the
speakers' entity ids left out (they number entities in the order they are met, which a
change of what is parsed may change without changing any quote). A speed change must give
the same file: ``diff before.jsonl after.jsonl``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def _strip_ids(quote: dict[str, Any]) -> dict[str, Any]:
    speaker = quote.get("speaker")
    if isinstance(speaker, dict):
        speaker = {k: v for k, v in speaker.items() if k != "id"}
        quote = {**quote, "speaker": speaker}
    return quote


def main() -> None:
    """Dump the quotes of every document of a JSON Lines corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold")
    parser.add_argument("out")
    parser.add_argument("--indirect", action="store_true")
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    import quoteattr

    settings: dict[str, Any] = {"include_indirect": args.indirect}
    if args.fast:
        settings["fast"] = True
    extractor = quoteattr.QuoteExtractor(**settings)
    with open(args.gold, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    texts = texts[: args.limit] if args.limit else texts
    with open(args.out, "w", encoding="utf-8") as out:
        for i, quotes in enumerate(extractor.pipe(texts)):
            record = {"doc": i, "quotes": [_strip_ids(q.to_dict()) for q in quotes]}
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
