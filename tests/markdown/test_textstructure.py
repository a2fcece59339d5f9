from __future__ import annotations

from agentic_docgen.markdown.textstructure import segments


def kinds(text: str) -> list[tuple[str, int, int, int]]:
    return [(s.kind, s.start, s.end, s.rank) for s in segments(text.split("\n"))]


def test_setext_numbered_and_caps_headings() -> None:
    text = "Title\n=====\n\nintro\n\n1. First\n\nbody\n\n1.2 Sub part\n\nSub\n---\n\nAPPENDIX A\n"
    assert kinds(text) == [
        ("heading", 1, 2, 1),
        ("prose", 4, 4, 0),
        ("heading", 6, 6, 1),
        ("prose", 8, 8, 0),
        ("heading", 10, 10, 2),
        ("heading", 12, 13, 2),
        ("heading", 15, 15, 1),
    ]


def test_sentences_and_list_items_are_not_headings() -> None:
    text = "1. Do this first.\n\nNOTE: this is a sentence, not a heading.\n\nI\n"
    assert [k[0] for k in kinds(text)] == ["prose", "prose", "prose"]


def test_preformatted_regions() -> None:
    text = (
        "prose\n\n    code line\n\n    more code\n\n+--+--+\n|  |  |\n\nName   Value\nx"
        "      1\n\npage\fbreak\n"
    )
    # consecutive preformatted regions separated only by blank lines form one block
    assert kinds(text) == [("prose", 1, 1, 0), ("pre", 3, 13, 0)]
    assert kinds("a\n\n  b c   d\n\ne\n") == [
        ("prose", 1, 1, 0),
        ("pre", 3, 3, 0),
        ("prose", 5, 5, 0),
    ]


def test_every_nonblank_line_is_covered_once() -> None:
    text = "\n".join(["HEAD", "", "a", "b", "", "  x", "", "1 Intro", "=" * 5, "", "end"])
    covered = []
    for s in segments(text.split("\n")):
        covered.extend(range(s.start, s.end + 1))
    nonblank = [i for i, line in enumerate(text.split("\n"), 1) if line.strip()]
    assert sorted(set(covered)) == covered
    assert set(nonblank) <= set(covered)
