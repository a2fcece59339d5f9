"""Run the Node converter (converter/index.js) as a subprocess with a timeout."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .config import Settings


@dataclass(frozen=True)
class ConverterResult:
    ok: bool
    code: str | None = None  # E008 timeout, E009 converter error
    message: str = ""


def run_converter(settings: Settings, structure: Path, output: Path) -> ConverterResult:
    script = settings.converter_dir / "index.js"
    node = shutil.which(settings.node) or settings.node
    if not Path(node).exists():
        return ConverterResult(
            False,
            "E009",
            f"node executable not found: {settings.node} (install Node.js 20+ or set DOCGEN_NODE)",
        )
    try:
        proc = subprocess.run(
            [node, str(script), str(structure), str(output)],
            capture_output=True,
            text=True,
            timeout=settings.converter_timeout_s,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ConverterResult(
            False, "E008", f"converter timed out after {settings.converter_timeout_s:.0f} s"
        )
    except OSError as exc:
        return ConverterResult(False, "E009", f"cannot run {node}: {exc.strerror}")
    if proc.returncode != 0 or not output.is_file():
        lines = [ln for ln in (proc.stderr or "").strip().splitlines() if ln.strip()]
        detail = lines[-1] if lines else f"exit status {proc.returncode}"
        return ConverterResult(False, "E009", f"converter failed: {detail[:500]}")
    return ConverterResult(True)
