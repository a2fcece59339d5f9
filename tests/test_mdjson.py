"""Golden tests for markdown → JSON (regenerate with UPDATE_GOLDEN=1 and review the diff)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image

from agentic_docgen.mdjson import parse_markdown, validate_structure

GOLDEN = Path(__file__).parent / "golden"
META = {"title": "T", "author": "A"}


@pytest.fixture
def session(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (40, 20), "red").save(tmp_path / "assets" / "pic.png")
    (tmp_path / "assets" / "flow.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
        '<rect width="300" height="100" fill="#36c"/></svg>'
    )
    return tmp_path


def _normalise(structure: dict, session: Path) -> dict:
    text = json.dumps(structure).replace(str(session), "<session>")
    return json.loads(text)


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.md")))
def test_golden(name: str, session: Path) -> None:
    md = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    structure, _ = parse_markdown(md, session, META)
    got = _normalise(structure, session)
    expected_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN") or not expected_path.exists():
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


def test_control_characters_become_visible_pictures(session: Path) -> None:
    structure, parser = parse_markdown("a\x0cb\x07c\x00d\n", session, META)
    assert structure["blocks"][0]["runs"][0]["text"] == "a\u240cb\u2407c\u2400d"
    assert parser.replaced_chars == 3


def test_heading_ids_are_unique(session: Path) -> None:
    structure, _ = parse_markdown("# Intro\n\n# Intro\n\n# Ünïcode title!\n", session, META)
    assert [b["id"] for b in structure["blocks"]] == ["h_intro", "h_intro_2", "h_unicode_title"]


def test_validate_structure_names_the_path() -> None:
    bad = {"schema": 1, "blocks": [{"type": "list", "items": [{"blocks": [{"type": "x"}]}]}]}
    with pytest.raises(ValueError, match=r"blocks\[0\]\.items\[0\]\.blocks\[0\]"):
        validate_structure(bad)
    with pytest.raises(ValueError, match="schema"):
        validate_structure({"schema": 2, "blocks": []})
