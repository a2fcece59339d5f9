"""The rich progress display in a real pseudo-terminal (issue 20): `--progress auto` on a
terminal draws the bar over the chapters with the stage, the count and the times; off a
terminal (`plain`) the same run prints the plain lines and no bar."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect

from tests.conftest import ROOT

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _run(tmp_path: Path, *args: str) -> tuple[int | None, str]:
    src = tmp_path / "book"
    src.mkdir(exist_ok=True)
    for i in range(1, 6):
        (src / f"ch{i}.md").write_text(f"# Chapter {i}\n\nParagraph {i}.\n")
    env = {**os.environ, "DOCGEN_HOME": str(tmp_path / "home"), "TERM": "xterm"}
    out = tmp_path / f"out{len(list(tmp_path.glob('out*.docx')))}.docx"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "agentic_docgen", "convert", str(src), "-o", str(out), *args],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        timeout=120,
        dimensions=(30, 140),
    )
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, _ANSI.sub("", child.before or "")


def test_bar_on_a_terminal_plain_lines_when_asked(tmp_path: Path) -> None:
    code, screen = _run(tmp_path)
    assert code == 0, screen
    assert "━" in screen  # the bar
    assert re.search(r"5/5 chapters", screen)
    assert re.search(r"\d:\d\d:\d\d left", screen)  # elapsed and remaining time
    assert "checking the document" in screen  # the stage
    assert "· chapter" not in screen and "Wrote" in screen
    code, screen = _run(tmp_path, "--progress", "plain")
    assert code == 0, screen
    assert "━" not in screen and "· chapter 1-5/5: ch1.md … ch5.md" in screen
