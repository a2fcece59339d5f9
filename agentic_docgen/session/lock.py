"""Whether a session is running: an exclusive `flock` on `<session>/run.lock`, held by the
process that runs it for the whole run.

A pid check said a killed run was still running while its process was a zombie nobody had
reaped (`kill -9`, then `docgen resume` at once). The kernel drops a flock when the process
that holds it exits, zombie or not, so the lock answers the question a pid cannot: is a
process still working on this folder? The lock follows its folder when the session is moved
to the archive (a lock is on the file, not on its path).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from agentic_docgen.core.errors import InputError

LOCK = "run.lock"


class SessionLock:
    """`with SessionLock(session_dir):` runs the session, or raises InputError (exit 2)
    when another process holds it."""

    def __init__(self, session_dir: Path) -> None:
        self.path = session_dir / LOCK
        self._fd: int | None = None

    def acquire(self) -> SessionLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise InputError(
                "session is still running (another docgen process holds it)",
                path=self.path.parent.name,
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # for a person looking; never trusted
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def is_locked(session_dir: Path) -> bool:
    """Does a process hold the session's lock now? (A session without a lock file, made by
    an older docgen, is not running.)"""
    try:
        fd = os.open(session_dir / LOCK, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
