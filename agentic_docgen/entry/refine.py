"""Refining a completed session, each writing its next version (session/versions.py):

- `update`: `docgen convert INPUT… -o report.docx --update`: report.docx names its session
  (custom document properties `docgen-session`, `docgen-version`); the inputs are compared
  with the latest version's by hash; only the changed and new files are built again, the
  deleted ones' chapters removed, every other chapter kept (entry/rebuild.py).
- `regenerate`: `docgen regenerate ID --chapter N | --source FILE`: that chapter again, with an
  edited plan (`--plan`) or, with a model, the user's instructions; every other chapter kept.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.settings import Settings
from agentic_docgen.entry.api import keep_version
from agentic_docgen.entry.options import ConvertOptions, load_style
from agentic_docgen.entry.planning import PLAN_FILE, session_plan
from agentic_docgen.entry.rebuild import Progress, Rebuild, Unit, latest_units, rebuild
from agentic_docgen.graph.runner import RunResult
from agentic_docgen.session import journal, versions
from agentic_docgen.session.admin import effective_status
from agentic_docgen.session.discovery import discover_paths
from agentic_docgen.session.folder import Session, SessionManager, write_atomic
from agentic_docgen.session.lock import SessionLock

_ID = re.compile(r"[0-9A-Za-z-]{1,64}")  # a session id (a uuid), never a path
_PROP = re.compile(r'name="(docgen-[a-z]+)"><vt:lpwstr>([^<]*)</vt:lpwstr>')


def docx_origin(path: Path) -> tuple[str, int | None]:
    """The session id and version a .docx made by docgen records (InputError otherwise)."""
    try:
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("docProps/custom.xml")[:65536].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        xml = ""
    props = dict(_PROP.findall(xml))
    if not _ID.fullmatch(props.get("docgen-session", "")):
        raise InputError(
            "not made by docgen (no docgen-session property): cannot --update", path=str(path)
        )
    version = props.get("docgen-version", "")
    return props["docgen-session"], int(version) if version.isdigit() else None


def _open(manager: SessionManager, session_id: str, where: str) -> Session:
    """The session, complete and not running (InputError, one line, otherwise)."""
    try:
        session = manager.find(session_id)
    except InputError:
        if where == session_id:  # (regenerate ID: the id itself is what was not found)
            raise
        raise InputError(
            f"its session {session_id} is gone (cleaned?): convert without --update",
            path=where,
        ) from None
    status = effective_status(session.read_meta(), session.dir)
    # (a failed refinement leaves the latest version as it was: it can be refined again)
    if status not in ("complete", "failed") or not versions.numbers(session.dir):
        raise InputError(f"session {session_id} is {status}, not complete", path=where)
    return session


def _job(
    session: Session,
    settings: Settings,
    meta: dict[str, Any],
    progress: Progress | None,
    follow_plan: bool = False,
) -> Rebuild:
    """`follow_plan`: the session's plan writes the chapters even with a model (as a run with
    --plan does); else only offline (regenerate's model rewrites a chapter itself)."""
    from agentic_docgen.graph.policy.protocol import get_policy

    offline = settings.model in ("", "offline")
    plan = session_plan(session) if offline or follow_plan else None
    theme = (
        load_style(meta["style"]) if meta.get("style") and Path(meta["style"]).exists() else None
    )
    return Rebuild(session, settings, get_policy(settings, plan), meta, theme, progress)


def _line_count(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))


def update(options: ConvertOptions, progress: Progress | None = None) -> RunResult:
    """`convert --update`: the session of `options.output` brought up to date with the
    inputs; its next version written to `options.output`."""
    out = options.output
    if out is None or not out.is_file():
        raise InputError("--update needs -o FILE: a .docx docgen made", path=str(out or "-o"))
    session_id, _ = docx_origin(out)
    manager = SessionManager(options.settings())
    session = _open(manager, session_id, str(out))
    with SessionLock(session.dir):
        meta = session.read_meta()
        opts = ConvertOptions.from_meta(meta)
        settings = dataclasses.replace(
            opts,
            sessions_dir=options.sessions_dir,
            model=options.model or opts.model,
            api_base=options.api_base or opts.api_base,
            cache=options.cache,
        ).settings()
        found = discover_paths(options.paths, settings, options.include or opts.include)
        plan = session_plan(session)
        files = [f for f in found.files if not plan or f.rel not in set(plan.exclude)]
        stage = Session(session.id, session.dir / "staged")
        shutil.rmtree(stage.dir, ignore_errors=True)
        try:
            _, warnings = manager.copy_inputs(stage, files)
            old = journal.read_inputs(session.dir)
            hashes: dict[str, str] = {}
            changes = _compare(session, stage, old, [f.rel for f in files], hashes)
            _swap_inputs(session, stage, changes)
            if plan is not None and (changes["new"] or changes["deleted"]):
                _replan(session, plan, changes)
            kept = [n for n in old if n not in set(changes["deleted"])]
            names = kept + [i["file"] for i in changes["new"]]
            redo = {i["file"] for i in changes["changed"] + changes["new"]}
            session.update_meta(
                output=str(out.resolve()),
                inputs=[{"file": f.rel, "bytes": f.size, "encoding": f.encoding} for f in files],
            )
            job = _job(session, settings, meta, progress, follow_plan=True)
            job.warnings += warnings
            job.sources_changed = bool(redo or changes["deleted"])
            result, chapters = rebuild(job, names, redo, manager)
        except BaseException:
            _restore(session, stage)  # the inputs as the latest version has them
            raise
        finally:
            shutil.rmtree(stage.dir / "inputs", ignore_errors=True)
        if result.status == "complete":
            shutil.rmtree(stage.dir, ignore_errors=True)
        else:
            _restore(session, stage)
        rebuilt = [n for n in changes["reused"] if n not in job.kept]  # (a document in parts)
        changes["reused"] = [n for n in changes["reused"] if n in job.kept]
        changes["rebuilt"] = rebuilt
        result.changes = {**changes, "summary": change_summary(changes)}
        keep_version(
            result,
            "convert --update",
            chapters=chapters,
            touched=sorted(redo | set(rebuilt)),
            reason="the sources changed",
            summary=result.changes["summary"],
            hashes=hashes,  # (every input's, computed once)
        )
    return result


def _compare(
    session: Session, stage: Session, old: list[str], now: list[str], found: dict[str, str]
) -> dict[str, Any]:
    """The inputs staged, compared with the latest version's by hash (each in `found`)."""
    hashes = _hashes(session)
    changes: dict[str, Any] = {"reused": [], "changed": [], "new": [], "deleted": []}
    for name in now:
        staged = stage.inputs / name
        found[name] = versions.file_hash(staged)
        if name not in hashes:
            changes["new"].append({"file": name, "lines": _line_count(staged)})
        elif found[name] != hashes[name]:
            delta = _line_count(staged) - _line_count(session.inputs / name)
            changes["changed"].append({"file": name, "lines": delta})
        else:
            changes["reused"].append(name)
    changes["deleted"] = [n for n in old if n not in set(now)]
    return changes


def _swap_inputs(session: Session, stage: Session, changes: dict[str, Any]) -> None:
    """The changed and new inputs into the session, the deleted ones out; what they replace
    kept in `staged/previous/` (with `staged/added.json`) until the run is done."""
    previous = stage.dir / "previous"
    added = [i["file"] for i in changes["new"]]
    write_atomic(stage.dir / "added.json", json.dumps(added))
    for name in [i["file"] for i in changes["changed"]] + changes["deleted"]:
        keep = previous / name
        keep.parent.mkdir(parents=True, exist_ok=True)
        os.replace(session.inputs / name, keep)
    for name in [i["file"] for i in changes["changed"]] + added:
        dest = session.inputs / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage.inputs / name, dest)
    plan = session.dir / PLAN_FILE
    if plan.exists():
        shutil.copyfile(plan, stage.dir / PLAN_FILE)


def _restore(session: Session, stage: Session) -> None:
    """Undo _swap_inputs after a failed update."""
    try:
        added = json.loads((stage.dir / "added.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        added = []
    for name in added:
        (session.inputs / name).unlink(missing_ok=True)
    previous = stage.dir / "previous"
    for path in previous.rglob("*") if previous.is_dir() else ():
        if path.is_file():
            dest = session.inputs / path.relative_to(previous)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
    if (stage.dir / PLAN_FILE).exists():
        os.replace(stage.dir / PLAN_FILE, session.dir / PLAN_FILE)
    shutil.rmtree(stage.dir, ignore_errors=True)


def _replan(session: Session, plan: Any, changes: dict[str, Any]) -> None:
    """The session's plan without the deleted files' chapters, with the new files appended
    (as `--plan-new append` would, but before the generated sections that end it, where
    rebuild.place puts them)."""
    from agentic_docgen.graph.policy.plan import Chapter
    from agentic_docgen.graph.policy.planned import dump

    gone = set(changes["deleted"])
    plan.chapters = [c for c in plan.chapters if c.source not in gone]
    for c in plan.generated():  # (a deleted file is no generated section's context)
        c.context = [n for n in c.context if n not in gone]
    # after the last file's chapter: the generated sections that end the document stay last
    at = max((k + 1 for k, c in enumerate(plan.chapters) if c.generate is None), default=0)
    plan.chapters[at:at] = [Chapter(i["file"]) for i in changes["new"]]
    write_atomic(session.dir / PLAN_FILE, dump(plan))


def _hashes(session: Session) -> dict[str, str]:
    path = versions.folder(session.dir) / "hashes.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def change_summary(changes: dict[str, Any]) -> str:
    """'3 chapters reused, 1 changed: server.log +1,204 lines, 1 new: db.log'."""
    parts = [f"{len(changes['reused'])} chapter(s) reused"]
    if changes.get("rebuilt"):
        parts.append(f"{len(changes['rebuilt'])} unchanged rebuilt (a document in parts)")
    if changes["changed"]:
        each = ", ".join(f"{c['file']} {c['lines']:+,} lines" for c in changes["changed"])
        parts.append(f"{len(changes['changed'])} changed: {each}")
    if changes["new"]:
        parts.append(f"{len(changes['new'])} new: " + ", ".join(c["file"] for c in changes["new"]))
    if changes["deleted"]:
        parts.append(f"{len(changes['deleted'])} deleted: " + ", ".join(changes["deleted"]))
    return ", ".join(parts)


def regenerate(
    session_id: str,
    *,
    chapter: int | None = None,
    source: str | None = None,
    instructions: str | None = None,
    plan: Path | None = None,
    model: str | None = None,
    api_base: str | None = None,
    output: Path | None = None,
    sessions_dir: Path | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """One chapter of a complete session built again (the others kept byte for byte); its
    next version written to `output` (default: the session's output file)."""
    if (chapter is None) == (source is None):
        raise InputError("give --chapter N or --source FILE", path="regenerate")
    manager = SessionManager(Settings.resolve(sessions_dir=sessions_dir))
    session = _open(manager, session_id, session_id)
    with SessionLock(session.dir):
        meta = session.read_meta()
        opts = ConvertOptions.from_meta(meta)
        settings = dataclasses.replace(
            opts,
            sessions_dir=sessions_dir,
            model=model or opts.model,
            api_base=api_base or opts.api_base,
        ).settings()
        units = latest_units(session)
        if units is None:
            raise InputError(
                "this version has no chapter map: convert the folder again", path=session_id
            )
        k = _pick(units, chapter, source)
        if plan is not None:
            _take_plan(session, plan)
        if output is not None:
            session.update_meta(output=str(output.resolve()))
        job = _job(session, settings, meta, progress)
        if units[k].generated is not None:
            job.section = (k, _section_spec(session, units, k, instructions))
        elif instructions:
            if not hasattr(job.policy, "brief"):
                job.warnings.append(
                    "--instructions need a model (--model): the plan entry is applied"
                )
            else:
                job.policy.brief = _brief(units, k, instructions)
        names = journal.read_inputs(session.dir)
        result, chapters = rebuild(job, names, set(units[k].files), manager)
        what = ", ".join(units[k].files) or f"generated: {(units[k].generated or {}).get('title')}"
        summary = f"chapter {k + 1} ({what}) regenerated"
        result.changes = {"regenerated": units[k].files, "chapter": k + 1, "summary": summary}
        keep_version(
            result,
            "regenerate",
            chapters=chapters,
            touched=units[k].files,
            reason=instructions or (f"plan {plan}" if plan else "regenerate"),
            summary=summary,
            hashes=_hashes(session),  # (the inputs are the latest version's)
        )
    return result


def _pick(units: list[Unit], chapter: int | None, source: str | None) -> int:
    if chapter is not None:
        if not 1 <= chapter <= len(units):
            raise InputError(f"no chapter {chapter} (chapters: 1-{len(units)})", path="--chapter")
        return chapter - 1
    for k, unit in enumerate(units):
        if source in unit.files:
            return k
    raise InputError("no chapter is built from this file", path=str(source))


def _take_plan(session: Session, plan: Path) -> None:
    """An edited plan: checked against the session's inputs, then the session's plan."""
    from agentic_docgen.graph.policy.plan import load_plan
    from agentic_docgen.markdown.lines import split_lines

    try:
        data = plan.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the plan: {exc.strerror}", path=str(plan)) from None

    def count(name: str) -> int:
        return len(split_lines((session.inputs / name).read_text(encoding="utf-8")))

    load_plan(
        data, str(plan), journal.read_inputs(session.dir), count
    )  # PlanError (exit 2) names the line
    write_atomic(session.dir / PLAN_FILE, data.decode("utf-8"))


def _section_spec(
    session: Session, units: list[Unit], k: int, instructions: str | None
) -> dict[str, Any]:
    """What a generated section is written from again: as the version has it, the plan's
    entry when the session's plan (maybe just edited with --plan) has one at its place
    among the generated sections, and the instructions given (which replace its own, in the
    plan too)."""
    spec = dict(units[k].generated or {})
    plan = session_plan(session)
    nth = sum(1 for u in units[:k] if u.generated is not None)
    entries = plan.generated() if plan is not None else []
    if nth < len(entries):
        entry = entries[nth]
        spec.update(title=entry.title or spec.get("title"), generate=entry.generate)
        spec["context"] = list(entry.context)
        if instructions and plan is not None:
            from agentic_docgen.graph.policy.planned import dump

            entry.generate = instructions
            write_atomic(session.dir / PLAN_FILE, dump(plan))
    if instructions:
        spec["generate"] = instructions
    return spec


def _brief(units: list[Unit], k: int, instructions: str) -> str:
    from agentic_docgen.graph.policy.prompts import regenerate_brief

    outline = [ln for u in units for ln in u.lines if ln.startswith(("# ", "## "))][:200]
    before = "\n".join(units[k - 1].lines[-20:]) if k > 0 else "(none: this is the first)"
    after = "\n".join(units[k + 1].lines[:8]) if k + 1 < len(units) else "(none: the last)"
    return regenerate_brief(instructions, outline, before, after)
