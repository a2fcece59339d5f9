"""What stderr shows of a run's progress (`--progress auto|bar|plain|jsonl|none`): the
typed events of core/events.py drawn as a rich progress bar on a terminal, as the plain
lines a log file keeps, or as one JSON object per line (docs/progress.md).

A display is the API's `progress` callback; `paused()` stops the bar while the user is
asked something (a missing file, the plan's review)."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console
from rich.markup import escape

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.events import (
    ChapterCompleted,
    ChapterFailed,
    ChapterStarted,
    ProgressEvent,
    RunCompleted,
    RunStarted,
    Stage,
    UsageUpdated,
    WarningReported,
)

MODES = ("auto", "bar", "plain", "jsonl", "none")


class Display:
    """`none`: nothing while the run goes on (the summary at its end is still printed)."""

    jsonl = False  # stderr carries only events: no human lines around them

    def __init__(self, console: Console) -> None:
        self.console = console

    def __call__(self, event: ProgressEvent) -> None:
        return None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        yield

    def asking(self, ask: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """`ask` with the display paused while it asks."""

        def wrapped(pending: Any) -> Any:
            with self.paused():
                return ask(pending)

        return wrapped

    def close(self) -> None:
        return None


class Plain(Display):
    """The lines stderr showed before events were typed: a batch of chapters, a stage, a
    failed attempt (the warnings are summarised at the end)."""

    def __call__(self, event: ProgressEvent) -> None:
        if isinstance(event, ChapterStarted):
            if event.index != event.batch_first:
                return
            text = event.batch_line
        elif isinstance(event, (Stage, ChapterFailed)):
            text = str(event)
        else:
            return
        self.console.print(f"[dim]·[/] {escape(text)}", markup=True)


class Jsonl(Display):
    """One JSON object per event on stderr, flushed as it happens."""

    jsonl = True

    def __call__(self, event: ProgressEvent) -> None:
        self.write(event.to_dict())

    def invalid(self, exc: Exception) -> None:
        """The run could not start (exit 2): its one event."""
        from agentic_docgen.core.errors import DocgenError

        code = exc.exit_code if isinstance(exc, DocgenError) else 2
        self(RunCompleted("invalid", code, summary={"errors": [{"message": str(exc)}]}))

    def write(self, obj: dict[str, Any]) -> None:
        sys.stderr.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        sys.stderr.flush()


class Bar(Display):
    """One bar over the chapters, the current chapter or stage, elapsed and remaining time,
    and the model's tokens and cost when one is used (rich.progress)."""

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("chapters"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[extra]}", markup=False),
            console=console,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task: Any = None
        self.usage = ""
        self.warnings = 0

    def __call__(self, event: ProgressEvent) -> None:
        if isinstance(event, RunStarted):
            self._start(event)
        elif self.task is None:
            return
        elif isinstance(event, ChapterStarted):
            text = f"chapter {event.index}/{event.total}: {event.file}"
            self._update(event.total, event.index - 1, text[:60])
        elif isinstance(event, ChapterCompleted):
            self._update(event.total, event.index, None)
        elif isinstance(event, Stage):
            self._update(None, None, str(event), finished=True)
        elif isinstance(event, UsageUpdated):
            self.usage = (
                f"{event.input_tokens + event.output_tokens:,} tokens ${event.cost_usd:.4f}"
            )
            self._update(None, None, None)
        elif isinstance(event, WarningReported):
            self.warnings += 1
            self._update(None, None, None)
        elif isinstance(event, ChapterFailed):
            self.progress.console.print(f"[dim]·[/] {escape(str(event))}", markup=True)
        elif isinstance(event, RunCompleted):
            self.close()

    def _start(self, event: RunStarted) -> None:
        if self.task is None:
            self.progress.start()
            what = "resuming" if event.resumed else "starting"
            self.task = self.progress.add_task(what, total=event.total or 1, extra="")
        self.progress.update(self.task, total=event.total or 1, completed=event.done)

    def _update(
        self, total: int | None, done: int | None, text: str | None, finished: bool = False
    ) -> None:
        task = self.progress.tasks[0]
        completed = task.completed if done is None else max(task.completed, done)
        if finished:
            completed = task.total or completed
        extra = "  ".join(
            x for x in (self.usage, f"{self.warnings} warning(s)" if self.warnings else "") if x
        )
        self.progress.update(
            self.task,
            total=total or task.total,
            completed=completed,
            description=text or task.description,
            extra=extra,
        )

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        running = self.task is not None and self.progress.live.is_started
        if running:
            self.progress.stop()
        try:
            yield
        finally:
            if running:
                self.progress.start()

    def close(self) -> None:
        if self.task is not None and self.progress.live.is_started:
            self.progress.stop()


def display(mode: str, console: Console) -> Display:
    """The display `--progress MODE` asks for (`auto`: the bar on a terminal, else the
    plain lines)."""
    if mode not in MODES:
        raise InputError("must be auto, bar, plain, jsonl or none", path="--progress")
    if mode == "auto":
        mode = "bar" if console.is_terminal and not console.is_dumb_terminal else "plain"
    kinds: dict[str, type[Display]] = {"bar": Bar, "plain": Plain, "jsonl": Jsonl, "none": Display}
    return kinds[mode](console)
