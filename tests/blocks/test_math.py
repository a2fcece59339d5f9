"""TeX math in markdown → math runs of the contract (blocks/math.py), pandoc's rules."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from agentic_docgen.blocks.document import parse_markdown
from agentic_docgen.blocks.math import find_math, locate

META = {"title": "t", "author": "a", "created": "2026-01-01T00:00:00Z"}
SCHEMA = json.loads(
    (Path(__file__).parents[2] / "converter/contract/blocks.schema.json").read_text("utf-8")
)


def parse(md: str, tmp_path: Path) -> list[dict[str, Any]]:
    structure, _ = parse_markdown(md, tmp_path, META)
    jsonschema.validate(structure, SCHEMA)
    return structure["blocks"]


def maths(md: str) -> list[str]:
    return [m.group(1) for m in find_math(md)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$E=mc^2$", ["E=mc^2"]),
        ("prices $5 and $10 stay text", []),
        ("$20,000 and $30,000", []),
        ("a $ b $ c", []),  # a space after the opening $, before the closing one
        ("$x$5", []),  # a digit after the closing $
        (r"\$x\$ escaped", []),
        ("`$a$` in code", []),
        ("`code` then $b$", ["b"]),
        ("$a$$b$", ["a", "b"]),
        ("$$\\sum_i x_i$$", ["\\sum_i x_i"]),
        ("$$ a $ b $$", [" a $ b "]),
        (r"$a \$ b$", [r"a \$ b"]),  # an escaped $ does not close
        ("$5 and $10$", ["10"]),  # as pandoc: the first $ closes nothing, the second opens
    ],
)
def test_delimiters_follow_pandoc(text: str, expected: list[str]) -> None:
    assert maths(text) == expected


def test_math_text_reaches_the_contract_exactly(tmp_path: Path) -> None:
    blocks = parse(r"Area $$\int_0^1 x^2\,dx$$ and $\alpha\_1 \{x\}$ here." + "\n", tmp_path)
    runs = blocks[0]["runs"]
    assert {"math": r"\int_0^1 x^2\,dx", "display": True} in runs
    assert {"math": r"\alpha\_1 \{x\}"} in runs  # no markdown escape applied inside


def test_display_blocks_over_lines_and_math_fences(tmp_path: Path) -> None:
    md = (
        "$$\n\\begin{aligned}\na &= b \\\\\n- c &= d\n===\n\\end{aligned}\n$$\n\n"
        "```math\n\\frac{1}{2}\n```\n\n```sh\necho $HOME $1\n```\n"
    )
    blocks = parse(md, tmp_path)
    assert blocks[0] == {
        "type": "paragraph",
        "runs": [
            {
                "math": "\\begin{aligned}\na &= b \\\\\n- c &= d\n===\n\\end{aligned}",
                "display": True,
            }
        ],
    }  # `- c` is no list item, `===` no heading underline
    assert blocks[1]["runs"] == [{"math": "\\frac{1}{2}", "display": True}]
    assert blocks[2]["type"] == "code" and blocks[2]["text"] == "echo $HOME $1"


def test_unclosed_display_math_stays_text(tmp_path: Path) -> None:
    blocks = parse("$$\n\\frac{1}{2}\n\nnext paragraph $$ x\n", tmp_path)
    text = json.dumps(blocks)
    assert '"math"' not in text
    assert "$$" in blocks[0]["runs"][0]["text"] and "next paragraph $$ x" in text


def test_math_in_headings_lists_tables_quotes(tmp_path: Path) -> None:
    md = "# The $\\alpha$ level\n\n- item $x_1$\n\n> $y$\n\n| a |\n| - |\n| $z^2$ |\n"
    text = json.dumps(parse(md, tmp_path))
    for tex in ("\\\\alpha", "x_1", '"y"', "z^2"):
        assert tex in text


def test_ten_thousand_dollars_is_linear(tmp_path: Path) -> None:
    for md in ("$" * 10_000, "$a " * 10_000, "$5 and " * 10_000, "`$" * 10_000):
        t0 = time.perf_counter()
        parse_markdown(md + "\n", tmp_path, META)  # (the schema check is slower than this)
        assert time.perf_counter() - t0 < 5, md[:10]


def test_locate_names_the_line_as_written() -> None:
    sources = [("a.md", ["x \\frac{1}{n}", "bad $\\frac{1}{$ here"])]
    assert locate("\\frac{1}{", False, sources) == "a.md:2"
    assert locate("nowhere", False, sources) is None
