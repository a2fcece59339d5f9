"""The block JSON contract (docs/json-contract.md) on the Python side: its version and what it
cannot hold (the characters XML 1.0 cannot hold become visible control pictures).

The contract's shape has one definition, `converter/contract/blocks.schema.json` (JSON Schema),
checked by the converter (ajv) on every hand-over and by the Python tests (jsonschema)."""

from __future__ import annotations

import re

SCHEMA_VERSION = 1

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
