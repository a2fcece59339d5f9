"""The block JSON contract (docs/json-contract.md) on the Python side: its version, its block
types, the check of its shape, and what it cannot hold (the characters XML 1.0 cannot hold
become visible control pictures)."""

from __future__ import annotations

import re
from typing import Any, NoReturn

SCHEMA_VERSION = 1
BLOCK_TYPES = ("heading", "paragraph", "code", "list", "table", "quote", "rule", "html")
RUN_KEYS = {"text", "break", "image", "missing_image", "footnote"}  # a run has one of these

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# the ASCII part of _XML_ILLEGAL, as bytes (one definition of the set)
_C0_ILLEGAL = bytes(c for c in range(0x80) if _XML_ILLEGAL.match(chr(c)))


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code == 0x7F:
        return "\u2421"
    if code < 0x20:
        return chr(0x2400 + code)
    return "\ufffd"


def illegal_count(text: str) -> int:
    """How many characters of `text` XML cannot hold (the ones `visible` replaces). An
    ASCII text (the usual log) is counted as bytes, about 4x faster than the regex."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, _C0_ILLEGAL))
    return len(_XML_ILLEGAL.findall(text))


def visible(text: str) -> str:
    """Text with the characters XML cannot hold replaced by visible control pictures."""
    return _XML_ILLEGAL.sub(_picture, text)


def visible_counted(text: str) -> tuple[str, int]:
    """`visible(text)` and how many characters it replaced."""
    return _XML_ILLEGAL.subn(_picture, text)


def _fail(path: str, msg: str) -> NoReturn:
    raise ValueError(f"{path}: {msg}")


def _runs(value: Any, path: str) -> None:
    if not isinstance(value, list):
        _fail(path, "runs must be a list")
    for i, run in enumerate(value):
        p = f"{path}[{i}]"
        if not isinstance(run, dict):
            _fail(p, "run must be an object")
        if not (RUN_KEYS & run.keys()):
            _fail(p, "run needs text, break, image, missing_image or footnote")
        if "text" in run and not isinstance(run["text"], str):
            _fail(p, "text must be a string")


def _block(b: Any, p: str) -> None:
    kind = b.get("type") if isinstance(b, dict) else None
    if kind not in BLOCK_TYPES:
        _fail(p, f"unknown block type {kind!r}")
    if kind == "heading":
        if b.get("level") not in range(1, 7):
            _fail(p, "heading level must be 1-6")
        _runs(b.get("runs"), f"{p}.runs")
    elif kind == "paragraph":
        _runs(b.get("runs"), f"{p}.runs")
    elif kind == "code" and "body" in b:
        body = b["body"]
        if not isinstance(body.get("path"), str) or not body.get("lines", 0) >= 1:
            _fail(f"{p}.body", "body needs a path and lines >= 1")
    elif kind in ("code", "html") and not isinstance(b.get("text"), str):
        _fail(p, "text must be a string")
    elif kind == "list":
        for j, item in enumerate(b.get("items", [])):
            _blocks(item.get("blocks"), f"{p}.items[{j}].blocks")
    elif kind == "table":
        width = len(b.get("header", []))
        for j, row in enumerate(b.get("rows", [])):
            if len(row) != width:
                _fail(f"{p}.rows[{j}]", f"{len(row)} cells, header has {width}")
    elif kind == "quote":
        _blocks(b.get("blocks"), f"{p}.blocks")


def _blocks(value: Any, path: str) -> None:
    if not isinstance(value, list):
        _fail(path, "blocks must be a list")
    for i, b in enumerate(value):
        _block(b, f"{path}[{i}]")


def validate_structure(doc: Any) -> None:
    """Check the contract's shape; raises ValueError naming the JSON path of the first fault."""
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA_VERSION:
        _fail("schema", f"must be {SCHEMA_VERSION}")
    _blocks(doc.get("blocks"), "blocks")
