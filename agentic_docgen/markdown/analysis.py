"""One reading of a markdown input for every pass that needs mistletoe's view of it (issue 21
item 3, issue 24): the reference scan (links, images), the offline plan (top-level headings),
the copy of a span (the block it leaves open, its internal links) used to parse the same
file up to four times; now the scan reads each file once, with its inline tokens, and the
later passes find what they need here.

Readings are kept by the SHA-1-like digest of the lines read (never the text itself), and
bounded by what they hold. A reading also answers for a *tail* of its text that starts
where mistletoe starts afresh (after one of the first headings and blank lines only, or
after blank lines at the start): the blocks of the tail are the text's blocks from there on,
so are its headings, the block left open at its end and, when the text defines no link
reference, its links.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from mistletoe import HtmlRenderer
from mistletoe.block_token import (
    BlockCode,
    CodeFence,
    Document,
    Heading,
    HtmlBlock,
    SetextHeading,
)

from agentic_docgen.markdown import linear  # noqa: F401  (mistletoe's inline parse made linear)
from agentic_docgen.markdown.scan import closes_fence, html_block_end

_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)

Headings = list[tuple[int, int, int]]  # (first line, last line, level), 0-based


class OpenEnd(NamedTuple):
    """A top-level block the text leaves open at its end, which would take in what follows:
    a fenced code block never closed, or an HTML block (CommonMark's kinds 1 to 5) whose end
    never comes. `line`: its first line (0-based); `closing`: the line that closes it."""

    line: int
    marker: str  # the fence's marker ('' for an HTML block)
    closing: str


class Reading(NamedTuple):
    """What the passes need of one parse of a text (its lines, split on \\n only)."""

    headings: Headings
    open_end: OpenEnd | None
    links: list[str] | None  # link targets in order (None: not read, a parse of blocks only)
    images: list[str] | None  # image sources in order, `<img src>` included (None: not read)
    # the lines of code blocks, fenced or indented, at any depth (in lists, quotes): (first,
    # last) 0-based, fence lines included; their text is shown as written, links and all
    code: list[tuple[int, int]] | None = None


TAILS = 3  # headings after which a reading also answers for the text's tail
KEPT_WEIGHT = 400_000  # readings kept: their headings, links and images, at most this many
_READINGS: OrderedDict[bytes, tuple[Reading, int]] = OrderedDict()
_weight = 0
PARSES = {"blocks": 0, "inline": 0}  # mistletoe Document parses done here (tests count them)


def key_of(lines: list[str]) -> bytes:
    return hashlib.blake2b(
        "\n".join(lines).encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


def known(lines: list[str], need_links: bool = False) -> Reading | None:
    """The reading of these lines kept from an earlier parse (of them, or of a text they are
    a tail of); with need_links, only one that holds the links."""
    found = _READINGS.get(key_of(lines))
    if found is None or (need_links and found[0].links is None):
        return None
    _READINGS.move_to_end(key_of(lines))
    return found[0]


def read(lines: list[str], inline: bool) -> Reading:
    """Parse the lines (`inline`: with the inline tokens, for links and images; else the
    blocks only, three times faster) and keep the reading, and those of its first tails."""
    found = known(lines, need_links=inline)
    if found is not None:
        return found
    reading, starts, per_block, defines = _parse(lines, inline)
    _keep(key_of(lines), reading)
    headings, end = reading.headings, reading.open_end
    for k in _fresh_starts(lines, headings):
        if end is not None and end.line < k:
            break
        tail = [(a - k, b - k, level) for a, b, level in headings if a >= k]
        tail_links = None
        if per_block is not None and not defines:  # (a definition may be before the tail)
            tail_links = _flat([ls for s, ls in zip(starts, per_block, strict=True) if s >= k])
        tail_end = end._replace(line=end.line - k) if end else None
        code = [(a - k, b - k) for a, b in reading.code or () if a >= k]
        _keep(key_of(lines[k:]), Reading(tail, tail_end, tail_links, None, code))
    return reading


def fresh(lines: list[str]) -> Reading:
    """A parse of the blocks of these lines, neither looked up nor kept."""
    return _parse(lines, inline=False)[0]


def _parse(
    lines: list[str], inline: bool
) -> tuple[Reading, list[int], list[list[str]] | None, bool]:
    """The reading, the first line of each top-level block, the links in each (inline) and
    whether the text defines link references."""
    with _parse_context(inline):
        doc = Document([line + "\n" for line in lines])  # split on \n only, see md_lines
    PARSES["inline" if inline else "blocks"] += 1
    children = list(doc.children or ())
    starts = [int(getattr(c, "line_number", 1)) - 1 for c in children]
    end = _left_open(children[-1], lines) if children else None
    per_block: list[list[str]] | None = None
    images: list[str] | None = None
    if inline:
        per_block = [_links(child) for child in children]
        images = []
        _walk_images(doc, images)
    code: list[tuple[int, int]] = []
    _code_lines(doc, lines, code)
    headings = _headings(children, starts, lines)
    reading = Reading(headings, end, _flat(per_block), images, code)
    return reading, starts, per_block, bool(getattr(doc, "footnotes", None))


def forget() -> None:
    global _weight
    _READINGS.clear()
    _weight = 0


def _keep(key: bytes, reading: Reading) -> None:
    global _weight
    old = _READINGS.pop(key, None)
    if old is not None:
        _weight -= old[1]
    weight = 1 + len(reading.headings) + len(reading.links or ()) + len(reading.images or ())
    _READINGS[key] = (reading, weight)
    _weight += weight
    while _weight > KEPT_WEIGHT and len(_READINGS) > 1:
        _weight -= _READINGS.popitem(last=False)[1][1]


def _flat(per_block: list[list[str]] | None) -> list[str] | None:
    return None if per_block is None else [t for ts in per_block for t in ts]


def _fresh_starts(lines: list[str], headings: Headings) -> Iterator[int]:
    """Where a tail of the lines parses as the lines do from there: the first non-blank line
    after blank lines at the start, and after each of the first TAILS headings (the lines
    between blank). Those are the tails the offline plan reads and copies."""
    first = next((i for i, line in enumerate(lines) if line.strip(" \t")), len(lines))
    if 0 < first < len(lines):
        yield first
    for _, last, _ in headings[:TAILS]:
        k = last + 1
        while k < len(lines) and not lines[k].strip(" \t"):
            k += 1
        if k < len(lines):
            yield k


@contextmanager
def _parse_context(inline: bool) -> Iterator[None]:
    """While a Document is parsed: with the HTML tokens (inline) or no inline token at all
    (where the blocks and headings are does not depend on them: 1 MB of markdown 0.41 s to
    0.14 s; HTML blocks are read as the document's parser reads them). The cyclic garbage
    collector waits meanwhile, as for the whole parse (mdext.parse_context): 10-20% less."""
    from mistletoe import block_token, span_token

    enabled = gc.isenabled()
    gc.disable()
    saved = span_token._token_types[:]
    saved_blocks = block_token._token_types[:]
    try:
        if inline:
            with HtmlRenderer():
                yield
        else:
            span_token._token_types[:] = [span_token.RawText]  # the fallback, always last
            if HtmlBlock not in block_token._token_types:
                block_token._token_types.insert(0, HtmlBlock)
            yield
    finally:
        span_token._token_types[:] = saved
        block_token._token_types[:] = saved_blocks
        if enabled:
            gc.enable()


def _headings(children: Sequence[object], starts: list[int], lines: list[str]) -> Headings:
    found = []
    for child, first in zip(children, starts, strict=True):
        if isinstance(child, SetextHeading):
            last = first
            while last + 1 < len(lines) and not _SETEXT_UNDERLINE.match(lines[last + 1]):
                last += 1
            found.append((first, min(last + 1, len(lines) - 1), child.level))
        elif isinstance(child, Heading):
            found.append((first, first, child.level))
    return found


def _left_open(last: object, lines: list[str]) -> OpenEnd | None:
    """Does the text's last top-level block run to its end without being closed?"""
    first = int(getattr(last, "line_number", 1)) - 1
    if isinstance(last, CodeFence):
        marker = str(last.delimiter)
        # an open fence takes every line after its opener; a closed one, not its closing line
        if first + 1 + last.content.count("\n") == len(lines):
            return OpenEnd(first, marker, marker)
    elif isinstance(last, HtmlBlock) and 0 <= first < len(lines):
        end = html_block_end(lines[first].lstrip())
        tail = lines[-1].casefold() if end.startswith("</") else lines[-1]
        if end and end not in tail:
            return OpenEnd(first, "", end)
    return None


def _code_lines(token: object, lines: list[str], out: list[tuple[int, int]]) -> None:
    """The line ranges of the code blocks in token's tree (mistletoe numbers every block's
    first line in the whole text, nested ones too)."""
    for child in getattr(token, "children", None) or ():
        if isinstance(child, CodeFence | BlockCode):
            first = int(getattr(child, "line_number", 1)) - 1
            n = child.content.count("\n")
            last = first + n - 1 if isinstance(child, BlockCode) else first + n
            after = last + 1  # a fence's closing line, if it has one
            fence = str(child.delimiter) if isinstance(child, CodeFence) else ""
            if fence and after < len(lines) and closes_fence(lines[after].lstrip(" \t>"), fence):
                last = after
            out.append((first, min(max(first, last), len(lines) - 1)))
        elif type(child).__name__ in ("List", "ListItem", "Quote"):
            _code_lines(child, lines, out)


def _links(token: object) -> list[str]:
    out: list[str] = []
    walk_links(token, out)
    return out


def walk_links(token: object, out: list[str]) -> None:
    if type(token).__name__ == "Link":
        out.append(token.target)  # type: ignore[attr-defined]
    for child in getattr(token, "children", None) or ():
        walk_links(child, out)


def _walk_images(token: object, out: list[str]) -> None:
    name = type(token).__name__
    if name == "Image":
        out.append(token.src)  # type: ignore[attr-defined]
    elif name in ("HtmlSpan", "HtmlBlock"):
        content = getattr(token, "content", "") or "".join(
            getattr(c, "content", "") for c in getattr(token, "children", None) or ()
        )
        out.extend(next(g for g in m.groups() if g is not None) for m in IMG_SRC.finditer(content))
    for child in getattr(token, "children", None) or ():
        _walk_images(child, out)
