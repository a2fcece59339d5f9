"""scan_assets and human_input: image and link references, before any writing (FC006,
FC008, FC014).

The user's answers come in as entry/ passes them ("skip", "abort", "provide:/path", by
reference key, "ref:REF" (a reference as written, or the file it names) or "*") and are
kept in the state as Decision records."""

from __future__ import annotations

import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agentic_docgen.core.errors import SecurityError, ToolError
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.state import Decision, DocState, MissingRef
from agentic_docgen.markdown.dialect import Dialect
from agentic_docgen.markdown.references import (
    ImageRef,
    copy_into_assets,
    find_image_refs,
    find_link_refs,
    image_files,
    is_remote,
    repair_ref,
    resolve_ref,
)
from agentic_docgen.session import journal

CHOICES = ["provide", "skip", "skip_all", "abort"]


def as_decision(answer: str | Decision | None) -> Decision | None:
    """A Decision from an answer as entry/ gives it ("skip", "abort", "provide:/path"; a
    session paused by an older docgen also kept them so); None: not answered."""
    if isinstance(answer, dict):
        return answer
    if not answer:
        return None
    if answer.startswith("provide:"):  # the CLI passes an absolute path
        path = Path(answer.removeprefix("provide:")).expanduser().resolve()
        return {"action": "provide", "path": str(path)}
    if answer == "skip":
        return {"action": "skip"}
    if answer == "abort":
        return {"action": "abort"}
    return None  # unknown: asked again


def _decisions(state: DocState) -> dict[str, Decision]:
    return {
        key: decision
        for key, value in state.get("decisions", {}).items()
        if (decision := as_decision(value)) is not None
    }


@dataclass
class _Scan:
    """What one pass over the inputs finds."""

    inputs: list[str]  # grows when the user provides a missing linked file
    decisions: dict[str, Decision]
    dialect: Dialect  # the session's marks (a missing link's target)
    assets: dict[str, dict[str, str]] = field(default_factory=dict)
    missing: list[MissingRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    images: list[str] | None = None  # the folder's image files, listed once when needed
    names: set[str] = field(default_factory=set)  # `inputs` as a set (one lookup per link)

    def __post_init__(self) -> None:
        self.names = set(self.inputs)

    def add_input(self, name: str) -> None:
        if name not in self.names:
            self.names.add(name)
            self.inputs.append(name)

    def action(self, ref: ImageRef) -> str:
        decision = self.decisions.get(ref.key)
        return decision["action"] if decision else ""

    def ask(self, ref: ImageRef, kind: Literal["image", "link"], reason: str) -> None:
        self.missing.append(
            {
                "key": ref.key,
                "file": ref.file,
                "line": ref.line,
                "ref": ref.ref,
                "target": target_of(ref),
                "kind": kind,
                "reason": reason,
                "choices": list(CHOICES),
            }
        )


def target_of(ref: ImageRef) -> str:
    """The file a reference names, without #anchor or ?query, as a path from the input
    folder (`configuration.md#nav` from docs/guide.md: docs/configuration.md); a path that
    leaves the folder stays as written. References to one target are asked about once."""
    path = unquote(ref.ref.split("#", 1)[0].split("?", 1)[0])
    if path.startswith("/"):
        return path
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(ref.file), path))
    return path if rel.startswith("../") or rel == ".." else rel


def scan_assets(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Copy the images the markdown inputs reference into assets/, take in the linked files
    the user provided, and list the references still missing (with --on-missing skip: as
    placeholders; fail: a failure)."""
    t0 = time.perf_counter()
    ctx = runtime.context
    ctx.log.transition("scan_assets")
    input_dir = Path(state["input_dir"])
    inputs = ctx.inputs
    scan = _Scan(list(inputs), _decisions(state), Dialect(ctx.session.dir))
    for name in scan.inputs:  # provided files are appended, and scanned in turn
        if not name.lower().endswith(".md"):
            continue
        text = (ctx.session.inputs / name).read_text(encoding="utf-8")
        _scan_images(ctx, input_dir, name, text, scan)
        for rel in _scan_links(ctx, input_dir.resolve(), name, text, scan):
            scan.add_input(rel)
    if scan.inputs != inputs:  # (only ever longer: the provided files are added at the end)
        journal.write_inputs(ctx.session.dir, scan.inputs)
    update: dict[str, Any] = {
        "n_inputs": len(scan.inputs),
        "missing": scan.missing,
        "warnings": scan.warnings,
        "timings_s": {"scan_assets": time.perf_counter() - t0},
    }
    if scan.missing and state.get("on_missing") == "skip":
        update.update(_skip_missing(scan))
    elif scan.missing and state.get("on_missing") == "fail":
        first = scan.missing[0]
        update["status"] = "failed"
        update["errors"] = [
            {
                "code": "E004",
                "file": first["file"],
                "line": first["line"],
                "message": f"missing {first['kind']} {first['ref']} ({first['reason']})"
                " and --on-missing fail",
            }
        ]
    journal.write_assets(ctx.session.dir, scan.assets)
    update["assets_scan"] = state.get("assets_scan", 0) + 1
    if not update["missing"]:  # the decisions have done their work (in assets.json, inputs)
        update["decisions"] = {}
    return update


def read_again(inputs_dir: Path, names: list[str]) -> int:
    """The readings the reference scan leaves of these inputs (markdown/analysis), made
    again, for a resumed run: its process did not scan them, and the plan and the copy of
    each would otherwise parse it twice (its headings, then the links after its title).
    The same parses as the scan's (find_image_refs, find_link_refs), one per file, the
    references found left to the scan. Only a head start: a file that cannot be read here
    is left to the steps that need it (they say why). Returns the number of files read."""
    read = 0
    for name in names:
        if not name.lower().endswith(".md"):
            continue
        try:
            text = (inputs_dir / name).read_text(encoding="utf-8")
            find_image_refs(name, text)
            find_link_refs(name, text)
        except Exception:  # (see above)
            continue
        read += 1
    return read


def _skip_missing(scan: _Scan) -> dict[str, Any]:
    """--on-missing skip: every missing reference becomes a placeholder."""
    for m in scan.missing:
        if m["kind"] == "link":  # the link becomes its text and a visible note
            scan.assets.setdefault(m["file"], {})[m["ref"]] = scan.dialect.missing_target(m["ref"])
    return {
        "missing": [],
        "warnings": scan.warnings
        + [
            f"{m['file']}:{m['line']}: {m['kind']} {m['ref']} missing ({m['reason']});"
            " placeholder used"
            for m in scan.missing
        ],
    }


def _scan_images(ctx: RunContext, input_dir: Path, name: str, text: str, scan: _Scan) -> None:
    """The images of one markdown input: copied, repaired (E005), skipped or missing."""
    for ref in find_image_refs(name, text):
        where = f"{ref.file}:{ref.line}" if ref.line else ref.file
        if is_remote(ref.ref):
            scan.warnings.append(f"{where}: remote image {ref.ref} not fetched (placeholder)")
            continue
        reason = _copy_image(ctx, input_dir, ref, where, scan)
        if reason is None:
            continue
        if scan.action(ref) == "skip":
            scan.warnings.append(f"{where}: image {ref.ref} skipped ({reason}); placeholder used")
            continue
        scan.ask(ref, "image", reason)
        ctx.log.event("missing_reference", file=ref.file, line=ref.line, ref=ref.ref, reason=reason)


def _copy_image(
    ctx: RunContext, input_dir: Path, ref: ImageRef, where: str, scan: _Scan
) -> str | None:
    """Copy the image (or the file the user provided for it) into assets/; None when done,
    else why it could not be."""
    decision = scan.decisions.get(ref.key)
    try:
        if decision and decision["action"] == "provide":
            src = Path(decision["path"])
        else:
            src = resolve_ref(input_dir, ref.file, ref.ref)
        if not src.is_file():
            if scan.images is None:
                scan.images = image_files(input_dir)
            repaired = repair_ref(input_dir, ref.file, ref.ref, scan.images)
            if repaired is None:
                raise ToolError("file not found")
            rel = repaired.relative_to(input_dir).as_posix()
            scan.warnings.append(f"E005 fixed: {where}: image {ref.ref} resolved to {rel}")
            src = repaired
        scan.assets.setdefault(ref.file, {})[ref.ref] = copy_into_assets(ctx.session, src)
        ctx.log.event("image_copied", file=ref.file, ref=ref.ref)
        return None
    except SecurityError:
        return "outside the input folder"
    except ToolError as exc:
        return str(exc.args[0] if exc.args else exc).split(": ", 1)[-1]


def _scan_links(ctx: RunContext, input_dir: Path, name: str, text: str, scan: _Scan) -> list[str]:
    """Links to local text files that are not inputs: missing, or outside the folder (never
    followed). Provided files become inputs (their own chapter; the link turns internal):
    returns them."""
    provided = []
    for ref in find_link_refs(name, text):
        path = unquote(ref.ref.split("#", 1)[0].split("?", 1)[0])
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
        outside = path.startswith("/") or rel.startswith("../") or rel == ".."
        if not outside and (rel in scan.names or (input_dir / rel).exists()):
            continue  # an input (an internal link), or a file that exists: nothing to ask
        where = f"{name}:{ref.line}" if ref.line else name
        decision = scan.decisions.get(ref.key)
        if decision and decision["action"] == "provide":
            target = (
                rel
                if not outside
                else posixpath.join(posixpath.dirname(name), posixpath.basename(path))
            )
            if _take_linked_file(ctx, Path(decision["path"]), name, ref, target, where, scan):
                provided.append(target)
                if target != rel:
                    scan.assets.setdefault(name, {})[ref.ref] = target
                continue
        reason = "outside the input folder (not followed)" if outside else "file not found"
        if scan.action(ref) == "skip":
            scan.assets.setdefault(name, {})[ref.ref] = scan.dialect.missing_target(ref.ref)
            scan.warnings.append(f"{where}: linked file {ref.ref} skipped ({reason})")
            continue
        scan.ask(ref, "link", reason)
        ctx.log.event("missing_reference", file=name, line=ref.line, ref=ref.ref, kind="link")
    return provided


def _take_linked_file(
    ctx: RunContext, src: Path, name: str, ref: ImageRef, target: str, where: str, scan: _Scan
) -> bool:
    """Copy the file the user provided for a missing link into the session's inputs, as
    `target`; False (with a warning) when it is refused."""
    from agentic_docgen.session.inputs import check_file, read_text

    try:
        item = check_file(src, src.parent, target, ctx.settings)
    except Exception as exc:
        scan.warnings.append(f"{where}: provided file for {ref.ref} refused: {exc}")
        return False
    dest = ctx.session.inputs / target
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(read_text(item), encoding="utf-8", newline="\n")
    ctx.log.event("linked_file_provided", file=name, ref=ref.ref)
    return True


def human_input(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Ask about missing references. interrupt() re-runs this node on resume: no side effects
    happen before it."""
    pending = state.get("missing", [])
    answer = interrupt(
        {"question": "Referenced files are missing: provide or skip?", "pending": pending}
    )
    runtime.context.log.transition("human_input", answered=len(pending))
    decisions = _decisions(state)
    answers: dict[str, Any] = answer.get("decisions", {}) if isinstance(answer, dict) else {}
    for item in pending:
        choice = (
            answers.get(item["key"])
            or answers.get(f"ref:{item['ref']}")
            or answers.get(f"ref:{item.get('target')}")  # every reference to that file
            or answers.get("*")
        )
        decision = as_decision(choice)
        if decision is None:
            continue  # unanswered: scan_assets finds it again and asks again
        decisions[item["key"]] = decision
    if any(d["action"] == "abort" for d in decisions.values()):
        return {
            "decisions": decisions,
            "status": "failed",
            "missing": [],
            "errors": [{"code": "E004", "message": "aborted by the user at a missing file"}],
        }
    return {"decisions": decisions}
