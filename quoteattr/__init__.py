"""quoteattr: find direct quotations in English news text and say who said them, by name.

The public API::

    >>> import quoteattr
    >>> quotes = quoteattr.extract_quotes('“We will win,” said Jane Doe, a senator.')
    >>> quotes[0].text, quotes[0].speaker.name
    ('We will win,', 'Jane Doe')
"""

from ._speakers import SpeakerGroup, group_by_speaker
from ._version import __version__
from .errors import InputOutputError, ModelNotFoundError, QuoteattrError
from .index import CorpusSpeaker, SpeakerIndex
from .io import load_quotes
from .marks import QuoteSpan, find_quotes
from .model import Cue, Mention, Quote, Speaker
from .nlp import load_nlp
from .pipeline import QuoteExtractor, extract_quotes

__all__ = [
    "CorpusSpeaker",
    "Cue",
    "InputOutputError",
    "Mention",
    "ModelNotFoundError",
    "Quote",
    "QuoteExtractor",
    "QuoteSpan",
    "QuoteattrError",
    "Speaker",
    "SpeakerGroup",
    "SpeakerIndex",
    "__version__",
    "extract_quotes",
    "find_quotes",
    "group_by_speaker",
    "load_nlp",
    "load_quotes",
]
