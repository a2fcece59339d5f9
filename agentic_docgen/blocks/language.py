"""Chapters in another language than the document: found on the blocks, tagged for Word.

A chapter is the run of top-level blocks from one heading of the chapter level (1, or 2 in
a document in parts) to the next heading of that level or above. Its prose (headings,
paragraphs, lists, quotes, tables; not code) is sampled up to SAMPLE_CHARS and detected
(markdown/language.py); a chapter in another language than the document's gets `lang` on
each of its top-level blocks (the contract's block `lang`), which the converter turns into
the runs' w:lang and, for Chinese, Japanese and Korean, their East Asian font. A block the
parse kept as its JSON (parser.RawBlock) is read for the sample and tagged in its JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from agentic_docgen.blocks.parser import RawBlock
from agentic_docgen.core.language import primary, word_tag
from agentic_docgen.markdown.language import SAMPLE_CHARS, detect_many

Block = dict[str, Any]


def _texts(block: Block) -> Iterator[str]:
    """The text of a block's runs, in order (code, html and pictures left out)."""
    kind = block.get("type")
    if kind in ("heading", "paragraph"):
        yield from (r["text"] for r in block.get("runs", ()) if "text" in r and not r.get("code"))
    elif kind == "quote":
        for b in block["blocks"]:
            yield from _texts(b)
    elif kind == "list":
        for item in block["items"]:
            for b in item["blocks"]:
                yield from _texts(b)
    elif kind == "table":
        for row in [block["header"], *block["rows"]]:
            for cell in row:
                yield from (r["text"] for r in cell if "text" in r and not r.get("code"))


def _sample(blocks: list[Block]) -> str:
    out: list[str] = []
    size = 0
    for block in blocks:
        for text in _texts(json.loads(block) if isinstance(block, str) else block):
            out.append(text)
            size += len(text)
            if size >= SAMPLE_CHARS:
                return " ".join(out)[:SAMPLE_CHARS]
    return " ".join(out)


def chapters(blocks: list[Block], level: int) -> list[list[Block]]:
    """The top-level blocks cut before each heading of `level` or above."""
    out: list[list[Block]] = [[]]
    for block in blocks:  # (a heading is never a RawBlock)
        heading = not isinstance(block, str) and block.get("type") == "heading"
        if heading and block["level"] <= level and out[-1]:
            out.append([])
        out[-1].append(block)
    return [c for c in out if c]


def tag_chapters(blocks: list[Block], document: str, level: int = 1) -> dict[str, int]:
    """Tag the chapters whose language is not the document's; the number of chapters per
    language found other than the document's (for the log)."""
    found: Counter[str] = Counter()
    parts = chapters(blocks, level)
    end = 0
    for chapter, code in zip(parts, detect_many([_sample(c) for c in parts]), strict=True):
        first, end = end, end + len(chapter)  # (the chapters cover the blocks, in order)
        if code is None or code == primary(document):
            continue
        found[code] += 1
        tag = word_tag(code)
        for i in range(first, end):
            block = blocks[i]
            if isinstance(block, str):  # its JSON with `lang` last, as json.dumps writes it
                blocks[i] = RawBlock(f"{block[:-1]},{json.dumps('lang')}:{json.dumps(tag)}}}")
            else:
                block["lang"] = tag
    return dict(found)
