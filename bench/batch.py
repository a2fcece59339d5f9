#!/usr/bin/env python3
"""Benchmark: `docgen batch` against a shell loop of `docgen convert`, on the same folders,
in the same run; then `docgen batch --ray` (local instance) with the same documents.

    python bench/batch.py                 # 50 folders, pool and loop
    python bench/batch.py --ray           # and Ray, comparing every word/document.xml
    python bench/batch.py --folders 10 --work /tmp/b

The folders are copies of examples/ (a guide with images, notes, a log), each with one line
of its own in notes.txt, so no two documents are alike. Every run uses --on-missing skip
(the example names a missing image) and its own DOCGEN_HOME. Not a test: the numbers
depend on the machine; record them in docs/scale.md and docs/performance.md with it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCGEN = str(Path(sys.executable).parent / "docgen")


def make_folders(parent: Path, n: int) -> None:
    parent.mkdir(parents=True)
    for i in range(1, n + 1):
        dest = parent / f"incident-{i:03d}"
        shutil.copytree(ROOT / "examples", dest)
        with (dest / "notes.txt").open("a", encoding="utf-8") as f:
            f.write(f"\nIncident {i}: restarted the queue worker at 03:{i % 60:02d}.\n")


def timed(cmd: list[str] | str, env: dict[str, str], shell: bool = False) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, shell=shell, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    if done.returncode not in (0,):
        sys.stderr.write(done.stderr[-2000:])
        raise SystemExit(f"failed ({done.returncode}): {cmd}")
    return elapsed


def document_xml(path: Path) -> str:
    """word/document.xml with docx-js's relationship ids normalised: they are random, and
    differ between any two runs of the same input (as tests/conftest.py normalised_body)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    return re.sub(r'r:id="rId[^"]*"', 'r:id="rId"', xml)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folders", type=int, default=50)
    ap.add_argument("--ray", action="store_true")
    ap.add_argument("--work", type=Path)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="docgen-batch-bench-"))
    parent = work / "folders"
    make_folders(parent, args.folders)
    env = {**os.environ, "DOCGEN_HOME": str(work / "home")}
    outs = {name: work / name for name in ("loop", "batch", "ray")}
    for out in outs.values():
        out.mkdir()
    names = sorted(p.name for p in parent.iterdir())
    loop = (
        f"for d in {parent}/*/; do n=$(basename $d); "
        f"{DOCGEN} convert $d -o {outs['loop']}/$n.docx --on-missing skip || exit 1; done"
    )
    t_loop = timed(loop, env, shell=True)
    batch = [DOCGEN, "batch", str(parent), "-o", str(outs["batch"]), "--on-missing", "skip"]
    t_batch = timed(batch, env)
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {args.folders} folders")
    print(f"shell loop of docgen convert: {t_loop:7.1f} s ({t_loop / len(names):.2f} s/folder)")
    print(f"docgen batch (pool):          {t_batch:7.1f} s ({t_batch / len(names):.2f} s/folder)")
    print(f"speed-up: {t_loop / t_batch:.1f}x; one node: {3600 * len(names) / t_batch:.0f}/h")
    compare = ["loop"]
    if args.ray:
        t_ray = timed([*batch[:4], str(outs["ray"]), *batch[5:], "--ray"], env)
        print(f"docgen batch --ray (local):   {t_ray:7.1f} s ({t_ray / len(names):.2f} s/folder)")
        compare.append("ray")
    for other in compare:
        same = sum(
            document_xml(outs["batch"] / f"{n}.docx") == document_xml(outs[other] / f"{n}.docx")
            for n in names
        )
        print(
            f"word/document.xml identical (rIds normalised), batch vs {other}: {same}/{len(names)}"
        )


if __name__ == "__main__":
    main()
