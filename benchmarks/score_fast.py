"""Run the reference scorer on quoteattr's fast mode (``fast=True``), without editing it.

Usage::

    python benchmarks/score_fast.py GOLD.jsonl [the scorer's other arguments]

The scorer (``../shared/eval/score.py``) calls :func:`quoteattr.extract_quotes`; here that
function is given ``fast=True`` before the scorer runs, so that its figures are fast mode's.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Any

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"


def main() -> None:
    """Patch ``extract_quotes`` to fast mode and run the scorer with the given arguments."""
    import quoteattr

    plain = quoteattr.extract_quotes

    def fast(text: Any, nlp: Any = None, **settings: Any) -> Any:
        return plain(text, nlp, fast=True, **settings)

    quoteattr.extract_quotes = fast  # type: ignore[assignment]
    sys.argv = [str(SCORER), *sys.argv[1:]]
    runpy.run_path(str(SCORER), run_name="__main__")


if __name__ == "__main__":
    main()
