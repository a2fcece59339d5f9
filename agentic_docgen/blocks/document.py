"""Markdown → the versioned block JSON contract (docs/json-contract.md), with mistletoe: the
public entry, parse_markdown.

Images are embedded only from the session's assets/ folder; any other reference becomes a
named placeholder. Characters XML 1.0 cannot hold become visible control pictures.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from mistletoe.block_token import Document

from agentic_docgen.blocks import parallel as in_pieces
from agentic_docgen.blocks.anchors import LineAnchors
from agentic_docgen.blocks.bodies import Verbatim, extract_bodies
from agentic_docgen.blocks.contract import SCHEMA_VERSION
from agentic_docgen.blocks.footnotes import parse_context
from agentic_docgen.blocks.parser import Block, Parser
from agentic_docgen.core.language import label
from agentic_docgen.markdown.lines import split_lines


def parse_markdown(
    text: str,
    session_dir: Path,
    meta: dict[str, Any],
    verbatim: list[Verbatim] | None = None,
    source: Path | None = None,
    bodies: bool = True,
    parallel: bool | None = None,
    line_spans: dict[str, list[tuple[int, int]]] | None = None,
    compact: bool = False,
) -> tuple[dict[str, Any], Parser]:
    """Parse the generated markdown into the contract; returns the structure and the parser
    (for its counts). `verbatim`: the code blocks the tools copied verbatim, by their 1-based
    opening and closing fence lines, with the level words of their lines when they are known
    (sources.level_words). `source`: the markdown file the text was read from, unchanged;
    with it, big fenced code blocks are handed to the converter by their byte range in that
    file (`code.body`) instead of in the JSON. `bodies=False`: none is. `parallel`: parse
    the document in pieces on several cores (see blocks.parallel); None: when it has at
    least PARALLEL_MIN_CHARS and the machine more than one core, True: whenever it can be
    split, False: never. The result is the same either way. `line_spans`: the source lines
    of each input's verbatim blocks, in order, when links to single lines must resolve
    (blocks.anchors; the document is then parsed in one piece). `compact`: the settled
    top-level blocks come as their JSON (parser.RawBlock), for a caller that only writes
    them out (graph/nodes/output.py)."""
    lines = split_lines(text)
    del text  # the lines hold it now (a 100 MB log is not kept twice)
    parser = Parser(session_dir)
    parser.missing_file = label(meta.get("lang"), "missing_file")  # in the document's language
    parser.compact = compact
    if line_spans:
        parser.line_anchors = LineAnchors(line_spans)
        parallel = False
    parsed = lines
    if bodies and source is not None:
        parsed, parser.bodies = extract_bodies(lines, verbatim or [], source)
    done = in_pieces.parse_in_pieces(parser, parsed, parallel)
    if done is not None:
        del parsed
        try:
            blocks = in_pieces.merge(parser, done)
        except Exception:  # not expected; the pieces are dropped: parse in this process
            again = "\n".join(lines) + "\n"
            return parse_markdown(
                again, session_dir, meta, verbatim, source, bodies, False, line_spans, compact
            )
    else:
        with parse_context():
            doc = Document([line + "\n" for line in parsed])
            if doc.footnotes:  # (mistletoe's name for link reference definitions)
                del doc
                blocks = []
                for part in _file_parts(parsed, parser):
                    part_doc = Document([line + "\n" for line in part])
                    blocks += parser.top_blocks(part_doc.children)
            else:
                blocks = parser.top_blocks(doc.children)
            del parsed
    if parser.bodies_used != set(parser.bodies):
        # A placeholder was not read as a code block (it sat inside some other construct):
        # parse everything the ordinary way rather than lose that content.
        again = "\n".join(lines) + "\n"
        return parse_markdown(
            again,
            session_dir,
            meta,
            bodies=False,
            parallel=parallel,
            line_spans=line_spans,
            compact=compact,
        )
    parser.resolve(blocks)
    return _structure(parser, blocks, meta), parser


def _file_parts(lines: list[str], parser: Parser) -> list[list[str]]:
    """The document in one part per input file (markdown.dialect file_starts), each parsed
    as a document of its own: a link reference definition belongs to its file (a `[foo]` in
    one file never links to another file's `[foo]: …`), and nothing one file leaves open
    reaches into the next. (Only a document with a definition is cut: any other reads the
    same whole, as the tools close each file off when they append it.)"""
    cuts = [0, *parser.dialect.file_starts(lines), len(lines)]
    return [lines[a:b] for a, b in itertools.pairwise(cuts)]


def _structure(parser: Parser, blocks: list[Block], meta: dict[str, Any]) -> dict[str, Any]:
    """The contract's document: its blocks, its metadata and footnotes (the converter checks
    it against the contract's schema)."""
    structure: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "meta": {
            k: (parser.clean(v) if isinstance(v, str) else v)
            for k, v in meta.items()
            if v is not None
        },
        "blocks": blocks,
    }
    if parser.footnotes:
        structure["footnotes"] = parser.footnotes
    return structure
