#!/usr/bin/env python3
"""Benchmark: docgen (offline) against pandoc on the same generated inputs, in the same run.

    python bench/run.py            # 1, 10 and 100 MB log and markdown folders
    python bench/run.py --quick    # 1 and 10 MB only
    python bench/run.py --sizes 5  # custom sizes in MB
    python bench/run.py --guard bench/baseline.json   # CI: fail on a gross regression only
    python bench/run.py --quick --record bench/baseline.json   # record the ratios

Prints a table (wall time, peak RSS, output size, ratio to pandoc). Inputs are generated
from a fixed seed under --work (default: a temporary folder). Not a test: numbers depend on
the machine; record them in docs/performance.md with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
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
GUARD_INPUTS = (("md", 1), ("log", 10))  # what --guard runs (CI): about 20 s in all
GUARD_FACTOR = 3.0  # --guard fails above this many times the recorded docgen/pandoc ratio
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


def find_pandoc(given: str | None) -> str | None:
    """The peer: --pandoc, else the pandoc binary of pypandoc-binary (a dev dependency, so CI
    has the same one), else a pandoc on PATH."""
    if given:
        return given
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def pandoc_version(pandoc: str) -> str:
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.split("\n", 1)[0] if out.returncode == 0 else "unknown"


def run_pair(
    kind: str, mb: int, work: Path, docgen: list[str], pandoc: str | None, timeout: float
) -> dict[str, tuple[str, float, float, float]]:
    rng = random.Random(f"{kind}-{mb}")  # each input its own seed: same bytes in any run
    folder = (md_folder if kind == "md" else log_folder)(work / "inputs", mb, rng)
    rows: dict[str, tuple[str, float, float, float]] = {}
    for tool in ("docgen", "pandoc"):
        out = work / f"{folder.name}-{tool}.docx"
        out.unlink(missing_ok=True)
        if tool == "docgen":
            cmd = [*docgen, "convert", str(folder), "-o", str(out), "--force"]
        elif pandoc:
            cmd = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(out)]
            cmd += pandoc_input(folder, work)
        else:
            continue
        status, wall, rss = measure(cmd, timeout)
        size = out.stat().st_size / 1e6 if out.exists() else 0.0
        rows[tool] = (status, wall, rss, size)
    return rows


def ratio(rows: dict[str, tuple[str, float, float, float]]) -> str:
    d, p = rows["docgen"], rows.get("pandoc")
    if not p or d[0] != "ok":
        return "-"
    return f"{p[1] / d[1]:.1f}x" if p[0] == "ok" else f">{p[1] / d[1]:.1f}x"


def load_baseline(path: Path) -> dict[str, float] | None:
    """The recorded docgen/pandoc ratios, or None (with a one-line error) if unreadable."""
    try:
        ratios = json.loads(path.read_text(encoding="utf-8"))["ratios"]
        return {str(k): float(v) for k, v in ratios.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        print(f"guard: cannot read the recorded ratios in {path}: {exc}", file=sys.stderr)
        return None


def guard(results: dict[str, dict], baseline: dict[str, float]) -> int:
    """Fail (1) only on a gross regression: docgen's time relative to pandoc's, measured in
    this run, more than GUARD_FACTOR times the recorded one; or docgen failing."""
    failed = 0
    for name, rows in results.items():
        d, p = rows["docgen"], rows.get("pandoc")
        if d[0] != "ok":
            print(f"GUARD FAIL {name}: docgen {d[0]}")
            failed += 1
            continue
        if not p or p[0] != "ok" or name not in baseline:
            print(f"guard: {name}: no pandoc time or no recorded ratio, not compared")
            continue
        now = d[1] / p[1]
        limit = GUARD_FACTOR * baseline[name]
        verdict = "ok" if now <= limit else "FAIL"
        print(
            f"guard {verdict} {name}: docgen/pandoc time {now:.2f}"
            f" (recorded {baseline[name]:.2f}, limit {limit:.2f})"
        )
        failed += verdict == "FAIL"
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1 and 10 MB only")
    ap.add_argument("--sizes", type=int, nargs="*", help="sizes in MB")
    ap.add_argument("--kinds", nargs="*", default=["md", "log"], choices=["md", "log"])
    ap.add_argument("--work", type=Path, help="where inputs and outputs go")
    ap.add_argument("--timeout", type=float, default=600.0, help="per command, seconds")
    ap.add_argument("--pandoc", help="the pandoc to compare with (default: see find_pandoc)")
    ap.add_argument("--no-pandoc", action="store_true")
    ap.add_argument(
        "--guard",
        type=Path,
        metavar="BASELINE",
        help="CI: run the guard inputs (md 1 MB, log 10 MB) and fail on a gross regression",
    )
    ap.add_argument("--record", type=Path, metavar="BASELINE", help="write this run's ratios")
    args = ap.parse_args()
    baseline = None
    if args.guard:
        baseline = load_baseline(args.guard)
        if baseline is None:
            return 2
        plan = list(GUARD_INPUTS)
    else:
        sizes = args.sizes or ([1, 10] if args.quick else [1, 10, 100])
        plan = [(kind, mb) for kind in args.kinds for mb in sizes]
    work = args.work or Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    docgen = [str(Path(sys.executable).with_name("docgen"))]
    if not Path(docgen[0]).exists():
        docgen = [sys.executable, "-m", "agentic_docgen"]
    pandoc = None if args.no_pandoc else find_pandoc(args.pandoc)
    os.environ["DOCGEN_HOME"] = str(work / "home")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores,"
        f" {_memory_gb():.0f} GB, python {platform.python_version()};"
        f" pandoc: {pandoc_version(pandoc) if pandoc else 'not found'}"
    )
    print("| input | tool | status | wall s | peak RSS MB | output MB | pandoc / docgen |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    results = {}
    for kind, mb in plan:
        rows = run_pair(kind, mb, work, docgen, pandoc, args.timeout)
        name = f"{kind}-{mb}mb"
        results[name] = rows
        for tool, (status, wall, rss, size) in rows.items():
            shown = ratio(rows) if tool == "docgen" else ""
            print(
                f"| {kind} {mb} MB | {tool} | {status} | {wall:.1f} | {rss:.0f} | {size:.1f}"
                f" | {shown} |",
                flush=True,
            )
    print(f"inputs and outputs in {work}")
    if args.record:
        ratios = {
            name: rows["docgen"][1] / rows["pandoc"][1]
            for name, rows in results.items()
            if rows["docgen"][0] == "ok" and rows.get("pandoc", ("",))[0] == "ok"
        }
        args.record.write_text(
            json.dumps(
                {"pandoc": pandoc_version(pandoc) if pandoc else None, "ratios": ratios}, indent=1
            )
            + "\n",
            encoding="utf-8",
        )
    if baseline is not None:
        return guard(results, baseline)
    return 0


def _memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return 0.0


if __name__ == "__main__":
    sys.exit(main())
