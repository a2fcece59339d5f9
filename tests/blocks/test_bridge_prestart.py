"""The converter started early (blocks/bridge.py `prestart`, node converter/index.js --wait):
the run's first conversion is handed to it, it writes what a fresh converter writes, its
failures and timeouts are reported as a fresh converter's are, and one that is not used (or
started for other settings) ends without converting anything."""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from agentic_docgen.blocks import bridge
from agentic_docgen.blocks.bridge import prestart, run_converter
from agentic_docgen.core.settings import Settings

STRUCTURE = {
    "schema": 1,
    "meta": {
        "title": "Früh gestartet",
        "author": "Ada",
        "created": "2026-12-04T19:00:00Z",
        "toc": True,  # bookmarks and list numbers: docx-js counts them per process
    },
    "blocks": [
        *(
            block
            for n in range(1, 5)
            for block in (
                {"type": "heading", "level": 1, "id": f"h{n}", "runs": [{"text": f"Teil {n}"}]},
                {
                    "type": "paragraph",
                    "runs": [{"text": "Der Konverter wartet auf seine Anfrage."}],
                },
                {
                    "type": "list",
                    "ordered": True,
                    "start": 1,
                    "items": [{"blocks": [{"type": "paragraph", "runs": [{"text": "Schritt"}]}]}],
                },
            )
        ),
        {"type": "code", "language": "text", "text": "INFO start\nWARN slow disk"},
    ],
}


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    yield Settings(home=tmp_path / "home")
    while bridge._WAITING:  # a test's unused converter ends with the test
        bridge._WAITING.pop().communicate(timeout=30)


def _structure(tmp_path: Path, data: object = STRUCTURE) -> Path:
    path = tmp_path / "structure.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _body(docx: Path) -> str:
    with zipfile.ZipFile(docx) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_the_first_conversion_goes_to_the_early_converter(
    tmp_path: Path, settings: Settings
) -> None:
    prestart(settings)
    waiting = bridge._WAITING[0]
    time.sleep(0.2)
    assert waiting.poll() is None, "it waits for its request"
    early = run_converter(settings, _structure(tmp_path), tmp_path / "early.docx")
    assert early.ok and early.early, early.message
    assert waiting.returncode == 0 and not bridge._WAITING
    fresh = run_converter(settings, _structure(tmp_path), tmp_path / "fresh.docx")
    assert fresh.ok and not fresh.early
    body = _body(tmp_path / "early.docx")
    assert "Der Konverter wartet auf seine Anfrage." in body and "WARN slow disk" in body
    assert "_Toc" in body and "w:numId" in body
    assert body == _body(tmp_path / "fresh.docx"), "the document a fresh converter writes"


def test_an_invalid_structure_is_reported_as_by_a_fresh_converter(
    tmp_path: Path, settings: Settings
) -> None:
    bad = _structure(tmp_path, {"schema": 1, "meta": {}, "blocks": [{"type": "nope"}]})
    prestart(settings)
    early = run_converter(settings, bad, tmp_path / "early.docx")
    fresh = run_converter(settings, bad, tmp_path / "fresh.docx")
    assert early.early is False and not early.ok and early.code == "E009"
    assert early.message == fresh.message
    assert "invalid structure" in early.message
    assert not (tmp_path / "early.docx").exists()


def test_a_timeout_of_the_early_converter_is_e008(tmp_path: Path, settings: Settings) -> None:
    prestart(settings)
    waiting = bridge._WAITING[0]
    quick = replace(settings, converter_timeout_s=0.001)
    result = run_converter(quick, _structure(tmp_path), tmp_path / "out.docx")
    assert result.code == "E008"
    assert waiting.poll() is not None, "the timed-out converter is ended"


def test_a_converter_started_for_other_settings_is_not_used(
    tmp_path: Path, settings: Settings
) -> None:
    node = tmp_path / "node"
    node.symlink_to(bridge.node_executable(settings))
    prestart(replace(settings, node=str(node)))
    waiting = bridge._WAITING[0]
    result = run_converter(settings, _structure(tmp_path), tmp_path / "out.docx")
    assert result.ok and not result.early
    assert waiting.returncode == 0, "it ended when its input was closed"
    assert not bridge._WAITING


def test_an_unused_early_converter_ends_without_writing(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    prestart(settings)
    waiting = bridge._WAITING.pop()
    stdout, stderr = waiting.communicate(timeout=30)  # end of its input: nothing asked
    assert (waiting.returncode, stdout, stderr) == (0, "", "")
    assert list(tmp_path.iterdir()) == [], "nothing written"


def test_a_big_hand_over_gets_a_fresh_converter(tmp_path: Path, settings: Settings) -> None:
    """From 16 MB of JSON the converter needs a bigger young generation (semi_space_mb),
    which the early one was not started with: it is closed, and a fresh one runs."""
    prestart(settings)
    waiting = bridge._WAITING[0]
    structure = tmp_path / "structure.json"
    with structure.open("wb") as fh:
        fh.truncate(16 << 20)  # sparse: not JSON, only its size is looked at first
    result = run_converter(settings, structure, tmp_path / "out.docx")
    assert not result.ok and not result.early and "not valid JSON" in result.message
    assert waiting.returncode == 0 and not bridge._WAITING


def test_one_started_before_the_environment_changed_is_not_used(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The converter reads DOCGEN_* settings from its environment: a library user (or a test)
    who changes one after the early start gets a fresh converter that sees it."""
    prestart(settings)
    waiting = bridge._WAITING[0]
    monkeypatch.setenv("DOCGEN_LANDSCAPE_MAX_CELLS", "100")
    result = run_converter(settings, _structure(tmp_path), tmp_path / "out.docx")
    assert result.ok and not result.early
    assert waiting.poll() is not None  # closed, not left waiting
