"""The records the checks hand back: the quality report of a .docx and its fidelity receipt.

They live in the LangGraph state (checkpointed by langgraph's serializer) and go to `--json`
as they are, so they are TypedDicts: plain dicts at run time, keys in this order.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict


class QualityFinding(TypedDict):
    """One problem found in the .docx ("check": package, headings, code, images, tables or
    fidelity)."""

    severity: Literal["error", "warning"]
    check: str
    message: str


class DocStats(TypedDict):
    """What the read-back counted (code_lines: code paragraphs; paragraphs include them;
    equations: Word equations, inline or display)."""

    paragraphs: int
    headings: int
    tables: int
    images: int
    code_lines: int
    equations: int


class MissingLine(TypedDict):
    """A verbatim source line not found in the document (text: its first 80 characters)."""

    file: str
    line: int
    text: str


class FidelityReceipt(TypedDict):
    """Every line the tools copied verbatim, looked for in the document, in order."""

    checked_lines: int
    found: int
    missing: list[MissingLine]  # the first 20
    missing_count: int
    score: float  # percent found, 2 decimals


# "pass" is a Python keyword: the functional form.
QualityReport = TypedDict(
    "QualityReport",
    {
        "pass": bool,
        "score": int,
        "stats": DocStats,
        "findings": list[QualityFinding],  # at most 50 per check, in document order
        "fidelity": NotRequired[FidelityReceipt],  # with the session that made the document
    },
)
