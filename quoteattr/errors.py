"""Exceptions raised by quoteattr.

Every error the public API raises on purpose is a :class:`QuoteattrError` or a standard
:class:`TypeError` / :class:`ValueError` whose message says what to do.
"""

from __future__ import annotations

__all__ = ["InputOutputError", "ModelNotFoundError", "QuoteattrError"]


class QuoteattrError(Exception):
    """Base class of the exceptions quoteattr raises."""


class ModelNotFoundError(QuoteattrError, OSError):
    """No usable spaCy English pipeline is installed, or the one asked for is missing.

    The message names the package to install. quoteattr never downloads a model at run time.
    """


class InputOutputError(QuoteattrError):
    """A problem with an input or output file that stops the run (exit status 1).

    The message names the file, and the line when there is one (``quotes.jsonl:12: ...``).
    """
