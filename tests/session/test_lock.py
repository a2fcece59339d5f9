"""Whether a session is running is decided by the lock its process holds (session/lock.py),
not by its pid: a run killed with kill -9 and not yet reaped (a zombie) holds nothing."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest

from agentic_docgen.core.errors import InputError
from agentic_docgen.session.lock import SessionLock, is_locked
from tests.conftest import ROOT, run_cli


def test_the_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    assert not is_locked(tmp_path)  # no lock file: an older session, not running
    with SessionLock(tmp_path):
        assert is_locked(tmp_path)
        with pytest.raises(InputError, match="still running"):
            SessionLock(tmp_path).acquire()
    assert not is_locked(tmp_path)
    moved = tmp_path / "archive"
    lock = SessionLock(tmp_path).acquire()
    os.rename(tmp_path / "run.lock", tmp_path / "kept.lock")  # a lock is on the file
    moved.mkdir()
    os.rename(tmp_path / "kept.lock", moved / "run.lock")
    assert is_locked(moved)
    lock.release()
    assert not is_locked(moved)


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_resume_right_after_kill_9_of_an_unreaped_run(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\nSee ![gone](img/gone.png).\n")
    env = {**os.environ, "DOCGEN_HOME": str(tmp_path / "h"), "NO_COLOR": "1"}
    child = pexpect.spawn(  # a terminal: the run waits at the question, holding its lock
        sys.executable,
        ["-m", "agentic_docgen", "convert", str(d), "-o", str(tmp_path / "a.docx")],
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=60,
        env=env,
    )
    child.expect(r"Missing image")
    home = {"DOCGEN_HOME": env["DOCGEN_HOME"]}
    [row] = json.loads(run_cli("sessions", "list", "--json", env=home).stdout)
    assert row["status"] == "running"
    busy = run_cli("resume", row["id"], "--answer", "skip", env=home)
    assert busy.returncode == 2 and "still running" in busy.stderr
    os.kill(child.pid, signal.SIGKILL)  # and nobody reaps it: a zombie
    deadline = time.monotonic() + 10
    while _state(child.pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _state(child.pid) == "Z"
    proc = run_cli("resume", row["id"], "--answer", "skip", "--json", env=home)
    assert _state(child.pid) == "Z"  # still unreaped while resume ran
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["status"] == "complete"
    child.close(force=True)
