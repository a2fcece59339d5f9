"""What every node of one run shares: settings, session, log, workspace and policy.

The graph's context schema (`StateGraph(DocState, context_schema=RunContext)`): handed to
each node as `runtime.context` by `graph.invoke(..., context=ctx)`. It is run-scoped, never
checkpointed (the log, the policy and the linter could not be), and made again on resume.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from agentic_docgen.core.events import ProgressEvent
from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.policy.protocol import Policy
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.session import journal
from agentic_docgen.session.folder import Session
from agentic_docgen.session.log import SessionLog


@dataclass
class RunContext:
    settings: Settings
    session: Session
    log: SessionLog
    policy: Policy
    progress: Callable[[ProgressEvent], None] | None = None  # typed events (core/events.py)
    _ws: Workspace | None = field(default=None, repr=False)
    _assets_scan: int | None = field(default=None, repr=False)  # of the assets the ws holds
    linter: Any = None  # lint.Linter, started on first use, closed when the run ends
    steps: int = 0
    tool_calls: int = 0
    _writer: Any = field(default=None, repr=False)

    def section_writer(self) -> Any:
        """The model that writes a plan's instruction sections (policy/writer.py), made on
        first use; None when the run has no model."""
        if self.settings.model in ("", "offline"):
            return None
        if self._writer is None:
            from agentic_docgen.graph.policy.writer import SectionWriter

            self._writer = SectionWriter(self.settings)
        return self._writer

    def workspace(self, state: Mapping[str, Any]) -> Workspace:
        """The workspace, kept in step with the state (done before each node: see
        build._consistent): the input names and the reference map are read from the
        session's files (session/journal.py) when the state's count or scan number changes."""
        count = state.get("n_inputs", 0)
        if self._ws is None or len(self._ws.store.names) != count:
            self._ws = Workspace(self.session, journal.read_inputs(self.session.dir, count))
            self._assets_scan = None
        scan = state.get("assets_scan", 0)
        if scan != self._assets_scan:
            self._ws.assets = journal.read_assets(self.session.dir)
            self._assets_scan = scan
        self._ws.lang = state.get("lang") or "en"
        return self._ws

    def reload_inputs(self) -> None:
        """Read the input names again before the next node (the review reordered them)."""
        self._ws = None

    @property
    def inputs(self) -> list[str]:
        """The input files' names, in chapter order."""
        return self.ws.store.names

    @property
    def report(self) -> journal.Report:
        return journal.Report(self.session.dir)

    @property
    def ws(self) -> Workspace:
        """The workspace of the node running now (what the tools work on)."""
        if self._ws is None:
            raise RuntimeError("no workspace yet: RunContext.workspace(state) makes it")
        return self._ws

    def test_crash_hook(self, what: str) -> None:
        """Test hook: DOCGEN_TEST_CRASH_AFTER_STEPS=N / DOCGEN_TEST_CRASH_AFTER_TOOL_CALLS=N
        kill this process (SIGKILL) after N graph steps / tool calls, before the state of the
        step is saved: the worst moment for a crash."""
        import os
        import signal

        if what == "step":
            self.steps += 1
            limit = os.environ.get("DOCGEN_TEST_CRASH_AFTER_STEPS")
            count = self.steps
        else:
            self.tool_calls += 1
            limit = os.environ.get("DOCGEN_TEST_CRASH_AFTER_TOOL_CALLS")
            count = self.tool_calls
        if limit and count == int(limit):
            self.log.close()
            os.kill(os.getpid(), signal.SIGKILL)

    def emit(self, event: ProgressEvent) -> None:
        """The one place a run's progress is told (to the API's callback, the terminal's
        display, the JSONL stream): a callback's failure never stops the run."""
        if self.progress:
            try:
                self.progress(event)
            except Exception as exc:  # (a display or a caller's bug)
                self.log.error("progress_callback_failed", error=f"{type(exc).__name__}: {exc}")
