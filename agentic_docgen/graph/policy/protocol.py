"""Agent policies behind one tool protocol: `offline` (deterministic) and, later, an LLM."""

from __future__ import annotations

from typing import Any, Protocol

from agentic_docgen.core.errors import InputError
from agentic_docgen.graph.tools.document import Workspace

INVALID_ARGS = "__invalid_arguments__"  # set by a policy for arguments that were not JSON


class Policy(Protocol):
    name: str

    def step(self, state: dict[str, Any], ws: Workspace) -> dict[str, Any]:
        """Return the state update of one agent turn (usually an AIMessage with tool calls)."""
        ...


def get_policy(settings: Any) -> Policy:
    """The policy for settings.model: `offline`, or any LiteLLM model string."""
    model = settings.model
    if model in ("", "offline"):
        from agentic_docgen.graph.policy.offline import OfflinePolicy

        return OfflinePolicy()
    if "/" not in model and not model.replace("-", "").replace(".", "").isalnum():
        raise InputError(f"not a model name: {model!r}", path="--model")
    from agentic_docgen.graph.policy.llm import LLMPolicy
    from agentic_docgen.graph.policy.model import ResponseCache, make_chat_model

    cache = None
    if settings.cache:
        cache = ResponseCache(settings.llm_cache_dir, f"{model}@{settings.api_base or ''}")
    return LLMPolicy(make_chat_model(model, settings.api_base), cache=cache)
