"""Generated sections in the plan (issue 19 item 3): the keys `generate` and `context`, where
each section goes in the document, the YAML written back, and the faults (PlanError with
the plan file and line)."""

from __future__ import annotations

import pytest

from agentic_docgen.graph.policy.plan import Generated, PlanError, load_plan
from agentic_docgen.graph.policy.planned import dump, planned_chapter

INPUTS = ["guide.md", "server.log", "worker.log", "notes/a.md", "notes/b.md"]


def _load(text: str, inputs: list[str] | None = None):
    inputs = INPUTS if inputs is None else inputs
    return load_plan(text.encode(), "plan.yaml", inputs, lambda name: 10)[0]


PLAN = """\
docgen-plan: 1
chapters:
  - title: Errors at a glance
    generate: errors            # built in
  - guide.md
  - title: Executive summary
    generate: Summarise what failed overnight and what recovered.
    context: [server.log, worker.log]
  - server.log
  - worker.log
parts:
  - title: Notes
    chapters:
      - {title: What the notes hold, generate: digest}
      - notes/a.md
      - notes/b.md
      - {title: Closing words, generate: Say goodbye.}
"""


def test_each_generated_section_goes_where_the_plan_puts_it() -> None:
    plan = _load(PLAN)
    assert plan.order() == INPUTS  # generated sections are no input
    entries = plan.entries()
    errors = Generated(1, "Errors at a glance", "errors")
    assert entries["guide.md"].before == (errors,)
    summary = entries["guide.md"].after[0]
    assert summary.generate.startswith("Summarise") and summary.context == (
        "server.log",
        "worker.log",
    )
    assert not summary.built_in and errors.built_in
    # in a part: after the part's heading, before its first file; at its end, after its last
    assert entries["notes/a.md"].part_heading == "Notes"
    assert entries["notes/a.md"].before == (Generated(2, "What the notes hold", "digest"),)
    assert entries["notes/b.md"].after == (Generated(2, "Closing words", "Say goodbye."),)
    assert [c.title for c in plan.generated()] == [
        "Errors at a glance",
        "Executive summary",
        "What the notes hold",
        "Closing words",
    ]


def test_the_calls_of_a_chapter_carry_its_generated_sections_in_order(tmp_path) -> None:
    from agentic_docgen.graph.tools.sources import Source

    plan = _load(PLAN)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# A\n\ntext\n")
    calls = planned_chapter(
        Source("notes/a.md", tmp_path / "notes" / "a.md"), plan.entries()["notes/a.md"]
    )
    names = [c["name"] for c in calls]
    assert names[:3] == ["append_markdown", "append_generated", "append_markdown"]
    assert calls[0]["args"]["text"] == "# Notes"  # the part's heading comes first
    assert calls[1]["args"] == {
        "generate": "digest",
        "title": "What the notes hold",
        "level": 2,
        "context": [],
    }


def test_generated_chapters_before_the_first_part_lead_it() -> None:
    text = (
        "docgen-plan: 1\nchapters:\n  - {generate: errors}\n"
        "parts:\n  - title: P\n    chapters: [guide.md]\n"
    )
    entry = _load(text, ["guide.md"]).entries()["guide.md"]
    assert entry.lead == (Generated(1, None, "errors"),) and entry.part_heading == "P"


def test_the_plan_written_back_reads_the_same() -> None:
    plan = _load(PLAN)
    again = _load(dump(plan))
    assert again.entries() == plan.entries()
    assert "generate: errors" in dump(plan)
    assert "context: [server.log, worker.log]" in dump(plan)


@pytest.mark.parametrize(
    ("plan", "line", "message"),
    [
        (
            "chapters:\n  - {source: server.log, generate: errors}",
            3,
            "a generated section (`generate`) has no `source`",
        ),
        (
            "chapters:\n  - server.log\n  - {generate: x, context: [gone.log]}",
            4,
            "gone.log is not an input",
        ),
        (
            "chapters:\n  - server.log\n  - generate: x\n    context:\n      - guide.md\n"
            "exclude: [guide.md]",
            6,
            "context file guide.md is excluded",
        ),
        (
            "chapters:\n  - {source: server.log, context: [guide.md]}",
            3,
            "`context` belongs to a generated",
        ),
        (
            "chapters:\n  - {generate: errors}\n  - {generate: digest}",
            1,
            "no chapter with a source file",
        ),
        ("chapters:\n  - {generate: '', title: x}", 3, "generate is empty"),
        ("chapters:\n  - {generate: [a, b]}", 3, "generate must be text"),
        ("chapters:\n  - {generate: errors, sections: []}", 3, "has no `sections`"),
        (
            "chapters:\n  - server.log\nparts:\n  - title: P\n    chapters: [{generate: errors}]",
            5,
            "a part needs a source or a chapter with a source file",
        ),
    ],
)
def test_a_bad_generated_section_is_one_error_naming_its_line(
    plan: str, line: int, message: str
) -> None:
    inputs = ["server.log", "guide.md"]
    with pytest.raises(PlanError) as exc:
        _load("docgen-plan: 1\n" + plan + "\n", inputs)
    assert exc.value.line == line, str(exc.value)
    assert message in str(exc.value)
    assert str(exc.value).startswith(f"plan.yaml:{line}:") or f"plan.yaml:{line}" in repr(
        exc.value.path
    )


def test_an_unknown_built_in_name_is_instructions() -> None:
    plan = _load(
        "docgen-plan: 1\nchapters:\n  - server.log\n  - {generate: error}\n", ["server.log"]
    )
    (g,) = plan.entries()["server.log"].after
    assert g.generate == "error" and not g.built_in
