"""The progress of a run as typed events (issue 20): what the graph emits (one place:
graph/context.py `RunContext.emit`), what the API's `progress` callback receives and what
`docgen convert --progress jsonl` writes, one JSON object per line (docs/progress.md).

Each event is a frozen dataclass; `to_dict()` is its JSON form (`{"event": NAME, ...}`) and
`str(event)` the plain line stderr showed before events were typed, so a callback written
for strings (`progress=print`) still reads the same text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

SCHEMA_VERSION = 1


def percent(done: int, total: int) -> float:
    """The share of `total` that `done` is, in percent, one decimal (100 for an empty run)."""
    return round(100.0 * done / total, 1) if total else 100.0


@dataclass(frozen=True)
class ProgressEvent:
    event: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, **dataclasses.asdict(self)}

    def __str__(self) -> str:
        return self.event


@dataclass(frozen=True)
class RunStarted(ProgressEvent):
    """A run begins (or resumes): its session, how many chapters, how many are done."""

    event: ClassVar[str] = "run_started"
    session_id: str
    total: int  # input files: one chapter each
    done: int = 0  # chapters already written (a resumed run)
    resumed: bool = False
    model: str = "offline"
    schema: int = SCHEMA_VERSION  # the version of these events (docs/progress.md)

    def __str__(self) -> str:
        verb = "resuming" if self.resumed else "starting"
        return f"{verb} session {self.session_id}: {self.total} chapter(s)"


@dataclass(frozen=True)
class ChapterStarted(ProgressEvent):
    """A chapter's first tool call is about to run. Chapters are written in batches
    (`batch_first`..`batch_last`, 1-based); stderr's plain line names the batch."""

    event: ClassVar[str] = "chapter_started"
    index: int  # 1-based
    total: int
    percent: float  # of the chapters done before this one
    file: str
    batch_first: int
    batch_last: int
    batch_files: tuple[str, str] = ("", "")  # the batch's first and last file

    @property
    def batch_line(self) -> str:
        """The line stderr shows when a batch begins: `chapter 1-3/3: a.md … c.md`."""
        first, last = self.batch_files
        if self.batch_first == self.batch_last:
            return f"chapter {self.batch_first}/{self.total}: {first}"
        return f"chapter {self.batch_first}-{self.batch_last}/{self.total}: {first} … {last}"

    def __str__(self) -> str:
        return f"chapter {self.index}/{self.total}: {self.file}"


@dataclass(frozen=True)
class ChapterCompleted(ProgressEvent):
    """A chapter is written, validated and checkpointed."""

    event: ClassVar[str] = "chapter_completed"
    index: int
    total: int
    percent: float  # of the chapters done, this one included
    file: str

    def __str__(self) -> str:
        return f"chapter {self.index}/{self.total} done: {self.file}"


@dataclass(frozen=True)
class ChapterFailed(ProgressEvent):
    """A stage failed; `retry_possible`: the run goes back to its last checkpoint and tries
    again. `file`/`index`: the chapter the error names, None when it names none."""

    event: ClassVar[str] = "chapter_failed"
    code: str
    message: str
    attempt: int
    retry_possible: bool
    stage: str | None = None
    file: str | None = None
    index: int | None = None

    def __str__(self) -> str:
        return f"attempt {self.attempt} failed: {self.code} {self.message}"


STAGES = {
    "parse": "parsing markdown",
    "convert": "writing .docx",
    "check": "checking the document",
    "export": "writing the other formats (--format)",
}


@dataclass(frozen=True)
class Stage(ProgressEvent):
    """The document is parsed, converted or checked (after the chapters)."""

    event: ClassVar[str] = "stage"
    name: str  # parse | convert | check | export
    attempt: int = 1

    def __str__(self) -> str:
        text = STAGES.get(self.name, self.name)
        return f"{text} (attempt {self.attempt})" if self.attempt > 1 else text


@dataclass(frozen=True)
class UsageUpdated(ProgressEvent):
    """A model turn: the run's tokens and cost so far."""

    event: ClassVar[str] = "usage"
    input_tokens: int
    output_tokens: int
    cost_usd: float
    calls: int

    def __str__(self) -> str:
        return (
            f"model: {self.input_tokens + self.output_tokens:,} tokens,"
            f" ${self.cost_usd:.4f}, {self.calls} call(s)"
        )


@dataclass(frozen=True)
class WarningReported(ProgressEvent):
    """A warning, as it is reported (the summary lists them all again)."""

    event: ClassVar[str] = "warning"
    message: str

    def __str__(self) -> str:
        return f"warning: {self.message}"


@dataclass(frozen=True)
class RunCompleted(ProgressEvent):
    """The run ended: complete, paused, failed or invalid; `summary` is the `--json` object."""

    event: ClassVar[str] = "run_completed"
    status: str
    exit_code: int
    session_id: str | None = None
    output_path: str | None = None
    elapsed_s: float = 0.0
    summary: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"run {self.status} ({self.elapsed_s:.1f} s)"
