"""Every example of ``docs/cli.rst`` runs, and every flag of the command line is documented.

The console examples run in order, in a folder that holds the repository's ``seeds/`` (so
document ids read ``seeds/...``) and the files the page shows (a ``code-block`` with a
``:caption:`` is written to the file it names). In the expected output, ``...`` alone on a
line stands for any lines, and ``...`` in a line for the rest of it (or any text between).
The ``doctest`` blocks run too, after their ``testsetup``.
"""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

from quoteattr import cli
from quoteattr.cli import main
from quoteattr.options import settings_table

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "cli.rst"


def _blocks(directive: str) -> list[tuple[list[str], list[str]]]:
    """The ``(options, body lines)`` of every ``.. directive`` block of the page."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        if line.strip() != f".. {directive}" and not line.startswith(f".. {directive} "):
            continue
        options, body, j = [], [], i + 1
        while j < len(lines) and lines[j].strip().startswith(":"):
            options.append(lines[j].strip())
            j += 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        indent = " " * (len(lines[j]) - len(lines[j].lstrip()))
        while j < len(lines) and (not lines[j].strip() or lines[j].startswith(indent)):
            body.append(lines[j][len(indent) :])
            j += 1
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        found.append((options, body))
    return found


def _console_examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for _, body in _blocks("code-block:: console"):
        for line in body:
            if line.startswith("$ "):
                examples.append((line[2:], []))
            else:
                examples[-1][1].append(line)
    return examples


def _matches(expected: list[str], got: list[str]) -> bool:
    """``got`` fits ``expected``: ``...`` lines match any lines, ``...`` in a line any text."""
    if not expected:
        return not got
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(_matches(rest, got[i:]) for i in range(len(got) + 1))
    if not got:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split("..."))
    return re.fullmatch(pattern, got[0]) is not None and _matches(rest, got[1:])


def test_the_page_has_examples_of_every_subcommand() -> None:
    commands = {shlex.split(c)[1] for c, _ in _console_examples()}
    assert commands == set(cli.SUBCOMMANDS)


def test_every_console_example_runs_as_shown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    for options, body in _blocks("code-block:: json"):
        (caption,) = [o.split(":", 2)[2].strip() for o in options if o.startswith(":caption:")]
        (tmp_path / caption).write_text("\n".join(body) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command, expected in _console_examples():
        words = shlex.split(command)
        assert words[0] == "quoteattr"
        code = main(words[1:])
        out, err = capsys.readouterr()
        got = (out + err).splitlines()
        assert _matches(expected, got), f"$ {command}\n" + "\n".join(got[:20])
        failing = any(line.startswith("quoteattr: ") and "wrote" not in line for line in got)
        assert (code != 0) == failing, f"$ {command}: exit status {code}"


def test_the_doctest_examples_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    globs: dict[str, object] = {}
    for _, body in _blocks("testsetup:: cli"):
        exec("\n".join(body), globs)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    parser = doctest.DocTestParser()
    for n, (_, body) in enumerate(_blocks("doctest:: cli")):
        test = parser.get_doctest("\n".join(body) + "\n", globs, f"cli.rst[{n}]", str(PAGE), 0)
        runner.run(test, clear_globs=False)
        globs = test.globs  # the blocks of a group share their names, as in Sphinx
    assert runner.failures == 0 and runner.tries >= 3


def _synopsis(command: str) -> str:
    for _, body in _blocks("code-block:: text"):
        if body and body[0].startswith(f"quoteattr {command} "):
            return " ".join(body)
    raise AssertionError(f"no synopsis of quoteattr {command}")


def _options(command: str) -> list[list[str]]:
    """The option strings of each flag of a subcommand (``-h`` left out)."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    actions = sub.choices[command]._actions  # type: ignore[union-attr]
    return [a.option_strings for a in actions if a.option_strings and a.dest != "help"]


def _flags(command: str) -> set[str]:
    return {max(strings, key=len) for strings in _options(command)}


@pytest.mark.parametrize("command", cli.SUBCOMMANDS)
def test_every_flag_is_in_the_synopsis_and_nothing_else(command: str) -> None:
    shown = set(re.findall(r"\[(--?[\w-]+)", _synopsis(command)))
    options = _options(command)
    assert all(shown & set(strings) for strings in options), shown
    assert shown <= {s for strings in options for s in strings}


@pytest.mark.parametrize("command", ["extract", "speakers", "render", "evaluate"])
def test_every_flag_is_described(command: str) -> None:
    text = PAGE.read_text(encoding="utf-8")
    section = text.split(f".. program:: quoteattr {command}\n", 1)[1].split(".. program::")[0]
    described = set(re.findall(r"^\.\. option:: (?:-\w [^,]+, )?(--[\w-]+)", section, re.M))
    described |= set(re.findall(r":option:`(--[\w-]+)\s+<quoteattr\s+extract\s+\1>`", section))
    settings = {s.flag for s in settings_table()}
    if command in ("speakers", "render"):
        described |= settings  # "the settings are those of extract"
    assert _flags(command) <= described


def test_the_matcher_is_strict_outside_its_ellipses() -> None:
    assert _matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert _matches(["a ...", "b"], ["a and more", "b"])
    assert not _matches(["a", "b"], ["a", "b", "c"])
    assert not _matches(["a ...x"], ["a y"])
