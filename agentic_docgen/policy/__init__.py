"""Agent policies behind one tool protocol: `offline` (deterministic) and, later, an LLM."""

from __future__ import annotations

from typing import Any, Protocol

from ..errors import InputError
from ..workspace import Workspace


class Policy(Protocol):
    name: str

    def step(self, state: dict[str, Any], ws: Workspace) -> dict[str, Any]:
        """Return the state update of one agent turn (usually an AIMessage with tool calls)."""
        ...


def get_policy(model: str) -> Policy:
    if model in ("", "offline"):
        from .offline import OfflinePolicy

        return OfflinePolicy()
    raise InputError(
        f"LLM mode is not available in this version (use --model offline); got {model!r}",
        path="--model",
    )
