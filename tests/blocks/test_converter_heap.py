"""The converter's heap (blocks/bridge.py, issue 24): V8 grows it to twice its live data at
most (--heap-growing-percent), and a cap the user sets (DOCGEN_CONVERTER_HEAP_MB) that is
too small for the document never fails the run: the converter dies of heap exhaustion and
runs once more with the machine's limit, the session log saying so."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from agentic_docgen.blocks import bridge
from agentic_docgen.blocks.bridge import heap_limit_mb, run_converter
from agentic_docgen.core.settings import Settings
from tests.conftest import run_cli

OOM = (
    "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n"
    " 1: 0xb8b1a0 node::Abort() [node]"
)


def _fake_node(tmp_path: Path, first: str) -> tuple[str, Path]:
    """A node that records its arguments on every call: the first call runs `first`, any
    later one writes its output file (the last argument)."""
    calls = tmp_path / "calls.txt"
    script = tmp_path / "node"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> {calls}\n'
        f'if [ "$(wc -l < {calls})" -eq 1 ]; then {first}; fi\n'
        'for last; do :; done; echo docx > "$last"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), calls


def _structure(tmp_path: Path, headings: int) -> Path:
    blocks = []
    for n in range(headings):
        blocks.append({"type": "heading", "level": 2, "id": f"h{n}", "runs": [{"text": f"§ {n}"}]})
        blocks.append({"type": "paragraph", "runs": [{"text": "Des mots, encore des mots. " * 4}]})
    data = {
        "schema": 1,
        "meta": {"title": "Tas", "author": "", "created": "2026-12-04T22:00:00Z", "toc": True},
        "blocks": blocks,
    }
    path = tmp_path / "structure.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_heap_exhaustion_under_the_cap_is_converted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    node, calls = _fake_node(tmp_path, f"echo '{OOM}' >&2; kill -ABRT $$")
    settings = Settings(home=tmp_path / "home", node=node, converter_heap_mb=64)
    result = run_converter(settings, _structure(tmp_path, 1), tmp_path / "out.docx")
    assert result.ok, result.message
    assert result.retried == (64, heap_limit_mb())
    first, second = (line.split() for line in calls.read_text().splitlines())
    assert first[:2] == ["--max-old-space-size=64", "--heap-growing-percent=100"]
    assert second[:2] == [f"--max-old-space-size={heap_limit_mb()}", "--heap-growing-percent=100"]


@pytest.mark.parametrize(
    ("cap", "first"),
    [
        (64, "echo 'TypeError: x is undefined' >&2; exit 1"),  # not memory: no second run
        (None, f"echo '{OOM}' >&2; kill -ABRT $$"),  # the machine's limit was the first one
    ],
)
def test_other_failures_are_not_run_again(tmp_path: Path, cap: int | None, first: str) -> None:
    node, calls = _fake_node(tmp_path, first)
    settings = Settings(home=tmp_path / "home", node=node, converter_heap_mb=cap)
    result = run_converter(settings, _structure(tmp_path, 1), tmp_path / "out.docx")
    assert not result.ok and result.code == "E009" and result.retried is None
    assert len(calls.read_text().splitlines()) == 1


def test_a_real_converter_out_of_memory_is_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """node with a 16 MB heap dies on 3,000 headings (docx-js holds each, about 20 KB); the
    second run writes the document a converter without the cap writes."""
    structure = _structure(tmp_path, 3000)
    monkeypatch.setenv("DOCGEN_CONVERTER_HEAP_MB", "")
    plain = run_converter(Settings.resolve(), structure, tmp_path / "plain.docx")
    monkeypatch.setenv("DOCGEN_CONVERTER_HEAP_MB", "16")
    settings = Settings.resolve()
    assert bridge.first_heap_mb(settings) == 16
    result = run_converter(settings, structure, tmp_path / "out.docx")
    assert plain.ok and plain.retried is None
    assert result.ok and result.retried == (16, heap_limit_mb())
    with zipfile.ZipFile(tmp_path / "out.docx") as a, zipfile.ZipFile(tmp_path / "plain.docx") as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


def test_the_run_logs_the_second_conversion(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for n in range(3):
        (d / f"part{n}.md").write_text(f"# Teil {n}\n\nText.\n\n## Mehr\n\nNoch mehr.\n")
    home = tmp_path / "home"
    proc = run_cli(
        "convert",
        str(d),
        "-o",
        str(tmp_path / "out.docx"),
        "--json",
        env={"DOCGEN_HOME": str(home), "DOCGEN_CONVERTER_HEAP_MB": "1"},
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    logs = list(home.rglob("logs/session.jsonl"))
    events = [json.loads(line) for log in logs for line in log.read_text().splitlines()]
    oom = [e for e in events if e.get("event") == "converter_out_of_memory"]
    assert oom and oom[0]["heap_mb"] == 1 and oom[0]["retried_with_mb"] == heap_limit_mb()


@pytest.mark.parametrize(("mb", "grows"), [(1, True), (15, True), (16, False)])
def test_the_growth_factor_is_for_hand_overs_without_a_bigger_young_generation(
    tmp_path: Path, mb: int, grows: bool
) -> None:
    """From 16 MB of JSON (semi_space_mb) V8 keeps its own growth: twice the live data cost
    a third more time there."""
    node, calls = _fake_node(tmp_path, "exit 1")
    structure = tmp_path / "structure.json"
    with structure.open("wb") as fh:
        fh.truncate(mb << 20)  # sparse: only its size is looked at
    run_converter(Settings(home=tmp_path / "home", node=node), structure, tmp_path / "o")
    args = calls.read_text().split()
    assert ("--heap-growing-percent=100" in args) is grows
