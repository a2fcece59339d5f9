"""`docgen plan`: the outline a conversion would build, written as a plan file to edit
(docs/plan.md). Registered on the app by cli.py; printing and exit codes are cli.py's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from agentic_docgen.core.errors import DocgenError, InputError
from agentic_docgen.entry.params import (
    ApiBase,
    Author,
    Force,
    Group,
    Include,
    Inputs,
    MaxFileMb,
    MaxTotalMb,
    Model,
    Title,
    Toc,
)


def plan_command(
    inputs: Inputs,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the plan to this file [stdout]."),
    ] = None,
    title: Title = None,
    author: Author = None,
    toc: Toc = None,
    group: Group = "auto",
    include: Include = None,
    max_file_mb: MaxFileMb = None,
    max_total_mb: MaxTotalMb = None,
    force: Force = False,
    model: Model = None,
    api_base: ApiBase = None,
) -> None:
    """Write the outline a conversion would build, as a plan file to edit (nothing is
    converted; with --model, the model proposes it, checked, else the offline one is
    written); then: docgen convert PATH... --plan PLAN."""
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
