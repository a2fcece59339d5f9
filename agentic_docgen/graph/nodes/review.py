"""review_plan: `docgen convert --review` stops after planning (issue 18) and the user
builds, edits or aborts the plan.

The plan waits in the session (`plan.yaml`, docs/plan.md); the node interrupts with its
path. `interrupt()` re-runs the node from the top on resume, so nothing happens before it.
The answer (`{"review": "build" | "abort", "plan": TEXT}`, strings as the CLI or an API
caller gives them) is checked against every file the session holds (plan.py); a plan that
is built orders `inputs.json` as the plan says, leaves out what it excludes and gives the
run its policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.plan import PLAN_FILE, Plan, PlanError, load_plan
from agentic_docgen.graph.state import DocState
from agentic_docgen.markdown.lines import split_lines
from agentic_docgen.session import journal
from agentic_docgen.session.folder import Session, write_atomic

QUESTION = "Review the plan: build, edit or abort?"


def review_item(session_dir: Path) -> dict[str, Any]:
    """What a paused review lists (`pending`, with the keys a missing reference has)."""
    path = session_dir / PLAN_FILE
    return {
        "key": "review",
        "kind": "review",
        "file": PLAN_FILE,
        "line": 0,
        "ref": str(path),
        "reason": QUESTION,
        "plan": str(path),
    }


def session_inputs(session_dir: Path) -> list[str]:
    """Every file the session was given (its inputs/ folder, as relative names): what a
    reviewed plan names, as a chapter or in `exclude`."""
    root = session_dir / "inputs"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def check_plan(session_dir: Path, data: bytes, where: str) -> Plan:
    """The plan in `data`, checked against the session's inputs (PlanError: file:line)."""
    root = session_dir / "inputs"

    def lines(name: str) -> int:
        return len(split_lines((root / name).read_text(encoding="utf-8")))

    plan, _ = load_plan(data, where, session_inputs(session_dir), lines)
    return plan


def review_plan(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Ask for the review; build the plan the user accepts."""
    ctx = runtime.context
    session = ctx.session
    answer = interrupt({"question": QUESTION, "pending": [review_item(session.dir)]})
    answers = answer.get("decisions", {}) if isinstance(answer, dict) else {}
    verdict = answers.get("review")
    ctx.log.transition("review_plan", answer=verdict)
    if verdict == "abort":
        return {
            "review": False,
            "status": "failed",
            "errors": [{"code": "E000", "message": "aborted by the user at the plan's review"}],
        }
    if verdict != "build":
        return {}  # no answer: asked again
    path = session.dir / PLAN_FILE
    text = answers.get("plan")
    data = text.encode("utf-8") if isinstance(text, str) else path.read_bytes()
    try:
        plan = check_plan(session.dir, data, str(path))
    except PlanError as exc:
        return {"warnings": [f"the plan was not built: {exc}"]}  # asked again
    return _build(ctx, state, plan, data.decode("utf-8-sig"))


def _build(ctx: RunContext, state: DocState, plan: Plan, text: str) -> dict[str, Any]:
    """The run follows `plan`: the session keeps it, its inputs are the plan's files in its
    order, the policy writes each chapter as it says. (Idempotent: a step killed here runs
    again from the review.)"""
    from agentic_docgen.graph.policy.protocol import get_policy

    session = ctx.session
    order = plan.order()
    write_atomic(session.dir / PLAN_FILE, text)
    journal.write_inputs(session.dir, order)
    _record_inputs(session, order)
    ctx.policy = get_policy(ctx.settings, plan)
    ctx.reload_inputs()  # (in the plan's order)
    toc = plan.toc_option() if plan.toc != "auto" else state.get("toc")
    return {
        "review": False,
        "n_inputs": len(order),
        "parts": bool(plan.parts),
        "title": plan.title if plan.title is not None else state.get("title"),
        "author": plan.author if plan.author is not None else state.get("author"),
        "toc": toc,
        "warnings": [f"excluded by the plan: {name}" for name in plan.exclude],
    }


def _record_inputs(session: Session, order: list[str]) -> None:
    """session.json's `inputs` (the summary's list) as the plan orders them; every file
    given stays in `review_inputs`."""
    meta = session.read_meta()
    given = meta.get("review_inputs") or meta.get("inputs") or []
    by_name = {item.get("file"): item for item in given}
    session.update_meta(review_inputs=given, inputs=[by_name[n] for n in order if n in by_name])
