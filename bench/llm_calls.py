"""Model calls and tokens of the LLM policy on a folder of many small files, with the
loopback stub model of the tests (tests/llm_stub.py: no network; it reports a request's
size / 4 as its prompt tokens and 20 completion tokens per answer).

    uv run python -m bench.llm_calls --files 2000

Prints one JSON line: files, model calls, prompt and completion tokens (total and largest
call), seconds. Issue 24 item 5: the calls grow with the batches, not the files.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path


def notes(root: Path, n: int) -> Path:
    """n small pages: a title, a summary, a command example."""
    d = root / "notes"
    d.mkdir()
    for i in range(n):
        (d / f"note{i:05d}.md").write_text(
            f"# Command {i}\n\nSummary of command {i}: what it does and when to use it.\n\n"
            f"```sh\ntool-{i} --flag value\n```\n"
        )
    return d


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    args = ap.parse_args()
    os.environ.setdefault("OPENAI_API_KEY", "sk-bench-not-a-real-key")
    from agentic_docgen.entry.api import generate_document
    from tests.llm_stub import StubLLM

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["DOCGEN_HOME"] = str(root / "home")
        folder = notes(root, args.files)
        with StubLLM() as stub:
            t0 = time.perf_counter()
            result = generate_document(
                folder, root / "out.docx", model="openai/any", api_base=stub.api_base, cache=False
            )
            seconds = time.perf_counter() - t0
            prompt = stub.state.prompt_tokens
        fallbacks = sum("offline plan" in w for w in result.warnings)
        print(
            json.dumps(
                {
                    "files": args.files,
                    "status": result.status,
                    "model_calls": len(prompt),
                    "prompt_tokens": sum(prompt),
                    "completion_tokens": 20 * len(prompt),
                    "largest_prompt": max(prompt, default=0),
                    "offline_fallbacks": fallbacks,
                    "seconds": round(seconds, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
