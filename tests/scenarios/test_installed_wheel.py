"""Installed like any tool (issue 22 item 3): the wheel `uv build` makes, installed into a
fresh virtual environment outside the repository, converts the example folder from a
temporary directory, with a PATH that holds node and nothing of the checkout (no
node_modules, no converter/): its Node programs are the bundles inside the wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def _uv() -> list[str]:
    """uv as `uv run` started us ($UV), else on the PATH, else `python -m uv` (.ci/run)."""
    for found in (os.environ.get("UV"), shutil.which("uv")):
        if found and Path(found).is_file():
            return [found]
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    pytest.skip("uv is needed to build the wheel (`python3 -m pip install uv`)")


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _cached_first(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """`args` with --offline (uv's cache, as `uv sync` left it), else with the package
    registry (uv's cache may lack an index page it needs: CI may reach the registries)."""
    proc = subprocess.run(
        [*args, "--offline"], capture_output=True, text=True, check=False, **kwargs
    )
    return proc if proc.returncode == 0 else _run(args, **kwargs)


def _bare_env(venv: Path, home: Path) -> dict[str, str]:
    """What a user's shell would have: the tool's bin, node, the system; nothing of ours."""
    node = shutil.which("node")
    assert node, "node is needed"
    path = [str(venv / "bin"), str(Path(node).parent), "/usr/bin", "/bin"]
    return {
        "PATH": os.pathsep.join(dict.fromkeys(path)),
        "HOME": str(home),
        "DOCGEN_HOME": str(home / "docgen"),
        "LANG": "C.UTF-8",
    }


def test_the_built_wheel_converts_the_examples_outside_the_checkout(tmp_path: Path) -> None:
    uv = _uv()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    dist = tmp_path / "dist"
    # offline first: `uv sync` left hatchling and every locked dependency in uv's cache
    _cached_first([*uv, "build", "--wheel", "--out-dir", str(dist), str(REPO)], cwd=REPO)
    (wheel,) = dist.glob("agentic_docgen-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert {"agentic_docgen/_js/converter.js", "agentic_docgen/_js/lint.js"} <= names
    assert not any(n.startswith(("converter/", "node_modules/")) for n in names)
    timings["build"] = time.perf_counter() - start

    start = time.perf_counter()
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    locked = tmp_path / "locked.txt"  # the lock's versions: the uv cache has them all
    _run([*uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes",
          "-o", str(locked), "--project", str(REPO)], cwd=REPO)  # fmt: skip
    python = str(venv / "bin" / "python")
    # (not compiled ahead, as .ci/run's UV_COMPILE_BYTECODE would: all of litellm, for nothing)
    quick = {k: v for k, v in os.environ.items() if k != "UV_COMPILE_BYTECODE"}
    _cached_first([*uv, "pip", "install", "--python", python, "-c", str(locked), str(wheel)],
                  cwd=tmp_path, env=quick)  # fmt: skip
    timings["install"] = time.perf_counter() - start

    work = tmp_path / "work"
    shutil.copytree(REPO / "examples", work / "examples")
    env = _bare_env(venv, tmp_path / "home")
    probe = "import agentic_docgen; print(agentic_docgen.__file__)"
    where = _run([python, "-c", probe], cwd=work, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where

    start = time.perf_counter()
    doctor = _run(["docgen", "doctor"], cwd=work, env=env)
    assert f"converter (bundle {venv}" in doctor.stderr, doctor.stderr
    assert f"markdownlint (bundle {venv}" in doctor.stderr, doctor.stderr
    timings["doctor"] = time.perf_counter() - start

    start = time.perf_counter()
    proc = _run(["docgen", "convert", "examples", "--on-missing", "skip", "--json"],
                cwd=work, env=env)  # fmt: skip
    timings["convert"] = time.perf_counter() - start
    summary = json.loads(proc.stdout)
    assert summary["status"] == "complete"
    assert Path(summary["output_path"]) == work / "examples.docx"
    assert summary["quality"]["pass"], summary["quality"]
    fidelity = summary["quality"]["fidelity"]
    assert fidelity["missing_count"] == 0 and fidelity["checked_lines"] > 300
    assert not [w for w in summary["warnings"] if "markdownlint" in w], summary["warnings"]
    with zipfile.ZipFile(work / "examples.docx") as z:
        body = z.read("word/document.xml").decode()
    assert "Orbit deployment guide" in body and "batch jobs" in body
    print("installed wheel, seconds:", {k: round(v, 1) for k, v in timings.items()})
