"""markdown/analysis: one reading of a file answers for the later passes (issue 21 item 3,
issue 24). A reading kept for a text, or given for one of its tails, must be what a parse of
that text alone finds: its top-level headings, the block it leaves open and its links."""

from __future__ import annotations

import random

import pytest

from agentic_docgen.markdown import analysis
from agentic_docgen.markdown import lines as mdtext

PIECES = [
    "# Title [home](index.md)",
    "Title\n=====",
    "Two line\nsetext [x](b.md)\n---",
    "---\ntitle: Front matter\ntags: [a, b]\n---",
    "",
    "",
    "A paragraph with [a link](other.md#part) and `](other.md)` in code.",
    "See [the guide][g] and [docs].",
    "[g]: guide.md\n[docs]: <docs folder/readme.md>",
    "```sh\ncat [x](inside.md)\n# not a heading\n```",
    "```python\nopen = 'never closed'",
    "<!-- a comment that\nspans [two](lines.md) -->",
    "<div>\n\n# heading inside html?\n\n</div>",
    "- item [one](1.md)\n- item two\n\n  # nested heading",
    "> quote [q](q.md)\n> # quoted heading",
    "| a | b |\n| --- | --- |\n| [t](t.md) | ![img](pic.png) |",
    '<img src="x.png"> and ![alt](y.png "title")',
    "## Section [s](s.md) ##",
    "    indented code [c](c.md)",
    "Text\n\n\n### Deep",
]


def _doc(rng: random.Random) -> list[str]:
    text = "\n\n".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
    return mdtext.split_lines(text)


def _fresh(lines: list[str]) -> analysis.Reading:
    analysis.forget()
    mdtext.forget_headings()
    return analysis.read(lines, inline=True)


@pytest.mark.parametrize("seed", range(40))
def test_a_tail_answered_from_its_text_is_what_a_parse_of_the_tail_finds(seed: int) -> None:
    rng = random.Random(seed)
    lines = _doc(rng)
    answered = 0
    for k in range(len(lines) + 1):
        alone = _fresh(lines[k:])
        analysis.forget()
        analysis.read(lines, inline=True)
        kept = analysis.known(lines[k:])
        if kept is None:
            continue
        answered += 1
        assert kept.headings == alone.headings, k
        assert kept.open_end == alone.open_end, k
        if kept.links is not None:  # (none when the text defines references: read alone)
            assert kept.links == alone.links, k
    analysis.forget()
    assert answered >= 1  # the whole text at least (k = 0)


@pytest.mark.parametrize("seed", range(20))
def test_the_block_reading_finds_the_headings_the_full_reading_finds(seed: int) -> None:
    lines = _doc(random.Random(1000 + seed))
    full = _fresh(lines)
    blocks = analysis.fresh(lines)
    assert (blocks.headings, blocks.open_end) == (full.headings, full.open_end)
    analysis.forget()


def test_a_reading_is_done_once_and_its_tails_answer_without_a_parse() -> None:
    lines = mdtext.split_lines(
        "---\ntitle: T\n---\n\n# Page\n\nBody [a](a.md) and [b](../b.md).\n\n## More\n\n[c](c.md)\n"
    )
    analysis.forget()
    before = dict(analysis.PARSES)
    analysis.read(lines, inline=True)  # the reference scan
    start = 4  # after the front matter: what the plan reads
    mdtext.top_level_headings(lines[start:])
    body = lines[start + 2 :]  # after the title and its blank line: what is copied
    assert mdtext.open_end(body) is None
    assert analysis.read(body, inline=True).links == ["a.md", "../b.md", "c.md"]
    assert analysis.PARSES["inline"] - before["inline"] == 1
    assert analysis.PARSES["blocks"] == before["blocks"]
    analysis.forget()


def test_readings_kept_are_bounded_by_what_they_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "KEPT_WEIGHT", 50)
    analysis.forget()
    for i in range(200):
        analysis.read([f"# H{i}", "", f"[x](x{i}.md)"], inline=True)
    assert analysis._weight <= 50
    assert len(analysis._READINGS) < 60
    analysis.forget()
