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


def get_policy(settings: Any) -> Policy:
    """The policy for settings.model: `offline`, or any LiteLLM model string."""
    model = settings.model
    if model in ("", "offline"):
        from .offline import OfflinePolicy

        return OfflinePolicy()
    if "/" not in model and not model.replace("-", "").replace(".", "").isalnum():
        raise InputError(f"not a model name: {model!r}", path="--model")
    from ..llm import ResponseCache, make_chat_model
    from .llm import LLMPolicy

    cache = None
    if settings.cache:
        cache = ResponseCache(settings.llm_cache_dir, f"{model}@{settings.api_base or ''}")
    return LLMPolicy(make_chat_model(model, settings.api_base), cache=cache)
