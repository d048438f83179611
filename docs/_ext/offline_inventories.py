"""Intersphinx inventories written locally, so that the docs build needs no network.

Intersphinx normally downloads each project's ``objects.inv``. The build machines of
quoteattr have no internet, and spaCy publishes no inventory at all, so this module writes
small inventories of the Python, spaCy and attrs names our API documentation mentions, with their
real addresses on docs.python.org, spacy.io and attrs.org. :func:`mapping` returns the
``intersphinx_mapping`` that uses them.
"""

from __future__ import annotations

import zlib
from pathlib import Path

PYTHON_URL = "https://docs.python.org/3/"
SPACY_URL = "https://spacy.io/"
ATTRS_URL = "https://www.attrs.org/en/stable/"

# (name, domain:role, page#anchor); "$" in the address stands for the name.
PYTHON: tuple[tuple[str, str, str], ...] = (
    *((n, "py:class", "library/stdtypes.html#$") for n in ("str", "bytes", "list", "dict")),
    *((n, "py:class", "library/stdtypes.html#$") for n in ("tuple", "set", "frozenset")),
    *((n, "py:class", "library/functions.html#$") for n in ("int", "float", "bool", "object")),
    *((n, "py:data", "library/constants.html#$") for n in ("None", "True", "False")),
    *(
        (n, "py:exception", "library/exceptions.html#$")
        for n in ("Exception", "ValueError", "TypeError", "OSError", "KeyError")
    ),
    *(
        (n, "py:exception", "library/exceptions.html#$")
        for n in ("UnicodeDecodeError", "FileNotFoundError", "NotImplementedError")
    ),
    ("pathlib.Path", "py:class", "library/pathlib.html#$"),
    ("collections.Counter", "py:class", "library/collections.html#$"),
    *(
        (f"collections.abc.{n}", "py:class", "library/collections.abc.html#$")
        for n in ("Callable", "Iterable", "Iterator", "Mapping", "Sequence")
    ),
    *((f"typing.{n}", "py:data", "library/typing.html#$") for n in ("Any", "Literal")),
    ("typing.TextIO", "py:class", "library/typing.html#$"),
    ("typing.IO", "py:class", "library/typing.html#$"),
    ("argparse.ArgumentParser", "py:class", "library/argparse.html#$"),
    ("argparse.Namespace", "py:class", "library/argparse.html#$"),
    ("doctest", "py:module", "library/doctest.html#module-doctest"),
    ("json", "py:module", "library/json.html#module-json"),
    ("csv", "py:module", "library/csv.html#module-csv"),
    ("html.escape", "py:function", "library/html.html#$"),
)

SPACY: tuple[tuple[str, str, str], ...] = (
    ("spacy", "py:module", "api/top-level"),
    ("spacy.load", "py:function", "api/top-level#spacy.load"),
    ("spacy.language.Language", "py:class", "api/language"),
    ("spacy.language.Language.pipe", "py:method", "api/language#pipe"),
    ("spacy.tokens.Doc", "py:class", "api/doc"),
    ("spacy.tokens.Span", "py:class", "api/span"),
    ("spacy.tokens.Token", "py:class", "api/token"),
    # quoteattr imports these for type hints only, so its signatures name them unqualified
    ("Language", "py:class", "api/language"),
    ("Doc", "py:class", "api/doc"),
    ("Span", "py:class", "api/span"),
    ("Token", "py:class", "api/token"),
)

ATTRS: tuple[tuple[str, str, str], ...] = (
    ("attrs", "py:module", "index.html"),
    ("attrs.frozen", "py:function", "api.html#$"),
    ("attrs.define", "py:function", "api.html#$"),
    ("attrs.field", "py:function", "api.html#$"),
    ("attrs.evolve", "py:function", "api.html#$"),
    ("attrs.asdict", "py:function", "api.html#$"),
)


def write_inventory(path: Path, project: str, entries: tuple[tuple[str, str, str], ...]) -> Path:
    """Write an intersphinx inventory (format version 2) and return its path."""
    lines = "".join(f"{name} {role} 1 {address} -\n" for name, role, address in entries)
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header.encode("utf-8") + zlib.compress(lines.encode("utf-8")))
    return path


def mapping(folder: Path) -> dict[str, tuple[str, str]]:
    """Write the inventories into ``folder``; return the matching ``intersphinx_mapping``."""
    python = write_inventory(folder / "python.inv", "Python", PYTHON)
    spacy = write_inventory(folder / "spacy.inv", "spaCy", SPACY)
    attrs = write_inventory(folder / "attrs.inv", "attrs", ATTRS)
    return {
        "python": (PYTHON_URL, str(python)),
        "spacy": (SPACY_URL, str(spacy)),
        "attrs": (ATTRS_URL, str(attrs)),
    }
