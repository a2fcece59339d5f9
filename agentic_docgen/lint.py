"""markdownlint through the converter package's Node API, one long-lived process per run
(`node converter/lint.js --server`, JSON lines on stdin/stdout)."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from .config import Settings

# markdownlint rules that name one of our error classes (the rest are reported as they are)
RULE_CODES = {"MD001": "E006", "MD055": "E002", "MD056": "E002", "MD031": "E001"}


class LintUnavailable(RuntimeError):
    pass


class Linter:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.proc: subprocess.Popen[str] | None = None
        self.next_id = 0

    def _start(self) -> subprocess.Popen[str]:
        if self.proc is None or self.proc.poll() is not None:
            node = shutil.which(self.settings.node) or self.settings.node
            script = self.settings.converter_dir / "lint.js"
            try:
                self.proc = subprocess.Popen(
                    [node, str(script), "--server"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                    encoding="utf-8",
                    bufsize=1,
                )
            except OSError as exc:
                raise LintUnavailable(f"cannot start the linter: {exc.strerror}") from None
        return self.proc

    def request(self, op: str, **fields: Any) -> dict[str, Any]:
        proc = self._start()
        self.next_id += 1
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps({"id": self.next_id, "op": op, **fields}) + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
        except OSError as exc:
            raise LintUnavailable(f"the linter stopped: {exc}") from None
        if not line:
            raise LintUnavailable("the linter stopped without an answer")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise LintUnavailable(f"the linter refused the request: {answer['error']}")
        return answer

    def lint(self, text: str, first_line: int = 1) -> list[dict[str, Any]]:
        return list(self.request("lint", text=text, first_line=first_line)["findings"])

    def fix(self, text: str, protected: list[list[int]]) -> dict[str, Any]:
        return self.request("fix", text=text, protected=protected)

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.stdin:
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None
