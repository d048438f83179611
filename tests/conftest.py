"""Shared fixtures: the default pipeline and extractor are loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import quoteattr

# Property tests: "ci" (the default) is derandomized, so that a run cannot fail by chance;
# "fuzz" draws many random examples. Run the long one with
#   HYPOTHESIS_PROFILE=fuzz python -m pytest tests -k propert
# and turn every failure it finds into an @example or a table case.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("fuzz", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return quoteattr.load_nlp()


@pytest.fixture(scope="session")
def extractor(nlp):  # type: ignore[no-untyped-def]
    return quoteattr.QuoteExtractor(nlp)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
