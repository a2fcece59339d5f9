"""A loopback OpenAI-compatible chat server for tests: scripted tool calls, no network.

The "model" is a function of the request (stateless, like a real one): it finds the batch
of files it is asked to structure in the last task turn (their digests), counts its own turns
since, and answers from a script. Usage is reported from the request size, so token tests
measure what was sent.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Script = Callable[[dict[str, Any], "StubState"], Any]


class StubState:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.prompt_tokens: list[int] = []
        self.lock = threading.Lock()
        self.fail_next: list[int] = []  # HTTP status codes to answer with first


def _text(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):
        content = "".join(part.get("text", "") for part in content)
    return str(content)


def batch_turn(request: dict[str, Any]) -> tuple[list[tuple[str, int]], int]:
    """([(file, its line count from the digest)] of the batch asked for, in order; the
    number of assistant turns since the task)."""
    messages = request["messages"]
    start = max(
        (i for i, m in enumerate(messages) if m["role"] == "user" and "Digest:" in _text(m)),
        default=0,
    )
    task = _text(messages[start])
    files = []
    for m in re.finditer(r"File \d+ of \d+: (.+)\nDigest: (.*)", task):
        lines = re.search(r'"lines": (\d+)', m.group(2))
        files.append((m.group(1).strip(), int(lines.group(1)) if lines else 0))
    turns = sum(1 for msg in messages[start:] if msg["role"] == "assistant")
    return files, turns


def call(name: str, **args: Any) -> dict[str, Any]:
    return {"name": name, "arguments": args}


def chapter(file: str, lines: int, title: str = "About") -> list[dict[str, Any]]:
    """The calls a good model makes for one file: its H1, then every line as its kind."""
    kind = {"md": "markdown", "log": "code"}.get(file.rsplit(".", 1)[-1], "text")
    calls = [call("append_markdown", text=f"# {title} {file}")]
    if lines:
        extra: dict[str, Any] = {"base_level": 2} if kind == "markdown" else {}
        if kind == "code":
            extra = {"language": "log"}
        calls.append(
            call("append_source", file=file, start_line=1, end_line=lines, as_=kind, **extra)
        )
    return calls


def good_model(request: dict[str, Any], state: StubState) -> Any:
    """Every file of the batch in one answer; "done" if asked again."""
    files, turn = batch_turn(request)
    if turn == 0:
        return [c for file, lines in files for c in chapter(file, lines)]
    return "Done: every line is placed."


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        request = json.loads(body)
        state = self.server.state
        with state.lock:
            state.requests.append(request)
            tokens = max(1, len(body) // 4)
            state.prompt_tokens.append(tokens)
            status = state.fail_next.pop(0) if state.fail_next else 200
        if status != 200:
            self._send(status, {"error": {"message": f"stub error {status}", "type": "stub"}})
            return
        answer = self.server.script(request, state)
        self._send(200, _completion(answer, request.get("model", "stub"), tokens))

    def _send(self, status: int, payload: dict[str, Any] | str) -> None:
        data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if status == 429:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(data)


def _completion(answer: Any, model: str, prompt_tokens: int) -> dict[str, Any] | str:
    if isinstance(answer, bytes):
        return answer.decode()
    message: dict[str, Any] = {"role": "assistant", "content": None}
    finish = "stop"
    if isinstance(answer, str):
        message["content"] = answer
    else:
        finish = "tool_calls"
        message["tool_calls"] = [
            {
                "id": f"call_{i}_{int(time.time() * 1e6)}",
                "type": "function",
                "function": {
                    "name": c["name"],
                    "arguments": c["arguments"]
                    if isinstance(c["arguments"], str)
                    else json.dumps(c["arguments"]),
                },
            }
            for i, c in enumerate(answer)
        ]
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": 20,
            "total_tokens": prompt_tokens + 20,
        },
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Script) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script
        self.state = StubState()


class StubLLM:
    """`with StubLLM(script) as stub:` … `stub.api_base`, `stub.state`."""

    def __init__(self, script: Script = good_model) -> None:
        self.server = _Server(script)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    @property
    def state(self) -> StubState:
        return self.server.state

    def __enter__(self) -> StubLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
