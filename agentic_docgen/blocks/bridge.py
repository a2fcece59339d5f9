"""Run the Node converter (converter/index.js, or its bundle: core/nodejs.py) as a subprocess
with a timeout."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from agentic_docgen.core.nodejs import node_executable, node_program
from agentic_docgen.core.settings import Settings


@dataclass(frozen=True)
class ConverterResult:
    ok: bool
    code: str | None = None  # E008 timeout, E009 converter error
    message: str = ""
    math_failures: tuple[dict[str, object], ...] = ()  # formulas shown as code (see math.js)
    early: bool = False  # converted by the process prestart started
    # wide tables on portrait pages: (tables, their cells, the landscape bound in cells)
    portrait_tables: tuple[int, int, int] = (0, 0, 0)
    # (the first heap limit, the machine's) in MB when the first died of it (first_heap_mb)
    retried: tuple[int, int] | None = None


def portrait_warning(result: ConverterResult) -> list[str]:
    """The warning for the wide tables the converter laid out on portrait pages: past the
    cells of landscape tables a document holds within 1 GB (converter/build/units.js)."""
    tables, cells, bound = result.portrait_tables
    if not tables:
        return []
    return [
        f"{tables:,} wide table(s) ({cells:,} cells) on portrait pages, every cell kept: a"
        f" document holds {bound:,} cells of tables on landscape pages within 1 GB"
    ]


def heap_limit_mb() -> int:
    """Node's heap limit for the converter: three quarters of the memory this machine (or its
    cgroup) has, at least Node's usual 4 GB. docx-js holds every paragraph of the document
    at once (about 13 KB each; 2.6 GB for 10 MB of markdown), and Node's default limit
    would stop a 20 MB markdown folder; big logs do not need it (streamed, about 200 MB)."""
    limits = []
    with contextlib.suppress(ValueError, OSError, AttributeError):
        limits.append(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    with contextlib.suppress(OSError):
        raw = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if raw.isdigit():
            limits.append(int(raw))
    if not limits:
        return 4096
    return max(4096, int(min(limits) * 0.75) >> 20)


# How much V8 lets the converter's heap grow past its live data before it collects again
# (issue 24): left to itself, with the machine's limit, it grows it up to 4 times, and the
# converter of 10,000 pages (11 MB of JSON, under 200 MB live) peaked at 411-426 MB; at
# twice the live data, 321-338 MB for 3-4% more time (2,000 pages: 325 -> 240 MB, the same
# time). Not on a hand-over that gets a bigger young generation (semi_space_mb): 32 MB of
# JSON (30,000 headings, about 400 MB live) took 47 s of CPU instead of 33. A growth
# factor, not a lower limit: a limit near the live data made V8 collect again and again
# (those 32 MB under 300 MB: 234 s of CPU and not finished), and past it, fail.
HEAP_GROWING_PERCENT = 100


def first_heap_mb(settings: Settings) -> int:
    """The heap limit of the converter's first attempt: $DOCGEN_CONVERTER_HEAP_MB (a cap
    for a machine shared with others; a conversion it is too small for is run again with
    heap_limit_mb(), the run's log saying so), else heap_limit_mb()."""
    full = heap_limit_mb()
    return full if settings.converter_heap_mb is None else min(full, settings.converter_heap_mb)


_OUT_OF_MEMORY = re.compile(
    r"heap out of memory|Reached heap limit|Fatal (?:javascript|process) OOM"
)


def out_of_memory(returncode: int, stderr: str) -> bool:
    """Did the converter die of heap exhaustion? V8 says so (`JavaScript heap out of
    memory`; `Fatal javascript OOM` when it is too small to start) and ends the process by
    a signal (SIGABRT or SIGTRAP: negative here, 128 + the signal from a shell)."""
    return (returncode < 0 or returncode > 128) and bool(_OUT_OF_MEMORY.search(stderr))


def semi_space_mb(structure_bytes: int) -> int | None:
    """Node's young generation (semi-space) for a JSON hand-over of this size, or None for
    Node's default (16 MB). A big document keeps a big heap alive (its JSON, the headings
    docx-js holds) while it allocates a paragraph's objects after another; with the default
    young generation, the garbage collector took 68 s of the converter's 170 s on 100 MB of
    markdown (231 MB of JSON), and 128 MB brought the converter from 159 s to 109 s at the
    same peak memory. It costs memory on smaller documents for little gain (10 MB of
    markdown: 11.5 s / 422 MB by default, 11.3 s / 568 MB with 64, 10.8 s / 783 MB with 128)."""
    if structure_bytes < 16 << 20:
        return None
    return 64 if structure_bytes < 64 << 20 else 128


def run_converter(settings: Settings, structure: Path, output: Path) -> ConverterResult:
    """Convert structure to output; once more with the machine's heap limit (heap_limit_mb)
    if the first one (first_heap_mb, a cap the user set) was too small."""
    if not Path(node_executable(settings)).exists():
        return ConverterResult(
            False,
            "E009",
            f"node executable not found: {settings.node} (install Node.js 20+ or set DOCGEN_NODE)",
        )
    size = 0
    with contextlib.suppress(OSError):
        size = structure.stat().st_size
    heap, full = first_heap_mb(settings), heap_limit_mb()
    retried = None
    try:
        returncode, stdout, stderr, early = _attempt(settings, structure, output, heap, size)
        if heap < full and out_of_memory(returncode, stderr or ""):
            retried = (heap, full)
            output.unlink(missing_ok=True)
            returncode, stdout, stderr, early = _attempt(settings, structure, output, full, size)
    except subprocess.TimeoutExpired:
        return ConverterResult(
            False, "E008", f"converter timed out after {settings.converter_timeout_s:.0f} s"
        )
    except OSError as exc:
        return ConverterResult(
            False, "E009", f"cannot run {node_executable(settings)}: {exc.strerror}"
        )
    if returncode != 0 or not output.is_file():
        detail = _failure_line(stderr or "") or f"exit status {returncode}"
        return ConverterResult(False, "E009", f"converter failed: {detail[:500]}", retried=retried)
    failures = tuple(_math_failures(stdout or ""))
    portrait = _portrait(stdout or "")
    return ConverterResult(
        True, math_failures=failures, early=early, portrait_tables=portrait, retried=retried
    )


def _attempt(
    settings: Settings, structure: Path, output: Path, heap: int, size: int
) -> tuple[int, str, str, bool]:
    """One run of the converter with this heap limit: the exit status, stdout, stderr and
    whether the converter prestart started did it."""
    semi = semi_space_mb(size)
    command = _command(settings, heap, grow=semi is None)
    early = _early(command)  # (not one started without the bigger young generation: semi)
    if early is not None:  # started by prestart: the request on its stdin
        paths = {"input": str(structure.resolve()), "output": str(output.resolve())}
        return (*_answer(early, json.dumps(paths) + "\n", settings), True)
    flags = [f"--max-semi-space-size={semi}"] if semi else []
    proc = subprocess.run(
        [*command[:-1], *flags, command[-1], str(structure), str(output)],
        capture_output=True,
        text=True,
        timeout=settings.converter_timeout_s,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr, False


def _command(settings: Settings, heap_mb: int, grow: bool = True) -> list[str]:
    """node, its heap flags and the converter's script (the arguments follow); `grow`: with
    HEAP_GROWING_PERCENT."""
    script = node_program(settings, "converter").script
    heap = [f"--max-old-space-size={heap_mb}"]
    heap += [f"--heap-growing-percent={HEAP_GROWING_PERCENT}"] if grow else []
    return [node_executable(settings), *heap, str(script)]


_WAITING: list[subprocess.Popen[str]] = []  # started by prestart, not yet used
# the environment each was started in (by pid): the converter reads DOCGEN_* settings from
# it, so one started before they changed is not the one to use
_STARTED_IN: dict[int, dict[str, str]] = {}


def prestart(settings: Settings) -> None:
    """Start the converter now, in its --wait mode, for the run's first conversion (issue 21):
    node's start and the loading of docx and its layout estimator (about 0.4 s of CPU) happen
    on the other core while Python imports and runs the graph. Unused, it ends with this
    process (end of its input)."""
    if not _WAITING:
        with contextlib.suppress(OSError):  # the conversion says it when it runs
            proc = subprocess.Popen(
                [*_command(settings, first_heap_mb(settings)), "--wait"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            _STARTED_IN[proc.pid] = dict(os.environ)
            _WAITING.append(proc)


def _early(command: list[str]) -> subprocess.Popen[str] | None:
    """The converter prestart started, if it is still waiting, runs this command and was
    started in this environment."""
    while _WAITING:
        proc = _WAITING.pop()
        env = _STARTED_IN.pop(proc.pid, None)
        if proc.poll() is None and proc.args == [*command, "--wait"] and env == dict(os.environ):
            return proc
        _close(proc)
    return None


def _close(proc: subprocess.Popen[str]) -> None:
    """End a waiting converter: its input closed, it ends without converting."""
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        proc.communicate(timeout=5)


def _answer(proc: subprocess.Popen[str], request: str, settings: Settings) -> tuple[int, str, str]:
    """The early converter's exit status, stdout and stderr for one request."""
    try:
        stdout, stderr = proc.communicate(request, timeout=settings.converter_timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return proc.returncode, stdout, stderr


def _failure_line(stderr: str) -> str:
    """The line of the converter's stderr that says why: its own one-line message, else the
    `Error: …` line of an uncaught exception (Node ends that report with `Node.js vX.Y.Z`)."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    if lines and not lines[-1].startswith("Node.js v"):
        return lines[-1]
    errors = [ln for ln in lines if re.match(r"[A-Za-z]*Error(?: \[\w+\])?: ", ln)]
    return errors[0] if errors else (lines[-1] if lines else "")


def _portrait(stdout: str) -> tuple[int, int, int]:
    """The converter's `portrait-tables {"tables": N, "cells": M, "max": B}` line."""
    for line in stdout.splitlines():
        if line.startswith("portrait-tables "):
            with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError):
                item = json.loads(line[len("portrait-tables ") :])
                return int(item["tables"]), int(item["cells"]), int(item["max"])
    return (0, 0, 0)


def _math_failures(stdout: str) -> list[dict[str, object]]:
    """The converter's `math-failed {json}` lines: {tex, display, reason} each."""
    out = []
    for line in stdout.splitlines():
        if line.startswith("math-failed "):
            with contextlib.suppress(ValueError):
                item = json.loads(line[len("math-failed ") :])
                if isinstance(item, dict) and isinstance(item.get("tex"), str):
                    out.append(item)
    return out
