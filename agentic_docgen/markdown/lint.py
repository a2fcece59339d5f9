"""markdownlint through the converter package's Node API, one long-lived process per run
(`node converter/lint/server.js --server`, or its bundle: core/nodejs.py; JSON lines on
stdin/stdout)."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
from typing import Any

from agentic_docgen.core.nodejs import node_executable, node_program
from agentic_docgen.core.settings import Settings
from agentic_docgen.markdown.findings import LintFinding
from agentic_docgen.markdown.scan import heading_cuts

# markdownlint rules that name one of our error classes (the rest are reported as they are)
RULE_CODES = {"MD001": "E006", "MD055": "E002", "MD056": "E002", "MD031": "E001"}


class LintUnavailable(RuntimeError):
    pass


class LintTooBig(LintUnavailable):
    """This text only: too big for one request and no place to cut it (the linter stays)."""


PARALLEL_MIN_CHARS = 200_000  # a chapter at least this long is linted in two halves at once
# markdownlint (micromark) holds about 300 bytes per character of prose, 450 of one long
# line and 1,100 of dense footnotes while it lints (issue 25, class 5: 10 MB on one line grew
# the server to 2.6 GB). So a line longer than LINE_MAX_CHARS is given to it as an empty line
# (its line-level findings are not looked for; no fix is applied to a text holding one), and
# a text longer than PIECE_MAX_CHARS is linted piece by piece, cut where split_point may cut
# (LintTooBig when it cannot be cut: markdownlint is not run on that text, with a warning).
LINE_MAX_CHARS = 100_000
PIECE_MAX_CHARS = 600_000
# GFM tables cost it about 2,000 bytes per character (0.4 MB of small tables: 808 MB), so
# each `|` counts as this many characters against PIECE_MAX_CHARS
PIPE_CHARS = 5


def _weight(text: str) -> int:
    """A text's size against PIECE_MAX_CHARS: its characters, table pipes counted more."""
    return len(text) + (PIPE_CHARS - 1) * text.count("|")


_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:", re.M)


def split_point(text: str) -> int | None:
    """A line index where the text can be cut in two for markdownlint with the same findings
    (about the middle): a top-level ATX heading after a blank line, outside code fences and
    HTML blocks (markdown.scan.heading_cuts), in a text without reference definitions
    (MD052/MD053 need both halves). The one check lost at the cut, the heading increment
    across it, is also made by the Python validator (E006)."""
    if len(text) < PARALLEL_MIN_CHARS or _REF_DEFINITION.search(text):
        return None
    lines = text.split("\n")  # (the empty last line counts: the middle as it always was)
    candidates = heading_cuts(lines)[0]
    middle = len(lines) // 2
    return min(candidates, key=lambda i: abs(i - middle)) if candidates else None


class Linter:
    """markdownlint servers (started on first use): one, and a second one for the other
    half of a big chapter, which is linted in two halves at the same time (markdownlint
    costs about 1.5 s per MB, and the machine has a second core)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.procs: list[subprocess.Popen[str] | None] = [None, None]
        self.next_id = 0

    @property
    def proc(self) -> subprocess.Popen[str] | None:
        return self.procs[0]

    def _start(self, index: int = 0) -> subprocess.Popen[str]:
        proc = self.procs[index]
        if proc is None or proc.poll() is not None:
            try:
                proc = _early(self.settings) or _spawn(self.settings)
            except OSError as exc:
                raise LintUnavailable(f"cannot start the linter: {exc.strerror}") from None
            self.procs[index] = proc
        return proc

    def _send(self, index: int, op: str, **fields: Any) -> None:
        proc = self._start(index)
        assert proc.stdin is not None
        self.next_id += 1
        try:
            proc.stdin.write(json.dumps({"id": self.next_id, "op": op, **fields}) + "\n")
            proc.stdin.flush()
        except OSError as exc:
            raise LintUnavailable(f"the linter stopped: {exc}") from None

    def _receive(self, index: int) -> dict[str, Any]:
        proc = self.procs[index]
        assert proc is not None and proc.stdout is not None
        try:
            line = proc.stdout.readline()
        except OSError as exc:
            raise LintUnavailable(f"the linter stopped: {exc}") from None
        if not line:
            raise LintUnavailable("the linter stopped without an answer")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise LintUnavailable(f"the linter refused the request: {answer['error']}")
        return answer

    def request(self, op: str, **fields: Any) -> dict[str, Any]:
        self._send(0, op, **fields)
        return self._receive(0)

    def lint(self, text: str, first_line: int = 1) -> list[LintFinding]:
        lines = text.split("\n")
        if any(len(line) > LINE_MAX_CHARS for line in lines):
            text = "\n".join("" if len(line) > LINE_MAX_CHARS else line for line in lines)
        cut = split_point(text)
        if cut is None and _weight(text) > PIECE_MAX_CHARS:
            tables = f" ({PIPE_CHARS} per table `|`)" if "|" in text else ""
            raise LintTooBig(
                f"{_weight(text) / 10**6:.1f} MB{tables} with no top-level heading to cut it at"
                f" (or with reference definitions) is over the {PIECE_MAX_CHARS / 10**6:g} MB"
                " markdownlint lints at once"
            )
        if cut is not None and _weight(text) > PIECE_MAX_CHARS:  # one piece at a time
            lines = text.split("\n")
            head = self.lint("\n".join(lines[:cut]) + "\n", first_line)
            return head + self.lint("\n".join(lines[cut:]), first_line + cut)
        if cut is None:
            return list(self.request("lint", text=text, first_line=first_line)["findings"])
        lines = text.split("\n")
        self._send(0, "lint", text="\n".join(lines[:cut]) + "\n", first_line=first_line)
        self._send(1, "lint", text="\n".join(lines[cut:]), first_line=first_line + cut)
        findings: list[LintFinding] = self._receive(0)["findings"] + self._receive(1)["findings"]
        return sorted(findings, key=lambda f: (f["line"], f["rule"], f.get("column") or 0))

    def fix(self, text: str, protected: list[list[int]]) -> dict[str, Any]:
        if _weight(text) > PIECE_MAX_CHARS or any(
            len(line) > LINE_MAX_CHARS for line in text.split("\n")
        ):
            return {"text": text, "applied": [], "aborted": "too big for markdownlint's fixes"}
        return self.request("fix", text=text, protected=protected)

    def close(self) -> None:
        for i, proc in enumerate(self.procs):
            if proc is not None:
                if proc.stdin:
                    proc.stdin.close()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                self.procs[i] = None


def _command(settings: Settings) -> list[str]:
    script = node_program(settings, "lint").script
    return [node_executable(settings), str(script), "--server"]


def _spawn(settings: Settings) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(settings),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        bufsize=1,
    )


_WAITING: list[subprocess.Popen[str]] = []  # started by prestart, not yet used


def prestart(settings: Settings) -> None:
    """Start a markdownlint server now, for the run's first lint request (issue 21): Node
    loads markdownlint on the other core while Python imports the graph (about 0.3 s of a
    small run). Unused, it ends with this process (end of its input)."""
    if not _WAITING:
        with contextlib.suppress(OSError):  # the run says it when it lints
            _WAITING.append(_spawn(settings))


def _early(settings: Settings) -> subprocess.Popen[str] | None:
    """The server prestart started, if it runs the command these settings give."""
    while _WAITING:
        proc = _WAITING.pop()
        if proc.poll() is None and proc.args == _command(settings):
            return proc
        if proc.stdin:
            proc.stdin.close()
    return None
