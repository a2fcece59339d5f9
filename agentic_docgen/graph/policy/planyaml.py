"""The safe read of a plan file (docs/plan.md "The checks"): YAML composed with the safe
loader, refusing what a plan never needs and a hostile file uses (anchors and aliases,
tags, deep nesting, too many nodes, too many bytes); `PlanError`, each fault of a plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agentic_docgen.core.errors import InputError

MAX_PLAN_BYTES = 4 * 1024 * 1024  # some 40,000 chapters; a bigger file is refused unread
MAX_EVENTS = 2_000_000  # YAML events (a bound on nodes, whatever their size)
MAX_DEPTH = 8  # the format nests 5 deep (parts → chapters → sections → a range)


class PlanError(InputError):
    """A plan that cannot be built as written: `plan.yaml:12: message` (exit 2)."""

    def __init__(self, message: str, plan: str, line: int) -> None:
        super().__init__(message, path=f"{plan}:{line}")
        self.line = line


def compose(data: bytes, where: str) -> Any:
    import yaml

    if len(data) > MAX_PLAN_BYTES:
        raise PlanError(
            f"the plan is {len(data):,} bytes; a plan may have at most {MAX_PLAN_BYTES:,}",
            where,
            1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlanError("not UTF-8 text", where, line) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _check_events(yaml.parse(text, Loader=loader), where)
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise PlanError(f"not valid YAML: {exc.problem or exc.context}", where, line) from None
    except yaml.YAMLError as exc:
        raise PlanError(f"not valid YAML: {str(exc).splitlines()[0]}", where, 1) from None
    if root is None:
        raise PlanError("the plan is empty", where, 1)
    return root


def _check_events(events: Iterable[Any], where: str) -> None:
    """Refuse what a plan never needs and a hostile file uses: anchors and aliases (an
    alias bomb), explicit tags (objects), deep nesting, and too many nodes."""
    import yaml

    depth = 0
    for n, event in enumerate(events):
        line = event.start_mark.line + 1
        if n > MAX_EVENTS:
            raise PlanError(f"the plan has more than {MAX_EVENTS:,} YAML nodes", where, line)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise PlanError("anchors and aliases (& and *) are not allowed in a plan", where, line)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":  # only an explicit tag is set on an event
            raise PlanError(f"YAML tags ({tag}) are not allowed in a plan", where, line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise PlanError(f"nested more than {MAX_DEPTH} levels deep", where, line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
