"""Sphinx configuration of the quoteattr documentation.

Build the HTML pages (offline; warnings are errors)::

    sphinx-build -W --keep-going -b html docs docs/_build/html

Run the examples of the pages and of the API docstrings::

    sphinx-build -W --keep-going -b doctest docs docs/_build/doctest
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE / "_ext"))

import offline_inventories  # noqa: E402

import quoteattr  # noqa: E402

project = "quoteattr"
author = "The quoteattr developers"
copyright = "2025, the quoteattr developers"
release = quoteattr.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]

exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# -- HTML ---------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"quoteattr {release}"
html_static_path: list[str] = []
html_theme_options = {"navigation_with_keys": True}

# -- autodoc and napoleon (Google style) ----------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False  # "Attributes:" as attribute entries that can be linked to
napoleon_use_rtype = False

# -- intersphinx, offline ----------------------------------------------------------------
# Inventories are written locally (see _ext/offline_inventories.py): the build never
# downloads anything, and spaCy, which publishes no objects.inv, gets links too.
intersphinx_mapping = offline_inventories.mapping(HERE / "_build" / "_inventories")
intersphinx_timeout = 1

# -- doctest -------------------------------------------------------------------------------
doctest_global_setup = """
import quoteattr
from quoteattr import extract_quotes, QuoteExtractor, Quote, Speaker, Mention, Cue
"""
# Only the ``.. doctest::`` examples of these pages run here. The ``>>>`` examples of the
# docstrings need their module's names: they run with ``pytest --doctest-modules quoteattr``.
doctest_test_doctest_blocks = ""
