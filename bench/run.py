#!/usr/bin/env python3
"""Benchmark: docgen (offline) against pandoc on the same generated inputs, in the same run.

    python bench/run.py            # 1, 10 and 100 MB log and markdown folders
    python bench/run.py --quick    # 1 and 10 MB only
    python bench/run.py --sizes 5  # custom sizes in MB
    python bench/run.py --kinds dense                     # dense markdown, 1 and 10 MB
    python bench/run.py --kinds dense --sizes 1 10 100    # and 100 MB (slow: minutes)
    python bench/run.py --kinds small --runs 5            # examples/, median of 5 runs
    python bench/run.py --kinds pages --counts 200 2000 10000   # sizes are file counts
    python bench/run.py --inputs small dense:1 dense:10 md:10 log:100 pages:2000   # these, in order
    python bench/run.py --guard bench/baseline.json   # CI: fail on a gross regression only
    python bench/run.py --quick --record bench/baseline.json   # record the ratios

Kinds (--kinds; default md and log):
  md     markdown folders, one file per MB (sections of prose, a list, a table, code)
  log    one log file of the size
  dense  markdown, one file per MB, as dense as real documentation: headings H1-H4 every
         few blocks, small tables, code in several languages, nested lists, inline and
         reference links, emphasis, block quotes (1 and 10 MB unless --sizes says 100)
  small  the bundled examples/ folder (3 files), each tool timed --runs times: the median
         and the min-max (docgen with --on-missing skip: the example names a missing image)
  pages  a tree of small command references (tldr/man-page like) in 10-30 topic folders;
         its sizes are file counts (--counts), and the table adds the input bytes and the
         size of docgen's session folder (a fresh DOCGEN_HOME per run) against the bound
         of 3x the input bytes + 10 MB

pandoc gets the same files in docgen's order (natural path order): a flat folder of
markdown as is, anything else joined into one file, each text or log file in a fence.
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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/inputs.py, however run
from inputs import (  # noqa: E402
    dense_folder,
    input_files,
    log_folder,
    md_folder,
    pages_folder,
    pandoc_input,
)

ROOT = Path(__file__).resolve().parent.parent
GUARD_INPUTS = (("md", 1), ("log", 10), ("small", 0))  # what --guard runs (CI): about 40 s
GUARD_RUNS = 3  # --guard times the small folder this many times (the median is compared)
GUARD_FACTOR = 3.0  # --guard fails above this many times the recorded docgen/pandoc ratio
GENERATORS = {"md": md_folder, "log": log_folder, "dense": dense_folder, "pages": pages_folder}
KINDS = ["md", "log", "dense", "small", "pages"]
SESSION_BOUND = (3, 10 * 1024 * 1024)  # pages: session folder <= 3x the input + 10 MB
RSS = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,"
    " timeout=float(sys.argv[1]))\n"
    "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


class Run(NamedTuple):
    """One tool on one input (indexable as the (status, wall, rss, size) of --guard)."""

    status: str  # "ok", or the first failure of the runs
    wall: float  # seconds; the median when timed several times
    rss: float  # peak RSS, MB; the largest of the runs
    size: float  # output, MB
    walls: tuple[float, ...] = ()  # every run's seconds, sorted
    session: int | None = None  # bytes of docgen's session folder (pages)


def measure(
    cmd: list[str], timeout: float, env: dict[str, str] | None = None
) -> tuple[str, float, float]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", RSS, str(timeout), *cmd],
            capture_output=True,
            text=True,
            timeout=timeout + 30,
            env=env,
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


def make_input(kind: str, size: int, work: Path) -> Path:
    if kind == "small":
        return ROOT / "examples"
    rng = random.Random(f"{kind}-{size}")  # each input its own seed: same bytes in any run
    return GENERATORS[kind](work / "inputs", size, rng)


def commands(
    kind: str, folder: Path, work: Path, docgen: list[str], pandoc: str | None
) -> dict[str, list[str]]:
    """The command of each tool; the output is work/<folder name>-<tool>.docx."""
    out = {tool: str(work / f"{folder.name}-{tool}.docx") for tool in ("docgen", "pandoc")}
    cmds = {"docgen": [*docgen, "convert", str(folder), "-o", out["docgen"], "--force"]}
    if kind == "small":
        cmds["docgen"] += ["--on-missing", "skip"]  # as the README runs it
    if pandoc:
        cmd = [pandoc, "-f", "markdown", "-t", "docx", "-o", out["pandoc"]]
        if kind in ("small", "pages"):
            cmd.append(f"--resource-path={folder}")  # images relative to the folder
        cmds["pandoc"] = cmd + pandoc_input(folder, work)
    return cmds


def tree_bytes(folder: Path) -> int:
    return sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file())


def run_tool(
    kind: str, tool: str, cmd: list[str], out: Path, work: Path, runs: int, timeout: float
) -> Run:
    tries, session = [], None
    for _ in range(runs):
        out.unlink(missing_ok=True)
        env = None
        if kind == "pages" and tool == "docgen":  # a fresh home: its sessions are this run's
            home = work / "homes" / out.stem
            shutil.rmtree(home, ignore_errors=True)
            env = {**os.environ, "DOCGEN_HOME": str(home)}
        tries.append(measure(cmd, timeout, env))
        if env:
            sessions = home / "sessions"
            session = tree_bytes(sessions) if sessions.exists() else 0
    failed = [status for status, _, _ in tries if status != "ok"]
    walls = tuple(sorted(wall for _, wall, _ in tries))
    size = out.stat().st_size / 1e6 if out.exists() else 0.0
    rss = max(r for _, _, r in tries)
    return Run(failed[0] if failed else "ok", statistics.median(walls), rss, size, walls, session)


def run_pair(
    kind: str,
    size: int,
    work: Path,
    docgen: list[str],
    pandoc: str | None,
    timeout: float,
    runs: int = 1,
) -> tuple[dict[str, Run], int]:
    """Each tool on the input (timed `runs` times for small), and the input's bytes."""
    folder = make_input(kind, size, work)
    rows: dict[str, Run] = {}
    for tool, cmd in commands(kind, folder, work, docgen, pandoc).items():
        out = work / f"{folder.name}-{tool}.docx"
        rows[tool] = run_tool(kind, tool, cmd, out, work, runs if kind == "small" else 1, timeout)
    return rows, sum(f.stat().st_size for f in input_files(folder))


def case_name(kind: str, size: int) -> tuple[str, str]:
    """The key of the input in --record/--guard baselines, and its label in the table."""
    if kind == "small":
        return "small", "small (examples/, 3 files)"
    if kind == "pages":
        return f"pages-{size}", f"pages {size} files"
    return f"{kind}-{size}mb", f"{kind} {size} MB"


def columns(kind: str, runs: int) -> list[tuple[str, str]]:
    """(header, alignment) of the table's columns for this kind of input."""
    small = kind == "small"
    cols = [("input", "---"), ("tool", "---"), ("status", "---")]
    cols += [(f"wall s, median (min-max) of {runs}" if small else "wall s", "---:")]
    cols += [("peak RSS MB" + (" (max)" if small else ""), "---:"), ("output MB", "---:")]
    cols += [("pandoc / docgen", "---:")]
    if kind == "pages":
        cols += [("input bytes", "---:"), ("session bytes", "---:")]
        cols += [("session <= 3x input + 10 MB", "---")]
    return cols


def table_row(kind: str, label: str, tool: str, rows: dict[str, Run], input_bytes: int) -> str:
    run = rows[tool]
    wall = f"{run.wall:.1f}"
    if kind == "small":
        wall = f"{run.wall:.2f} ({run.walls[0]:.2f}-{run.walls[-1]:.2f})"
    size = f"{run.size:.2f}" if kind == "small" else f"{run.size:.1f}"
    cells = [label, tool, run.status, wall, f"{run.rss:.0f}", size]
    cells.append(ratio(rows) if tool == "docgen" else "")
    if kind == "pages":
        cells.append(f"{input_bytes:,}")
        if run.session is None:
            cells += ["", ""]
        else:
            bound = SESSION_BOUND[0] * input_bytes + SESSION_BOUND[1]
            verdict = "yes" if run.session <= bound else "**no**"
            cells += [f"{run.session:,}", f"{verdict} (bound {bound:,})"]
    return "| " + " | ".join(cells) + " |"


def ratio(rows: dict[str, Run]) -> str:
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


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--quick", action="store_true", help="1 and 10 MB (200 and 2000 files) only")
    ap.add_argument("--sizes", type=int, nargs="*", help="sizes in MB of md, log and dense")
    ap.add_argument(
        "--counts",
        type=int,
        nargs="*",
        metavar="FILES",
        help="file counts of pages, all files included (default 200 2000 10000; 10000 is"
        " docgen's default file limit)",
    )
    ap.add_argument(
        "--kinds", nargs="*", default=["md", "log"], choices=KINDS, help="default: md log"
    )
    ap.add_argument(
        "--runs", type=int, default=5, help="timed runs of each tool for small (default 5)"
    )
    ap.add_argument(
        "--inputs",
        nargs="*",
        metavar="KIND[:SIZE]",
        help="exactly these inputs, in this order, instead of --kinds/--sizes/--counts"
        " (e.g. small dense:1 dense:10 md:10 log:100 pages:2000; SIZE in MB, files for pages)",
    )
    ap.add_argument("--work", type=Path, help="where inputs and outputs go")
    ap.add_argument("--timeout", type=float, default=600.0, help="per command, seconds")
    ap.add_argument("--pandoc", help="the pandoc to compare with (default: see find_pandoc)")
    ap.add_argument("--no-pandoc", action="store_true")
    ap.add_argument(
        "--guard",
        type=Path,
        metavar="BASELINE",
        help="CI: run the guard inputs (md 1 MB, log 10 MB, the small folder) and fail on a"
        " gross regression",
    )
    ap.add_argument("--record", type=Path, metavar="BASELINE", help="write this run's ratios")
    args = ap.parse_args()
    if args.runs < 1 or any(n < 5 for n in args.counts or []):
        ap.error("--runs must be at least 1 and --counts at least 5")
    try:
        args.inputs = [_input(item) for item in args.inputs or []]
    except ValueError as exc:
        ap.error(f"--inputs: {exc}")
    return args


def _input(item: str) -> tuple[str, int]:
    """`kind` or `kind:size` of --inputs."""
    kind, _, size = item.partition(":")
    if kind not in KINDS:
        raise ValueError(f"{item}: the kinds are {', '.join(KINDS)}")
    if kind == "small":
        return kind, 0
    if not size.isdigit() or int(size) < (5 if kind == "pages" else 1):
        raise ValueError(f"{item}: a size (MB; files for pages, at least 5) after the colon")
    return kind, int(size)


def plan_of(args: argparse.Namespace) -> list[tuple[str, int]]:
    """The (kind, size) inputs of the run: size in MB, a file count for pages, 0 for small."""
    if args.guard:
        return list(GUARD_INPUTS)
    if getattr(args, "inputs", None):
        return list(args.inputs)
    sizes = args.sizes or ([1, 10] if args.quick else [1, 10, 100])
    counts = args.counts or ([200, 2000] if args.quick else [200, 2000, 10000])
    dense = args.sizes or [1, 10]  # 100 MB of dense markdown only when asked (--sizes)
    by_kind = {"small": [0], "pages": counts, "dense": dense}
    return [(kind, n) for kind in args.kinds for n in by_kind.get(kind, sizes)]


def record(path: Path, results: dict[str, dict[str, Run]], pandoc: str | None) -> None:
    """Write this run's ratios into the baseline, keeping the recorded ones of other inputs."""
    ratios = (load_baseline(path) or {}) if path.exists() else {}
    ratios |= {
        name: rows["docgen"][1] / rows["pandoc"][1]
        for name, rows in results.items()
        if rows["docgen"][0] == "ok" and rows.get("pandoc", ("",))[0] == "ok"
    }
    path.write_text(
        json.dumps(
            {"pandoc": pandoc_version(pandoc) if pandoc else None, "ratios": ratios}, indent=1
        )
        + "\n",
        encoding="utf-8",
    )


def main() -> int:
    args = parse_args()
    baseline = None
    if args.guard:
        baseline = load_baseline(args.guard)
        if baseline is None:
            return 2
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
    results: dict[str, dict[str, Run]] = {}
    shown: list[tuple[str, str]] = []
    for kind, size in plan_of(args):
        cols = columns(kind, args.runs)
        if cols != shown:  # a table per set of columns
            print(("\n" if shown else "") + "| " + " | ".join(h for h, _ in cols) + " |")
            print("| " + " | ".join(a for _, a in cols) + " |", flush=True)
            shown = cols
        runs = GUARD_RUNS if args.guard else args.runs
        rows, input_bytes = run_pair(kind, size, work, docgen, pandoc, args.timeout, runs)
        name, label = case_name(kind, size)
        results[name] = rows
        for tool in rows:
            print(table_row(kind, label, tool, rows, input_bytes), flush=True)
    print(f"inputs and outputs in {work}")
    if args.record:
        record(args.record, results, pandoc)
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
