"""What every node of one run shares: settings, session, log, workspace and policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .config import Settings
from .logging import SessionLog
from .session import Session
from .workspace import Workspace


@dataclass
class RunContext:
    settings: Settings
    session: Session
    log: SessionLog
    policy: Any
    progress: Any = None  # callable(str) for the terminal, or None
    _ws: Workspace | None = field(default=None, repr=False)

    def workspace(self, state: dict[str, Any]) -> Workspace:
        """The workspace, kept in step with the state's input files and asset map."""
        if self._ws is None or self._ws.store.names != state.get("input_files", []):
            self._ws = Workspace(self.session, state.get("input_files", []))
        self._ws.assets = state.get("assets", {})
        return self._ws

    def say(self, message: str) -> None:
        if self.progress:
            self.progress(message)
