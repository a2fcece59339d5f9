"""Session folders (FC012): `<sessions dir>/<uuid>/{inputs,assets,checkpoints,logs}/`.

The entry point owns the lifecycle: create → copy inputs → run the graph → archive on success,
keep on failure. Nothing inside the graph creates, moves or deletes a session.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.settings import Settings
from agentic_docgen.session.inputs import CP1252_FALLBACK, UTF8_REPLACE, InputFile, read_text

SUBDIRS = ("inputs", "assets", "checkpoints", "logs")
META = "session.json"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a unique temp file in the same folder, then rename over the target."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass
class Session:
    id: str
    dir: Path

    @property
    def inputs(self) -> Path:
        return self.dir / "inputs"

    @property
    def assets(self) -> Path:
        return self.dir / "assets"

    @property
    def checkpoints(self) -> Path:
        return self.dir / "checkpoints"

    @property
    def markdown(self) -> Path:
        return self.dir / "temp_output.md"

    @property
    def structure(self) -> Path:
        return self.dir / "structure.json"

    @property
    def links(self) -> Path:  # the parser's internal links: target -> #heading id
        return self.dir / "links.json"

    @property
    def docx(self) -> Path:
        return self.dir / "output.docx"

    @property
    def state_db(self) -> Path:
        return self.dir / "state.sqlite"

    @property
    def log_path(self) -> Path:
        return self.dir / "logs" / "session.jsonl"

    def read_meta(self) -> dict[str, Any]:
        try:
            return json.loads((self.dir / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def update_meta(self, **fields: Any) -> None:
        meta = self.read_meta()
        meta.update(fields)
        write_atomic(self.dir / META, json.dumps(meta, indent=2, ensure_ascii=False))


class SessionManager:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def create(self, input_dir: Path) -> Session:
        session_id = str(uuid.uuid4())
        base = self.settings.sessions_dir / session_id
        try:
            for sub in SUBDIRS:
                (base / sub).mkdir(parents=True, exist_ok=False)
        except OSError as exc:
            raise InputError(
                f"cannot create the session folder: {exc.strerror}", path=str(base)
            ) from None
        session = Session(session_id, base)
        session.update_meta(
            id=session_id, input_dir=str(input_dir.resolve()), status="running", started=now_iso()
        )
        return session

    def copy_inputs(self, session: Session, files: list[InputFile]) -> tuple[list[str], list[str]]:
        """Copy each input into inputs/ under its relative path, decoded to UTF-8 with \\n.
        Returns the names and a warning per file whose invalid bytes were replaced (E003)
        or whose encoding was not detected (read as cp1252)."""
        names, warnings = [], []
        for item in files:
            dest = session.inputs / item.rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            names.append(item.rel)
            if item.encoding == "utf-8":
                data = item.path.read_bytes()
                if b"\r" not in data and not data.startswith(codecs.BOM_UTF8):
                    data.decode("utf-8")  # still valid? (raises as read_text would)
                    dest.write_bytes(data)  # already what read_text gives: no decoding round
                    continue
            text = read_text(item)
            dest.write_text(text, encoding="utf-8", newline="\n")
            if item.encoding == CP1252_FALLBACK:
                warnings.append(
                    f"{item.rel}: encoding not detected; read as Windows-1252 (cp1252, Latin-1"
                    " for its 5 undefined bytes): check its accented characters"
                )
            if item.encoding == UTF8_REPLACE:
                bad = [n for n, line in enumerate(text.split("\n"), 1) if "\ufffd" in line]
                where = ", ".join(map(str, bad[:5])) + (" …" if len(bad) > 5 else "")
                warnings.append(
                    f"E003 {item.rel}: invalid UTF-8 bytes shown as \ufffd (line {where})"
                )
        return names, warnings

    def find(self, session_id: str) -> Session:
        for root in (self.settings.sessions_dir, self.settings.archive_dir):
            candidate = root / session_id
            if session_id and "/" not in session_id and (candidate / META).exists():
                return Session(session_id, candidate)
        raise InputError("no such session", path=session_id)

    def archive(self, session: Session) -> Session:
        """Move a completed session under archive/ (kept, out of the active list)."""
        dest = self.settings.archive_dir / session.id
        if dest.resolve() == session.dir.resolve():  # (a refined session is there already)
            return session
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(session.dir), str(dest))
        return Session(session.id, dest)
