#!/usr/bin/env python3
"""Benchmark: `docgen convert --update` against a full run, through the command line.

    python bench/update.py               # 3 rounds on the ten-file folder
    python bench/update.py --rounds 5 --lines 3000 --grow 1204

The folder (issue 19's measure): 5 markdown notes and 5 logs of --lines lines (1 MB at
3,000). Each round, in a fresh DOCGEN_HOME: a full run (`convert`), then one log given
--grow more lines and `convert --update`, then `convert --update` again with nothing
changed (what any update costs whatever it rebuilds: start-up, the whole document's
conversion and check). Each command is timed by its rusage: wall time and CPU (user + sys,
its Node children included). Prints each round and the medians, with the load average
before and after: on a shared machine the wall times follow the load; the CPU times much
less. Not a test: record the figures in docs/refine.md with the machine they came from.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOG = "2026-12-03T{h:02d}:{m:02d}:{s:02d}.123Z {lvl:<5} [worker-{w}] job {k} finished in {ms} ms"
LEVELS = ("INFO", "WARN", "ERROR", "DEBUG")


def make_folder(root: Path, lines: int) -> None:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for i in range(5):
        steps = "\n".join(
            f"{k}. step {k} with *some* `code` and a [link](https://example.com/{k})"
            for k in range(1, 60)
        )
        (root / f"notes{i}.md").write_text(
            f"# Notes {i}\n\nCafé opening hours, see [the log](server0.log).\n\n## Steps\n\n"
            f"{steps}\n\n```sh\nmake deploy\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            encoding="utf-8",
        )
    for w in range(5):
        text = "\n".join(
            LOG.format(
                h=k // 3600, m=k // 60 % 60, s=k % 60, lvl=LEVELS[k % 4], w=w, k=k, ms=k * 7 % 900
            )
            for k in range(lines)
        )
        (root / f"server{w}.log").write_text(text + "\n", encoding="utf-8")


def grow(root: Path, lines: int) -> None:
    with (root / "server2.log").open("a", encoding="utf-8") as fh:
        fh.write(
            "".join(
                f"2026-12-03T11:{k // 60 % 60:02d}:{k % 60:02d}Z ERROR late failure {k}\n"
                for k in range(lines)
            )
        )


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys, with its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--lines", type=int, default=3000, help="lines of each log")
    ap.add_argument("--grow", type=int, default=1204, help="lines appended to one log")
    ap.add_argument("--work", type=Path, default=None)
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="docgen-update-"))
    docgen = shutil.which("docgen") or "docgen"
    folder, out = work / "night", work / "night.docx"
    times: dict[str, list[tuple[float, float]]] = {"full": [], "update": [], "nothing": []}
    for r in range(1, a.rounds + 1):
        env = {**os.environ, "DOCGEN_HOME": str(work / f"home{r}")}
        make_folder(folder, a.lines)
        out.unlink(missing_ok=True)
        start = load()
        times["full"].append(timed([docgen, "convert", str(folder), "-o", str(out)], env))
        grow(folder, a.grow)
        again = [docgen, "convert", str(folder), "-o", str(out), "--update"]
        times["update"].append(timed(again, env))
        times["nothing"].append(timed(again, env))
        row = ", ".join(f"{k} {v[-1][0]:.1f} s / {v[-1][1]:.1f} s CPU" for k, v in times.items())
        print(f"round {r} (load {start} -> {load()}): {row}", flush=True)
    full = [statistics.median(x) for x in zip(*times["full"], strict=True)]
    for kind, runs in times.items():
        wall, cpu = (statistics.median(x) for x in zip(*runs, strict=True))
        print(
            f"median {kind:8s} wall {wall:5.1f} s ({wall / full[0]:4.0%} of full)"
            f"  CPU {cpu:5.1f} s ({cpu / full[1]:4.0%} of full)"
        )
    if a.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
