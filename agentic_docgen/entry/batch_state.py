"""The batch state file, `OUT_DIR/.docgen-batch.json`: each job's last outcome (by its
output file: two manifest lines may convert one folder), for `docgen batch --resume`.

A folder is up to date when its output exists and is newer than every input file, or when
its last run completed from inputs (and options) of the same content hash; `--resume` skips
it, reports a paused folder again (or resumes its session when `--answer` is given) and runs
every other folder again (failed, invalid, never run, out of date). Only the batch's own
process writes the file (atomically, after each folder)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import EXIT_PAUSED

STATE_NAME = ".docgen-batch.json"
_KEPT = ("input", "status", "exit_code", "output_path", "session_id", "pending", "input_hash")


def _files(wire: dict[str, Any]) -> list[Path]:
    """Every file under the job's inputs, in a stable order."""
    found: list[Path] = []
    for given in wire.get("inputs") or [wire["input"]]:
        root = Path(given)
        if root.is_file():
            found.append(root)
            continue
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            found.extend(Path(folder, n) for n in sorted(names))
    return found


def input_hash(wire: dict[str, Any]) -> str:
    """SHA-256 over the job's options, then each input file's path and bytes."""
    digest = hashlib.sha256(json.dumps(wire.get("options", {}), sort_keys=True).encode())
    for path in _files(wire):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            with path.open("rb") as f:
                digest.update(hashlib.file_digest(f, "sha256").digest())
        except OSError:  # unreadable: the run names it; the hash just never matches
            digest.update(os.urandom(16))
    return digest.hexdigest()


def newest_input(wire: dict[str, Any]) -> float:
    """The latest modification time among the job's inputs (files and folders)."""
    times: list[float] = []
    for path in [*map(Path, wire.get("inputs") or [wire["input"]]), *_files(wire)]:
        try:
            times.append(path.stat().st_mtime)
        except OSError:  # gone: never up to date
            return float("inf")
    return max(times, default=0.0)


class BatchState:
    """The state file of one OUT_DIR (a missing or unreadable one starts empty)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / STATE_NAME
        self.folders: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("folders"), dict):
                self.folders = data["folders"]
        except (OSError, ValueError):
            pass

    def record(self, line: dict[str, Any]) -> None:
        if line["status"] == "skipped":
            return
        self.folders[line["output"]] = {k: line.get(k) for k in _KEPT}
        from agentic_docgen.session.folder import write_atomic

        write_atomic(self.path, json.dumps({"version": 1, "folders": self.folders}, indent=1))

    def up_to_date(self, wire: dict[str, Any]) -> bool:
        out = Path(wire["output"])
        if not out.is_file():
            return False
        if out.stat().st_mtime >= newest_input(wire):
            return True
        entry = self.folders.get(wire["output"]) or {}
        return entry.get("status") == "complete" and entry.get("input_hash") == input_hash(wire)

    def plan_resume(
        self, wires: list[dict[str, Any]], answers: dict[str, str] | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(the jobs to run, the lines reported without running) for --resume."""
        run: list[dict[str, Any]] = []
        report: list[dict[str, Any]] = []
        for wire in wires:
            entry = self.folders.get(wire["output"]) or {}
            if self.up_to_date(wire):
                report.append(
                    {"input": wire["input"], "output": wire["output"], "status": "skipped"}
                    | {"reason": "up to date", "output_path": wire["output"], "exit_code": 0}
                )
            elif entry.get("status") == "paused" and entry.get("session_id"):
                if answers:
                    resume = {"session_id": entry["session_id"], "answers": answers}
                    run.append({**wire, "resume": resume})
                else:
                    again = {**entry, "input": wire["input"], "output": wire["output"]}
                    report.append(again | {"exit_code": EXIT_PAUSED})
            elif Path(wire["output"]).exists():  # out of date: converted again over it
                run.append({**wire, "options": {**wire["options"], "force": True}})
            else:
                run.append(wire)
        return run, report
