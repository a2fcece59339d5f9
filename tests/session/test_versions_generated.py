"""versions.split_generated: a generated section cut out of the file chapter it was written
with, as its own chapter (what `regenerate --chapter N` counts and rebuild.py keeps)."""

from __future__ import annotations

from agentic_docgen.entry.rebuild import assemble, units_of
from agentic_docgen.session.versions import split_generated

REC = {"title": "Errors at a glance", "generate": "errors", "level": 1, "context": []}


def _doc() -> tuple[list[str], list[dict]]:
    # errors (1-3) + a.md (5-7) | b.log (9-11) + digest (13-15)
    md = ["# Errors at a glance", "", "- x", "", "# A", "", "text"]
    md += ["", "# b.log", "", "```log", "", "# The inputs", "", "| t |"]
    md[10] = "line"  # (b.log's content, not a fence: the test needs no parser)
    chapters = [
        {"files": ["a.md"], "first": 1, "last": 7},
        {"files": ["b.log"], "first": 8, "last": 15},
    ]
    return md, chapters


def test_sections_become_chapters_and_the_document_is_put_back_the_same() -> None:
    md, chapters = _doc()
    digest = {**REC, "title": "The inputs", "generate": "digest", "first": 13, "last": 15}
    split = split_generated(chapters, [{**REC, "first": 1, "last": 3}, digest])
    assert [(c["files"], c["first"], c["last"]) for c in split] == [
        ([], 1, 3),
        (["a.md"], 4, 7),
        (["b.log"], 8, 12),
        ([], 13, 15),
    ]
    assert split[0]["generated"]["generate"] == "errors" and "first" not in split[0]["generated"]
    units = units_of(md, [], split)
    assert units[2].lines == ["# b.log", "", "line"]  # (no blank left before the digest)
    lines, _, again = assemble(units)
    assert lines == md and [c["first"] for c in again] == [1, 4, 8, 12]


def test_a_section_inside_a_batch_or_nowhere_leaves_the_map_as_it_was() -> None:
    md, _ = _doc()
    batch = [{"files": ["a.md", "b.log"], "first": 1, "last": 15}]
    middle = {**REC, "first": 5, "last": 7}
    assert split_generated(batch, [middle]) == batch
    assert split_generated(batch, [{**REC, "first": 14, "last": 40}]) == batch
    assert split_generated(batch, [{"title": "old record"}]) == batch
