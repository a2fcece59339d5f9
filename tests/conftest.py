from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own DOCGEN_HOME: no test touches the user's sessions."""
    home = tmp_path_factory.mktemp("docgen-home")
    monkeypatch.setenv("DOCGEN_HOME", str(home))
    monkeypatch.delenv("DOCGEN_MODEL", raising=False)
    monkeypatch.delenv("DOCGEN_NODE", raising=False)
    return home


@pytest.fixture
def session(tmp_path: Path) -> Path:
    """A session folder for the parser: a PNG and an SVG in its assets."""
    from PIL import Image

    (tmp_path / "assets").mkdir()
    Image.new("RGB", (40, 20), "red").save(tmp_path / "assets" / "pic.png")
    (tmp_path / "assets" / "flow.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
        '<rect width="300" height="100" fill="#36c"/></svg>'
    )
    return tmp_path


@pytest.fixture
def examples_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "examples"
    shutil.copytree(EXAMPLES, dest)
    return dest


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `docgen` in a child process exactly as a user would (stdin not a terminal)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "agentic_docgen", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@dataclass
class CliRun:
    """What `invoke_cli` gives back: the attributes of a CompletedProcess that tests read."""

    returncode: int
    stdout: str
    stderr: str


def invoke_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> CliRun:
    """Run `docgen` in this process with typer's CliRunner, as `run_cli` does in a child
    process (stdin not a terminal, stdout and stderr apart) but without a new interpreter's
    imports. An exception the CLI lets escape is raised here, with its traceback (a real
    process would print it on stderr); a run longer than `timeout` raises TimeoutError."""
    from typer.testing import CliRunner

    from agentic_docgen.entry.cli import app

    with contextlib.chdir(cwd or Path.cwd()), _deadline(timeout):
        result = CliRunner().invoke(
            app, list(args), env=env, catch_exceptions=False, prog_name="docgen"
        )
    return CliRun(result.exit_code, result.stdout, result.stderr)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the main thread after `seconds` (what subprocess's timeout
    does for run_cli); elsewhere, no limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"docgen took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def normalised_body(docx: Path) -> str:
    """word/document.xml with docx-js's random relationship ids normalised (they differ
    between any two runs of the same input)."""
    import re
    import zipfile

    with zipfile.ZipFile(docx) as zf:
        xml = zf.read("word/document.xml").decode()
    return re.sub(r'r:id="rId[^"]*"', 'r:id="rId"', xml)


def session_marks(text: str, session_dir: Path) -> str:
    """A test text's internal marks written as the plain `docgen:` forms (`<!-- docgen:source
    F -->`, `docgen:F#a`, `docgen-missing:R`) turned into the marks of the session whose
    folder is `session_dir` (markdown/dialect.py: they carry the session's nonce)."""
    from agentic_docgen.markdown.dialect import Dialect

    d = Dialect(session_dir)
    head = d.source_mark("F")[: -len("F -->")]
    return (
        text.replace("<!-- docgen:source ", head)
        .replace("(docgen-missing:", "(" + d.missing_prefix)
        .replace("(docgen:", "(" + d.internal_prefix)
    )


def plain_markdown(session_dir: Path) -> str:
    """A session's temp_output.md with its marks in their plain form, comparable across
    sessions (each has its own nonce)."""
    from agentic_docgen.markdown.dialect import Dialect

    return Dialect(session_dir).plain((session_dir / "temp_output.md").read_text("utf-8"))
