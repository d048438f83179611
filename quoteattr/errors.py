"""Exceptions raised by quoteattr.

Every error the public API raises on purpose is a :class:`QuoteattrError` or a standard
:class:`TypeError` / :class:`ValueError` whose message says what to do.
"""

from __future__ import annotations

__all__ = ["ModelNotFoundError", "QuoteattrError"]


class QuoteattrError(Exception):
    """Base class of the exceptions quoteattr raises."""


class ModelNotFoundError(QuoteattrError, OSError):
    """No usable spaCy English pipeline is installed, or the one asked for is missing.

    The message names the package to install. quoteattr never downloads a model at run time.
    """
