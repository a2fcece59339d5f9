"""The project's exceptions, and the one place they map to exit codes.

Exit codes (the command-line contract, see docs/cli.md):
0 complete, 1 conversion failed, 2 invalid input or usage, 3 paused waiting for a decision.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_PAUSED = 3


class DocgenError(Exception):
    """Base class: a failure with a one-line message meant for the user."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:  # one line, naming the file when known
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(DocgenError):
    """The input folder, a file in it, or an option is unusable (exit 2)."""

    exit_code = EXIT_INVALID


class SecurityError(InputError):
    """A path that leaves the folder it must stay in (exit 2)."""


class ToolError(Exception):
    """A tool call the agent made is invalid; its message goes back to the agent."""
