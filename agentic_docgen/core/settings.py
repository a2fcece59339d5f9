"""Settings: flags > environment > defaults, resolved once by the entry point."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ALLOWED_EXTENSIONS = (".md", ".txt", ".log")
TABLE_EXTENSIONS = (".csv", ".tsv")  # a chapter holding a table
BLOCKED_EXTENSIONS = frozenset(
    {".exe", ".dll", ".so", ".dylib", ".bin", ".sh", ".bat", ".cmd", ".com", ".msi", ".ps1"}
)
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".svg"})
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_FILES = 10_000
# headings per run: the converter builds them all at once, about 20 KB each (session/shapes.py);
# 30,000 with 24 MB of markdown around them took it to 1.5 GB, 10,000 with 9 MB to 712 MB
MAX_HEADINGS = 10_000
# block starts per run: the parse holds them all at once, about 3-4 KB each (session/shapes.py)
MAX_BLOCKS = 200_000
# footnote definitions per run: the converter holds them all until the end, ~13 KB each
MAX_FOOTNOTES = 30_000
MAX_CONVERSION_ATTEMPTS = 3
CONVERTER_TIMEOUT_S = 600.0
LLM_BATCH_TOKENS = 6000  # the files' digests one model call is sent (a batch of files)


def default_home() -> Path:
    """Root of sessions and cache: $DOCGEN_HOME, else $XDG_DATA_HOME/docgen, else ~/.local/share."""
    env = os.environ.get("DOCGEN_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "docgen"


def _mb(flag: float | None, env: str, default: int) -> int:
    """A size limit in bytes: flag (MB) > environment (MB) > default."""
    if flag is not None:
        return int(flag * 1024 * 1024)
    value = env_number(env, None)
    return int(value * 1024 * 1024) if value is not None else default


def env_number(name: str, default: float | None) -> float | None:
    """A DOCGEN_* setting that is a number (unset or empty: `default`); anything else is a
    usage error naming the variable (exit 2), not a traceback."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not number >= 0 or number == float("inf"):
        from agentic_docgen.core.errors import InputError

        raise InputError(f"{name}={value!r} is not a number of 0 or more", path=name)
    return number


def _heap_cap() -> int | None:
    cap = env_number("DOCGEN_CONVERTER_HEAP_MB", None)
    return None if cap is None else max(1, int(cap))


def _env_int(name: str, default: int) -> int:
    return int(env_number(name, default) or default)


def project_root() -> Path:
    """The checkout (or installed tree) holding converter/ and node_modules/."""
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=default_home)
    sessions_root: Path | None = None  # --sessions-dir; else <home>/sessions
    model: str = "offline"
    api_base: str | None = None
    cache: bool = True  # the LLM response cache under <home>/cache/llm
    node: str = "node"
    converter_dir: Path = field(default_factory=lambda: project_root() / "converter")
    max_file_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_files: int = MAX_FILES
    max_blocks: int = MAX_BLOCKS
    max_attempts: int = MAX_CONVERSION_ATTEMPTS
    converter_timeout_s: float = CONVERTER_TIMEOUT_S
    llm_batch_tokens: int = LLM_BATCH_TOKENS
    converter_heap_mb: int | None = None  # $DOCGEN_CONVERTER_HEAP_MB: a cap (blocks/bridge.py)

    @property
    def sessions_dir(self) -> Path:
        return self.sessions_root or self.home / "sessions"

    @property
    def llm_cache_dir(self) -> Path:
        return self.home / "cache" / "llm"

    @property
    def archive_dir(self) -> Path:
        """Completed sessions are moved here (kept, out of the way of active ones)."""
        return self.sessions_dir / "archive"

    @classmethod
    def resolve(
        cls,
        *,
        sessions_dir: str | Path | None = None,
        model: str | None = None,
        api_base: str | None = None,
        cache: bool = True,
        max_file_mb: float | None = None,
        max_total_mb: float | None = None,
    ) -> Settings:
        """Flag > environment > default, for every setting."""
        return cls(
            home=default_home(),
            sessions_root=Path(sessions_dir).expanduser().resolve() if sessions_dir else None,
            model=model or os.environ.get("DOCGEN_MODEL") or "offline",
            api_base=api_base or os.environ.get("DOCGEN_API_BASE") or None,
            cache=cache,
            node=os.environ.get("DOCGEN_NODE") or "node",
            max_file_bytes=_mb(max_file_mb, "DOCGEN_MAX_FILE_MB", MAX_FILE_BYTES),
            max_total_bytes=_mb(max_total_mb, "DOCGEN_MAX_TOTAL_MB", MAX_TOTAL_BYTES),
            max_files=_env_int("DOCGEN_MAX_FILES", MAX_FILES),
            max_blocks=_env_int("DOCGEN_MAX_BLOCKS", MAX_BLOCKS),
            converter_timeout_s=env_number("DOCGEN_CONVERTER_TIMEOUT", CONVERTER_TIMEOUT_S)
            or CONVERTER_TIMEOUT_S,
            llm_batch_tokens=_env_int("DOCGEN_LLM_BATCH_TOKENS", LLM_BATCH_TOKENS),
            converter_heap_mb=_heap_cap(),
        )
