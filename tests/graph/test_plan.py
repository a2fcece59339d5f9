"""The plan file (issue 18): read safely, checked against the inputs, each fault one line
naming the plan file and the line it is on; `dump` writes what `load_plan` reads back."""

from __future__ import annotations

import pytest

from agentic_docgen.core.errors import EXIT_INVALID
from agentic_docgen.graph.policy.plan import (
    MAX_PLAN_BYTES,
    Chapter,
    Part,
    Plan,
    PlanError,
    Section,
    load_plan,
)
from agentic_docgen.graph.policy.planned import dump

INPUTS = ["guide.md", "server.log", "notes.txt", "scratch.txt"]
LINES = {"guide.md": 10, "server.log": 400, "notes.txt": 7, "scratch.txt": 1}

GOOD = """\
docgen-plan: 1
title: Incident 42
author: Ops team
language: en
toc: true
chapters:
  - source: guide.md            # one chapter per source file, in this order
    title: User guide
  - source: server.log
    title: Server log
    sections:
      - {title: Start-up, lines: 1-120}
      - {title: Errors, lines: 121-400}
  - notes.txt
exclude:
  - scratch.txt
"""


def _load(text: str, inputs: list[str] | None = INPUTS, **kw):
    return load_plan(text.encode(), "plan.yaml", inputs, LINES.__getitem__, **kw)


def _error(text: str, **kw) -> PlanError:
    with pytest.raises(PlanError) as info:
        _load(text, **kw)
    err = info.value
    assert err.exit_code == EXIT_INVALID
    assert "\n" not in str(err) and str(err).startswith(f"plan.yaml:{err.line}: ")
    return err


def test_the_example_of_the_issue_reads_as_written() -> None:
    plan, new = _load(GOOD)
    assert new == []
    assert (plan.title, plan.author, plan.language, plan.toc) == (
        "Incident 42", "Ops team", "en", True,
    )  # fmt: skip
    assert plan.order() == ["guide.md", "server.log", "notes.txt"]
    assert plan.exclude == ["scratch.txt"]
    log = plan.entries()["server.log"]
    assert log.title == "Server log" and [(s.title, s.start, s.end) for s in log.sections] == [
        ("Start-up", 1, 120), ("Errors", 121, 400),
    ]  # fmt: skip
    assert plan.entries()["notes.txt"].title is None  # the file's own title


def test_dump_reads_back_to_the_same_plan() -> None:
    plan = Plan(
        title="Notes: a *test* #1",
        author="yes",
        toc=False,
        chapters=[
            Chapter("a b.md", "Title with: colon"),
            Chapter("x.log", "[x] 1.5", [Section("- one", 1, 3), Section('"two"', 4, 9)]),
        ],
        parts=[
            Part("guides", "guides/README.md", [Chapter("guides/a.md", "null")]),
            Part("ops", None, [Chapter("ops/n.log", "ops/n\\_1.log")]),
        ],
        exclude=["# odd.txt"],
    )
    inputs = ["a b.md", "x.log", "guides/README.md", "guides/a.md", "ops/n.log", "# odd.txt"]
    text = dump(plan)
    back, _ = load_plan(text.encode(), "p.yaml", inputs, lambda _n: 9)
    assert dump(back) == text
    assert back.chapters[1].sections[1].title == '"two"'
    assert back.parts[1].chapters[0].title == "ops/n\\_1.log"
    entries = back.entries()
    assert entries["guides/README.md"].level == 1 and entries["guides/a.md"].level == 2
    assert entries["ops/n.log"].part_heading == "ops"  # a part without an index file


@pytest.mark.parametrize(
    ("edit", "line", "words"),
    [
        (("title: User guide", "titel: User guide"), 8, "unknown key 'titel'"),
        (("toc: true", "toc: maybe"), 5, "toc must be"),
        (("language: en", "language: english!"), 4, "language must be"),
        (("docgen-plan: 1", "docgen-plan: 2"), 1, "plan version 1"),
        (("  - notes.txt\n", "  - notes.txt\n  - guide.md\n"), 15, "named twice (first at line 7)"),
        (("  - notes.txt\n", "  - gone.md\n  - notes.txt\n"), 14, "gone.md is not an input"),
        (("lines: 121-400", "lines: 122-400"), 13, "leaves out lines 121-121"),
        (("lines: 121-400", "lines: 100-400"), 13, "repeats lines 100-120"),
        (("lines: 121-400", "lines: 121-390"), 13, "leave out lines 391-400"),
        (("lines: 121-400", "lines: 121-401"), 13, "has 400 lines"),
        (("lines: 121-400", "lines: many"), 13, "lines must be a range"),
        (("  - notes.txt", "  - {source: notes.txt, color: red}"), 14, "unknown key 'color'"),
        (("    title: User guide", "    title: User guide\n    sections: []\n    x: 1"), 10, "x"),
        (("  - scratch.txt\n", ""), 16, "scratch.txt is not in the plan"),
        (("exclude:\n  - scratch.txt", "exclude: scratch.txt"), 15, "exclude must be a list"),
    ],
)
def test_each_fault_is_one_line_with_its_line_number(
    edit: tuple[str, str], line: int, words: str
) -> None:
    assert edit[0] in GOOD
    err = _error(GOOD.replace(edit[0], edit[1], 1))
    assert words in err.message, err
    assert err.line == line, err


def test_sections_only_split_text_and_logs() -> None:
    text = GOOD.replace(
        "    title: User guide\n",
        "    title: User guide\n    sections:\n      - {title: A, lines: 1-10}\n",
    )
    err = _error(text)
    assert "only a .txt or .log" in err.message and err.line == 10


def test_a_new_file_is_refused_or_appended() -> None:
    inputs = [*INPUTS, "late.md"]
    err = _error(GOOD, inputs=inputs)
    assert "late.md is not in the plan" in err.message and "--plan-new append" in err.message
    plan, new = _load(GOOD, inputs=inputs, append_new=True)
    assert new == ["late.md"] and plan.order()[-1] == "late.md"


def test_hostile_yaml_is_one_clear_error() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    bomb += "".join(
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n"
        for p, c in zip("bcdefgh", "cdefghi", strict=True)
    )
    err = _error("docgen-plan: 1\n" + bomb)
    assert "anchors and aliases" in err.message and err.line == 2
    err = _error("docgen-plan: 1\ntitle: !!python/object/apply:os.system [echo hi]\n")
    assert "tags" in err.message and err.line == 2
    err = _error(GOOD.replace("docgen-plan: 1", "docgen-plan: 1\ntitle: [unclosed"))
    assert "not valid YAML" in err.message
    with pytest.raises(PlanError) as info:
        load_plan(b"x" * (MAX_PLAN_BYTES + 1), "big.yaml", INPUTS, LINES.__getitem__)
    assert "at most" in str(info.value) and str(info.value).startswith("big.yaml:1: ")
    deep = "docgen-plan: 1\ntitle: " + "[" * 50 + "]" * 50 + "\n"
    assert "nested" in _error(deep).message
    with pytest.raises(PlanError) as info:
        load_plan(b"docgen-plan: 1\ntitle: caf\xe9\n", "p.yaml", INPUTS, LINES.__getitem__)
    assert "not UTF-8" in str(info.value) and info.value.line == 2


def test_not_a_plan() -> None:
    assert "the first key must be" in _error("title: x\nchapters: [guide.md]\n").message
    assert "empty" in _error("").message
    assert "no chapters" in _error("docgen-plan: 1\nchapters: []\n").message
