"""The house: quoteattr's modules import one way, never in a cycle, never a private name.

Every import of one quoteattr module by another counts, those inside functions and under
``TYPE_CHECKING`` too. The modules are listed in :data:`LAYERS`, lowest first; a module may
import only modules of earlier layers, or earlier modules of its own layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quoteattr"

LAYERS: tuple[tuple[str, ...], ...] = (
    # foundation: data and data classes, no spaCy work
    (
        "_version",
        "errors",
        "_lexicon",
        "_roles",
        "_names",
        "_gender",
        "cues",
        "options",
        "model",
    ),
    # the text layer: marks and quotations, pure text
    ("marks", "_quotations"),
    # what spaCy must see
    ("_selection",),
    # parsing, the standard way
    ("nlp", "_parsing", "_windows"),
    # the document view and the syntax the rules share
    ("_context", "_syntax"),
    # speakers and mentions
    ("_speakers", "_mentions"),
    # the rules, direct and reported side by side, and the quotes they build (with their
    # calibrated confidence)
    (
        "_attribution",
        "_passing",
        "_interviews",
        "_rules",
        "_reported",
        "_scare",
        "_confidence",
        "_build",
    ),
    # running it: the one path and the spaCy component
    ("pipeline",),
    # around it
    (
        "io",
        "corpus",
        "index",
        "report",
        "render",
        "evaluate",
        "dask",
        "cli",
        "__main__",
        "__init__",
    ),
)


def _modules() -> dict[str, Path]:
    return {p.stem: p for p in PACKAGE.glob("*.py")}


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """``(module, names, line)`` of every import of a quoteattr module in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                out.append((node.module.split(".")[0], [a.name for a in node.names], node.lineno))
            elif node.level == 1:  # from . import x
                out.extend((a.name, [], node.lineno) for a in node.names)
            elif node.module and node.module.split(".")[0] == "quoteattr":
                parts = node.module.split(".")
                if len(parts) > 1:
                    out.append((parts[1], [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "quoteattr" and len(parts) > 1:
                    out.append((parts[1], [], node.lineno))
    return out


def _rank() -> dict[str, tuple[int, int]]:
    return {m: (layer, k) for layer, mods in enumerate(LAYERS) for k, m in enumerate(mods)}


def test_every_module_has_a_layer() -> None:
    assert set(_modules()) == set(_rank()), "add new modules to LAYERS"


@pytest.mark.parametrize("module", sorted(_modules()))
def test_imports_go_down_the_layers(module: str) -> None:
    rank = _rank()
    for target, _, line in _imports(_modules()[module]):
        assert rank[target] < rank[module], (
            f"quoteattr/{module}.py:{line} imports {target}, which comes after it in LAYERS"
        )


@pytest.mark.parametrize("module", sorted(_modules()))
def test_no_private_name_is_imported_across_modules(module: str) -> None:
    for target, names, line in _imports(_modules()[module]):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"quoteattr/{module}.py:{line} imports {private} from {target}"


def test_rules_module_stays_small() -> None:
    lines = (PACKAGE / "_rules.py").read_text(encoding="utf-8").count("\n")
    assert lines < 700, f"_rules.py has {lines} lines: split out what is not a rule"
