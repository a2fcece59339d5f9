"""Every file a run writes (`--format docx,pdf,md,html`), from the session of a complete run:
each is made beside its destination under a temporary name, and only when all of them are
made are they moved into place, so a run that fails on one format (LibreOffice crashing on
the PDF) leaves no half of the set behind."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import DocgenError

FORMATS = ("docx", "pdf", "md", "html")  # in the order they are made


def write_outputs(
    session_dir: Path, targets: list[dict[str, str]], node: str, converter_dir: Path
) -> list[dict[str, str]]:
    """Write each target (`{"format", "path"}`) from the session's files (output.docx,
    structure.json, temp_output.md, assets/); returns the targets written. Raises
    DocgenError (nothing written) when one cannot be made."""
    made: list[tuple[Path, Path]] = []
    structure: dict[str, Any] | None = None
    try:
        for target in sorted(targets, key=lambda t: FORMATS.index(t["format"])):
            fmt, out = target["format"], Path(target["path"])
            tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:12]}.tmp")
            made.append((tmp, out))
            if fmt == "docx":
                shutil.copyfile(session_dir / "output.docx", tmp)
            elif fmt == "pdf":
                from agentic_docgen.export.pdf import docx_to_pdf

                docx_to_pdf(session_dir / "output.docx", tmp)
            else:
                if structure is None:
                    structure = read_structure(session_dir)
                if fmt == "md":
                    from agentic_docgen.export.markdown import write_markdown

                    write_markdown(session_dir, structure, tmp, out)
                else:
                    from agentic_docgen.export.html import write_html

                    write_html(structure, session_dir, tmp, node, converter_dir)
    except (OSError, ValueError, KeyError) as exc:
        _discard(made)
        detail = getattr(exc, "strerror", None) or str(exc)
        raise DocgenError(f"cannot write the {fmt} file: {detail}", path=str(out)) from None
    except DocgenError as exc:
        _discard(made)
        raise DocgenError(exc.message, path=str(out)) from None
    for tmp, out in made:
        os.replace(tmp, out)
    return [{"format": t["format"], "path": t["path"]} for t in targets]


def read_structure(session_dir: Path) -> dict[str, Any]:
    """The session's block JSON (`structure.json`, or `.gz` once a big one is kept packed)."""
    path = session_dir / "structure.json"
    if path.exists():
        return json.loads(path.read_text("utf-8"))
    with gzip.open(path.with_name(path.name + ".gz"), "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _discard(made: list[tuple[Path, Path]]) -> None:
    for tmp, _ in made:
        with contextlib.suppress(OSError):
            tmp.unlink()
