"""The review's prompt (entry/review.py) on its own: only build / edit / abort count (no
"contains no" guessing), the loop is bounded, an editor that fails leaves the plan as it
was, and the tree shows sections, parts and the excluded files."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from rich.console import Console

from agentic_docgen.entry import review
from agentic_docgen.graph.policy.plan import Chapter, Part, Plan, Section
from agentic_docgen.graph.policy.planned import dump


def _session(tmp_path: Path) -> list[dict[str, object]]:
    inputs = tmp_path / "inputs"
    (inputs / "guides").mkdir(parents=True)
    (inputs / "run.log").write_text("".join(f"10:00:{i:02d} INFO step {i}\n" for i in range(20)))
    (inputs / "guides" / "one.md").write_text("# One\n\ntext\n")
    (inputs / "scratch.txt").write_text("scratch\n")
    plan = Plan(
        title="Night run",
        chapters=[
            Chapter("run.log", "The run", [Section("Start", 1, 5), Section("The rest", 6, 20)])
        ],
        parts=[Part("Guides", None, [Chapter("guides/one.md", "Guide one")])],
        exclude=["scratch.txt"],
    )
    (tmp_path / "plan.yaml").write_text(dump(plan))
    return [{"kind": "review", "plan": str(tmp_path / "plan.yaml")}]


def _console() -> Console:
    return Console(file=io.StringIO(), width=100, markup=False, highlight=False)


def _answers(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    asked: list[str] = []

    def ask(*args: object, **kw: object) -> str:
        asked.append("?")
        if not answers:
            raise EOFError
        return answers.pop(0)

    monkeypatch.setattr("rich.prompt.Prompt.ask", ask)
    return asked


def test_only_explicit_answers_and_a_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pending = _session(tmp_path)
    asked = _answers(monkeypatch, ["no", "yes", "ok", "", "nope, build it"] * 4)
    console = _console()
    assert review.ask_review(console, pending) is None  # no decision: the run stays paused
    assert len(asked) == review.MAX_ROUNDS
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert out.count("answer build, edit or abort") == review.MAX_ROUNDS
    assert "the run is paused" in out


def test_words_and_letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pending = _session(tmp_path)
    _answers(monkeypatch, ["  BUILD "])
    got = review.ask_review(_console(), pending)
    assert got is not None and got["review"] == "build" and "Night run" in got["plan"]
    _answers(monkeypatch, ["A"])
    assert review.ask_review(_console(), pending) == {"review": "abort"}
    _answers(monkeypatch, [])  # end of input (Ctrl-D): paused
    assert review.ask_review(_console(), pending) is None


def test_a_failing_editor_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pending = _session(tmp_path)
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c 'import sys; sys.exit(4)'")
    _answers(monkeypatch, ["e", "b"])
    console = _console()
    got = review.ask_review(console, pending)
    assert "the editor exited with 4" in console.file.getvalue()  # type: ignore[attr-defined]
    assert got is not None and got["plan"] == (tmp_path / "plan.yaml").read_text()


def test_the_tree(tmp_path: Path) -> None:
    pending = _session(tmp_path)
    plan_file = Path(str(pending[0]["plan"]))
    from agentic_docgen.graph.nodes.review import check_plan

    plan = check_plan(tmp_path, plan_file.read_bytes(), str(plan_file))
    console = _console()
    console.print(review.tree(plan))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    for needle in ("Night run", "The run", "lines 1-5", "lines 6-20", "Guides", "Guide one"):
        assert needle in text
    assert "excluded" in text and "scratch.txt" in text and "[dim]" not in text
