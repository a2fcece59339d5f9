"""The plan: the document's outline as a file the user reads, edits and keeps (issue 18).

A plan (`docgen-plan: 1`, docs/plan.md) names every input file once: as a chapter (its
title, and for a .txt/.log its sections by line ranges), as the index or a chapter of a
part, or in `exclude`. `load_plan` reads one safely (the YAML safe loader's composer, no tag
that builds objects, no anchor or alias, a bound on size, depth and nodes) and checks it
against the inputs; each fault is one `PlanError` naming the plan file and its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from agentic_docgen.core.language import LANGUAGES, supported
from agentic_docgen.graph.policy.planyaml import MAX_PLAN_BYTES, PlanError, compose

__all__ = ["MAX_PLAN_BYTES", "PlanError", "load_plan"]  # (the bound: read from here too)
VERSION = 1
PLAN_FILE = "plan.yaml"  # the plan a session is built with, in its folder
TOC_VALUES = (True, False, "auto")
SECTION_KINDS = ("txt", "log")  # the files a plan may split into sections by lines
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
_TOP_KEYS = ("docgen-plan", "title", "author", "language", "toc", "chapters", "parts", "exclude")
_CHAPTER_KEYS = ("source", "title", "sections", "generate", "context")
BUILT_IN = ("digest", "errors")  # generators that write offline; any other text is instructions
_SECTION_KEYS = ("title", "lines")
_PART_KEYS = ("title", "source", "chapters")
MAX_TITLE_CHARS = 500


@dataclass
class Section:
    title: str
    start: int  # 1-based, inclusive
    end: int
    line: int = 0  # where the plan states it


@dataclass
class Chapter:
    source: str
    title: str | None = None  # None: the file's own (as the offline plan finds it)
    sections: list[Section] = field(default_factory=list)
    line: int = 0
    generate: str | None = None  # a generated section (no source): a BUILT_IN name or instructions
    context: list[str] = field(default_factory=list)  # the inputs whose digests it is given


@dataclass
class Part:
    title: str
    source: str | None = None  # the part's index file: its content opens the part
    chapters: list[Chapter] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True)
class Entry:
    """How one input file is written: its heading level and title, its sections, and the
    heading of the part it opens (a part without an index file)."""

    level: int
    title: str | None
    sections: tuple[Section, ...] = ()
    part_heading: str | None = None
    before: tuple[Generated, ...] = ()  # generated sections written just before the file
    after: tuple[Generated, ...] = ()  # …and just after it
    lead: tuple[Generated, ...] = ()  # before the part heading (the chapters had no file)


@dataclass(frozen=True)
class Generated:
    """A generated section as the run writes it: its heading level and title, what
    generates it (a BUILT_IN name or instructions) and its context files."""

    level: int
    title: str | None
    generate: str
    context: tuple[str, ...] = ()

    @property
    def built_in(self) -> bool:
        return self.generate in BUILT_IN


@dataclass
class Plan:
    title: str | None = None
    author: str | None = None
    language: str | None = None
    toc: bool | str | None = "auto"
    chapters: list[Chapter] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def order(self) -> list[str]:
        """The input files in the order of the document (the chapters, then each part)."""
        return list(self.entries())

    def entries(self) -> dict[str, Entry]:
        """Each planned file and how it is written, in document order. A generated section
        is written after the file before it in its list (the chapters, or a part's), else
        before the file after it (a part's index file counts as its list's first file)."""
        out: dict[str, Entry] = {}
        lead: list[Generated] = []  # generated chapters before a part (their list had no file)
        groups: list[tuple[int, str | None, str | None, list[Chapter]]] = [
            (1, None, None, self.chapters)
        ]
        groups += [(2, p.title, p.source, p.chapters) for p in self.parts]
        for level, title, index, chapters in groups:
            heading, last = (title, None) if index is None else (None, index)
            if index is not None:  # the part's index file opens it
                out[index] = Entry(1, title, lead=tuple(lead))
                lead = []
            pending: list[Generated] = []
            for c in chapters:
                if c.generate is not None:
                    g = Generated(level, c.title, c.generate, tuple(c.context))
                    if last is not None:
                        out[last] = replace(out[last], after=(*out[last].after, g))
                    else:
                        pending.append(g)
                    continue
                out[c.source] = Entry(
                    level, c.title, tuple(c.sections), heading, tuple(pending), lead=tuple(lead)
                )
                heading, pending, last, lead = None, [], c.source, []
            lead += pending
        return out

    def generated(self) -> list[Chapter]:
        """The generated sections, in document order."""
        every = [*self.chapters, *(c for p in self.parts for c in p.chapters)]
        return [c for c in every if c.generate is not None]

    def toc_option(self) -> bool | None:
        """The plan's `toc` as the run's option (None: on when > 3 headings)."""
        return self.toc if isinstance(self.toc, bool) else None


LineCount = Callable[[str], int]  # the number of lines of an input file (its decoded text)


def load_plan(
    data: bytes,
    where: str,
    inputs: Sequence[str] | None,
    line_count: LineCount,
    *,
    append_new: bool = False,
) -> tuple[Plan, list[str]]:
    """The plan in `data` (read from `where`), checked against the inputs (relative names):
    every input once, the section ranges against `line_count` (`inputs` None: a plan the
    run wrote itself, read again on resume, whose files are not checked). Returns the plan and the
    new inputs it did not name (appended as chapters when `append_new`; else a PlanError)."""
    root = compose(data, where)
    reader = _Reader(where)
    plan = reader.plan(root)
    new = _check_inputs(plan, where, inputs, line_count, root)
    _check_context(plan, where, inputs, reader.context_lines)
    if new:
        if not append_new:
            more = f" (and {len(new) - 1} more)" if len(new) > 1 else ""
            raise PlanError(
                f"{new[0]}{more} is not in the plan: add it as a chapter or to exclude,"
                " or use --plan-new append",
                where,
                root.end_mark.line + 1,
            )
        plan.chapters += [Chapter(name) for name in new]
    return plan, new


class _Reader:
    """The composed YAML nodes → a Plan, refusing unknown keys and bad values."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.context_lines: list[int] = []  # where each generated section's context file is

    def fail(self, node: Any, message: str) -> PlanError:
        return PlanError(message, self.where, node.start_mark.line + 1)

    def mapping(self, node: Any, keys: Sequence[str], what: str) -> dict[str, Any]:
        if node.id != "mapping":
            raise self.fail(node, f"{what} must be a mapping ({', '.join(keys)})")
        out: dict[str, Any] = {}
        for key_node, value in node.value:
            key = str(key_node.value) if key_node.id == "scalar" else "(a collection)"
            if key not in keys:
                raise self.fail(
                    key_node, f"unknown key {key!r} in {what} (expected {', '.join(keys)})"
                )
            if key in out:
                raise self.fail(key_node, f"{key!r} given twice in {what}")
            out[key] = value
        return out

    def sequence(self, node: Any, what: str) -> list[Any]:
        if node.id == "scalar" and node.tag.endswith(":null"):
            return []
        if node.id != "sequence":
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def text(self, node: Any, what: str, *, required: bool = False) -> str | None:
        if node.id != "scalar":
            raise self.fail(node, f"{what} must be text")
        if node.tag.endswith(":null"):
            if required:
                raise self.fail(node, f"{what} is required")
            return None
        value = str(node.value).strip()
        if "\n" in value or len(value) > MAX_TITLE_CHARS:
            raise self.fail(node, f"{what} must be one line of at most {MAX_TITLE_CHARS} chars")
        if not value and required:
            raise self.fail(node, f"{what} is empty")
        return value or None

    def plan(self, root: Any) -> Plan:
        top = self.mapping(root, _TOP_KEYS, "the plan")
        if "docgen-plan" not in top:
            raise self.fail(root, "not a docgen plan: the first key must be `docgen-plan: 1`")
        version = top["docgen-plan"]
        if version.id != "scalar" or version.value.strip() != str(VERSION):
            raise self.fail(version, f"this docgen reads plan version {VERSION}")
        plan = Plan()
        for key in ("title", "author"):
            if key in top:
                setattr(plan, key, self.text(top[key], key))
        if "language" in top:
            plan.language = self.text(top["language"], "language")
            if plan.language and not supported(plan.language) and plan.language != "auto":
                raise self.fail(
                    top["language"], f"language must be auto or one of {', '.join(LANGUAGES)}"
                )
        if "toc" in top:
            plan.toc = self.toc(top["toc"])
        if "chapters" in top:
            plan.chapters = [self.chapter(n) for n in self.sequence(top["chapters"], "chapters")]
        if "parts" in top:
            plan.parts = [self.part(n) for n in self.sequence(top["parts"], "parts")]
        if "exclude" in top:
            plan.exclude = [
                self.text(n, "an excluded file", required=True) or ""
                for n in self.sequence(top["exclude"], "exclude")
            ]
        if not plan.chapters and not plan.parts:
            raise self.fail(root, "the plan has no chapters")
        return plan

    def toc(self, node: Any) -> bool | str:
        if node.id == "scalar" and node.tag.endswith(":bool"):
            return node.value.lower() in ("true", "yes", "on")
        if node.id == "scalar" and node.value in ("auto", "") or node.tag.endswith(":null"):
            return "auto"
        raise self.fail(node, "toc must be true, false or auto")

    def chapter(self, node: Any) -> Chapter:
        if node.id == "scalar":  # `- guide.md`: the file with its own title
            return Chapter(self.text(node, "a chapter", required=True) or "", line=_line(node))
        m = self.mapping(node, _CHAPTER_KEYS, "a chapter")
        if "generate" in m:
            return self.generated(node, m)
        if "context" in m:
            raise self.fail(m["context"], "`context` belongs to a generated section (`generate`)")
        if "source" not in m:
            raise self.fail(node, "a chapter needs its `source` file (or `generate`)")
        chapter = Chapter(
            self.text(m["source"], "source", required=True) or "",
            self.text(m["title"], "title") if "title" in m else None,
            line=_line(m["source"]),
        )
        if "sections" in m:
            for s in self.sequence(m["sections"], "sections"):
                chapter.sections.append(self.section(s))
            kind = chapter.source.rsplit(".", 1)[-1].lower()
            if chapter.sections and kind not in SECTION_KINDS:
                raise self.fail(m["sections"], "only a .txt or .log file is split into sections")
        return chapter

    def generated(self, node: Any, m: dict[str, Any]) -> Chapter:
        """A generated section: `generate` (a BUILT_IN name, else instructions for the
        model), a `title`, and the `context` files it may be given; no source, no sections."""
        for key in ("source", "sections"):
            if key in m:
                raise self.fail(m[key], f"a generated section (`generate`) has no `{key}`")
        generate = self.text(m["generate"], "generate", required=True) or ""
        title = self.text(m["title"], "title") if "title" in m else None
        chapter = Chapter("", title, line=_line(m["generate"]), generate=generate)
        if "context" in m:
            for n in self.sequence(m["context"], "context"):
                chapter.context.append(self.text(n, "a context file", required=True) or "")
                self.context_lines.append(_line(n))
        return chapter

    def section(self, node: Any) -> Section:
        m = self.mapping(node, _SECTION_KEYS, "a section")
        for key in _SECTION_KEYS:
            if key not in m:
                raise self.fail(node, f"a section needs `{key}`")
        title = self.text(m["title"], "a section's title", required=True) or ""
        found = _RANGE.match(str(m["lines"].value)) if m["lines"].id == "scalar" else None
        if found is None:
            raise self.fail(m["lines"], "lines must be a range such as 1-120 (or one number)")
        start = int(found.group(1))
        end = int(found.group(2) or start)
        if not 1 <= start <= end:
            raise self.fail(m["lines"], f"lines {start}-{end} is not a range of lines")
        return Section(title, start, end, _line(m["lines"]))

    def part(self, node: Any) -> Part:
        m = self.mapping(node, _PART_KEYS, "a part")
        if "title" not in m:
            raise self.fail(node, "a part needs a `title`")
        part = Part(self.text(m["title"], "a part's title", required=True) or "", line=_line(node))
        if "source" in m:
            part.source = self.text(m["source"], "a part's source")
        for c in self.sequence(m["chapters"], "chapters") if "chapters" in m else []:
            part.chapters.append(self.chapter(c))
        if part.source is None and all(c.generate is not None for c in part.chapters):
            raise self.fail(node, "a part needs a source or a chapter with a source file")
        return part


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


def _check_inputs(
    plan: Plan, where: str, inputs: Sequence[str] | None, line_count: LineCount, root: Any
) -> list[str]:
    """Each planned or excluded file is an input, named once; section ranges cover their
    file. Returns the inputs the plan does not name, in their order."""
    known = set(inputs) if inputs is not None else None
    seen: dict[str, int] = {}
    named = [(c.source, c.line) for c in plan.chapters if c.generate is None]
    for part in plan.parts:
        if part.source is not None:
            named.append((part.source, part.line))
        named += [(c.source, c.line) for c in part.chapters if c.generate is None]
    excluded = _excluded_lines(plan, root)
    named += list(zip(plan.exclude, excluded, strict=True))
    for name, line in named:
        if known is not None and name not in known:
            raise PlanError(f"{name} is not an input file", where, line)
        if name in seen:
            raise PlanError(f"{name} is named twice (first at line {seen[name]})", where, line)
        seen[name] = line
    for chapter in [*plan.chapters, *(c for p in plan.parts for c in p.chapters)]:
        if chapter.sections:
            _check_sections(chapter, where, line_count(chapter.source))
    return [name for name in inputs or () if name not in seen]


def _check_context(plan: Plan, where: str, inputs: Sequence[str] | None, lines: list[int]) -> None:
    """A generated section's context files are inputs the document converts."""
    if not plan.order():
        raise PlanError("the plan has no chapter with a source file", where, 1)
    if inputs is None:
        return
    known = set(inputs) - set(plan.exclude)
    names = [name for c in plan.generated() for name in c.context]
    for name, line in zip(names, lines, strict=True):
        if name not in known:
            what = "is excluded" if name in inputs else "is not an input file"
            raise PlanError(f"context file {name} {what}", where, line)


def _excluded_lines(plan: Plan, root: Any) -> list[int]:
    for key, value in root.value:
        if key.value == "exclude" and value.id == "sequence":
            return [_line(n) for n in value.value]
    return [1] * len(plan.exclude)


def _check_sections(chapter: Chapter, where: str, lines: int) -> None:
    """The sections cover lines 1..N of the file in order: no gap, no overlap, nothing past
    its end (so no line can be lost)."""
    expected = 1
    for s in chapter.sections:
        if s.start != expected:
            what = "leaves out" if s.start > expected else "repeats"
            gap = f"{min(s.start, expected)}-{max(s.start, expected) - 1}"
            raise PlanError(
                f"{chapter.source}: section {s.title!r} {what} lines {gap}"
                " (sections must cover the file's lines in order)",
                where,
                s.line,
            )
        if s.end > lines:
            raise PlanError(
                f"{chapter.source} has {lines} lines; section {s.title!r} ends at {s.end}",
                where,
                s.line,
            )
        expected = s.end + 1
    if expected <= lines:
        raise PlanError(
            f"{chapter.source}: the sections leave out lines {expected}-{lines}",
            where,
            chapter.sections[-1].line,
        )
