"""`docgen plan --model` (issue 18): the model proposes a plan from the offline plan and
the files' digests (never whole files). Its answer is only text here: entry/planning.py
checks it as it checks a user's plan (plan.load_plan) and falls back to the offline plan,
with a warning, when it is not a valid one."""

from __future__ import annotations

import re
from typing import Any

from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.policy.prompts import PLAN_SYSTEM, plan_task

PROMPT_BUDGET_CHARS = 60_000  # ≈ 15,000 tokens: the offline plan and the digests
ANSWER_MAX_TOKENS = 8_000
_FENCED = re.compile(r"^\s*```(?:ya?ml)?[ \t]*\n(.*?)\n```\s*$", re.S)


def ask_plan(settings: Settings, proposed: str, digests: list[dict[str, Any]]) -> str:
    """The model's plan (YAML text, a surrounding ``` fence removed); raises on failure."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from agentic_docgen.graph.policy.model import make_chat_model

    chat = make_chat_model(settings.model, settings.api_base)
    task = plan_task(proposed, digests, PROMPT_BUDGET_CHARS)
    reply = chat.invoke(
        [SystemMessage(PLAN_SYSTEM), HumanMessage(task)], max_tokens=ANSWER_MAX_TOKENS
    )
    content = reply.content
    if isinstance(content, list):
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    text = str(content)
    fenced = _FENCED.match(text)
    return (fenced.group(1) if fenced else text).strip() + "\n"
