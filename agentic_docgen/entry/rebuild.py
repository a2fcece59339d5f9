"""The engine of refining a completed session (entry/refine.py: `convert --update`,
`docgen regenerate`), each writing the session's next version (session/versions.py).

Both are one function, `rebuild`: the chapters of the latest version are units (their input
files, markdown lines and source spans, from `versions/vN/chapters.json`); the units to redo
are built again by the graph in a scratch session (`<session>/work/<id>/`: the same id, so
the same internal marks; only those files, with every input's name known for links); every
other unit's markdown and spans are kept byte for byte, moved to their new line numbers. The
markdown put together is then parsed, converted and checked by the graph as any run's (the
fidelity receipt covers every source line: a kept unit's spans point at unchanged inputs).

A unit is redone whole: a batch whose chapters the checkpoints could not tell apart is one
unit, and a version without a chapter map (or a document in parts, whose part headings
belong to the first chapter of each part) is rebuilt entirely. A generated chapter (issue 19
item 3) plugs in as one more kind of unit for `rebuild_unit`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.events import ProgressEvent
from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.runner import RunResult, drive
from agentic_docgen.session import journal, versions
from agentic_docgen.session.folder import SUBDIRS, Session, SessionManager, write_atomic
from agentic_docgen.session.log import SessionLog

Progress = Callable[[ProgressEvent], None]  # core/events.py
WORK = "work"


@dataclass
class Unit:
    """One or more chapters, as the markdown holds them: their files, their lines (no blank
    line before the first) and their spans (md lines counted from the unit's first line)."""

    files: list[str]
    lines: list[str]
    spans: list[dict[str, Any]] = field(default_factory=list)
    generated: dict[str, Any] | None = None  # a generated section (versions.split_generated)


def units_of(
    markdown: list[str], spans: list[dict[str, Any]], chapters: list[dict[str, Any]]
) -> list[Unit]:
    """The units of a document from its chapter map (versions.chapters_of)."""
    out = []
    for ch in chapters:
        first, last = int(ch["first"]), int(ch["last"])
        lines = markdown[first - 1 : last]
        lead = 0
        while lead < len(lines) and lines[lead] == "":
            lead += 1
        while len(lines) > lead and lines[-1] == "":  # (the blank before a generated section)
            lines = lines[:-1]
        shift = first - 1 + lead
        mine = [
            {**sp, "md_first": sp["md_first"] - shift, "md_last": sp["md_last"] - shift}
            for sp in spans
            if first <= sp["md_first"] <= last
        ]
        out.append(Unit(list(ch["files"]), lines[lead:], mine, ch.get("generated")))
    return out


def assemble(units: list[Unit]) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    """The document of `units` in order, one blank line between them (as Workspace.append
    joins blocks): its lines, spans and chapter map."""
    lines: list[str] = []
    spans: list[dict[str, Any]] = []
    chapters: list[dict[str, Any]] = []
    for unit in units:
        first = len(lines) + 1
        if lines and unit.lines:
            lines.append("")
        base = len(lines)
        lines += unit.lines
        spans += [
            {**sp, "md_first": sp["md_first"] + base, "md_last": sp["md_last"] + base}
            for sp in unit.spans
        ]
        chapters.append({"files": unit.files, "first": first, "last": len(lines)})
        if unit.generated is not None:
            chapters[-1]["generated"] = unit.generated
    return lines, spans, chapters


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _read_spans(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def latest_units(session: Session) -> list[Unit] | None:
    """The units of the session's latest version (None: no chapter map, rebuild all)."""
    vdir = versions.folder(session.dir)
    chapters = json.loads((vdir / "chapters.json").read_text(encoding="utf-8"))
    if not chapters or session.read_meta().get("parts"):
        return None
    return units_of(_read_lines(vdir / "document.md"), _read_spans(vdir / "spans.jsonl"), chapters)


@dataclass
class Rebuild:
    """What a refinement needs: the session, the run's settings and policy, the document
    options (ConvertOptions.to_meta's keys), progress."""

    session: Session
    settings: Settings
    policy: Any
    meta: dict[str, Any]
    theme: dict[str, Any] | None = None
    progress: Progress | None = None
    warnings: list[str] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)  # of the scratch run
    kept: set[str] = field(default_factory=set)  # the files whose chapters were kept
    redone: RunResult | None = None  # the scratch run's result (its model usage)
    sources_changed: bool = False  # the built-in generated sections are written again
    section: tuple[int, dict[str, Any]] | None = None  # (unit, its spec): written again
    section_calls: int = 0  # the model calls of the generated sections written again


def rebuild_unit(
    job: Rebuild, names: list[str], redo: list[str], apart: bool = False
) -> dict[str, Unit]:
    """The chapters of the files `redo` built again by the graph in a scratch session
    (every input's name in `names` known for links), by first file; InputError if that run
    fails. `apart`: the generated sections are units of their own (write_sections), so the
    plan's are left out of these chapters."""
    entries = getattr(job.policy, "entries", None)
    if apart and entries:
        bare = {"before": (), "after": (), "lead": ()}
        job.policy.entries = {k: dataclasses.replace(e, **bare) for k, e in entries.items()}
    session = job.session
    work = session.dir / WORK / session.id
    shutil.rmtree(work.parent, ignore_errors=True)
    for sub in SUBDIRS:
        (work / sub).mkdir(parents=True)
    for name in redo:
        dest = work / "inputs" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.link(session.inputs / name, dest)
    scratch = Session(session.id, work)
    journal.write_link_names(work, names)
    scratch.update_meta(**{**job.meta, "output": str(work / "scratch.docx"), "status": "running"})
    log = SessionLog(scratch.log_path, session.id)
    try:
        ctx = RunContext(job.settings, scratch, log, job.policy, job.progress)
        initial = {**_initial(job, scratch, redo, 0, 0), "chapters_only": True}
        result = drive(ctx, SessionManager(job.settings), initial, None)
    finally:
        log.close()
    if result.status != "complete":
        why = "; ".join(e.get("message", "") for e in result.errors[-2:])
        raise InputError(f"the chapters could not be built again: {why}", path=session.id)
    job.warnings += result.warnings
    job.timings_s = {f"redo_{k}": v for k, v in result.timings_s.items()}
    job.redone = result
    lines = _read_lines(scratch.markdown)
    chapters = versions.chapters_of(work, redo, len(lines))
    if not chapters:
        chapters = [{"files": redo, "first": 1, "last": len(lines)}]
    for asset in (work / "assets").rglob("*"):  # the images these chapters copied
        dest = session.assets / asset.relative_to(work / "assets")
        if asset.is_file() and not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, dest)
    units = units_of(lines, _read_spans(work / "spans.jsonl"), chapters)
    return {u.files[0]: u for u in units}


def _initial(
    job: Rebuild, session: Session, names: list[str], index: int, md_lines: int
) -> dict[str, Any]:
    """A graph's first state (as api._copy_inputs makes it) for `names`, from file `index`
    on, the markdown holding `md_lines` lines already."""
    meta = job.meta
    return {
        "session_dir": str(session.dir),
        "input_dir": meta.get("input_dir", ""),
        "input_files": names,
        "title": meta.get("title"),
        "author": meta.get("author"),
        "toc": meta.get("toc"),
        "theme": job.theme,
        "on_missing": "skip",
        "parts": bool(meta.get("parts")),
        "file_index": index,
        "md_lines": md_lines,
        "attempts": 0,
        "decisions": {},
        "status": "running",
        "warnings": [],
        "errors": [],
        "timings_s": {},
    }


def rebuild(
    job: Rebuild, names: list[str], redo: set[str], manager: SessionManager
) -> tuple[RunResult, list[dict[str, Any]]]:
    """The session's document for the inputs `names` (in order), the files `redo` built
    again and every other chapter kept; the graph parses, converts and checks it. Returns
    the run's result and the new chapter map."""
    from agentic_docgen.blocks.bridge import prestart as prestart_converter

    prestart_converter(job.settings)  # the converter's start overlaps the rest (issue 21)
    if redo:  # markdownlint's start (~1 s) overlaps reading the version and the graph's
        from agentic_docgen.markdown.lint import prestart

        prestart(job.settings)
    old = latest_units(job.session)
    kept: dict[str, Unit] = {}
    if old is not None:
        at = {name: k for k, name in enumerate(names)}
        for old_unit in old:
            if old_unit.generated is not None:
                continue
            pos = [at.get(f) for f in old_unit.files]
            whole = None not in pos and pos == list(range(pos[0] or 0, (pos[0] or 0) + len(pos)))
            if whole and not redo & set(old_unit.files):
                kept[old_unit.files[0]] = old_unit
    covered = {f for u in kept.values() for f in u.files}
    job.kept = covered
    todo = [n for n in names if n not in covered]
    apart = old is not None and any(u.generated is not None for u in old)
    fresh = rebuild_unit(job, names, todo, apart) if todo else {}
    units = write_sections(job, names, place(names, old or [], kept, fresh))
    result = finish(job, names, units, manager)
    result.timings_s.update(job.timings_s)
    result.llm_calls += job.section_calls
    if job.redone is not None:  # the model calls were the scratch run's
        redone = job.redone
        result.tokens = {k: result.tokens[k] + redone.tokens[k] for k in result.tokens}
        result.llm_calls += redone.llm_calls
        result.cost_usd = round(result.cost_usd + redone.cost_usd, 6)
        result.tokens_by_file = {**result.tokens_by_file, **redone.tokens_by_file}
    return result, assemble(units)[2]


def place(
    names: list[str], old: list[Unit], kept: dict[str, Unit], fresh: dict[str, Unit]
) -> list[Unit]:
    """The units in the order of `names`, each generated section of the previous version
    before the file chapter it was before (those after the last: at the end)."""
    present = set(names)
    anchored: dict[str, list[Unit]] = {}
    pending: list[Unit] = []
    for unit in old:
        if unit.generated is not None:  # (its context: the files there still are)
            context = [n for n in unit.generated.get("context") or [] if n in present]
            pending.append(
                dataclasses.replace(unit, generated={**unit.generated, "context": context})
            )
        elif unit.files[0] in present:
            anchored[unit.files[0]], pending = anchored.get(unit.files[0], []) + pending, []
    units: list[Unit] = []
    k = 0
    while k < len(names):
        units += anchored.get(names[k], [])
        found: Unit | None = kept.get(names[k]) or fresh.get(names[k])
        if found is None:
            raise InputError("a chapter could not be placed", path=names[k])
        units.append(found)
        k += len(found.files)
    return units + pending


def write_sections(job: Rebuild, names: list[str], units: list[Unit]) -> list[Unit]:
    """The generated sections written again: the one `job.section` names, and the built-in
    ones (errors, digest: facts of the inputs) when the sources changed; each from the
    document before it, as a run writes it (graph/tools/generated.py)."""
    from agentic_docgen.graph.tools.document import Workspace
    from agentic_docgen.graph.tools.generated import BUILT_IN_TITLES, section_markdown

    out = list(units)
    for i, unit in enumerate(out):
        spec = unit.generated
        if job.section is not None and job.section[0] == i:
            spec = job.section[1]
        elif spec is None or not (job.sources_changed and spec.get("generate") in BUILT_IN_TITLES):
            continue
        write_atomic(job.session.markdown, "".join(ln + "\n" for ln in assemble(out[:i])[0]))
        ws = Workspace(job.session, names)
        generate = str(spec.get("generate"))
        writer = None if generate in BUILT_IN_TITLES else _writer(job.settings)
        text, record = section_markdown(
            ws, generate, spec.get("title"), int(spec.get("level") or 1),
            list(spec.get("context") or []), writer,
        )  # fmt: skip
        job.warnings += ws.notes
        job.section_calls += record["model"] not in ("built-in", "none")
        out[i] = Unit([], text.split("\n"), [], record)
    return out


def _writer(settings: Settings) -> Any:
    """The model that writes an instruction section (None offline)."""
    if settings.model in ("", "offline"):
        return None
    from agentic_docgen.graph.policy.writer import SectionWriter

    return SectionWriter(settings)


def finish(job: Rebuild, names: list[str], units: list[Unit], manager: SessionManager) -> RunResult:
    """Write the assembled document into the session and let the graph parse, convert and
    check it (the chapters are all done: the agent goes straight to the output)."""
    session = job.session
    lines, spans, _ = assemble(units)
    shutil.rmtree(session.dir / WORK, ignore_errors=True)
    for stale in (
        "output.docx",
        "structure.json",
        "structure.json.gz",
        "spans.jsonl",
        journal.CHAPTERS,
        "state.sqlite",
        "state.sqlite-wal",
        "state.sqlite-shm",
    ):
        (session.dir / stale).unlink(missing_ok=True)  # (the versions hold links to some)
    shutil.rmtree(session.checkpoints, ignore_errors=True)
    session.checkpoints.mkdir()
    write_atomic(session.markdown, "".join(line + "\n" for line in lines))
    write_atomic(session.dir / "spans.jsonl", "".join(json.dumps(s) + "\n" for s in spans))
    initial = _initial(job, session, names, len(names), len(lines))
    initial["warnings"] = list(dict.fromkeys(job.warnings))
    initial["generated"] = [u.generated for u in units if u.generated is not None]
    session.update_meta(status="running", pid=os.getpid())
    log = SessionLog(session.log_path, session.id)
    try:
        ctx = RunContext(job.settings, session, log, job.policy, job.progress)
        return drive(ctx, manager, initial, None)
    finally:
        log.close()
