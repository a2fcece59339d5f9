"""`docgen batch --ray`: the folders as tasks on a real local Ray instance (two CPUs), the
same documents as the process pool, the sessions under OUT_DIR; without Ray, one line and
exit 2."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import invoke_cli, normalised_body


def _folders(parent: Path) -> None:
    for name, text in (
        ("alpha", "# Alpha\n\nThe first runbook.\n\n```sh\nsystemctl restart queue\n```\n"),
        ("beta", "Beta notes\n\nline one\nline two\n"),
        ("gamma", "# Gamma\n\n| host | state |\n| --- | --- |\n| db1 | up |\n"),
    ):
        (parent / name).mkdir(parents=True)
        suffix = ".txt" if name == "beta" else ".md"
        (parent / name / f"{name}{suffix}").write_text(text)


@pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed (extra [ray])"
)
def test_ray_makes_the_documents_the_pool_makes(tmp_path: Path) -> None:
    parent = tmp_path / "shared" / "folders"
    _folders(parent)
    pool_out, ray_out = tmp_path / "pool", tmp_path / "shared" / "out"
    pool_out.mkdir()
    ray_out.mkdir()
    pool = invoke_cli("batch", str(parent), "-o", str(pool_out), "--workers", "2")
    assert pool.returncode == 0, pool.stderr
    ray = invoke_cli(
        "batch", str(parent), "-o", str(ray_out), "--workers", "2", "--ray", timeout=600
    )
    if ray.returncode == 2 and "timed out during startup" in ray.stderr:  # Ray's fixed 30 s
        pytest.skip("the local Ray node did not start within 30 s twice (machine overloaded)")
    assert ray.returncode == 0, ray.stderr
    rows = [json.loads(line) for line in ray.stdout.splitlines()]
    assert rows[-1]["complete"] == 3
    for row in rows[:-1]:
        assert Path(row["session_dir"]).is_relative_to(ray_out / ".docgen-sessions")
    for name in ("alpha", "beta", "gamma"):
        assert normalised_body(ray_out / f"{name}.docx") == normalised_body(
            pool_out / f"{name}.docx"
        )


def test_without_ray_one_line_and_exit_2(tmp_path: Path, monkeypatch) -> None:
    _folders(tmp_path / "p")
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray: ImportError
    run = invoke_cli("batch", str(tmp_path / "p"), "--ray", "auto")
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "docgen: error: --ray: Ray is not installed: pip install 'agentic-docgen[ray]'"
    ]
    assert run.stdout == "" and not list((tmp_path / "p").glob("*.docx"))


@pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed (extra [ray])"
)
def test_an_address_where_no_cluster_listens(tmp_path: Path) -> None:
    _folders(tmp_path / "p")
    run = invoke_cli("batch", str(tmp_path / "p"), "--ray", "127.0.0.1:1")
    assert run.returncode == 2
    assert "docgen: error: --ray 127.0.0.1:1: cannot connect:" in run.stderr
    assert run.stdout == ""
