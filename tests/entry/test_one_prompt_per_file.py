"""One missing file, one question (issue 16.10): references to configuration.md#docs_dir,
#site_name, #nav … are asked about once, listed with where they are; the prompt takes the
words as well as the letters; a paused run lists one line per missing file and `resume
--provide FILE=PATH` answers every reference to it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentic_docgen.entry import cli
from agentic_docgen.entry.messages import choice, pending_lines
from agentic_docgen.entry.options import ConvertOptions
from tests.conftest import invoke_cli

ANCHORS = ["docs_dir", "site_name", "nav", "theme", "plugins"]


def _mkdocs_folder(tmp_path: Path) -> Path:
    """A documentation set whose guide links to a configuration page that is not there."""
    src = tmp_path / "docs"
    src.mkdir()
    lines = ["# Guide", ""]
    for a in ANCHORS:
        lines += [f"Set [{a}](configuration.md#{a}) in mkdocs.yml.", ""]
    (src / "guide.md").write_text("\n".join(lines), encoding="utf-8")
    (src / "index.md").write_text(
        "# Home\n\nSee the [configuration](configuration.md) and the [logo](img/logo.png).\n\n"
        "![logo](img/logo.png)\n",
        encoding="utf-8",
    )
    return src


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("skip", "skip"), ("  SKIP ", "skip"), ("s", "skip"), ("", "skip"), ("Provide", "provide"),
        ("p", "provide"), ("ALL", "all"), (" a", "all"), ("skip all", "all"), ("Abort", "abort"),
        ("b", "abort"), ("yes", None), ("skipp", None), ("x", None),
    ],
)  # fmt: skip
def test_the_prompt_takes_words_and_letters(typed: str, meant: str | None) -> None:
    assert choice(typed) == meant


def _scripted(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    """Prompt.ask answering from `answers`; returns the questions asked."""
    from rich.prompt import Prompt

    asked: list[str] = []
    replies: Iterator[str] = iter(answers)

    def ask(prompt: str, **kwargs: object) -> str:
        asked.append(str(prompt))
        return next(replies)

    monkeypatch.setattr(Prompt, "ask", ask)
    return asked


def test_one_question_per_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agentic_docgen.entry.api import convert

    src = _mkdocs_folder(tmp_path)
    asked = _scripted(monkeypatch, ["  Skip ", "nonsense", "SKIP"])
    options = ConvertOptions(input_dir=src, output=tmp_path / "out.docx", on_missing="ask")
    result = convert(options, ask=cli._terminal_ask)
    assert result.status == "complete"
    # configuration.md (6 links) once, img/logo.png once, and the nonsense again
    assert len(asked) == 3
    skipped = [w for w in result.warnings if "configuration.md" in w]
    assert len(skipped) == len(ANCHORS) + 1  # every reference answered by the one question


def test_provide_once_for_every_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agentic_docgen.entry.api import convert

    src = _mkdocs_folder(tmp_path)
    conf = tmp_path / "configuration.md"
    conf.write_text("# Configuration\n\n## docs_dir\n\nWhere the pages are.\n", "utf-8")
    asked = _scripted(monkeypatch, ["provide", str(conf), "abort"])
    options = ConvertOptions(input_dir=src, output=tmp_path / "out.docx", on_missing="ask")
    result = convert(options, ask=cli._terminal_ask)
    assert len(asked) == 3  # configuration.md and its path, then the logo: abort
    assert result.status == "failed"


def test_a_pause_lists_each_missing_file_once_and_resume_provides_by_file(
    tmp_path: Path,
) -> None:
    src = _mkdocs_folder(tmp_path)
    out = tmp_path / "out.docx"
    r = invoke_cli("convert", str(src), "-o", str(out), "--json")
    assert r.returncode == 3
    summary = json.loads(r.stdout)
    pending = summary["pending"]
    assert len(pending) == len(ANCHORS) + 1 + 1  # every reference stays in --json …
    assert {p["target"] for p in pending} == {"configuration.md", "img/logo.png"}
    shown = [line for line in r.stderr.splitlines() if line.startswith("  ")]
    assert shown == pending_lines(pending)  # … the terminal shows one line per file
    assert shown[0] == (
        "  missing link configuration.md, referenced 6 times: guide.md:3, guide.md:5,"
        " guide.md:7, guide.md:9, guide.md:11, … and 1 more (file not found)"
    )
    conf = tmp_path / "configuration.md"
    conf.write_text("# Configuration\n\n## nav\n\nThe menu.\n", "utf-8")
    r = invoke_cli(
        "resume", summary["session_id"], "--provide", f"configuration.md={conf}",
        "--answer", "skip", "--json",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    done = json.loads(r.stdout)
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "The menu." in text  # the provided file is a chapter, for all six links
    assert not [w for w in done["warnings"] if "configuration.md" in w and "skipped" in w]


def test_in_a_real_terminal_words_answer_once_per_file(tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    src = _mkdocs_folder(tmp_path)
    out = tmp_path / "out.docx"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "agentic_docgen", "convert", str(src), "-o", str(out)],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "DOCGEN_HOME": str(tmp_path / "h"), "NO_COLOR": "1"},
    )
    child.expect(r"Missing link configuration\.md, referenced 6 times: guide\.md:3")
    child.expect(r"\(s\)(\x1b\[0m)?: ")
    child.sendline("  Maybe ")
    child.expect("answer provide, skip, all or abort")
    child.sendline("  SKIP ")
    child.expect(r"Missing image img/logo\.png referenced at index\.md:3")
    child.sendline("All")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert child.before.count("Missing") == 0  # no third question
