"""`docgen regenerate` and `docgen export` (refining a session: docs/refine.md). Registered
on the app by cli.py (`register`); printing and exit codes are cli.py's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from agentic_docgen.core.errors import DocgenError
from agentic_docgen.entry.params import Force, Json, SessionsDir


def regenerate_command(
    session_id: Annotated[str, typer.Argument(help="A complete session's id.")],
    chapter: Annotated[
        int | None, typer.Option(help="The chapter to build again (1 = the first).")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="The chapter built from this input file.")
    ] = None,
    instructions: Annotated[
        str | None, typer.Option(help="What to change (needs --model).")
    ] = None,
    plan: Annotated[
        Path | None, typer.Option(help="An edited plan file: its entry for the chapter applies.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="offline or a LiteLLM model string [the session's].")
    ] = None,
    api_base: Annotated[
        str | None, typer.Option(help="OpenAI-compatible server URL [the session's].")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here [the session's output].")
    ] = None,
    sessions_dir: SessionsDir = None,
    as_json: Json = False,
) -> None:
    """Build one chapter of a complete session again (every other chapter kept byte for
    byte) and write the session's next version."""
    from agentic_docgen.entry.cli import _display, _fail, _report
    from agentic_docgen.entry.refine import regenerate

    shown = _display("auto", as_json)
    try:
        result = regenerate(
            session_id,
            chapter=chapter,
            source=source,
            instructions=instructions,
            plan=plan,
            model=model,
            api_base=api_base,
            output=output,
            sessions_dir=sessions_dir,
            progress=shown,
        )
    except DocgenError as exc:
        shown.close()
        _fail(exc, as_json, shown)
    _report(result, as_json, shown)


def export_command(
    session_id: Annotated[str, typer.Argument(help="A session's id.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The .docx to write.")],
    version: Annotated[int | None, typer.Option(help="The version [the latest].")] = None,
    force: Force = False,
    sessions_dir: SessionsDir = None,
) -> None:
    """Write one of a session's versions (docgen sessions show ID lists them) to a .docx."""
    from agentic_docgen.core.settings import Settings
    from agentic_docgen.entry.cli import _fail, err
    from agentic_docgen.session import versions
    from agentic_docgen.session.folder import SessionManager

    try:
        session = SessionManager(Settings.resolve(sessions_dir=sessions_dir)).find(session_id)
        versions.export(session.dir, version, output, force)
    except DocgenError as exc:
        _fail(exc, False)
    err.print(f"[green]Wrote[/] {escape(str(output))}", markup=True)


def register(app: typer.Typer) -> None:
    app.command("regenerate")(regenerate_command)
    app.command("export")(export_command)
