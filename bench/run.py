#!/usr/bin/env python3
"""Benchmark: docgen (offline) against pandoc on the same generated inputs, in the same run.

    python bench/run.py            # 1, 10 and 100 MB log and markdown folders
    python bench/run.py --quick    # 1 and 10 MB only
    python bench/run.py --sizes 5  # custom sizes in MB

Prints a table (wall time, peak RSS, output size, ratio to pandoc). Inputs are generated
from a fixed seed under --work (default: a temporary folder). Not a test: numbers depend on
the machine; record them in docs/performance.md with the machine they came from.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE_MB = 1  # the markdown folder is made of files of about this size
RSS = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,"
    " timeout=float(sys.argv[1]))\n"
    "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
WORDS = [
    "orbit",
    "scheduler",
    "worker",
    "queue",
    "lease",
    "job",
    "retry",
    "deploy",
    "config",
    "cluster",
    "memory",
    "disk",
    "latency",
    "timeout",
    "shard",
    "replica",
    "index",
    "cache",
    "token",
    "request",
    "response",
]


def log_folder(root: Path, mb: int, rng: random.Random) -> Path:
    folder = root / f"log-{mb}mb"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    levels = ["INFO"] * 12 + ["DEBUG"] * 5 + ["WARN"] * 2 + ["ERROR"]
    target = mb * 1024 * 1024
    written = 0
    t = 0
    with (folder / "server.log").open("w", encoding="utf-8") as fh:
        while written < target:
            t += rng.randint(0, 3)
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
            line = (
                f"2026-11-02 {t // 3600 % 24:02d}:{t // 60 % 60:02d}:{t % 60:02d},"
                f"{rng.randint(0, 999):03d} {rng.choice(levels):<5} [w{rng.randint(1, 9)}]"
                f" {words}\n"
            )
            if written + len(line) > target:
                break  # stay within the size: 100 MB is the per-file limit
            fh.write(line)
            written += len(line)
    return folder


def md_folder(root: Path, mb: int, rng: random.Random) -> Path:
    folder = root / f"md-{mb}mb"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)

    def para() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))).capitalize() + "."

    for n in range(max(1, mb // FILE_MB)):
        parts = [f"# Document {n + 1}\n"]
        size = 0
        sec = 0
        while size < FILE_MB * 1024 * 1024:
            sec += 1
            block = [
                f"## Section {sec}\n",
                para(),
                para(),
                f"### Details {sec}\n",
                "- " + para() + "\n- " + para() + "\n  - nested " + para(),
                "```python\n"
                + "\n".join(f"def f{sec}_{i}(x):\n    return x * {i}" for i in range(5))
                + "\n```",
                "| key | value | note |\n|---|--:|---|\n"
                + "\n".join(
                    f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {rng.choice(WORDS)} |"
                    for _ in range(5)
                ),
                para() + " **bold** and *italic* and `code`.",
            ]
            text = "\n\n".join(block) + "\n\n"
            parts.append(text)
            size += len(text)
        (folder / f"doc{n + 1:03d}.md").write_text("\n".join(parts), encoding="utf-8")
    return folder


def pandoc_input(folder: Path, work: Path) -> list[str]:
    """pandoc's input for the same content: the markdown files, or each log in a fence."""
    files = sorted(folder.iterdir())
    if all(f.suffix == ".md" for f in files):
        return [str(f) for f in files]
    fenced = work / f"{folder.name}-fenced.md"
    if not fenced.exists():
        with fenced.open("w", encoding="utf-8") as out:
            for f in files:
                out.write(f"# {f.name}\n\n````text\n")
                with f.open(encoding="utf-8") as src:
                    shutil.copyfileobj(src, out)
                out.write("````\n\n")
    return [str(fenced)]


def measure(cmd: list[str], timeout: float) -> tuple[str, float, float]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", RSS, str(timeout), *cmd],
            capture_output=True,
            text=True,
            timeout=timeout + 30,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.perf_counter() - start, 0.0
    wall = time.perf_counter() - start
    if proc.returncode != 0 or not proc.stdout.strip():
        return "timeout" if "TimeoutExpired" in proc.stderr else "error", wall, 0.0
    code, rss_kb = proc.stdout.split()
    return ("ok" if code == "0" else f"exit {code}"), wall, int(rss_kb) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1 and 10 MB only")
    ap.add_argument("--sizes", type=int, nargs="*", help="sizes in MB")
    ap.add_argument("--work", type=Path, help="where inputs and outputs go")
    ap.add_argument("--timeout", type=float, default=600.0, help="per command, seconds")
    ap.add_argument("--no-pandoc", action="store_true")
    args = ap.parse_args()
    sizes = args.sizes or ([1, 10] if args.quick else [1, 10, 100])
    work = args.work or Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261121)
    docgen = [str(Path(sys.executable).with_name("docgen"))]
    if not Path(docgen[0]).exists():
        docgen = [sys.executable, "-m", "agentic_docgen"]
    pandoc = shutil.which("pandoc") if not args.no_pandoc else None
    env_home = work / "home"
    os.environ["DOCGEN_HOME"] = str(env_home)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}"
        f"; pandoc: {pandoc or 'not found'}"
    )
    print(
        f"{'input':<12} {'tool':<7} {'status':<8} {'wall s':>8} {'peak MB':>8} {'out MB':>7}"
        f" {'pandoc/docgen':>13}"
    )
    for kind in ("md", "log"):
        for mb in sizes:
            folder = (md_folder if kind == "md" else log_folder)(work / "inputs", mb, rng)
            rows = {}
            for tool in ("docgen", "pandoc"):
                out = work / f"{folder.name}-{tool}.docx"
                out.unlink(missing_ok=True)
                if tool == "docgen":
                    cmd = [*docgen, "convert", str(folder), "-o", str(out), "--force"]
                elif pandoc:
                    cmd = [
                        pandoc,
                        "-f",
                        "markdown",
                        "-t",
                        "docx",
                        "-o",
                        str(out),
                        *pandoc_input(folder, work),
                    ]
                else:
                    continue
                status, wall, rss = measure(cmd, args.timeout)
                size = out.stat().st_size / 1e6 if out.exists() else 0.0
                rows[tool] = (status, wall, rss, size)
            d = rows["docgen"]
            p = rows.get("pandoc")
            ratio = (
                f"{p[1] / d[1]:.1f}x"
                if p and d[0] == "ok" and p[0] == "ok"
                else (f">{p[1] / d[1]:.1f}x" if p and d[0] == "ok" else "-")
            )
            for tool, (status, wall, rss, size) in rows.items():
                print(
                    f"{folder.name:<12} {tool:<7} {status:<8} {wall:>8.1f} {rss:>8.0f}"
                    f" {size:>7.1f} {ratio if tool == 'docgen' else '':>13}",
                    flush=True,
                )
    print(f"inputs and outputs in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
