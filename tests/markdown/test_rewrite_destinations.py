"""rewrite_destinations in one pass (issue 24: a pattern compiled per reference and file cost
more than the rest of a small page's copy) rewrites what the pattern per reference did."""

from __future__ import annotations

import random
import re

from agentic_docgen.markdown import lines as mdtext

REFS = ["a.md", "a.md#x", "img/x.png", "dir\\y.png", "b c.md", "q.md", "x)y.md", "a.md b"]
BITS = ["](", "]: ", "](<", 'src="', "src=", " ", "\n", ")", ">", '"', "'", "#", "x", "[t"]
BITS += ["a.md", "b", "\\", "c.md", ".png", "img/x.png", "\\\\", "SRC="]


def _per_reference(text: str, mapping: dict[str, str]) -> str:
    """The rewrite as it was: one pattern per reference (and its escaped form), in turn."""
    for ref, new in mapping.items():
        for written in dict.fromkeys((ref, ref.replace("\\", "\\\\"))):
            pattern = re.compile(mdtext._DESTINATION + re.escape(written) + r"(?=[\s>)\"']|$)")
            text = pattern.sub(lambda m, n=new: str(m.group(1)) + n, text)  # type: ignore[misc]
    return text


def test_one_pass_rewrites_what_a_pattern_per_reference_did() -> None:
    rng = random.Random(24)
    compared = 0
    for _ in range(5000):
        text = "".join(rng.choice(BITS + REFS) for _ in range(rng.randint(0, 30)))
        mapping = {r: f"assets/new{k}" for k, r in enumerate(rng.sample(REFS, rng.randint(0, 4)))}
        if "a.md" in mapping and "a.md b" in mapping:
            continue  # one is the other's start: the one pass takes the longer (below)
        assert mdtext.rewrite_destinations(text, mapping) == _per_reference(text, mapping), (
            text,
            mapping,
        )
        compared += text != _per_reference(text, mapping)
    assert compared > 150  # many texts were rewritten


def test_the_longest_reference_written_at_a_destination_wins() -> None:
    text = "[x](<a.md b>) and [y](a.md) and `](a.md)` in code"
    out = mdtext.rewrite_destinations(text, {"a.md": "A", "a.md b": "AB"})
    assert out == "[x](<AB>) and [y](A) and `](a.md)` in code"  # (a code span is as written)


def test_a_backslash_written_escaped_is_found_and_nothing_else_moves() -> None:
    text = "![p](dir\\\\y.png) ![q](dir\\y.png) see dir\\y.png\n[d]: dir\\y.png\n"
    out = mdtext.rewrite_destinations(text, {"dir\\y.png": "assets/y.png"})
    assert out == "![p](assets/y.png) ![q](assets/y.png) see dir\\y.png\n[d]: assets/y.png\n"
