"""A loopback OpenAI-compatible chat server for tests: scripted tool calls, no network.

The "model" is a function of the request (stateless, like a real one): it finds the file it
is asked to structure in the last user turn, counts its own turns since, and answers from a
script. Usage is reported from the request size, so token tests measure what was sent.
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


def file_turn(request: dict[str, Any]) -> tuple[str, int, int]:
    """(file, its line count from the digest, number of assistant turns since the task)."""
    messages = request["messages"]
    start = max(i for i, m in enumerate(messages) if m["role"] == "user")
    task = messages[start]["content"]
    if isinstance(task, list):
        task = "".join(part.get("text", "") for part in task)
    m = re.search(r"File \d+ of \d+: (.+)", task)
    lines = re.search(r'"lines": (\d+)', task)
    turns = sum(1 for msg in messages[start:] if msg["role"] == "assistant")
    return (m.group(1).strip() if m else ""), int(lines.group(1)) if lines else 0, turns


def call(name: str, **args: Any) -> dict[str, Any]:
    return {"name": name, "arguments": args}


def good_model(request: dict[str, Any], state: StubState) -> Any:
    file, lines, turn = file_turn(request)
    kind = {"md": "markdown", "log": "code"}.get(file.rsplit(".", 1)[-1], "text")
    if turn == 0:
        return [call("append_markdown", text=f"# About {file}")]
    if turn == 1 and lines:
        extra = {"base_level": 2} if kind == "markdown" else {}
        if kind == "code":
            extra = {"language": "log"}
        return [call("append_source", file=file, start_line=1, end_line=lines, as_=kind, **extra)]
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
