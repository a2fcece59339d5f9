"""`docgen plan --model` (issue 18): the model proposes the plan (through the LLM stub); its
plan is checked as a user's is, and a plan that is not valid, or a model that fails, leaves
the offline plan written, with a warning naming why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import invoke_cli
from tests.llm_stub import StubLLM


@pytest.fixture(autouse=True)
def _fake_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")


def _folder(root: Path) -> Path:
    src = root / "incident"
    src.mkdir()
    (src / "a-guide.md").write_text("# Operator guide\n\nRestart with `svc restart`.\n")
    log = [f"2026-03-01 10:{i:02d}:00 INFO worker {i} ready" for i in range(30)]
    log.append("2026-03-01 11:00:00 ERROR disk full on /var")
    (src / "server.log").write_text("\n".join(log) + "\n")
    (src / "timeline.txt").write_text("At 11:00 the disk filled up.\n")
    return src


GOOD = """```yaml
docgen-plan: 1
title: Disk full on /var
chapters:
  - {title: What failed, generate: errors}
  - source: timeline.txt
    title: Timeline
  - source: server.log
    title: The server's log
  - source: a-guide.md
    title: Runbook
```"""


def _answers(text: str):
    def script(request: dict[str, Any], state: Any) -> Any:
        return text

    return script


def _plan(src: Path, stub: StubLLM, out: Path):
    return invoke_cli(
        "plan", str(src), "-o", str(out), "--model", "openai/any", "--api-base", stub.api_base
    )


def test_the_models_plan_is_written_when_it_is_valid(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    out = tmp_path / "plan.yaml"
    with StubLLM(_answers(GOOD)) as stub:
        r = _plan(src, stub, out)
        (request,) = stub.state.requests
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr
    plan = yaml.safe_load(out.read_text())
    assert plan["title"] == "Disk full on /var"
    assert [c.get("source") or c["generate"] for c in plan["chapters"]] == [
        "errors",
        "timeline.txt",
        "server.log",
        "a-guide.md",
    ]
    sent = request["messages"][-1]["content"]
    assert "docgen-plan: 1" in sent and '"file": "server.log"' in sent  # the offline plan, digests
    assert "worker 15 ready" not in sent  # a middle line: never a whole file
    # the plan builds as written
    docx = tmp_path / "out.docx"
    r = invoke_cli("convert", str(src), "--plan", str(out), "-o", str(docx))
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (GOOD.replace("  - source: a-guide.md\n    title: Runbook\n", ""), "a-guide.md"),
        (GOOD.replace("timeline.txt", "gone.txt"), "gone.txt is not an input file"),
        ("Here is a better outline: put the guide first.", "unknown key"),
        (GOOD.replace("title: Disk", "title: &x Disk"), "anchors and aliases"),
    ],
    ids=["misses-a-file", "names-a-missing-file", "prose", "alias"],
)
def test_an_invalid_model_plan_leaves_the_offline_one(
    tmp_path: Path, answer: str, why: str
) -> None:
    src = _folder(tmp_path)
    offline = invoke_cli("plan", str(src))
    assert offline.returncode == 0, offline.stderr
    out = tmp_path / "plan.yaml"
    with StubLLM(_answers(answer)) as stub:
        r = _plan(src, stub, out)
    assert r.returncode == 0, r.stderr
    assert out.read_text() == offline.stdout
    (line,) = [x for x in r.stderr.splitlines() if "warning" in x]
    assert "the model's plan is not used" in line and why in line, line


def test_a_failing_model_leaves_the_offline_plan(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    out = tmp_path / "plan.yaml"
    with StubLLM(_answers(GOOD)) as stub:
        stub.state.fail_next = [500] * 20
        r = _plan(src, stub, out)
    assert r.returncode == 0, r.stderr
    assert "the model failed" in r.stderr
    assert yaml.safe_load(out.read_text())["chapters"][0]["source"] == "a-guide.md"
