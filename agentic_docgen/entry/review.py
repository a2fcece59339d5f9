"""`docgen convert --review` at the terminal (issue 18): the plan as a tree, then build /
edit / abort, with explicit answers and a bounded number of rounds. Edit opens $VISUAL
(else $EDITOR, else vi) on a copy of the plan in the session (`plan.edit.yaml`, kept between
rounds and after a kill), checks it again (graph/policy/plan.py) and shows the errors and the
tree again. Off a terminal the run pauses instead (exit 3): `paused_lines` says what to do."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text
from rich.tree import Tree

from agentic_docgen.core.errors import InputError
from agentic_docgen.graph.policy.plan import MAX_PLAN_BYTES, Chapter, Plan, PlanError

MAX_ROUNDS = 10  # answers asked for before the run is paused instead
EDIT_FILE = "plan.edit.yaml"
ANSWERS = {
    "build": "build", "b": "build",
    "edit": "edit", "e": "edit",
    "abort": "abort", "a": "abort",
}  # fmt: skip
PROMPT = escape("  [b]uild, [e]dit the plan, [a]bort")


def _m(markup: str) -> Text:
    """A label in rich markup (the console prints plain text unless told otherwise)."""
    return Text.from_markup(markup)


def _chapter(node: Tree, c: Chapter) -> None:
    label = escape(c.title if c.title is not None else "(its own title)")
    branch = node.add(_m(f"{label}  [dim]{escape(c.source)}[/]"))
    for s in c.sections:
        branch.add(_m(f"{escape(s.title)}  [dim]lines {s.start}-{s.end}[/]"))


def tree(plan: Plan) -> Tree:
    """The outline as the document will have it: chapters (and their sections), parts,
    and the files left out."""
    root = Tree(_m(f"[bold]{escape(plan.title or '(title from the inputs)')}[/]"))
    for c in plan.chapters:
        _chapter(root, c)
    for p in plan.parts:
        source = f"  [dim]{escape(p.source)}[/]" if p.source else ""
        part = root.add(_m(f"[bold]{escape(p.title)}[/]{source}"))
        for c in p.chapters:
            _chapter(part, c)
    if plan.exclude:
        left = root.add(_m("[dim]excluded[/]"))
        for name in plan.exclude:
            left.add(_m(f"[dim]{escape(name)}[/]"))
    return root


def _editor() -> list[str] | None:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if command:
        return shlex.split(command)
    return ["vi"] if shutil.which("vi") else None


def _edit(console: Console, path: Path) -> bool:
    """Open the editor on `path`; False (with a line saying why) when it did not run."""
    editor = _editor()
    if editor is None:
        console.print("  no editor: set $VISUAL or $EDITOR")
        return False
    try:
        done = subprocess.run([*editor, str(path)], check=False)
    except OSError as exc:
        console.print(f"  cannot start the editor {escape(editor[0])}: {escape(str(exc))}")
        return False
    if done.returncode != 0:
        console.print(f"  the editor exited with {done.returncode}: the plan is unchanged")
        return False
    return True


def ask_review(console: Console, pending: list[dict[str, Any]]) -> dict[str, str] | None:
    """Build, edit or abort at the terminal: the answers for the review node, or None to
    leave the run paused (no decision after MAX_ROUNDS answers, or end of input)."""
    from rich.prompt import Prompt

    from agentic_docgen.graph.nodes.review import check_plan

    path = Path(next(p["plan"] for p in pending if p.get("kind") == "review"))
    draft = path.parent / EDIT_FILE
    console.print(
        f"[bold]Review the plan[/] of session {path.parent.name} ({escape(str(path))})", markup=True
    )
    text = path.read_text(encoding="utf-8")
    plan: Plan | None = None
    try:
        plan = check_plan(path.parent, text.encode("utf-8"), str(path))
    except PlanError as exc:  # (a plan edited by hand while the run was paused)
        console.print(f"[bold red]plan error:[/] {escape(str(exc))}", markup=True)
        draft.write_text(text, encoding="utf-8")
    for _ in range(MAX_ROUNDS):
        if plan is not None:
            console.print(tree(plan))
        try:
            answer = ANSWERS.get(" ".join(Prompt.ask(PROMPT, console=console).split()).lower())
        except (EOFError, KeyboardInterrupt):
            break
        if answer is None:
            console.print("  answer build, edit or abort (or b, e, a)")
        elif answer == "abort":
            return {"review": "abort"}
        elif answer == "build" and plan is not None:
            return {"review": "build", "plan": text}
        elif answer == "build":
            console.print("  the plan has an error: edit it first (or abort)")
        else:
            if not draft.exists():
                draft.write_text(text, encoding="utf-8")
            if not _edit(console, draft):
                continue
            edited = draft.read_bytes()[: MAX_PLAN_BYTES + 1]
            try:
                plan = check_plan(path.parent, edited, str(draft))
            except PlanError as exc:
                console.print(f"[bold red]plan error:[/] {escape(str(exc))}", markup=True)
                console.print("  (edit again to fix it; the tree is the last valid plan)")
                continue
            text = edited.decode("utf-8-sig")
    console.print(f"  no decision: the run is paused; the plan is {escape(str(path))}")
    return None


def read_plan_file(path: Path) -> str:
    """A plan given to `docgen resume --plan` (its size bounded as `--plan`'s is)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the plan: {exc.strerror}", path=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the plan is not UTF-8 text", path=str(path)) from None


def resume_answers(answer: str | None, provide: list[str], plan: Path | None) -> dict[str, str]:
    """The answers `docgen resume` passes on: `--answer` skip | fail (every missing
    reference), build | abort (the review); `--provide REF=PATH`; `--plan FILE` (build it)."""
    answers: dict[str, str] = {}
    if answer:
        if answer not in ("skip", "fail", "build", "abort"):
            raise InputError("must be skip, fail, build or abort", path="--answer")
        if answer in ("build", "abort"):
            answers["review"] = answer
        else:
            answers["*"] = "abort" if answer == "fail" else "skip"
    if plan is not None:
        answers.update(review="build", plan=read_plan_file(plan), plan_file=str(plan))
    for item in provide:
        ref, sep, path = item.partition("=")
        if not sep or not ref or not path:
            raise InputError(f"expected REF=PATH, got {item!r}", path="--provide")
        answers[f"ref:{ref}"] = f"provide:{Path(path).expanduser().resolve()}"
    return answers


def paused_lines(session_id: str, pending: list[dict[str, Any]]) -> list[str]:
    """What a run paused for the review prints (stderr, rich markup)."""
    plan = escape(next(p["plan"] for p in pending if p.get("kind") == "review"))
    return [
        f"[yellow]Paused:[/] session {session_id} waits for the plan's review:",
        f"  plan: {plan}",
        f"Edit it, then: docgen resume {session_id} --answer build",
        f"  (or docgen resume {session_id} --plan EDITED.yaml, or --answer abort)",
    ]
