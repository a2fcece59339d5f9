"""bench/run.py (issue 21): what a run measures (the example folder in the CI guard, dense
markdown at 100 MB only when asked) and what --record keeps."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def args(**given: object) -> argparse.Namespace:
    base = {"guard": None, "sizes": None, "counts": None, "quick": False, "kinds": ["md"]}
    return argparse.Namespace(**{**base, **given})


def test_the_guard_times_the_example_folder(bench: ModuleType) -> None:
    plan = bench.plan_of(args(guard=Path("b.json")))
    assert ("small", 0) in plan and ("md", 1) in plan and ("log", 10) in plan
    baseline = json.loads((BENCH / "baseline.json").read_text(encoding="utf-8"))["ratios"]
    assert all(bench.case_name(kind, size)[0] in baseline for kind, size in plan)


def test_dense_100_mb_only_when_the_sizes_say_so(bench: ModuleType) -> None:
    assert bench.plan_of(args(kinds=["dense"])) == [("dense", 1), ("dense", 10)]
    assert ("dense", 100) in bench.plan_of(args(kinds=["dense"], sizes=[1, 10, 100]))
    assert ("md", 100) in bench.plan_of(args(kinds=["md", "dense"]))  # md keeps its default


def test_record_keeps_the_ratios_of_inputs_not_run(bench: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"ratios": {"md-1mb": 2.5, "small": 30.0}}), encoding="utf-8")
    run = bench.Run
    results = {"small": {"docgen": run("ok", 2.0, 1, 1), "pandoc": run("ok", 0.25, 1, 1)}}
    bench.record(path, results, None)
    assert json.loads(path.read_text(encoding="utf-8"))["ratios"] == {"md-1mb": 2.5, "small": 8.0}
    failed = {"small": {"docgen": run("exit 1", 2.0, 1, 1), "pandoc": run("ok", 0.25, 1, 1)}}
    assert bench.guard(failed, {"small": 8.0}) == 1
    slow = {"small": {"docgen": run("ok", 30.0, 1, 1), "pandoc": run("ok", 0.25, 1, 1)}}
    assert bench.guard(slow, {"small": 8.0}) == 1  # 120 > 3 x 8
    assert bench.guard(results, {"small": 8.0}) == 0
