"""The reporting-verb lexicon: textacy's list as a start, news verbs added, built lazily."""

from __future__ import annotations

import subprocess
import sys

from textacy import constants

from quoteattr import cues


def test_lexicon_starts_from_textacy_and_adds_news_verbs() -> None:
    lexicon = cues.cue_lemmas()
    assert set(constants.REPORTING_VERBS["en"]) - {"according"} <= lexicon
    assert {"stress", "insist", "quip", "tweet", "proclaim", "call"} <= lexicon
    assert lexicon == cues.CUE_LEMMAS


def test_extra_cues_are_added_lower_cased() -> None:
    assert "theorize" in cues.make_lexicon(["  Theorize "])
    assert "theorize" not in cues.cue_lemmas()


def test_importing_quoteattr_does_not_import_textacy() -> None:
    code = "import sys, quoteattr; print('textacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
