"""langgraph-sdk's package body runs on first use only (core/deferred.py, issue 21): the
graph imports without the SDK's HTTP client, and the SDK still works when asked for."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys, importlib.metadata
import agentic_docgen
from agentic_docgen.graph import build  # the graph, StateGraph, the runtime, the nodes
client = ("langgraph_sdk.client", "langgraph_sdk._async", "websockets")
heavy = [m for m in client if m in sys.modules]
assert "langgraph_sdk.auth.types" in sys.modules and not heavy, heavy
import langgraph_sdk
from langgraph_sdk import Auth, get_client
from langgraph_sdk.client import get_client as real
assert get_client is real and Auth.__name__ == "Auth"
assert langgraph_sdk.__version__ == importlib.metadata.version("langgraph-sdk")
assert "__getattr__" not in vars(langgraph_sdk)
from langgraph.pregel.remote import RemoteGraph  # the one langgraph module that uses the client
print("ok", RemoteGraph.__name__)
"""


def test_the_graph_imports_without_the_sdk_client_and_the_sdk_still_works() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["ok", "RemoteGraph"]


def test_an_sdk_imported_first_is_left_alone() -> None:
    code = (
        "import langgraph_sdk, agentic_docgen, sys\n"
        "from agentic_docgen.core.importhook import hooked\n"
        "assert not any(hooked(f, 'langgraph_sdk') for f in sys.meta_path)\n"
        "assert 'langgraph_sdk.client' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


LANGSMITH = """
import sys
import agentic_docgen
from agentic_docgen.graph import build  # langgraph -> langchain-core's tracers -> RunTree
assert "langsmith.run_trees" in sys.modules  # RunTree is there...
models = [m for m in sys.modules if m.startswith("langsmith.types.")]
assert models == ["langsmith.types.run_select_field"], models  # ...without the API models
import langsmith.types
from langsmith.types import Run, TracerSession
from langsmith.types.run import Run as real
assert Run is real and TracerSession.__name__ == "TracerSession"
assert "__getattr__" not in vars(langsmith.types)
from langsmith import RunTree
tree = RunTree(name="t", run_type="chain", inputs={})  # what langchain-core's tracers build
print("ok", len([m for m in sys.modules if m.startswith("langsmith.types.")]) > 100)
"""


def test_the_graph_imports_without_langsmiths_api_models_and_they_still_work() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LANGSMITH], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["ok", "True"]
