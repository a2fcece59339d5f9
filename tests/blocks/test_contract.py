"""The block JSON contract has one definition, converter/contract/blocks.schema.json: what the
Python parser hands over must be valid against it, and it refuses what the converter refuses."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from agentic_docgen.blocks.document import parse_markdown

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "converter/contract/blocks.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
GOLDEN = Path(__file__).parent / "golden"
META = {"title": "T", "author": "A", "created": "2026-12-04T10:00:00+00:00"}  # as output.py gives


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.md")))
def test_what_the_parser_hands_over_is_valid(name: str, session: Path) -> None:
    md = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    structure, _ = parse_markdown(md, session, META)
    errors = [e.message for e in VALIDATOR.iter_errors(structure)]
    assert errors == []


def test_random_markdown_gives_valid_structures(session: Path) -> None:
    pieces = ["# T", "## S", "para *em* **st** `c` [l](http://x)", "- a\n  - b", "1. x",
              "> q", "```py\nx = 1\n```", "| a | b |\n|--|--:|\n| 1 | 2 |", "---",
              "<div>h</div>", "text[^1]\n\n[^1]: note", "- [x] done", "![i](none.png)"]  # fmt: skip
    rng = random.Random(7)
    for _ in range(40):
        md = "\n\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        structure, _ = parse_markdown(md, session, META)
        assert not list(VALIDATOR.iter_errors(structure)), md


@pytest.mark.parametrize(
    "bad",
    [
        {"schema": 2, "blocks": []},
        {"schema": 1, "blocks": [{"type": "x"}]},
        {"schema": 1, "blocks": [{"type": "list", "items": [{"blocks": [{"type": "x"}]}]}]},
        {"schema": 1, "blocks": [{"type": "paragraph", "runs": "text"}]},
    ],
)
def test_the_schema_refuses_a_bad_structure(bad: dict) -> None:
    assert list(VALIDATOR.iter_errors(bad))
