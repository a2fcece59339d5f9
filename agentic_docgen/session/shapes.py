"""Shapes of an input that no process could hold within its memory bound, found before the
file is loaded (issue 25, class 5).

The one such shape today is the number of headings: the converter builds every heading with
docx-js's document at once (its table of contents is filled from them, `converter/build/
units.js` `buildsEarly`), about 20 KB each; 100,000 heading lines took it past 2.3 GB. So a
run holds at most `core.settings.MAX_HEADINGS` ATX headings of markdown inputs, counted on
the file's bytes (outside fenced code) by one regular expression, without decoding it."""

from __future__ import annotations

import mmap
import re
from pathlib import Path

# an ATX heading line, or a fence line (``` or ~~~) that opens or closes fenced code
_LINE = re.compile(rb"^ {0,3}(?:(`{3,}|~{3,})|#{1,6}(?:[ \t]|\r?$))", re.M)


def count_headings(path: Path) -> int:
    """ATX heading lines of a markdown file outside fenced code (setext headings and
    headings inside HTML blocks or lists are not told apart: a bound, not a parse)."""
    if path.stat().st_size == 0:
        return 0
    count = 0
    fence = b""  # the open fence's run, empty outside fenced code
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for m in _LINE.finditer(data):
            run = m.group(1)
            if fence:
                if run and run[:1] == fence[:1] and len(run) >= len(fence):
                    end = data.find(b"\n", m.end())
                    rest = data[m.end() : end if end >= 0 else len(data)]
                    if not rest.strip():  # a closing fence has nothing after its run
                        fence = b""
            elif run:
                fence = run
            else:
                count += 1
    return count
