from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def normalised_body(docx: Path) -> str:
    """word/document.xml with docx-js's random relationship ids normalised (they differ
    between any two runs of the same input)."""
    import re
    import zipfile

    with zipfile.ZipFile(docx) as zf:
        xml = zf.read("word/document.xml").decode()
    return re.sub(r'r:id="rId[^"]*"', 'r:id="rId"', xml)
