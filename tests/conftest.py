"""Shared fixtures: the default pipeline and extractor are loaded once per test session.

Hypothesis runs under one of two profiles, chosen by the ``HYPOTHESIS_PROFILE`` environment
variable:

``ci`` (the default)
    Derandomized: every run tries the same examples, so CI never fails on a draw it has not
    seen before; no deadline (a spaCy parse may be slow on a loaded machine); a failure
    prints the blob that reproduces it.
``fuzz``
    Random and many examples, to look for new failures:
    ``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_marks_properties.py``. Every
    failure it finds becomes an ``@example`` or a table case, and a fix.

Tests give only what differs from the profile (a slow test asks for fewer examples, in
proportion), never ``derandomize`` or a seed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import quoteattr

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,  # no replay of examples a local run saved: CI sees what every run sees
    deadline=None,
    max_examples=200,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    deadline=None,
    max_examples=5_000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
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


@pytest.fixture(scope="session")
def view(nlp):  # type: ignore[no-untyped-def]
    """Build the document view of a text, parsed whole, so that a rule can be run alone:
    ``ctx = view(text)`` then ``_rules.trailing_cue(ctx, 0)``."""
    from quoteattr._context import Context
    from quoteattr._parsing import paragraphs_of_doc
    from quoteattr._quotations import outermost_quotations
    from quoteattr.marks import paragraph_bounds
    from quoteattr.options import Options

    def make(text: str, **settings: object) -> Context:
        options = Options.from_settings(None, **settings)
        spans, frames = outermost_quotations(text)
        paras = paragraphs_of_doc(nlp(text), paragraph_bounds(text))
        return Context(
            text=text,
            paras=paras,
            quotes=spans,
            lexicon=options.lexicon,
            frames=frames,
            around_partial=options.indirect_around_partial,
        )

    return make
