"""The graph's checkpointer: LangGraph's SQLite saver in the session folder (state.sqlite),
keeping only the last few checkpoints.

A resumed run needs the last checkpoint and its pending writes; docgen reads no history
(`get_state`, never `get_state_history`). LangGraph's saver keeps every step's checkpoint, a
few KB each: some ten steps per input file made state.sqlite the largest file of a session
(56 MB for 2,000 one-page files). Pruning as the run goes keeps it at a few hundred KB
whatever the folder's size.

Safe because every checkpoint holds the whole value of each channel: the state has no
LangGraph `DeltaChannel` (whose checkpoints would need their ancestors); a test resumes runs
killed after a prune.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

KEEP = 4  # checkpoints kept per thread (the last one is what a resume needs)
PRUNE_EVERY = 16  # saves between two prunes (so at most KEEP + PRUNE_EVERY are kept)
_PRUNE = """
DELETE FROM {table} WHERE thread_id = ?1 AND checkpoint_ns = ?2 AND checkpoint_id NOT IN (
    SELECT checkpoint_id FROM checkpoints WHERE thread_id = ?1 AND checkpoint_ns = ?2
    ORDER BY checkpoint_id DESC LIMIT ?3)
"""


def kept() -> int:
    """Checkpoints kept per thread; 0 keeps them all (DOCGEN_TEST_KEEP_CHECKPOINTS, for the
    tests that read the history)."""
    value = os.environ.get("DOCGEN_TEST_KEEP_CHECKPOINTS")
    return int(value) if value not in (None, "") else KEEP


def pruning_saver(conn: sqlite3.Connection, keep: int | None = None) -> Any:
    """A SqliteSaver on `conn` that keeps the last `keep` checkpoints of each thread."""
    from langgraph.checkpoint.sqlite import SqliteSaver

    limit = kept() if keep is None else keep

    class PruningSaver(SqliteSaver):
        saves = 0

        def put(self, config: Any, checkpoint: Any, metadata: Any, new_versions: Any) -> Any:
            saved = super().put(config, checkpoint, metadata, new_versions)
            self.saves += 1
            if limit and self.saves % PRUNE_EVERY == 0:
                self.keep_last(saved["configurable"])
            return saved

        def keep_last(self, where: dict[str, Any]) -> None:
            """Delete all but the last `limit` checkpoints of a thread, and their writes
            (checkpoint ids are time-ordered: the saver finds the latest the same way)."""
            args = (str(where["thread_id"]), where.get("checkpoint_ns", ""), limit)
            with self.cursor() as cur:
                cur.execute(_PRUNE.format(table="writes"), args)
                cur.execute(_PRUNE.format(table="checkpoints"), args)

    return PruningSaver(conn)
