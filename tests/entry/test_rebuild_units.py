"""The splice of entry/rebuild.py: a document cut into its chapters and put together again
is the same document, spans and all; a chapter moved keeps its lines; the change summary."""

from __future__ import annotations

from agentic_docgen.entry.rebuild import Unit, assemble, units_of
from agentic_docgen.entry.refine import change_summary

MD = [
    "# Guide",  # 1
    "",
    "Text.",  # 3
    "",
    "# server",  # 5
    "",
    "```log",  # 7
    "a",
    "",  # a blank line inside the log
    "b",
    "```",  # 11
    "",
    "# notes",  # 13
    "",
    "Café.",  # 15
]
SPANS = [
    {"file": "guide.md", "start": 2, "end": 3, "as": "markdown", "md_first": 3, "md_last": 3},
    {"file": "s.log", "start": 1, "end": 3, "as": "code", "md_first": 7, "md_last": 11},
    {"file": "n.md", "start": 1, "end": 1, "as": "markdown", "md_first": 15, "md_last": 15},
]
CHAPTERS = [
    {"files": ["guide.md"], "first": 1, "last": 3},
    {"files": ["s.log"], "first": 4, "last": 11},
    {"files": ["n.md"], "first": 12, "last": 15},
]


def test_cut_and_put_together_is_the_same_document() -> None:
    units = units_of(MD, SPANS, CHAPTERS)
    assert [u.lines[0] for u in units] == ["# Guide", "# server", "# notes"]
    lines, spans, chapters = assemble(units)
    assert lines == MD
    assert spans == SPANS
    assert [c["files"] for c in chapters] == [["guide.md"], ["s.log"], ["n.md"]]


def test_a_chapter_removed_moves_the_next_with_its_spans() -> None:
    guide, _, notes = units_of(MD, SPANS, CHAPTERS)
    bigger = Unit(["s.log"], ["# server", "", "```log", "a", "b", "c", "```"])
    bigger.spans = [{**SPANS[1], "end": 3, "md_first": 3, "md_last": 7}]
    lines, spans, _ = assemble([guide, notes, bigger])
    for sp in spans:  # every span still points at its own lines
        body = lines[sp["md_first"] - 1 : sp["md_last"]]
        assert body[0] in ("Text.", "Café.", "```log")
    assert lines[4] == "# notes" and lines[-1] == "```"


def test_change_summary() -> None:
    changes = {
        "reused": ["a.md", "b.md", "c.md"],
        "changed": [{"file": "server.log", "lines": 1204}],
        "new": [{"file": "db.log", "lines": 3}],
        "deleted": [],
    }
    assert change_summary(changes) == (
        "3 chapter(s) reused, 1 changed: server.log +1,204 lines, 1 new: db.log"
    )
