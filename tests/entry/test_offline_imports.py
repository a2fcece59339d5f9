"""What an offline conversion imports (issue 21: "pay for imports only where they are
used"): no LLM client, no LangSmith API models, no langgraph-sdk client, no language
detector for plain English, and PyYAML only when a file opens with front matter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from agentic_docgen import generate_document
result = generate_document(sys.argv[1], sys.argv[2], on_missing="skip")
assert result.status == "complete", result.errors
heavy = ("litellm", "langchain_litellm", "openai", "lingua", "yaml", "httpx", "websockets")
found = {m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy}
found |= {m for m in sys.modules if m.startswith(("langsmith.types.", "langgraph_sdk.client"))}
found.discard("langsmith.types.run_select_field")  # the one RunTree needs
print("IMPORTED", sorted(found))
"""


def _imported(tmp_path: Path, files: dict[str, str]) -> str:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(src), str(tmp_path / "o.docx")],
        capture_output=True,
        text=True,
        timeout=180,
        env=_keep() | {"DOCGEN_HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def _keep() -> dict[str, str]:
    """The environment without DOCGEN_* settings (a model named there would load litellm)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")}


GUIDE = (
    "# Deploying the service\n\nThe service runs on every node of the cluster and the"
    " scheduler starts it with the configuration that the operator wrote.\n\n"
    "```sh\nmake deploy\n```\n"
)


def test_an_offline_run_imports_no_llm_stack_and_no_yaml(tmp_path: Path) -> None:
    log = "2026-12-04T10:00:00Z INFO started\n2026-12-04T10:00:01Z ERROR failed\n"
    assert _imported(tmp_path, {"guide.md": GUIDE, "server.log": log}) == "IMPORTED []"


def test_front_matter_brings_yaml_in(tmp_path: Path) -> None:
    text = "---\ntitle: Deploying\n---\n\n" + GUIDE
    assert _imported(tmp_path, {"guide.md": text}) == "IMPORTED ['yaml']"
