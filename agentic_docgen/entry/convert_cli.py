"""`docgen convert`: PATH... into one document (and PDF, markdown, HTML: --format).
Registered on the app by cli.py; printing, prompts and exit codes are cli.py's; the shared
options are params.py's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from agentic_docgen.core.errors import DocgenError
from agentic_docgen.entry.params import (
    ApiBase,
    Author,
    Force,
    Group,
    Include,
    Inputs,
    Json,
    MaxFileMb,
    MaxTotalMb,
    Model,
    OnMissing,
    Progress,
    SessionsDir,
    Title,
    Toc,
)

Output = Annotated[
    Path | None,
    typer.Option(
        "-o", "--output", help="Output file [./<folder>.docx]; its extension names the format."
    ),
]
Style = Annotated[
    Path | None,
    typer.Option("--style", help="JSON file of theme overrides (see docs/styles.md)."),
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Do not use or fill the LLM response cache.")
]
Plan = Annotated[
    Path | None, typer.Option("--plan", help="Build this plan file's outline (see docs/plan.md).")
]
PlanNew = Annotated[
    str, typer.Option("--plan-new", help="error | append: an input file the plan does not name.")
]
Review = Annotated[
    bool, typer.Option("--review", help="Stop after planning: build, edit or abort the plan.")
]
Formats = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="docx,pdf,md,html: the files to write, each -o's stem + its extension"
        " [-o's extension].",
    ),
]
Update = Annotated[
    bool, typer.Option("--update", help="-o is a docgen .docx: redo only changed files.")
]
Lang = Annotated[
    str,
    typer.Option(
        "--lang", help="auto | a language: en de fr es it pt nl pl ja zh ko (docs/cli.md)."
    ),
]


def convert_command(
    inputs: Inputs,
    output: Output = None,
    title: Title = None,
    author: Author = None,
    toc: Toc = None,
    style: Style = None,
    model: Model = None,
    no_cache: NoCache = False,
    api_base: ApiBase = None,
    on_missing: OnMissing = "ask",
    sessions_dir: SessionsDir = None,
    max_file_mb: MaxFileMb = None,
    max_total_mb: MaxTotalMb = None,
    group: Group = "auto",
    include: Include = None,
    plan: Plan = None,
    plan_new: PlanNew = "error",
    review: Review = False,
    progress: Progress = "auto",
    formats: Formats = None,
    force: Force = False,
    update: Update = False,
    as_json: Json = False,
    lang: Lang = "auto",
) -> None:
    """Convert folders and files (PATH, in the order given) into one Word document, and PDF,
    markdown or HTML with --format."""
    _prestart()  # Node's start-up while Python imports (issue 21)
    from agentic_docgen.entry import api
    from agentic_docgen.entry.cli import _display, _fail, _report, _terminal_ask
    from agentic_docgen.entry.options import ConvertOptions

    interactive = (on_missing == "ask" or review) and sys.stdin.isatty()
    shown = _display(progress, as_json)
    try:
        options = ConvertOptions(
            inputs,
            output,
            title=title,
            author=author,
            toc=toc,
            style=style,
            model=model,
            api_base=api_base,
            cache=not no_cache,
            max_file_mb=max_file_mb,
            max_total_mb=max_total_mb,
            on_missing=on_missing,  # type: ignore[arg-type]  # checked by ConvertOptions
            sessions_dir=sessions_dir,
            force=force,
            group=group,  # type: ignore[arg-type]  # checked by ConvertOptions
            include=tuple(include or ()),
            plan=plan,
            plan_new=plan_new,
            lang=lang,
            review=review,
            formats=formats or (),
            update=update,
        )
        ask = shown.asking(_terminal_ask) if interactive else None
        result = api.convert(options, ask=ask, progress=shown)
    except DocgenError as exc:
        shown.close()
        _fail(exc, as_json, shown)
    _report(result, as_json, shown)


def _prestart() -> None:
    from agentic_docgen.blocks.bridge import prestart as prestart_converter
    from agentic_docgen.core.settings import Settings
    from agentic_docgen.markdown.lint import prestart

    try:
        settings = Settings.resolve()
        prestart(settings)
        prestart_converter(settings)
    except Exception:  # noqa: BLE001  # only a head start: the run reports its own errors
        return
