"""Structured JSON logs (FC015): one `logs/session.jsonl` per session, never file content."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import structlog


class SessionLog:
    """A structlog logger bound to one session that appends JSON lines to its log file."""

    def __init__(self, path: Path, session_id: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[str] = path.open("a", encoding="utf-8", buffering=1)
        self._log = structlog.wrap_logger(
            structlog.PrintLogger(file=self._fh),
            processors=[
                structlog.processors.add_log_level,
                structlog.processors.TimeStamper(fmt="iso", utc=True),
                structlog.processors.JSONRenderer(sort_keys=False, default=str),
            ],
        ).bind(session_id=session_id)

    def event(self, event: str, **fields: Any) -> None:
        self._log.info(event, **fields)

    def error(self, event: str, **fields: Any) -> None:
        self._log.error(event, **fields)

    def transition(self, node: str, **fields: Any) -> None:
        self._log.info("state_transition", node=node, **fields)

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()
