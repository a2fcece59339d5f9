"""The final parse of a big document holds its settled blocks as their JSON (parser.RawBlock,
`parse_markdown(compact=True)`) and writes the structure a group of blocks at a time
(graph/nodes/output.py write_structure), issue 24: the file is byte for byte what
json.dumps of the ordinary parse writes, in one piece or in several, and the parse holds
far less."""

from __future__ import annotations

import gc
import json
import random
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from agentic_docgen.blocks import parallel
from agentic_docgen.blocks.bodies import BODY_MIN_LINES
from agentic_docgen.blocks.document import parse_markdown
from agentic_docgen.blocks.parser import RawBlock
from agentic_docgen.graph.nodes import output
from agentic_docgen.graph.nodes.output import write_structure
from tests.blocks.test_parallel import _document
from tests.conftest import session_marks

META = {"title": "Référence", "author": "A"}
GOLDEN = Path(__file__).parent / "golden"


def _plain(structure: dict[str, Any]) -> str:
    return json.dumps(structure, ensure_ascii=False, separators=(",", ":"))


def _pages(count: int, seed: int = 7) -> str:
    """Command reference pages as the tools copy them: a chapter per file, a summary, an
    example, options in a list, a table, and links to the other pages."""
    rng = random.Random(seed)
    words = [
        "cache",
        "worker",
        "job",
        "index",
        "replica",
        "queue",
        "latency",
        "disk",
        "token",
        "cluster",
    ]
    out = []
    for n in range(count):
        other = rng.randrange(count)
        out += [f"# cmd-{n}", "", f"<!-- docgen:source tools/cmd-{n}.md -->", ""]
        out += [" ".join(rng.choices(words, k=12)).capitalize() + ".", ""]
        out += ["## Examples", "", "```sh", f"cmd-{n} --{rng.choice(words)} {n}", "```", ""]
        out += ["- `-v`: more output", "- `-q`: less output", ""]
        out += ["| flag | meaning |", "|---|---|", f"| -n | {rng.choice(words)} |", ""]
        out += [f"See [cmd-{other}](docgen:tools/cmd-{other}.md) and *{rng.choice(words)}*.", ""]
    return "\n".join(out) + "\n"


def _big_body(session: Path) -> tuple[str, list[Any], Path]:
    """Two chapters around a log big enough to be handed over by its byte range."""
    log = [f"2026-12-04 22:00:{i % 60:02d} WARN step {i}" for i in range(BODY_MIN_LINES + 5)]
    md = ["# Logs", "", "<!-- docgen:source run.log -->", "", "```log"]
    spans = [(len(md), len(md) + len(log) + 1, None)]
    md += [*log, "```", "", *_document(2).splitlines()]
    path = session / "temp_output.md"
    path.write_text(session_marks("\n".join(md) + "\n", session), encoding="utf-8")
    return path.read_text("utf-8"), spans, path


@pytest.mark.parametrize("pieces", [False, True])
@pytest.mark.parametrize(
    "doc", ["chapters", "pages", "body", *sorted(p.stem for p in GOLDEN.glob("*.md"))]
)
def test_the_written_structure_is_the_ordinary_json(
    session: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: str, pieces: bool
) -> None:
    monkeypatch.setattr(parallel, "_cpu_count", lambda: 2)
    args: list[Any] = []
    if doc == "body":
        text, spans, path = _big_body(session)
        args = [spans, path]
    elif doc in ("chapters", "pages"):
        text = session_marks(_document() if doc == "chapters" else _pages(60), session)
    else:
        text = session_marks((GOLDEN / f"{doc}.md").read_text("utf-8"), session)
    plain, plain_parser = parse_markdown(text, session, META, *args, parallel=pieces)
    compact, parser = parse_markdown(text, session, META, *args, parallel=pieces, compact=True)
    assert parser.pieces == plain_parser.pieces
    if doc in ("chapters", "pages", "body"):
        assert parser.pieces == (2 if pieces else 1), parser.serial_reason
        assert any(isinstance(b, RawBlock) for b in compact["blocks"])
    out = tmp_path / "structure.json"
    write_structure(out, compact)
    assert out.read_text("utf-8") == _plain(plain)
    assert parser.unresolved_links == plain_parser.unresolved_links
    assert parser.resolved_links == plain_parser.resolved_links
    assert all(b is None for b in compact["blocks"])  # each let go once written


def test_what_waits_for_the_end_of_the_walk_stays_objects(session: Path) -> None:
    """Headings (their ids), runs with links or footnote references (resolve) are never
    written early; a page's prose, code, lists and tables are."""
    structure, _ = parse_markdown(session_marks(_pages(40), session), session, META, compact=True)
    kept = [b for b in structure["blocks"] if not isinstance(b, RawBlock)]
    raw = [json.loads(b) for b in structure["blocks"] if isinstance(b, RawBlock)]
    assert {b["type"] for b in kept} == {"heading", "paragraph"}
    assert all("link" in json.dumps(b) for b in kept if b["type"] == "paragraph")
    assert not any(b["type"] == "heading" or '"link"' in json.dumps(b) for b in raw)
    assert {b["type"] for b in raw} >= {"paragraph", "code", "list", "table"}


def _held(session: Path, text: str, compact: bool) -> tuple[int, int]:
    """Bytes the parse's result holds, and the JSON's size."""
    tracemalloc.start()
    try:
        structure, _ = parse_markdown(text, session, META, parallel=False, compact=compact)
        gc.collect()  # (the token trees: mistletoe's tokens point to their parents)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    size = len(_plain({**structure, "blocks": []})) + sum(
        len(b) if isinstance(b, str) else len(_plain(b)) for b in structure["blocks"]
    )
    return held, size


def test_the_compact_parse_holds_a_fraction_of_the_objects(session: Path) -> None:
    """A size guard: 300 pages' parse held 6-7 times their JSON as block objects; compact,
    under half of that (the headings and the paragraphs with links stay objects)."""
    text = session_marks(_pages(300), session)
    parse_markdown(text, session, META, parallel=False)  # (lexers and caches loaded once)
    plain, size = _held(session, text, False)
    compact, same = _held(session, text, True)
    assert same == size
    assert plain > 4 * size, (plain, size)  # (so the comparison means something)
    assert compact < plain / 2, (compact, plain)


def test_writing_does_not_hold_the_document_twice(
    session: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """json.dumps of the whole structure held its text (and write_text its bytes) at once,
    beside the objects; the writer holds a group of blocks (here 100 of 3,200)."""
    monkeypatch.setattr(output, "_WRITE_GROUP", 100)
    text = session_marks(_pages(400), session)
    structure, _ = parse_markdown(text, session, META, parallel=False)
    size = len(_plain(structure))
    tracemalloc.start()
    try:
        write_structure(tmp_path / "s.json", structure)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (tmp_path / "s.json").stat().st_size >= size
    assert peak < size / 3, (peak, size)


CHAPTERS = {
    "Installation": "The installer copies the files into your home folder and asks before it"
    " overwrites anything. Run it again at any time to repair a broken setup.",
    "Démarrage rapide": "Ouvrez le terminal, puis lancez la commande avec le dossier de vos"
    " notes. Le programme écrit un seul document et vous indique où il se trouve.",
    "Fehlerbehebung": "Wenn der Konverter abbricht, lesen Sie zuerst die letzte Zeile der"
    " Ausgabe. Sie nennt die Datei und den Grund, und nichts von Ihrem Text geht verloren.",
}


def test_chapters_in_other_languages_are_tagged_in_the_json(session: Path, tmp_path: Path) -> None:
    """tag_chapters (--lang auto, the default) reads and tags the blocks kept as JSON: the
    file is what tagging the ordinary parse's objects gives."""
    from agentic_docgen.blocks.language import tag_chapters

    lines = []
    for n, (title, prose) in enumerate(CHAPTERS.items()):
        lines += [f"# {title}", "", f"<!-- docgen:source c{n}.md -->", "", prose, ""]
        lines += ["- " + prose.split(". ")[0], "- " + prose.split(". ")[1], "", "```sh", "x", "```"]
        lines += ["", "| a | b |", "|---|---|", f"| {prose[:40]} | 1 |", ""]
    text = session_marks("\n".join(lines) + "\n", session)
    plain, _ = parse_markdown(text, session, META, parallel=False)
    compact, _ = parse_markdown(text, session, META, parallel=False, compact=True)
    found = tag_chapters(plain["blocks"], "en")
    assert tag_chapters(compact["blocks"], "en") == found == {"fr": 1, "de": 1}
    tagged = [b for b in compact["blocks"] if isinstance(b, RawBlock) and '"lang":' in b]
    assert len(tagged) >= 6 and all(isinstance(b, RawBlock) for b in tagged)
    write_structure(tmp_path / "s.json", compact)
    assert (tmp_path / "s.json").read_text("utf-8") == _plain(plain)
