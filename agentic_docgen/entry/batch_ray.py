"""`docgen batch --ray [ADDRESS]`: each folder one Ray task (`run_job`, one CPU), on a
local instance or a cluster (docs/scale.md). Ray is the optional extra
`agentic-docgen[ray]`, imported only here: missing, it is a one-line error (exit 2).

Inputs, outputs and sessions must be on a path every node sees (the CLI puts the sessions
under OUT_DIR unless --sessions-dir says otherwise); the tasks get the driver's DOCGEN_*
variables. A task whose worker dies is retried once by Ray, then its folder is failed."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from typing import Any

from agentic_docgen.core.errors import InputError
from agentic_docgen.entry.batch import Emit, Wire, docgen_env, failure, run_job


def ray_runner(address: str, workers: int | None) -> Callable[[list[Wire], Emit], None]:
    """The batch's runner on Ray (`local`: a new local instance of `workers` CPUs, else
    `auto` or a cluster address); raises InputError when Ray is not installed."""
    # Ray copies a `uv run` driver's working folder to the workers and runs them with `uv
    # run` there (a checkout without node_modules, uploaded): the nodes run the installed
    # package instead, in place (RAY_ENABLE_UV_RUN_RUNTIME_ENV=1 brings Ray's way back)
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    try:
        import ray
    except ImportError:
        raise InputError(
            "Ray is not installed: pip install 'agentic-docgen[ray]'", path="--ray"
        ) from None
    with contextlib.suppress(Exception):  # (the flag is read once, when ray is imported)
        import ray._private.ray_constants as constants

        flag = os.environ["RAY_ENABLE_UV_RUN_RUNTIME_ENV"]
        constants.RAY_ENABLE_UV_RUN_RUNTIME_ENV = flag.lower() in ("1", "true")

    def run(wires: list[Wire], emit: Emit) -> None:
        local = address == "local"
        options: dict[str, Any] = {
            "runtime_env": {"env_vars": docgen_env()},
            "logging_level": logging.WARNING,
            "log_to_driver": False,
        }
        if local:
            options |= {"include_dashboard": False, "num_cpus": workers}
        else:
            _answers(address)
        for attempt in (1, 2):  # a local start on a busy machine may miss Ray's 30 s wait
            try:
                ray.init(address=None if local else address, **options)
                break
            except Exception as exc:  # no cluster there, a node that did not start...
                ray.shutdown()
                if attempt == 2 or not local:
                    raise SystemExit(_no_cluster(address, exc)) from None
        try:
            _run_tasks(ray, wires, emit)
        finally:
            ray.shutdown()

    return run


def _run_tasks(ray: Any, wires: list[Wire], emit: Emit) -> None:
    task = ray.remote(num_cpus=1, max_retries=1)(run_job)
    pending = {task.remote(w): w for w in wires}
    while pending:
        done, _ = ray.wait(list(pending), num_returns=1)
        for ref in done:
            wire = pending.pop(ref)
            try:
                emit(ray.get(ref))
            except Exception as exc:  # the task's worker or node died (twice)
                emit(failure(wire, f"the Ray task failed: {type(exc).__name__}", 1))


def _answers(address: str) -> None:
    """A HOST:PORT (or ray://HOST:PORT) where nothing listens is refused at once (Ray itself
    would retry for minutes); `auto` is Ray's to find."""
    import socket

    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=10).close()
    except OSError as exc:
        raise SystemExit(_no_cluster(address, exc)) from None


def _no_cluster(address: str, exc: Exception) -> int:
    from agentic_docgen.entry.cli import err

    err.print(f"docgen: error: --ray {address}: cannot connect: {str(exc)[:200]}")
    return 2
