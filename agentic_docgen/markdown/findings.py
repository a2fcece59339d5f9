"""Markdown pre-validation: findings with an error code, line and message.

Issue-level checks that matter for the document structure; markdownlint joins in later.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan


class Finding(TypedDict):
    """One finding of the pre-validation: E001 (a fence never closed), E006 (a heading level
    skipped), E007 (an empty document)."""

    code: str
    line: int  # 1-based, in the document
    message: str
    fence: NotRequired[str]  # E001: the marker of the fence left open


class LintFinding(TypedDict):
    """One markdownlint finding, as converter/lint/server.js reports it (markdown.lint)."""

    rule: str  # MD001...
    alias: str | None  # heading-increment...
    line: int
    column: int | None
    detail: str
    context: str
    description: str
    severity: str
    fixable: bool


class Validation(TypedDict):
    """The validator's verdict on one chapter (the graph keeps the last one)."""

    valid: bool
    issues: list[Finding]  # the first 50
    total_issues: int


def validate_markdown_text(text: str, first_line: int = 1, above: int = 0) -> list[Finding]:
    """Findings with line numbers counted from first_line (the text may be one chapter).
    `above`: the level of the heading the text comes under (a chapter in a part: 1)."""
    findings = _findings(text, above)
    for f in findings:
        f["line"] += first_line - 1
    return findings


def _findings(text: str, above: int = 0) -> list[Finding]:
    lines = mdtext.split_lines(text)
    findings: list[Finding] = []
    if not any(line.strip() for line in lines):
        return [{"code": "E007", "line": 1, "message": "the document is empty"}]
    open_at = mdtext.unclosed_fence_line(lines)
    if open_at:
        marker = mdscan.fence_marker(lines[open_at - 1])
        findings.append(
            {
                "code": "E001",
                "line": open_at,
                "fence": marker,
                "message": f"code fence {marker} opened here is never closed",
            }
        )
    prev = above
    for first, _last, level in mdtext.top_level_headings(lines):
        if level > prev + 1:
            findings.append(
                {
                    "code": "E006",
                    "line": first + 1,
                    "message": f"heading level skipped: H{prev} to H{level}"
                    if prev
                    else f"the first heading is H{level}, not H1",
                }
            )
        prev = level
    return findings
