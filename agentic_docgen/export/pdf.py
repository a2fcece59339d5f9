"""`--format pdf`: the run's .docx converted by LibreOffice headless (`soffice --headless
--convert-to pdf`), so the PDF is the same document, page for page, as LibreOffice lays it out.

Each conversion has a LibreOffice profile of its own (`-env:UserInstallation`, in a temporary
folder): two runs at once would otherwise share one, and the second `soffice` would hand its
file to the first and exit without converting it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from agentic_docgen.core.errors import DocgenError, InputError

SOFFICE_ENV = "DOCGEN_SOFFICE"  # the soffice to use (default: soffice on PATH)
TIMEOUT_S = 600.0


def soffice() -> str | None:
    """The LibreOffice executable: $DOCGEN_SOFFICE, else `soffice` (or `libreoffice`) on
    PATH; None when there is none."""
    given = os.environ.get(SOFFICE_ENV)
    if given:
        return shutil.which(given)
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """The executable, or the one-line error a run asking for a PDF stops with (exit 2)."""
    exe = soffice()
    if exe is None:
        raise InputError(
            "a PDF is made by LibreOffice, and soffice is not on PATH"
            f" (install LibreOffice, or set {SOFFICE_ENV})",
            path="--format pdf",
        )
    return exe


def docx_to_pdf(docx: Path, out: Path, timeout_s: float = TIMEOUT_S) -> None:
    """Convert `docx` into the PDF `out` (DocgenError when LibreOffice fails)."""
    exe = require_soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        work = Path(tmp)
        src = work / "document.docx"
        shutil.copyfile(docx, src)
        cmd = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(src),
        ]
        try:
            proc = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                timeout=timeout_s,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise DocgenError(f"LibreOffice did not finish in {timeout_s:.0f} s") from None
        except OSError as exc:
            raise DocgenError(f"cannot run {exe}: {exc.strerror}") from None
        pdf = work / "document.pdf"
        if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            lines = [ln for ln in (proc.stderr or proc.stdout or "").splitlines() if ln.strip()]
            detail = lines[-1][:300] if lines else f"exit status {proc.returncode}"
            raise DocgenError(f"LibreOffice could not convert the .docx to PDF: {detail}")
        shutil.move(str(pdf), out)
