"""`docgen doctor` on Node and its programs, and which script node runs (core/nodejs.py):
the checkout's sources, the package's bundle, or a line saying what is missing."""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

import pytest

from agentic_docgen.core import nodejs
from agentic_docgen.core.settings import Settings
from tests.conftest import invoke_cli


def _fake_node(tmp_path: Path, version: str) -> Path:
    """A `node` that only answers --version (an old or odd installation)."""
    node = tmp_path / "node"
    node.write_text(f"#!/bin/sh\necho '{version}'\n")
    node.chmod(node.stat().st_mode | stat.S_IXUSR)
    return node


def test_doctor_in_the_checkout_runs_both_programs_from_the_sources() -> None:
    result = invoke_cli("doctor")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith("ok  node v") for line in lines), lines
    assert any("converter (sources" in line and "one paragraph converted" in line for line in lines)
    assert any("markdownlint (sources" in line and "one line linted" in line for line in lines)


def test_doctor_without_node_says_so_and_exits_1(tmp_path: Path) -> None:
    result = invoke_cli("doctor", env={"DOCGEN_NODE": str(tmp_path / "no-node")})
    assert result.returncode == 1
    assert "failed  node:" in result.stderr and "install Node.js 20+" in result.stderr
    assert "converter (" not in result.stderr  # nothing run with a node that is not there


@pytest.mark.parametrize("version", ["v18.19.1", "v16.0.0", "not a version"])
def test_doctor_with_an_old_or_odd_node_exits_1(tmp_path: Path, version: str) -> None:
    result = invoke_cli("doctor", env={"DOCGEN_NODE": str(_fake_node(tmp_path, version))})
    assert result.returncode == 1
    if version.startswith("v"):
        assert f"node {version} at" in result.stderr and "too old" in result.stderr
    else:
        assert "not answering `--version`" in result.stderr


def test_doctor_names_a_program_that_fails_and_what_to_do(tmp_path: Path, monkeypatch) -> None:
    # a checkout with converter/ but without `npm ci` and no bundle: the sources cannot run
    (tmp_path / "converter" / "lint").mkdir(parents=True)
    (tmp_path / "converter" / "index.js").write_text("require('docx');\n")
    (tmp_path / "converter" / "lint" / "server.js").write_text("require('markdownlint');\n")
    monkeypatch.setattr(nodejs, "bundle_dir", lambda: tmp_path / "no-bundle")
    broken = Settings(converter_dir=tmp_path / "converter")
    monkeypatch.setattr(Settings, "resolve", classmethod(lambda cls, **kw: broken))
    result = invoke_cli("doctor")
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failed) == 2, result.stderr
    assert "converter (sources" in failed[0] and "Cannot find module 'docx'" in failed[0]
    assert "markdownlint (sources" in failed[1]
    assert all(f"run `npm ci` in {tmp_path}" in line for line in failed)


def test_node_program_prefers_the_sources_then_the_bundle(tmp_path: Path, monkeypatch) -> None:
    checkout = Settings()
    assert nodejs.node_program(checkout, "converter").script == checkout.converter_dir / "index.js"
    assert not nodejs.node_program(checkout, "lint").bundled
    bundles = tmp_path / "_js"
    bundles.mkdir()
    (bundles / "converter.js").write_text("")
    (bundles / "lint.js").write_text("")
    monkeypatch.setattr(nodejs, "bundle_dir", lambda: bundles)
    installed = dataclasses.replace(
        checkout, converter_dir=tmp_path / "site-packages" / "converter"
    )
    assert nodejs.node_program(installed, "converter") == nodejs.NodeProgram(
        "converter", bundles / "converter.js", True
    )
    assert nodejs.node_program(installed, "lint").script == bundles / "lint.js"
