"""Shared fixtures: the default pipeline and extractor are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import quoteattr

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
