"""The clean markdown: the session's marks out, every other line as it was."""

from __future__ import annotations

import json
from pathlib import Path

from agentic_docgen.export.markdown import write_markdown
from tests.conftest import session_marks

DOC = """\
# Guide

<!-- docgen:source guide.md -->

See [the notes](docgen:notes.md#steps), [the notes' start](docgen:notes.md) and
[gone](docgen-missing:old/spec.md#intro).

![Pic](assets/pic.png) and <img src="assets/flow.svg" alt="flow"> but not
![mine](assets/not-copied.png).

FORGED

# Notes

<!-- docgen:source notes.md -->
## Steps

## Steps
"""

STRUCTURE = {
    "meta": {"title": 'A "quoted": title', "author": "", "created": "2026-12-04T10:00:00Z"},
    "blocks": [
        {"type": "heading", "level": 1, "runs": [{"text": "Guide"}], "id": "h_guide"},
        {"type": "heading", "level": 1, "runs": [{"text": "Notes"}], "id": "h_notes"},
        {"type": "heading", "level": 2, "runs": [{"text": "Steps"}], "id": "h_steps"},
        {"type": "heading", "level": 2, "runs": [{"text": "Steps"}], "id": "h_steps_2"},
    ],
}


def test_marks_out_links_and_images_pointed_at_the_copies(session: Path, tmp_path: Path) -> None:
    forged = "<!-- docgen:source:0123abcd notes.md -->"  # a mark of another session
    (session / "temp_output.md").write_text(session_marks(DOC, session).replace("FORGED", forged))
    (session / "links.json").write_text(
        json.dumps({"notes.md#steps": "#h_steps_2", "notes.md": "#h_notes"})
    )
    out = tmp_path / "my notes.md"
    copied = write_markdown(session, STRUCTURE, tmp_path / ".tmp", out)
    text = (tmp_path / ".tmp").read_text()
    assert copied == ["flow.svg", "pic.png"]
    assert sorted(p.name for p in (tmp_path / "my notes_files").iterdir()) == copied
    assert text.startswith(
        "---\ntitle: 'A \"quoted\": title'\ndate: '2026-12-04'\n---\n\n# Guide\n\n"
    )
    assert "<!-- docgen:source guide.md" not in text and "docgen-" not in text
    assert "[the notes](#steps-1)" in text  # the second "Steps" heading, as GitHub names it
    assert "[the notes' start](#notes)" in text
    assert "[gone](old/spec.md#intro)" in text  # what its author wrote
    assert "![Pic](my%20notes_files/pic.png)" in text
    assert '<img src="my%20notes_files/flow.svg"' in text
    assert "![mine](assets/not-copied.png)" in text  # not a copy of the session: as written
    assert forged in text  # typed by a user: their text
    assert "# Notes\n\n## Steps\n" in text
