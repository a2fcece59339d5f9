"""A run killed half way through a folder of pages and resumed does only what is left
(issue 24: "kill -9 half way through, `docgen resume`: the same document, in clearly less
time"), counted, not timed: the resumed process reads each input not yet written once, as
the reference scan of a run never stopped does (one parse with the inline tokens), and
neither parses it a second time for the plan nor reads, lints or checkpoints again what
was written before the kill; the document is the one a run never stopped makes, and the
timings it reports are its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentic_docgen.entry import api
from agentic_docgen.graph.nodes import references
from agentic_docgen.markdown import analysis
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown.lint import Linter
from agentic_docgen.session import journal
from agentic_docgen.session.checkpoints import checkpoint_ids
from tests.conftest import normalised_body, plain_markdown, run_cli
from tests.scenarios.test_pass_counts import _folder

PAGES = 63  # 3 index pages and 60 command pages, in 13 batches of 5
BATCH = 5


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The parses (markdown/analysis), lint requests and inputs read again from now on."""
    analysis.forget()
    mdtext.forget_headings()
    counts = {"read_again": 0, "from": -1, "lint": 0}
    counts.update({f"_{kind}": n for kind, n in analysis.PARSES.items()})
    read_again, request = references.read_again, Linter.request

    def spy(inputs_dir: Path, names: list[str]) -> int:
        counts["read_again"] += len(names)
        counts["from"] = PAGES - len(names)
        return read_again(inputs_dir, names)

    def lint(self: Linter, op: str, **fields: object) -> dict[str, object]:
        counts["lint"] += op == "lint"
        return request(self, op, **fields)

    monkeypatch.setattr(references, "read_again", spy)
    monkeypatch.setattr(Linter, "request", lint)
    return counts


def _counted(counts: dict[str, int]) -> dict[str, int]:
    for kind, n in analysis.PARSES.items():
        counts[kind] = n - counts.pop(f"_{kind}")
    return counts


def _body(docx: Path, session_dir: str | None) -> str:
    """The document's body, the session's own marks written plainly (a link skipped as
    missing inside a code block shows its mark there: a bug of its own, not of resuming)."""
    from agentic_docgen.markdown.dialect import Dialect

    return Dialect(Path(str(session_dir))).plain(normalised_body(docx))


def test_a_resumed_run_does_only_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path / "in", PAGES)
    monkeypatch.setenv("DOCGEN_TEST_BATCH_FILES", str(BATCH))
    monkeypatch.setenv("DOCGEN_HOME", str(tmp_path / "ref"))
    fresh = _counting(monkeypatch)
    ref = api.generate_document(folder, tmp_path / "ref.docx", on_missing="skip")
    assert ref.status == "complete", ref.errors
    _counted(fresh)

    # 1 scan + 5 steps a batch (agent, tools, agent, validate_md, checkpoint): killed in
    # the tools step of the 7th batch, 30 chapters done
    home = tmp_path / "home"
    env = {"DOCGEN_HOME": str(home), "DOCGEN_TEST_BATCH_FILES": str(BATCH)}
    out = tmp_path / "out.docx"
    proc = run_cli(
        "convert", str(folder), "-o", str(out), "--on-missing", "skip",
        env={**env, "DOCGEN_TEST_CRASH_AFTER_STEPS": "33"},
    )  # fmt: skip
    assert proc.returncode == -9, (proc.returncode, proc.stderr[-500:])
    [session] = [p for p in (home / "sessions").iterdir() if p.name != "archive"]
    done = max(journal.read_chapters(session))
    assert 25 <= done <= 35

    monkeypatch.setenv("DOCGEN_HOME", str(home))
    resumed = _counting(monkeypatch)
    result = api.resume_session(session.name)
    assert result.status == "complete", result.errors
    _counted(resumed)

    # from the chapter the run was in: the inputs after it read again, each once
    assert resumed["from"] == done
    left = resumed["read_again"] / PAGES
    assert resumed["read_again"] == PAGES - done
    # what a run never stopped parses for those pages, not twice as much: the plan finds
    # the headings in the reading (no parse of the blocks per page); the inline parses are
    # the pages', plus the few whose copy changed them (see test_pass_counts)
    assert resumed["blocks"] <= fresh["blocks"] * left + 3, (fresh, resumed)
    assert resumed["inline"] <= fresh["inline"] * left + 3, (fresh, resumed)
    # one lint request per batch left, the chapters written before the kill not again
    assert fresh["lint"] >= PAGES // BATCH
    assert resumed["lint"] <= -(-(PAGES - done) // BATCH) + 1, (fresh, resumed)
    assert len(checkpoint_ids(Path(str(result.session_dir)) / "checkpoints")) <= PAGES + 1

    assert plain_markdown(Path(str(result.session_dir))) == plain_markdown(Path(ref.session_dir))
    assert _body(out, result.session_dir) == _body(tmp_path / "ref.docx", ref.session_dir)
    assert result.warnings == ref.warnings
    # the timings are the resumed run's: no reference scan in it, the rest measured afresh
    assert "scan_assets" in ref.timings_s and "scan_assets" not in result.timings_s
    assert {"validate_md", "parse_to_json", "convert_docx"} <= result.timings_s.keys()


def test_reading_ahead_never_fails_a_resume(tmp_path: Path) -> None:
    """The read-ahead is only a head start: an input gone or damaged since the kill is left
    to the steps that need it (they report it), and what is no markdown is not read."""
    (tmp_path / "a.md").write_text("# A\n\nSee [b](b.md) and ![x](x.png).\n")
    (tmp_path / "bad.md").write_bytes(b"# Bad\n\n\xff\xfe not UTF-8\n")
    (tmp_path / "run.log").write_text("2026-12-04 INFO started\n")
    analysis.forget()
    before = analysis.PARSES["inline"]
    names = ["a.md", "gone.md", "bad.md", "run.log"]
    assert references.read_again(tmp_path, names) == 1
    assert analysis.PARSES["inline"] - before == 1
