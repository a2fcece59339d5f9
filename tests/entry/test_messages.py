"""Messages in aggregate: a warning that repeats per file is one line on stderr, the full list
stays in --json and in the session log."""

from __future__ import annotations

import json
from pathlib import Path

from agentic_docgen.entry.messages import pending_lines, shape, summarise
from tests.conftest import invoke_cli


def test_warnings_of_one_shape_become_one_line() -> None:
    many = [f"notes/n{i}.md:{i + 2}: link gone{i}.md missing (file not found); placeholder used"
            for i in range(2000)]  # fmt: skip
    other = ["E003 a.txt: invalid UTF-8 bytes shown as \ufffd (line 4)"]
    lines = summarise([*many[:1], *other, *many[1:]])
    assert len(lines) == 2
    assert lines[0].startswith("2,000 warnings like this one")
    assert lines[0].endswith(many[0])
    assert lines[1] == other[0]


def test_a_few_alike_are_shown_as_they_are() -> None:
    few = [
        f"a{i}.md:{i}: remote image https://x/{i}.png not fetched (placeholder)" for i in range(3)
    ]
    assert summarise(few) == few


def test_shapes_keep_the_words_and_drop_the_places() -> None:
    assert shape("a/b.md:12: link ../c.md missing (file not found)") == shape(
        "z.md:3: link d.md missing (file not found)"
    )
    assert shape("a.md:1: link x.md missing") != shape("a.md:1: image x.png missing")


def test_a_pause_lists_the_first_references_and_a_count() -> None:
    pending = [
        {
            "file": f"f{i}.md",
            "line": 1,
            "kind": "link",
            "ref": f"g{i}.md",
            "reason": "file not found",
        }
        for i in range(25)
    ]
    lines = pending_lines(pending)
    assert len(lines) == 11 and lines[-1] == "  … and 15 more (the full list is in --json)"


def test_a_folder_with_many_missing_links(tmp_path: Path) -> None:
    src = tmp_path / "vault"
    src.mkdir()
    for i in range(40):
        (src / f"note{i:02d}.md").write_text(f"# Note {i}\n\nSee [gone](gone{i}.md).\n", "utf-8")
    out = tmp_path / "vault.docx"
    home = tmp_path / "home"
    r = invoke_cli(
        "convert", str(src), "-o", str(out), "--on-missing", "skip", "--json",
        env={"DOCGEN_HOME": str(home)},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    missing = [w for w in summary["warnings"] if "gone" in w]
    assert len(missing) == 40  # --json keeps every one
    shown = [line for line in r.stderr.splitlines() if "gone" in line]
    assert len(shown) == 1 and shown[0].count("40 warnings like this one") == 1
    log = next(home.rglob("session.jsonl")).read_text("utf-8").splitlines()
    events = [json.loads(line) for line in log]
    full = next(e for e in events if e.get("event") == "run_warnings")
    assert full["count"] == len(summary["warnings"]) and full["warnings"] == summary["warnings"]
