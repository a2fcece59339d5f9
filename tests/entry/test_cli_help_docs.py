"""docs/cli.md and the code cannot drift: every flag the usage block at the top of
docs/cli.md shows for a command is in that command's `--help`, every command it names
exists, and every flag a `--help` lists is documented somewhere in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import invoke_cli

DOC = Path(__file__).parents[2] / "docs" / "cli.md"
FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z-]*[a-z]|-o)(?![\w-])")


def usage() -> dict[str, str]:
    """The usage block's lines by command (`convert`, `sessions list`…), continuation
    lines joined to their command's."""
    block = DOC.read_text(encoding="utf-8").split("```")[1]
    lines: dict[str, str] = {}
    last = ""
    for line in block.splitlines():
        if line.startswith("docgen "):
            last = line.split()[1]
            lines[last] = line
        elif line.strip():
            lines[last] += " " + line.strip()
    for line in [lines.pop("sessions")]:  # docgen sessions list | show ID | clean
        for alternative in line.removeprefix("docgen sessions").split("|"):
            lines["sessions " + alternative.split()[0]] = alternative
    return lines


def help_text(command: str) -> str:
    r = invoke_cli(*command.split(), "--help")
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_the_usage_block_names_every_command() -> None:
    root = help_text("")
    commands = set(re.findall(r"^  (\w+) ", root.split("Commands:")[1], re.M))
    assert {c.split()[0] for c in usage()} == commands


@pytest.mark.parametrize("command", sorted(usage()))
def test_each_documented_flag_is_in_the_help(command: str) -> None:
    documented = set(FLAG.findall(usage()[command]))
    shown = set(FLAG.findall(help_text(command)))
    assert documented - shown == set(), f"docgen {command}: in docs/cli.md, not in --help"


@pytest.mark.parametrize("command", sorted(usage()))
def test_each_flag_in_the_help_is_documented(command: str) -> None:
    documented = set(FLAG.findall(DOC.read_text(encoding="utf-8")))
    shown = set(FLAG.findall(help_text(command))) - {"--help"}
    assert shown - documented == set(), f"docgen {command}: in --help, not in docs/cli.md"
