"""mistletoe extensions: footnotes (`[^id]` references and `[^id]: text` definitions).

Definitions take precedence over CommonMark link reference definitions (which would
otherwise swallow `[^id]: …`); a definition continues on lines indented by 4 spaces or a tab.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from typing import Any

from mistletoe import block_token, span_token


class FootnoteRef(span_token.SpanToken):
    pattern = re.compile(r"\[\^([^\]\s]{1,60})\](?!:)")
    parse_inner = False
    precedence = 6

    def __init__(self, match: re.Match[str]) -> None:
        self.label = match.group(1)
        self.content = match.group(0)


class FootnoteDef(block_token.BlockToken):
    pattern = re.compile(r"^ {0,3}\[\^([^\]\s]{1,60})\]:[ \t]?(.*)$")
    repr_attributes = ("label",)

    def __init__(self, result: tuple[str, list[str]]) -> None:
        label, lines = result
        self.label = label
        super().__init__("".join(lines).strip("\n"), span_token.tokenize_inner)

    @classmethod
    def start(cls, line: str) -> bool:
        return cls.pattern.match(line) is not None

    @classmethod
    def read(cls, lines: Any) -> tuple[str, list[str]]:
        first = next(lines)
        m = cls.pattern.match(first.rstrip("\n"))
        assert m is not None
        content = [m.group(2) + "\n"]
        while True:
            nxt = lines.peek()
            if nxt is None or not nxt.startswith(("    ", "\t")):
                break
            content.append(next(lines).lstrip(" \t"))
        return m.group(1), content


EXTRA_TOKENS = (FootnoteRef, FootnoteDef)


@contextlib.contextmanager
def parse_context() -> Iterator[Any]:
    """While a Document is parsed (and its tokens read): a renderer, used only as a context
    manager, registers the HTML tokens and ours (we never render with it); and Python's
    cyclic garbage collector waits. Parsing allocates millions of tokens, which made the
    collector scan the growing heap again and again for garbage it never found there: 1.4 s
    of 8.8 s on 10 MB of markdown (the token trees it frees later are the same)."""
    from mistletoe import HtmlRenderer

    from agentic_docgen.blocks import math

    class _Context(HtmlRenderer):  # type: ignore[misc]
        def render_footnote_ref(self, token: FootnoteRef) -> str:
            return token.content

        def render_footnote_def(self, token: FootnoteDef) -> str:
            return ""

        def render_math_span(self, token: math.MathSpan) -> str:
            return token.content

        def render_math_block(self, token: math.MathBlock) -> str:
            return ""

    enabled = gc.isenabled()
    gc.disable()
    try:
        with _Context(*EXTRA_TOKENS, *math.EXTRA_TOKENS) as renderer:
            yield renderer
    finally:
        if enabled:
            gc.enable()
