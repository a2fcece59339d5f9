"""Paths resolved against an explicit base folder, never the working directory; a path that
leaves its base is refused (the one rule every tool, asset and checkpoint path goes through)."""

from __future__ import annotations

from pathlib import Path

from agentic_docgen.core.errors import SecurityError


def inside(path: Path, base: Path) -> bool:
    """True when the resolved path is base itself or below it."""
    try:
        path.resolve().relative_to(base.resolve())
    except ValueError:
        return False
    return True


def resolve_within(base: Path, candidate: str, *, what: str = "path") -> Path:
    """Resolve `candidate` relative to `base` (never the CWD); refuse anything that leaves base."""
    if not candidate or "\x00" in candidate:
        raise SecurityError(f"invalid {what}", path=candidate or "''")
    p = Path(candidate)
    resolved = (p if p.is_absolute() else base / p).resolve()
    if not inside(resolved, base):
        raise SecurityError(f"{what} is outside the allowed folder", path=candidate)
    return resolved
