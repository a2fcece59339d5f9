"""scan_assets and human_input: image references before any writing (FC006, FC008, FC014)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from langgraph.types import interrupt

from agentic_docgen.core.errors import SecurityError, ToolError
from agentic_docgen.graph.context import RunContext
from agentic_docgen.markdown.dialect import missing_target
from agentic_docgen.markdown.references import (
    copy_into_assets,
    find_image_refs,
    find_link_refs,
    image_files,
    is_remote,
    repair_ref,
    resolve_ref,
)


def scan_assets(state: dict[str, Any], ctx: RunContext) -> dict[str, Any]:
    t0 = time.perf_counter()
    ctx.log.transition("scan_assets")
    session = ctx.session
    input_dir = Path(state["input_dir"])
    decisions = state.get("decisions", {})
    assets: dict[str, dict[str, str]] = {}
    missing: list[dict[str, Any]] = []
    warnings: list[str] = []
    images: list[str] | None = None  # the folder's image files, listed once when needed
    inputs = list(state["input_files"])  # grows when the user provides a missing linked file
    for name in inputs:  # provided files are appended, and scanned in turn
        if not name.lower().endswith(".md"):
            continue
        text = (session.inputs / name).read_text(encoding="utf-8")
        for ref in find_image_refs(name, text):
            where = f"{ref.file}:{ref.line}" if ref.line else ref.file
            if is_remote(ref.ref):
                warnings.append(f"{where}: remote image {ref.ref} not fetched (placeholder)")
                continue
            decision = decisions.get(ref.key, "")
            try:
                if decision.startswith("provide:"):
                    src = Path(decision.removeprefix("provide:"))
                else:
                    src = resolve_ref(input_dir, ref.file, ref.ref)
                if not src.is_file():
                    if images is None:
                        images = image_files(input_dir)
                    repaired = repair_ref(input_dir, ref.file, ref.ref, images)
                    if repaired is None:
                        raise ToolError("file not found")
                    rel = repaired.relative_to(input_dir).as_posix()
                    warnings.append(f"E005 fixed: {where}: image {ref.ref} resolved to {rel}")
                    src = repaired
                assets.setdefault(name, {})[ref.ref] = copy_into_assets(session, src)
                ctx.log.event("image_copied", file=ref.file, ref=ref.ref)
                continue
            except (SecurityError, ToolError) as exc:
                reason = (
                    "outside the input folder"
                    if isinstance(exc, SecurityError)
                    else str(exc.args[0] if exc.args else exc).split(": ", 1)[-1]
                )
            if decision == "skip":
                warnings.append(f"{where}: image {ref.ref} skipped ({reason}); placeholder used")
                continue
            missing.append(
                {
                    "key": ref.key,
                    "file": ref.file,
                    "line": ref.line,
                    "ref": ref.ref,
                    "kind": "image",
                    "reason": reason,
                    "choices": ["provide", "skip", "skip_all", "abort"],
                }
            )
            ctx.log.event(
                "missing_reference", file=ref.file, line=ref.line, ref=ref.ref, reason=reason
            )
        links_missing, links_warn, provided = _scan_links(
            name, text, state, decisions, assets, ctx, inputs
        )
        missing.extend(links_missing)
        warnings.extend(links_warn)
        for rel in provided:
            if rel not in inputs:
                inputs.append(rel)
    update: dict[str, Any] = {
        "assets": assets,
        "missing": missing,
        "warnings": warnings,
        "timings_s": {"scan_assets": time.perf_counter() - t0},
    }
    if inputs != state["input_files"]:
        update["input_files"] = inputs
    if missing and state.get("on_missing") == "skip":
        update["missing"] = []
        for m in missing:
            if m["kind"] == "link":  # the link becomes its text and a visible note
                assets.setdefault(m["file"], {})[m["ref"]] = missing_target(m["ref"])
        update["warnings"] = warnings + [
            f"{m['file']}:{m['line']}: {m['kind']} {m['ref']} missing ({m['reason']});"
            " placeholder used"
            for m in missing
        ]
    elif missing and state.get("on_missing") == "fail":
        first = missing[0]
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
    return update


def _scan_links(
    name: str,
    text: str,
    state: dict[str, Any],
    decisions: dict[str, str],
    assets: dict[str, dict[str, str]],
    ctx: RunContext,
    inputs: list[str],
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Links to local text files that are not inputs: missing, or outside the folder (never
    followed). Provided files become inputs (their own chapter; the link turns internal)."""
    import posixpath
    from urllib.parse import unquote

    from agentic_docgen.session.inputs import check_file, read_text

    missing, warnings, provided = [], [], []
    input_dir = Path(state["input_dir"]).resolve()
    for ref in find_link_refs(name, text):
        path = unquote(ref.ref.split("#", 1)[0].split("?", 1)[0])
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
        outside = path.startswith("/") or rel.startswith("../") or rel == ".."
        if not outside and (rel in inputs or (input_dir / rel).exists()):
            continue  # an input (an internal link), or a file that exists: nothing to ask
        where = f"{name}:{ref.line}" if ref.line else name
        decision = decisions.get(ref.key, "")
        if decision.startswith("provide:"):
            src = Path(decision.removeprefix("provide:"))
            target = (
                rel
                if not outside
                else posixpath.join(posixpath.dirname(name), posixpath.basename(path))
            )
            try:
                item = check_file(src, src.parent, target, ctx.settings)
            except Exception as exc:
                warnings.append(f"{where}: provided file for {ref.ref} refused: {exc}")
            else:
                dest = ctx.session.inputs / target
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(read_text(item), encoding="utf-8", newline="\n")
                provided.append(target)
                if target != rel:
                    assets.setdefault(name, {})[ref.ref] = target
                ctx.log.event("linked_file_provided", file=name, ref=ref.ref)
                continue
        reason = "outside the input folder (not followed)" if outside else "file not found"
        if decision == "skip":
            assets.setdefault(name, {})[ref.ref] = missing_target(ref.ref)
            warnings.append(f"{where}: linked file {ref.ref} skipped ({reason})")
            continue
        missing.append(
            {
                "key": ref.key,
                "file": name,
                "line": ref.line,
                "ref": ref.ref,
                "kind": "link",
                "reason": reason,
                "choices": ["provide", "skip", "skip_all", "abort"],
            }
        )
        ctx.log.event("missing_reference", file=name, line=ref.line, ref=ref.ref, kind="link")
    return missing, warnings, provided


def human_input(state: dict[str, Any], ctx: RunContext) -> dict[str, Any]:
    """Ask about missing references. interrupt() re-runs this node on resume: no side effects
    happen before it."""
    pending = state.get("missing", [])
    answer = interrupt(
        {"question": "Referenced files are missing: provide or skip?", "pending": pending}
    )
    ctx.log.transition("human_input", answered=len(pending))
    decisions = dict(state.get("decisions", {}))
    answers: dict[str, str] = answer.get("decisions", {}) if isinstance(answer, dict) else {}
    for item in pending:
        choice = answers.get(item["key"]) or answers.get(f"ref:{item['ref']}") or answers.get("*")
        if not choice:
            continue  # unanswered: scan_assets finds it again and asks again
        if choice.startswith("provide:"):  # the CLI passes an absolute path
            choice = f"provide:{Path(choice.removeprefix('provide:')).expanduser().resolve()}"
        decisions[item["key"]] = choice
    if any(v == "abort" for v in decisions.values()):
        return {
            "decisions": decisions,
            "status": "failed",
            "missing": [],
            "errors": [{"code": "E004", "message": "aborted by the user at a missing file"}],
        }
    return {"decisions": decisions}
