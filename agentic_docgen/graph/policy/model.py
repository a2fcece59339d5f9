"""The one module that owns the chat model (LiteLLM through langchain-litellm).

litellm is imported lazily (never for --help) and with LITELLM_LOCAL_MODEL_COST_MAP set first,
so nothing reaches the network at import.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REQUEST_TIMEOUT_S = 120.0
NUM_RETRIES = 3


def _import_litellm() -> Any:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("LITELLM_LOG", "ERROR")
    import litellm

    litellm.suppress_debug_info = True
    litellm.telemetry = False
    return litellm


class ResponseCache:
    """Model answers on disk (diskcache) under DOCGEN_HOME/cache/llm, keyed by what was sent.

    The key is the model, its endpoint, the tool names and the conversation reduced to what a
    provider sees (role, text, tool calls and their ids): run-specific message ids and
    metadata do not break a hit. LiteLLM's own disk cache is not used: in litellm 1.106 its
    cache path imports the proxy extras (fastapi, soundfile, …), which we do not install.
    Answers from the cache are marked and count no tokens and no cost.
    """

    def __init__(self, directory: Path, model_id: str) -> None:
        import diskcache

        directory.mkdir(parents=True, exist_ok=True)
        self.store = diskcache.Cache(str(directory))
        self.model_id = model_id

    def key(self, messages: list[Any], tools: list[str]) -> str:
        import hashlib

        def reduce(m: Any) -> dict[str, Any]:
            return {
                "role": m.type,
                "content": m.content,
                "tool_calls": [
                    {"name": c["name"], "args": c["args"], "id": c.get("id")}
                    for c in getattr(m, "tool_calls", None) or []
                ],
                "tool_call_id": getattr(m, "tool_call_id", None),
            }

        payload = json.dumps(
            [self.model_id, sorted(tools), [reduce(m) for m in messages]],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def get(self, key: str) -> Any:
        raw = self.store.get(key)
        if raw is None:
            return None
        from langchain_core.messages import AIMessage

        item = json.loads(raw)
        return AIMessage(
            content=item["content"],
            tool_calls=item["tool_calls"],
            usage_metadata=item.get("usage_metadata"),
            response_metadata={"docgen_cache_hit": True},
        )

    def put(self, key: str, message: Any) -> None:
        item = {
            "content": message.content,
            "tool_calls": list(getattr(message, "tool_calls", None) or []),
            "usage_metadata": getattr(message, "usage_metadata", None),
        }
        self.store.set(key, json.dumps(item, default=str))


def make_chat_model(model: str, api_base: str | None) -> Any:
    """A ChatLiteLLM for `model` (any LiteLLM model string); keys come from the providers'
    usual environment variables."""
    _import_litellm()
    from langchain_litellm import ChatLiteLLM

    extra: dict[str, Any] = {}
    if api_base and model.startswith("openai/") and not os.environ.get("OPENAI_API_KEY"):
        extra["api_key"] = "no-key-required"  # local OpenAI-compatible servers need none
    return ChatLiteLLM(
        model=model,
        api_base=api_base,
        temperature=0,
        request_timeout=REQUEST_TIMEOUT_S,
        max_retries=1,
        model_kwargs={"num_retries": NUM_RETRIES, **extra},
    )


def ping(model: str, api_base: str | None) -> str:
    """Ask the model for one word; return its answer (raises on any failure)."""
    from langchain_core.messages import HumanMessage

    chat = make_chat_model(model, api_base)
    reply = chat.invoke([HumanMessage("Reply with the single word OK.")])
    return str(reply.content).strip()[:80]


def usage_of(message: Any) -> tuple[int, int, float]:
    """(input tokens, output tokens, cost in USD or 0.0) of one AI message."""
    usage = getattr(message, "usage_metadata", None) or {}
    meta = getattr(message, "response_metadata", None) or {}
    cost = meta.get("response_cost") or 0.0
    if meta.get("docgen_cache_hit"):
        return 0, 0, 0.0
    return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0)), float(cost)
