"""The model that writes a plan's instruction sections (issue 19; graph/tools/generated.py
says what it is given). One call per section, through the run's chat model (model.py) and
its response cache; no tools are offered."""

from __future__ import annotations

from typing import Any

from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.tools.generated import Written


class SectionWriter:
    """`write(system, prompt, max_tokens)` → the model's text, its name, the tokens used."""

    def __init__(self, settings: Settings) -> None:
        from agentic_docgen.graph.policy.model import ResponseCache, make_chat_model

        self.name = settings.model
        self.chat = make_chat_model(settings.model, settings.api_base)
        self.cache: Any = None
        if settings.cache:
            where = f"{settings.model}@{settings.api_base or ''}"
            self.cache = ResponseCache(settings.llm_cache_dir, where)

    def write(self, system: str, prompt: str, max_tokens: int) -> Written:
        from langchain_core.messages import HumanMessage, SystemMessage

        from agentic_docgen.graph.policy.model import usage_of

        messages = [SystemMessage(system), HumanMessage(prompt)]
        key = self.cache.key(messages, []) if self.cache is not None else None
        reply = self.cache.get(key) if key is not None else None
        if reply is None:
            reply = self.chat.invoke(messages, max_tokens=max_tokens)
            if key is not None:
                self.cache.put(key, reply)
        tokens_in, tokens_out, _ = usage_of(reply)
        content = reply.content
        if isinstance(content, list):
            content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
        return Written(str(content), self.name, tokens_in + tokens_out)
