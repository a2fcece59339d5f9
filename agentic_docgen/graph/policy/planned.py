"""The offline policy and the plan file (issue 18): the plan it proposes (`propose`), the
plan as the commented YAML the user edits (`dump`), and a chapter written as a plan says
(`planned_chapter`: its title, its sections, the part it opens).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from agentic_docgen.graph.policy.offline import _call, _heading, plan_file
from agentic_docgen.graph.policy.parts import chapter_level, is_part_index, part_of
from agentic_docgen.graph.policy.plan import (
    VERSION,
    Chapter,
    Entry,
    Generated,
    Part,
    Plan,
    Section,
)
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.graph.tools.generated import Writer, section_markdown
from agentic_docgen.graph.tools.sources import Source
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import textstructure


def _heading_text(call: dict[str, Any]) -> str:
    return str(call["args"]["text"]).lstrip("#").strip()


def propose(sources: Sequence[Source], parts: bool, **meta: Any) -> Plan:
    """The plan the offline policy builds for these inputs (in run order): one chapter per
    file with the title it would give it; with `parts`, the files of each top-level
    subfolder in a part titled by its index file, else by the folder's name."""
    plan = Plan(**meta)
    names = [s.name for s in sources]
    for i, src in enumerate(sources):
        level, heading = chapter_level(names, i) if parts else (1, None)
        title = _heading_text(plan_file(src, level)[0])
        folder = part_of(src.name) if parts else None
        if folder is None:
            plan.chapters.append(Chapter(src.name, title))
        elif level == 1 and is_part_index(src.name):  # the part's index file opens it
            plan.parts.append(Part(title, src.name))
        else:
            if heading is not None:
                plan.parts.append(Part(mdtext.escape_prose_line(mdtext.one_line(heading))))
            plan.parts[-1].chapters.append(Chapter(src.name, title))
    return plan


def planned_chapter(src: Source, entry: Entry, lang: str = "en") -> list[dict[str, Any]]:
    """The tool calls of a chapter as the plan says: at its level, with the plan's title
    (markdown text, one line) in place of the one the policy finds, split in sections."""
    calls = _sectioned(src, entry) if entry.sections else plan_file(src, entry.level, lang)
    if entry.title is not None:
        calls[0] = _heading(entry.level, mdtext.one_line(entry.title))
    before = [_generated(g) for g in entry.before]
    if entry.part_heading is not None:
        before.insert(0, _heading(1, mdtext.one_line(entry.part_heading)))
    return [*(_generated(g) for g in entry.lead), *before, *calls, *map(_generated, entry.after)]


def generated_section(
    ws: Workspace, g: Generated, writer: Writer | None = None
) -> tuple[str, dict[str, Any]]:
    """The markdown of one generated section as the plan entry says (its heading and its
    content, from the workspace as it is now; `writer`: RunContext.section_writer() for
    instructions) and its record for `generated` (title, generate, model, tokens). For
    `docgen regenerate`: the run itself writes them through `append_generated`."""
    return section_markdown(ws, g.generate, g.title, g.level, list(g.context), writer)


def _generated(g: Generated) -> dict[str, Any]:
    """The call that writes a generated section (graph/tools/generated.py)."""
    title = None if g.title is None else mdtext.one_line(g.title)
    return _call(
        "append_generated", generate=g.generate, title=title, level=g.level, context=list(g.context)
    )


def _sectioned(src: Source, entry: Entry) -> list[dict[str, Any]]:
    """A .log or .txt in the plan's sections (their ranges cover the file: plan.py checked):
    a log's digest, then each section's heading and its lines (a log's verbatim in a fence,
    a text's as the offline plan reads text: headings, prose, preformatted)."""
    level = entry.level
    sub = min(6, level + 1)
    calls = [_heading(level, _name(src))]
    if src.kind == "log":
        calls.append(_call("append_log_digest", file=src.name))
    for s in entry.sections:
        calls.append(_heading(sub, mdtext.one_line(s.title)))
        if src.kind == "log":
            calls.append(
                _call(
                    "append_source",
                    file=src.name,
                    start_line=s.start,
                    end_line=s.end,
                    as_="code",
                    language="log",
                )
            )
            continue
        calls += _text_range(src, s, min(6, sub + 1))
    return calls


def _text_range(src: Source, s: Section, level: int) -> list[dict[str, Any]]:
    segs = textstructure.segments(src.lines[s.start - 1 : s.end])
    offset = s.start - 1
    levels = iter(mdtext.releveled([g.rank for g in segs if g.kind == "heading"], level))
    calls = []
    for seg in segs:
        if seg.kind == "heading":
            calls.append(
                _heading(next(levels), mdtext.escape_prose_line(mdtext.one_line(seg.text)))
            )
            continue
        as_ = "prose" if seg.kind == "prose" else "text"
        calls.append(
            _call(
                "append_source",
                file=src.name,
                start_line=seg.start + offset,
                end_line=seg.end + offset,
                as_=as_,
            )
        )
    return calls


def _name(src: Source) -> str:
    return mdtext.escape_prose_line(mdtext.one_line(src.name))


# --- the plan as YAML ------------------------------------------------------------------

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`=~][^\n]*$")
_RESOLVED = re.compile(
    r"^(?:y|n|yes|no|true|false|on|off|null|~|[-+.\d].*|\.(?:inf|nan))$", re.IGNORECASE
)

HEADER = f"""\
# docgen plan: the outline `docgen convert DIR --plan THIS_FILE` builds (docs/plan.md).
# Edit it: reorder the chapters, change a title, move a file to `exclude`, split a .txt or
# .log into sections by line ranges. Every input file appears once, as a chapter (or a
# part's source) or in `exclude`; a file the plan does not name is refused (or appended,
# with --plan-new append). Titles are markdown text on one line.
docgen-plan: {VERSION}                      # the version of this format
"""


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    plain = _PLAIN.match(text) and not _RESOLVED.match(text)
    if plain and ": " not in text and " #" not in text and not text.endswith((" ", ":")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _chapter_lines(c: Chapter, indent: str) -> list[str]:
    if c.generate is not None:
        out = [f"{indent}- title: {_scalar(c.title)}", f"{indent}  generate: {_scalar(c.generate)}"]
        if c.context:
            out.append(f"{indent}  context: [{', '.join(_scalar(n) for n in c.context)}]")
        return out
    out = [f"{indent}- source: {_scalar(c.source)}", f"{indent}  title: {_scalar(c.title)}"]
    if c.sections:
        out.append(f"{indent}  sections:")
        for s in c.sections:
            rng = f"{s.start}-{s.end}"
            out.append(f"{indent}    - {{title: {_scalar(s.title)}, lines: {rng}}}")
    return out


def _noted(code: str, comment: str) -> str:
    return f"{code:<27} # {comment}"


def dump(plan: Plan) -> str:
    """The plan as the commented YAML file `load_plan` reads back to the same plan."""
    toc = plan.toc if isinstance(plan.toc, bool) else "auto"
    out = [
        HEADER.rstrip("\n"),
        _noted(f"title: {_scalar(plan.title)}", "the document's title (null: the run decides)"),
        _noted(f"author: {_scalar(plan.author)}", "(null: the run decides)"),
        _noted(
            f"language: {_scalar(plan.language)}",
            "auto, or one of en de fr es it pt nl pl ja zh ko",
        ),
        _noted(f"toc: {_scalar(toc)}", "true, false, or auto (on when > 3 headings)"),
        _noted("chapters:", "one per file, in this order; its title is its Heading 1"),
    ]
    out += [line for c in plan.chapters for line in _chapter_lines(c, "  ")]
    if not plan.chapters:
        out[-1] = "chapters: []"
    if plan.parts:
        out.append(_noted("parts:", "after the chapters: a Heading 1 each, chapters at 2"))
        for p in plan.parts:
            out.append(f"  - title: {_scalar(p.title)}")
            if p.source is not None:
                out.append(_noted(f"    source: {_scalar(p.source)}", "its content opens the part"))
            if p.chapters:
                out.append("    chapters:")
                out += [line for c in p.chapters for line in _chapter_lines(c, "      ")]
    out.append(_noted("exclude:", "named in the summary, not converted"))
    out += [f"  - {_scalar(name)}" for name in plan.exclude]
    if not plan.exclude:
        out[-1] = _noted("exclude: []", "files named here are not converted")
    return "\n".join(out) + "\n"
