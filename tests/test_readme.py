"""The README's Python example runs as written, so the first thing users copy cannot rot."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "the README has a Python example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], "README.md", "exec"), {})
    assert "Mark Carney | We are ready," in out.getvalue()


def test_readme_commands_parse() -> None:
    """Every ``quoteattr`` command of the README's shell blocks is a valid command line."""
    import shlex

    from quoteattr import cli

    text = README.read_text(encoding="utf-8")
    commands = [
        line.split("  #")[0].strip()
        for block in re.findall(r"```bash\n(.*?)```", text, re.S)
        for line in block.splitlines()
        if line.startswith("quoteattr ")
    ]
    assert len(commands) >= 8
    for command in commands:
        args = cli.build_parser().parse_args(shlex.split(command)[1:])
        cli._check(args)  # no usage error either
