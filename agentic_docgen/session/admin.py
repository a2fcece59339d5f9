"""`docgen sessions`: list, show and clean session folders (the library side)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from agentic_docgen.core.settings import Settings
from agentic_docgen.session import versions
from agentic_docgen.session.folder import META, Session
from agentic_docgen.session.lock import is_locked


def effective_status(meta: dict[str, Any], session_dir: Path) -> str:
    """The recorded status; a "running" session that no process holds (session/lock.py) is
    "interrupted"."""
    status = str(meta.get("status", "unknown"))
    if status == "running" and not is_locked(session_dir):
        return "interrupted"
    return status


def all_sessions(settings: Settings) -> list[dict[str, Any]]:
    rows = []
    for root, archived in ((settings.sessions_dir, False), (settings.archive_dir, True)):
        if not root.is_dir():
            continue
        for meta_path in root.glob(f"*/{META}"):
            session = Session(meta_path.parent.name, meta_path.parent)
            meta = session.read_meta()
            rows.append(
                {
                    "id": session.id,
                    "status": effective_status(meta, session.dir),
                    "input_dir": meta.get("input_dir"),
                    "started": meta.get("started"),
                    "finished": meta.get("finished"),
                    "output": meta.get("output"),
                    "archived": archived,
                    "dir": str(session.dir),
                }
            )
    return sorted(rows, key=lambda r: r.get("started") or "")


def show(session: Session, log_lines: int = 15) -> dict[str, Any]:
    meta = session.read_meta()
    tail: list[str] = []
    if session.log_path.exists():
        with session.log_path.open(encoding="utf-8") as fh:
            tail = [line.rstrip("\n") for line in fh][-log_lines:]
    return {
        **meta,
        "status": effective_status(meta, session.dir),
        "dir": str(session.dir),
        "files": sorted(p.name for p in session.dir.iterdir()),
        "versions": versions.listing(session.dir),
        "log_tail": tail,
    }


def clean(
    settings: Settings, days: float, statuses: set[str], dry_run: bool = False
) -> list[dict[str, Any]]:
    """Delete sessions older than `days` whose status is in `statuses`; return them."""
    limit = datetime.now(UTC) - timedelta(days=days)
    removed = []
    for row in all_sessions(settings):
        started = row.get("finished") or row.get("started")
        try:
            when = datetime.fromisoformat(started) if started else None
        except ValueError:
            when = None
        if row["status"] not in statuses or when is None or when > limit:
            continue
        if not dry_run:
            shutil.rmtree(Path(row["dir"]), ignore_errors=True)
        removed.append(row)
    return removed
