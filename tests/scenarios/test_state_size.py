"""The graph's state is O(what changed): a checkpoint's size does not depend on how many
chapters are done or how many files the folder holds, so state.sqlite grows linearly with
the folder (not with its square); and a run killed half way through a folder resumes from
the last chapter done, with the same document and the same report."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from agentic_docgen.entry import api
from agentic_docgen.session import journal
from agentic_docgen.session.checkpoints import checkpoint_ids
from tests.conftest import normalised_body, plain_markdown, run_cli


def _folder(root: Path, n: int) -> Path:
    """n small notes; each has a remote image (a warning per chapter, in the report)."""
    root.mkdir()
    for i in range(1, n + 1):
        (root / f"note{i:03d}.md").write_text(
            f"# Note {i}\n\nline {i} of the folder.\n\n![pic](https://example.com/{i:03d}.png)\n"
        )
    return root


def _checkpoint_sizes(session: Path) -> list[tuple[int, int]]:
    """(chapters done, size of the checkpoint blob) for each LangGraph checkpoint, in order."""
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    serde = JsonPlusSerializer()
    with sqlite3.connect(session / "state.sqlite") as conn:
        rows = conn.execute("SELECT type, checkpoint FROM checkpoints ORDER BY rowid").fetchall()
    out = []
    for kind, blob in rows:
        values = serde.loads_typed((kind, blob))["channel_values"]
        out.append((values.get("file_index", 0), len(blob)))
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The session folders of complete runs of 20 and 80 notes."""
    out = {}
    for n in (20, 80):
        base = tmp_path_factory.mktemp(f"run{n}")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("DOCGEN_HOME", str(base / "home"))
            mp.setenv("DOCGEN_TEST_KEEP_CHECKPOINTS", "0")  # the whole history, to measure it
            mp.setenv("DOCGEN_TEST_BATCH_FILES", "4")  # many batches: a checkpoint after each
            result = api.generate_document(_folder(base / "in", n), base / "o.docx")
        assert result.status == "complete", result.errors
        assert len(result.warnings) == n  # one remote image per note, read back from the report
        out[n] = Path(result.session_dir)
    return out


def test_a_checkpoint_does_not_grow_with_the_chapters_done(runs: dict[int, Path]) -> None:
    sizes = _checkpoint_sizes(runs[80])

    def largest(first: int, last: int) -> int:
        return max(size for done, size in sizes if first <= done <= last)

    early, late = largest(8, 12), largest(68, 72)
    assert late <= early + 64, (early, late)  # (not 60 chapters' worth of entries more)


def test_a_checkpoint_does_not_grow_with_the_folder(runs: dict[int, Path]) -> None:
    def loop(n: int) -> int:  # the largest checkpoint of the chapter loop's last chapters
        return max(size for done, size in _checkpoint_sizes(runs[n]) if n - 5 <= done < n)

    assert loop(80) <= loop(20) + 64, (loop(20), loop(80))


def test_state_sqlite_grows_linearly_with_the_folder(runs: dict[int, Path]) -> None:
    small, big = ((runs[n] / "state.sqlite").stat().st_size for n in (20, 80))
    assert big <= 5 * small, (small, big)  # 4 times the files: about 4 times the bytes


def test_state_sqlite_keeps_only_the_last_checkpoints(tmp_path: Path, monkeypatch) -> None:
    """By default the saver keeps the last few checkpoints (graph/saver.py): state.sqlite
    holds a bounded number of them whatever the folder's size."""
    from agentic_docgen.graph.saver import KEEP, PRUNE_EVERY

    monkeypatch.setenv("DOCGEN_HOME", str(tmp_path / "home"))
    result = api.generate_document(_folder(tmp_path / "in", 80), tmp_path / "o.docx")
    assert result.status == "complete", result.errors
    sizes = _checkpoint_sizes(Path(result.session_dir))
    assert len(sizes) <= KEEP + PRUNE_EVERY, len(sizes)
    assert sizes[-1][0] == 80  # the last one is kept: all chapters done
    with sqlite3.connect(Path(result.session_dir) / "state.sqlite") as conn:
        ids = {r[0] for r in conn.execute("SELECT checkpoint_id FROM checkpoints")}
        orphans = conn.execute("SELECT checkpoint_id FROM writes").fetchall()
    assert {r[0] for r in orphans} <= ids  # no writes left of a deleted checkpoint


def test_kill_9_half_way_resumes_from_the_last_chapter_done(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 60)
    ref_out, out = tmp_path / "ref.docx", tmp_path / "out.docx"
    env = {"DOCGEN_HOME": str(tmp_path / "home")}
    ref = run_cli("convert", str(folder), "-o", str(ref_out), "--json", env=env)
    assert ref.returncode == 0, ref.stderr
    ref_session = Path(json.loads(ref.stdout)["session_dir"])

    # batches of 5 files; 1 scan + 5 steps a batch (agent, tools, agent, validate_md,
    # checkpoint): in the tools step of the 7th batch, 30 chapters done
    env["DOCGEN_TEST_BATCH_FILES"] = "5"
    crash = {**env, "DOCGEN_TEST_CRASH_AFTER_STEPS": "33"}
    proc = run_cli("convert", str(folder), "-o", str(out), env=crash)
    assert proc.returncode == -9, (proc.returncode, proc.stderr[-500:])
    [session] = [p for p in (tmp_path / "home" / "sessions").iterdir() if p.name != "archive"]
    log = session / "logs" / "session.jsonl"
    done_before = len(checkpoint_ids(session / "checkpoints"))
    logged_before = len(log.read_text().splitlines())
    assert 25 <= done_before <= 35

    proc = run_cli("resume", session.name, "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    resumed = Path(summary["session_dir"])
    assert normalised_body(out) == normalised_body(ref_out)
    assert plain_markdown(resumed) == plain_markdown(ref_session)
    assert journal.Report(resumed).read() == journal.Report(ref_session).read()  # none twice
    assert summary["warnings"] == json.loads(ref.stdout)["warnings"]

    events = [json.loads(line) for line in (resumed / "logs" / "session.jsonl").open()]
    agent = [e["file_index"] for e in events[logged_before:] if e.get("node") == "agent"]
    assert agent[0] >= done_before - 1  # from the last chapter done, not from the start
    assert len(checkpoint_ids(resumed / "checkpoints")) <= 61  # no chapter done twice


def test_a_session_paused_by_an_older_docgen_is_refused_clearly(tmp_path: Path) -> None:
    from langgraph.checkpoint.sqlite import SqliteSaver

    from agentic_docgen.core.errors import InputError

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\n![x](missing.png)\n")
    paused = api.generate_document(d, tmp_path / "o.docx", on_missing="ask")
    assert paused.status == "paused"
    session = Path(paused.session_dir or "")
    with sqlite3.connect(session / "state.sqlite", check_same_thread=False) as conn:
        saver = SqliteSaver(conn)
        config = {"configurable": {"thread_id": paused.session_id, "checkpoint_ns": ""}}
        latest = saver.get_tuple(config)
        assert latest is not None
        old = latest.checkpoint  # as an older docgen kept it: the list, not the count
        old["channel_values"]["input_files"] = ["a.md"]
        del old["channel_values"]["n_inputs"]
        saver.put(latest.config, old, latest.metadata, {})
    with pytest.raises(InputError, match="older docgen"):
        api.resume_session(paused.session_id or "", answers={"*": "skip"})


def test_the_report_keeps_entries_with_line_separators(tmp_path: Path) -> None:
    """JSON leaves U+2028, U+0085 and friends unescaped: the report splits on \\n only."""
    report = journal.Report(tmp_path)
    odd = "a.md: image x\u2028y\x85z.png missing"
    size = report.add({"warnings": [odd, "second"]})
    assert report.read(size)["warnings"] == [odd, "second"]


def _pages(root: Path, n: int) -> Path:
    """n command pages of about 1.4 KB, as bench/run.py's `pages` (a title, a summary,
    options, examples in a fence)."""
    root.mkdir()
    for i in range(1, n + 1):
        options = "\n".join(
            f"- `--opt{k}`: sets option {k} of tool{i} to a value" for k in range(8)
        )
        examples = "\n".join(f"tool{i} --opt{k} value{k} input{k}.txt" for k in range(8))
        (root / f"tool{i:03d}.md").write_text(
            f"# tool{i}\n\n> Does thing {i} with files and folders, quickly and safely.\n\n"
            f"## Options\n\n{options}\n\n## Examples\n\n```bash\n{examples}\n```\n"
        )
    return root


def _tree_bytes(folder: Path) -> int:
    """The bytes the folder holds on disk: a file hard-linked twice (a version's copy of
    what the run wrote, session/versions.py) counts once."""
    sizes = {(st.st_dev, st.st_ino): st.st_size for st in _stats(folder)}
    return sum(sizes.values())


def _stats(folder: Path) -> list[os.stat_result]:
    return [f.stat() for f in folder.rglob("*") if f.is_file()]


def test_the_session_stays_within_three_times_the_input(tmp_path: Path, monkeypatch) -> None:
    """The bound of issue 24: a session folder within 3x the input bytes + 10 MB at every
    size, and 11/10 of linear growth at most. Here, from 30 to 150 pages: within the bound,
    growing at most 5.5 times for 5 times the files, and by at most 8 bytes per input byte
    (today about 7.6: the copied input, the markdown, its chapter checkpoints, the block JSON
    (gzipped past 2 MB), spans: a line per tool call in the log, or anything quadratic, would
    break it)."""
    monkeypatch.setenv("DOCGEN_TEST_BATCH_FILES", "16")  # several batches
    sizes = {}
    for n in (30, 150):
        monkeypatch.setenv("DOCGEN_HOME", str(tmp_path / f"home{n}"))
        folder = _pages(tmp_path / f"in{n}", n)
        result = api.generate_document(folder, tmp_path / f"o{n}.docx")
        assert result.status == "complete", result.errors
        sizes[n] = (_tree_bytes(folder), _tree_bytes(Path(result.session_dir)))
    (in_small, small), (in_big, big) = sizes[30], sizes[150]
    assert big - small <= 8 * (in_big - in_small), sizes
    assert big <= 5 * 1.1 * small, sizes
    assert big <= 3 * in_big + 10 * 1024 * 1024
