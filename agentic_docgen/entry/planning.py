"""The plan file at the entry (issue 18): `docgen plan` proposes one without converting;
`docgen convert --plan` checks one against the inputs before any session exists, orders
and filters the inputs by it, and keeps it in the session (`plan.yaml`) for resume and for
`--json`'s `plan_path`.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.settings import Settings
from agentic_docgen.entry.options import ConvertOptions
from agentic_docgen.graph.policy.parts import in_part_order, wants_parts
from agentic_docgen.graph.policy.plan import PLAN_FILE, Plan, load_plan
from agentic_docgen.graph.tools.sources import Source
from agentic_docgen.markdown.lines import split_lines
from agentic_docgen.markdown.metadata import document_meta
from agentic_docgen.session.discovery import discover_paths
from agentic_docgen.session.folder import Session, write_atomic
from agentic_docgen.session.inputs import InputFile, Skipped, read_text

PLAN_NEW = ("error", "append")


def _decoded(item: InputFile) -> Source:
    """An input as the session would hold it (decoded, \\n lines), without a session."""
    source = Source(item.rel, item.path)
    source.__dict__["lines"] = split_lines(read_text(item))  # (the cached property)
    return source


def _meta(options: ConvertOptions, sources: list[Source]) -> dict[str, str | None]:
    """The document's title and author as a run would find them (metadata.document_meta,
    which reads the decoded .md files' front matter)."""
    with tempfile.TemporaryDirectory(prefix="docgen-plan-") as tmp:
        names = []
        for src in sources:
            if src.name.lower().endswith(".md"):
                path = Path(tmp) / src.name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("\n".join(src.lines[:400])[:20_000], encoding="utf-8")
                names.append(src.name)
        flags = {"title": options.title, "author": options.author}
        meta = document_meta(Path(tmp), names, str(options.paths[0].resolve()), flags)
    return {"title": meta["title"], "author": meta["author"]}


def propose_plan(
    options: ConvertOptions, warnings: list[str] | None = None
) -> tuple[str, Plan, list[Skipped]]:
    """The plan proposed for the inputs, as the YAML text of a plan file (nothing
    converted: no session, no Node): the offline policy's, or with a model the model's,
    checked as a user's plan is; when it is not valid, the offline one (a warning)."""
    from agentic_docgen.graph.policy.planned import dump

    settings = options.settings()
    if settings.model not in ("", "offline"):
        from agentic_docgen.graph.policy.protocol import get_policy

        get_policy(settings)  # (refuses a name that is no model)
    found = discover_paths(options.paths, settings, options.include)
    plan = _propose(options, found.files)  # (puts found.files in the plan's order)
    text = dump(plan)
    if settings.model not in ("", "offline"):
        sources = [_decoded(f) for f in found.files]
        text, plan, why = _model_plan(settings, text, plan, sources)
        if why and warnings is not None:
            warnings.append(f"the model's plan is not used ({why}); the offline plan is written")
    return text, plan, found.skipped


def _propose(options: ConvertOptions, files: list[InputFile]) -> Plan:
    """The offline policy's plan for these inputs (`files` put in the run's order)."""
    from agentic_docgen.graph.policy.planned import propose

    names = [f.rel for f in files]
    parts = wants_parts(names, options.group)
    if parts:
        order = {name: i for i, name in enumerate(in_part_order(names))}
        files.sort(key=lambda f: order[f.rel])
    sources = [_decoded(f) for f in files]
    meta = _meta(options, sources)
    toc = "auto" if options.toc is None else options.toc
    return propose(sources, parts, toc=toc, **meta)


def _model_plan(
    settings: Settings, text: str, plan: Plan, sources: list[Source]
) -> tuple[str, Plan, str | None]:
    """The model's plan, checked against the inputs as a user's (load_plan), else the
    offline one and why not."""
    from agentic_docgen.graph.policy.modelplan import ask_plan
    from agentic_docgen.graph.policy.plan import PlanError
    from agentic_docgen.graph.tools.sources import describe

    try:
        answer = ask_plan(settings, text, [describe(s) for s in sources])
    except Exception as exc:  # the provider failed: the offline plan stands
        said = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
        return text, plan, f"the model failed: {said}"
    by_name = {s.name: s for s in sources}
    try:
        proposed, _ = load_plan(
            answer.encode("utf-8"),
            "the model's plan",
            list(by_name),
            lambda n: len(by_name[n].lines),
        )
    except PlanError as exc:
        return text, plan, str(exc)
    from agentic_docgen.graph.policy.planned import dump

    return dump(proposed), proposed, None


def review_plan(options: ConvertOptions, settings: Settings, files: list[InputFile]) -> AppliedPlan:
    """--review: the plan to show the user (theirs with --plan, else the proposed one).
    Every input is copied into the session, the excluded ones too, so an edit may bring
    one back; the review (graph/nodes/review.py) orders and filters them."""
    from agentic_docgen.graph.policy.planned import dump

    if settings.model not in ("", "offline"):
        raise InputError(
            "a plan is reviewed with the offline policy only (for now)", path="--review"
        )
    if options.plan is not None:
        applied = apply_plan(options, settings, files)
        planned = {f.rel for f in applied.files}
        rest = [f for f in files if f.rel not in planned]
        return dataclasses.replace(applied, files=applied.files + rest, warnings=[])
    plan = _propose(options, files)
    return AppliedPlan(plan, dump(plan), files, [], options)


@dataclass(frozen=True)
class AppliedPlan:
    """A user's plan, checked against the inputs: what the run converts and records."""

    plan: Plan
    text: str  # what the session keeps (the file as given, or rewritten with new files)
    files: list[InputFile]  # the planned inputs, in the plan's order
    warnings: list[str]
    options: ConvertOptions  # with the plan's title, author and toc where no flag gave one

    @property
    def parts(self) -> bool:
        return bool(self.plan.parts)


def apply_plan(options: ConvertOptions, settings: Settings, files: list[InputFile]) -> AppliedPlan:
    """Read and check `options.plan` against the inputs (PlanError, exit 2, naming the plan
    file and line): the inputs in the plan's order, the excluded ones left out."""
    from agentic_docgen.graph.policy.planned import dump

    assert options.plan is not None  # (with a model, it writes only the plan's generated
    # sections: the chapters are written as the plan says, offline)
    where = str(options.plan)
    try:
        with options.plan.open("rb") as fh:
            data = fh.read(_limit() + 1)
    except OSError as exc:
        raise InputError(f"cannot read the plan: {exc.strerror}", path=where) from None
    by_name = {f.rel: f for f in files}
    plan, new = load_plan(
        data,
        where,
        list(by_name),
        lambda name: len(split_lines(read_text(by_name[name]))),
        append_new=options.plan_new == "append",
    )
    warnings = [f"excluded by the plan: {name}" for name in plan.exclude]
    warnings += [f"not in the plan, appended as a chapter: {name}" for name in new]
    text = dump(plan) if new else data.decode("utf-8-sig")
    ordered = [by_name[name] for name in plan.order()]
    flags = dataclasses.replace(
        options,
        title=options.title or plan.title,
        author=options.author or plan.author,
        toc=options.toc if options.toc is not None else plan.toc_option(),
    )
    return AppliedPlan(plan, text, ordered, warnings, flags)


def _limit() -> int:
    from agentic_docgen.graph.policy.plan import MAX_PLAN_BYTES

    return MAX_PLAN_BYTES


def keep_plan(session: Session, applied: AppliedPlan | None) -> None:
    """Write the plan the run builds into its session."""
    if applied is not None:
        write_atomic(session.dir / PLAN_FILE, applied.text)


def session_plan(session: Session) -> Plan | None:
    """The plan a session is built with (for resume), None without one."""
    path = session.dir / PLAN_FILE
    if not path.exists():
        return None
    plan, _ = load_plan(path.read_bytes(), str(path), None, lambda n: _lines(session, n))
    return plan


def _lines(session: Session, name: str) -> int:
    return len(split_lines((session.inputs / name).read_text(encoding="utf-8")))


def plan_path(session_dir: str | None) -> str | None:
    """The session's plan file, for `--json` (None when the run had no plan)."""
    if not session_dir:
        return None
    path = Path(session_dir) / PLAN_FILE
    return str(path) if path.exists() else None
