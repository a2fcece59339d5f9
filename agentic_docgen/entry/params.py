"""The command-line options several `docgen` commands share: one typer type each, its flag
names and its help (docs/cli.md), so a flag means the same everywhere. A command declares
`title: Title = None`; the default stays on the parameter. An option only one command has
is declared in that command's module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Inputs = Annotated[
    list[Path], typer.Argument(metavar="PATH", help="Folders and files, in the order given.")
]
Title = Annotated[str | None, typer.Option("--title", help="Document title.")]
Author = Annotated[str | None, typer.Option("--author", help="Document author.")]
Toc = Annotated[
    bool | None,
    typer.Option("--toc/--no-toc", help="Table of contents [on when > 3 headings]."),
]
Group = Annotated[
    str,
    typer.Option("--group", help="auto | folders | none: parts by subfolder [auto: > 50 files]."),
]
Include = Annotated[
    list[str] | None,
    typer.Option(
        "--include", help="GLOB of other text files to add as code chapters (repeatable)."
    ),
]
MaxFileMb = Annotated[
    float | None,
    typer.Option("--max-file-mb", help="Per-file size limit in MB [100; env DOCGEN_MAX_FILE_MB]."),
]
MaxTotalMb = Annotated[
    float | None,
    typer.Option("--max-total-mb", help="Per-run size limit in MB [500; env DOCGEN_MAX_TOTAL_MB]."),
]
Model = Annotated[
    str | None,
    typer.Option("--model", help="offline (default) or a LiteLLM model string [env DOCGEN_MODEL]."),
]
ApiBase = Annotated[
    str | None,
    typer.Option("--api-base", help="OpenAI-compatible server URL [env DOCGEN_API_BASE]."),
]
OnMissing = Annotated[
    str,
    typer.Option(
        "--on-missing",
        help="ask | skip | fail, for referenced files that are missing (ask: a prompt on a"
        " terminal; without one, and in batch, a pause: exit 3).",
    ),
]
SessionsDir = Annotated[
    Path | None,
    typer.Option("--sessions-dir", help="Where sessions live [env DOCGEN_HOME/sessions]."),
]
Progress = Annotated[
    str,
    typer.Option(
        "--progress", help="auto | bar | plain | jsonl | none: what stderr shows of the run."
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")]
Json = Annotated[bool, typer.Option("--json", help="One JSON summary on stdout.")]
JsonOut = Annotated[bool, typer.Option("--json", help="The answer as JSON on stdout.")]
