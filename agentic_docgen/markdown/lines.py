"""Pure text transforms used when content is copied by reference into the markdown.

None of these change a character of verbatim content: fencing wraps it, heading re-levelling
touches only the `#` markers of headings, asset rewriting touches only link destinations,
and prose escaping adds backslashes that markdown removes again.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence

from agentic_docgen.markdown import analysis
from agentic_docgen.markdown.scan import ATX

_BACKTICK_RUN = re.compile(r"`+")
_LANG_OK = re.compile(r"[^\w+#.\-]")


def split_lines(text: str) -> list[str]:
    """Split on \\n only (form feeds and other separators stay inside their line)."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def md_lines(text: str) -> list[str]:
    """Lines for mistletoe, split on \\n only: str.splitlines would also split on form feeds
    and other separators, changing the document's structure."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line + "\n" for line in lines]


def fence(lines: list[str], language: str | None = None) -> str:
    """Wrap lines in a backtick fence longer than any backtick run inside them."""
    body = "\n".join(lines)
    longest = max(map(len, _BACKTICK_RUN.findall(body)), default=0) if "`" in body else 0
    ticks = "`" * max(3, longest + 1)
    info = _LANG_OK.sub("", language or "")[:40]
    return f"{ticks}{info}\n{body}\n{ticks}" if lines else f"{ticks}{info}\n{ticks}"


def releveled(levels: Iterable[int], base: int) -> list[int]:
    """Map heading levels so the shallowest becomes `base` and no level is skipped (max 6)."""
    stack: list[int] = []
    out = []
    for level in levels:
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        out.append(min(6, base + len(stack) - 1))
    return out


# The last texts top_level_headings parsed, with their headings: a chapter's file is parsed to
# plan it, then the part after its title to re-level it, then... (1 MB: 0.16 s per parse).
# With them, what the text leaves open at its end (_OpenEnd). Past these, markdown/analysis
# keeps the readings of every file the reference scan read, and of their tails.
_HEADINGS: OrderedDict[tuple[str, ...], _Parsed] = OrderedDict()
_HEADINGS_KEPT = 2
_OpenEnd = analysis.OpenEnd
_Parsed = tuple[list[tuple[int, int, int]], _OpenEnd | None]


def top_level_headings(lines: list[str]) -> list[tuple[int, int, int]]:
    """(first line index, last line index, level) of each top-level heading, 0-based, in order.

    Headings inside code fences, quotes, lists or HTML blocks are not top-level and are not
    returned.
    """
    return list(_parsed(lines)[0])


def _parsed(lines: list[str]) -> _Parsed:
    key = tuple(lines)
    found = _HEADINGS.get(key)
    if found is None:
        found = _headings_of_a_tail(key)
    if found is None:  # a reading kept (the reference scan read every file), else a parse
        reading = analysis.read(lines, inline=False)
        found = reading.headings, reading.open_end
    _HEADINGS[key] = found
    _HEADINGS.move_to_end(key)
    while len(_HEADINGS) > _HEADINGS_KEPT:
        _HEADINGS.popitem(last=False)
    return found


def open_end(lines: list[str]) -> _OpenEnd | None:
    """The block these lines leave open at their end, as the parser reads them (None: every
    block ends with the text, once a blank line follows)."""
    return _parsed(lines)[1]


def closing_lines(lines: list[str]) -> list[str]:
    """What to write after these lines (one file's markdown) so that nothing of them reaches
    into what follows: the closing fence of a fenced code block left open, the end of an HTML
    block left open. (A blank line ends every other block: the appends write one.)"""
    end = open_end(lines)
    return [end.closing] if end else []


def forget_headings() -> None:
    """Let the texts kept for top_level_headings go (a chapter is done)."""
    _HEADINGS.clear()


def _headings_of_a_tail(lines: tuple[str, ...]) -> _Parsed | None:
    """The headings of `lines` from those of a text parsed before that ends with them, when
    they start where mistletoe starts afresh in that text: after a top-level heading and
    blank lines only (every block before has ended: nothing of it can reach into them).
    The block left open at the end is the same."""
    for whole, (heads, end) in _HEADINGS.items():
        k = len(whole) - len(lines)
        before = [h for h in heads if h[1] < k]
        if k <= 0 or not before or any(h[0] < k <= h[1] for h in heads):
            continue
        if any(whole[i].strip(" \t") for i in range(before[-1][1] + 1, k)):
            continue
        if whole[k:] == lines and (end is None or end.line >= k):
            tail = [(first - k, last - k, level) for first, last, level in heads if first >= k]
            return tail, end._replace(line=end.line - k) if end else None
    return None


def _parse_headings(lines: list[str]) -> _Parsed:
    """The headings and open end of a fresh parse of the lines (nothing looked up or kept)."""
    reading = analysis.fresh(lines)
    return reading.headings, reading.open_end


_CLOSING_RUN = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")  # `## foo ##`, `### ###`


def heading_text(lines: list[str], first: int, last: int) -> str:
    """The text of a heading occupying lines[first..last] (ATX or setext): its inline
    markdown, without the `#` markers or the setext underline."""
    if first == last:  # CommonMark: a closing run of `#` only after a space (or alone)
        return _CLOSING_RUN.sub("", ATX.sub("", lines[first]).strip()).strip()
    return " ".join(line.strip() for line in lines[first:last])


def relevel_markdown(
    lines: list[str], base: int, heads: list[tuple[int, int, int]] | None = None
) -> list[str]:
    """Re-level the top-level headings of a markdown span under `base` with no skipped level.

    ATX headings keep their text and get new markers; setext headings become ATX headings.
    `heads`: the lines' top_level_headings when the caller has them (read before a change
    that moved no line and made no heading, such as rewrite_destinations).
    """
    heads = top_level_headings(lines) if heads is None else heads
    if not heads:
        return list(lines)
    new_levels = releveled((h[2] for h in heads), base)
    out: list[str] = []
    pos = 0
    for (first, last, _), level in zip(heads, new_levels, strict=True):
        out.extend(lines[pos:first])
        if first == last:
            m = ATX.match(lines[first])
            head = lines[first]
            out.append(m.group(1) + "#" * level + head[m.end() :] if m else head)
        else:
            out.append("#" * level + " " + heading_text(lines, first, last))
        pos = last + 1
    out.extend(lines[pos:])
    return out


# where a link or image destination starts: `](`, `]:` (a definition), `src=` (HTML)
_DESTINATION = r"(\]\(\s*<?|\]:[ \t]*<?|\bsrc\s*=\s*[\"']?)"


_DESTINATION_AT = re.compile(_DESTINATION)
_DESTINATION_STOP = re.compile(r"[\s>)\"']")  # what may follow a destination (or the end)


def rewrite_destinations(
    text: str, mapping: Mapping[str, str], code: Sequence[tuple[int, int]] = ()
) -> str:
    """Point image/link destinations (`](ref`, `]: ref`, `src="ref"`) at their session copies,
    outside code: not in the lines of `code` (the text's code blocks, 0-based line ranges:
    markdown/analysis `Reading.code`) nor in a code span, where a link is text shown as
    written.

    One pass over the text for all the references, each destination looked up once (a
    pattern compiled per reference and file cost more than the rest of a small page's
    copy); a destination is rewritten once, to the longest reference written there."""
    if not mapping:
        return text
    written: dict[str, str] = {}
    for ref, new in mapping.items():
        # as written in markdown, a backslash in the destination may itself be escaped
        for form in (ref, ref.replace("\\", "\\\\")):
            written.setdefault(form, new)
    # a reference holding a space, quote, `>` or `)` (written in <...>): compared in turn
    odd = sorted((f for f in written if _DESTINATION_STOP.search(f)), key=len, reverse=True)
    shown = _Verbatim(text, code)
    out: list[str] = []
    pos = 0
    for m in _DESTINATION_AT.finditer(text):
        at = m.end()
        if at < pos:
            continue
        stop = _DESTINATION_STOP.search(text, at)
        end = stop.start() if stop else len(text)
        form = next((f for f in odd if _written_at(text, at, f)), text[at:end])
        if form in written and not shown.covers(m.start()):
            out += (text[pos:at], written[form])
            pos = at + len(form)
    return "".join(out) + text[pos:] if out else text


class _Verbatim:
    """Where a text is code, shown as written: the lines of its code blocks and its code
    spans (a run of backticks to the next run as long, on one line: CommonMark's spans may
    run over lines, which a destination never does)."""

    def __init__(self, text: str, code: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.blocks: list[tuple[int, int]] = []  # character ranges of the code blocks
        line, at = 0, 0
        for first, last in sorted(code):
            while line < first and at >= 0:
                at = text.find("\n", at) + 1 or -1
                line += 1
            start = at
            while line <= last and at >= 0:
                at = text.find("\n", at) + 1 or -1
                line += 1
            if start >= 0:
                self.blocks.append((start, len(text) if at < 0 else at))
        self.starts = [a for a, _ in self.blocks]
        self.line_at, self.line_end = 0, 0
        self.spans: list[tuple[int, int]] = []  # the code spans of that line, in order
        self.span_starts: list[int] = []

    def covers(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and pos < self.blocks[k][1]:
            return True
        if not self.line_at <= pos < self.line_end:  # (the last line looked at is kept)
            first = self.text.rfind("\n", 0, pos) + 1
            end = self.text.find("\n", pos)
            end = len(self.text) if end < 0 else end
            line = self.text[first:end]
            self.line_at, self.line_end = first, end
            self.spans = code_spans(line) if "`" in line else []
            self.span_starts = [a for a, _ in self.spans]
        k = bisect.bisect_right(self.span_starts, pos - self.line_at) - 1
        return k >= 0 and pos - self.line_at < self.spans[k][1]


_BACKTICKS = re.compile(r"(?<!\\)(?:\\\\)*(`+)")  # a run not escaped by a backslash


def code_spans(line: str) -> list[tuple[int, int]]:
    """The character ranges of a line's code spans: from a backtick run to the next run of
    the same length (a run left without one is literal backticks). Linear: each run's
    partner is found by one pass from the end."""
    runs = [(m.start(1), m.end(1)) for m in _BACKTICKS.finditer(line)]
    partner: list[int | None] = [None] * len(runs)
    later: dict[int, int] = {}  # run length -> the nearest run of it after this one
    for i in range(len(runs) - 1, -1, -1):
        width = runs[i][1] - runs[i][0]
        partner[i] = later.get(width)
        later[width] = i
    spans = []
    i = 0
    while i < len(runs):
        j = partner[i]
        if j is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def _written_at(text: str, at: int, form: str) -> bool:
    end = at + len(form)
    return text.startswith(form, at) and (
        end == len(text) or bool(_DESTINATION_STOP.match(text, end))
    )


def destinations_starting(prefixes: Iterable[str]) -> re.Pattern[str]:
    """The destinations (as `rewrite_destinations` finds them) that start with one of
    `prefixes`: group 1 what leads to it, group 2 the destination (to a `>` when it opened
    with `<`, else to a space, `)`, `>` or quote)."""
    alts = "|".join(re.escape(p) for p in prefixes)
    return re.compile(_DESTINATION + rf"((?<=<)(?:{alts})[^>\n]*|(?:{alts})[^\s>)\"']*)")


_PROSE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!&$])")
_LINE_START = re.compile(r"^([#+\-=>]|\d+[.)])")


def escape_prose_line(line: str) -> str:
    """Escape a line of plain text so markdown shows it literally (one paragraph line)."""
    line = line.strip(" \t")
    line = _PROSE_SPECIAL.sub(r"\\\1", line)
    m = _LINE_START.match(line)
    if m:
        token = m.group(1)
        line = (token[:-1] + "\\" + token[-1] if token[0].isdigit() else "\\" + token) + line[
            len(token) :
        ]
    return line


def prose(lines: list[str]) -> str:
    """Plain-text lines as markdown paragraphs: blank lines separate paragraphs, text literal."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip(" \t"):
            paragraphs[-1].append(escape_prose_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def unclosed_fence_line(lines: list[str]) -> int | None:
    """1-based line of a top-level code fence that is never closed, or None (as the parser
    reads the lines: a fence inside a list item or a quote ends with it)."""
    end = open_end(lines)
    return end.line + 1 if end and end.marker else None


_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def one_line(text: str) -> str:
    """Text safe for one markdown line (a heading): line breaks and controls become spaces."""
    return _CONTROL_OR_BREAK.sub(" ", text).strip() or "untitled"
