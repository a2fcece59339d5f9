"""`docgen plan`: the outline a conversion would build, written as a plan file to edit
(docs/plan.md). Registered on the app by cli.py; printing and exit codes are cli.py's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from agentic_docgen.core.errors import DocgenError, InputError


def plan_command(
    inputs: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Folders and files, in the order given.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the plan to this file [stdout]."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Document title.")] = None,
    author: Annotated[str | None, typer.Option(help="Document author.")] = None,
    toc: Annotated[
        bool | None,
        typer.Option("--toc/--no-toc", help="Table of contents [auto: on when > 3 headings]."),
    ] = None,
    group: Annotated[
        str, typer.Option(help="auto | folders | none: parts by subfolder [auto: > 50 files].")
    ] = "auto",
    include: Annotated[
        list[str] | None,
        typer.Option(help="GLOB of other text files to add as code chapters (repeatable)."),
    ] = None,
    max_file_mb: Annotated[float | None, typer.Option(help="Per-file size limit in MB.")] = None,
    max_total_mb: Annotated[float | None, typer.Option(help="Per-run size limit in MB.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the plan file.")] = False,
    model: Annotated[
        str | None,
        typer.Option(help="A LiteLLM model proposes the plan (checked; else the offline one)."),
    ] = None,
    api_base: Annotated[str | None, typer.Option(help="The model's server URL.")] = None,
) -> None:
    """Write the outline a conversion would build, as a plan file to edit (nothing is
    converted); then: docgen convert PATH... --plan PLAN."""
    from agentic_docgen.entry import api
    from agentic_docgen.entry.cli import _fail, err
    from agentic_docgen.entry.options import ConvertOptions

    try:
        if output is not None and output.exists() and not force:
            raise InputError("already exists (use --force to overwrite)", path=str(output))
        options = ConvertOptions(
            inputs,
            include=tuple(include or ()),
            title=title,
            author=author,
            toc=toc,
            group=group,  # type: ignore[arg-type]  # checked by ConvertOptions
            max_file_mb=max_file_mb,
            max_total_mb=max_total_mb,
            model=model,
            api_base=api_base,
        )
        warnings: list[str] = []
        text = api.plan(options, warnings)
        for warning in warnings:
            err.print(f"[yellow]warning:[/] {escape(warning)}", markup=True)
        if output is None:
            typer.echo(text, nl=False)
            return
        from agentic_docgen.session.folder import write_atomic

        write_atomic(output, text)
    except DocgenError as exc:
        _fail(exc, False)
    except OSError as exc:
        _fail(InputError(f"cannot write the plan: {exc.strerror}", path=str(output)), False)
    err.print(f"[green]Wrote[/] {escape(str(output))}", markup=True)
    err.print(
        f"Edit it, then: docgen convert {escape(' '.join(map(str, inputs)))} --plan"
        f" {escape(str(output))}"
    )
