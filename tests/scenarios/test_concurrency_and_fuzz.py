"""Many runs at once on one folder and one sessions root; property-based fuzzing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentic_docgen.entry.api import generate_document
from tests.conftest import EXAMPLES, ROOT, normalised_body


def test_eight_concurrent_runs_on_one_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "DOCGEN_HOME": str(home)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "agentic_docgen",
                "convert",
                str(EXAMPLES),
                "-o",
                str(tmp_path / f"out{i}.docx"),
                "--on-missing",
                "skip",
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    for code, err in results:
        assert code == 0, err
    bodies = {normalised_body(tmp_path / f"out{i}.docx") for i in range(8)}
    assert len(bodies) == 1  # identical documents
    sessions = list((home / "sessions" / "archive").iterdir())
    assert len(sessions) == 8 and len({s.name for s in sessions}) == 8
    for s in sessions:  # each session holds its own complete work, nobody else's
        assert (s / "temp_output.md").read_text().count("# server\n") == 1


LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x1c\x1d\x1e\x85\u2028\u2029"
    ),
    max_size=60,
)
FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(lines=st.lists(LINE, min_size=1, max_size=30), kind=st.sampled_from(["log", "txt"]))
def test_fuzzed_logs_and_text_keep_every_line(
    tmp_path_factory, lines: list[str], kind: str
) -> None:
    tmp = tmp_path_factory.mktemp("fz")
    d = tmp / "in"
    d.mkdir()
    (d / f"f.{kind}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = generate_document(d, tmp / "o.docx")
    assert result.status == "complete", result.errors
    receipt = result.quality["fidelity"]
    assert receipt["missing_count"] == 0, receipt["missing"]


MD_PIECES = st.sampled_from(
    [
        "# H1",
        "## H2",
        "#### H4",
        "Setext\n===",
        "- item",
        "  - nested",
        "1. one",
        "3) three",
        "> quote",
        "> > deeper",
        "```",
        "~~~python",
        "    indented",
        "| a | b |",
        "|---|---|",
        "| 1 | 2 | 3 |",
        "![img](nope.png)",
        "[link](other.md#x)",
        "<div>",
        "</div>",
        "<!-- c -->",
        "[^1]",
        "[^1]: note",
        "- [x] task",
        "***",
        "text *em* **strong** `code`",
        "\t tab",
        "\x0c",
        "",
        "&amp; &#0; &bogus;",
        '<img src="../x.png">',
        "\\",
        "`` ` ``",
        "---",
    ]
)


@FUZZ
@given(pieces=st.lists(MD_PIECES, min_size=1, max_size=25))
def test_fuzzed_markdown_never_crashes(tmp_path_factory, pieces: list[str]) -> None:
    tmp = tmp_path_factory.mktemp("fzmd")
    d = tmp / "in"
    d.mkdir()
    (d / "a.md").write_text("\n".join(pieces) + "\n", encoding="utf-8")
    (d / "b.md").write_text("# B\n\nafter\n", encoding="utf-8")
    result = generate_document(d, tmp / "o.docx", on_missing="skip")
    assert result.status == "complete", result.errors
    from docx import Document

    heads = [
        p.text for p in Document(str(tmp / "o.docx")).paragraphs if p.style.name == "Heading 1"
    ]
    assert heads[-1] == "B"  # nothing in a.md swallowed the next chapter
