"""The writing tools: source spans copied by reference, the agent's own short markdown, a
log's digest, one-line edits and images copied into the session's assets."""

from __future__ import annotations

from typing import cast, get_args

from agentic_docgen.core.errors import ToolError
from agentic_docgen.core.language import label
from agentic_docgen.graph.state import AppendKind
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.markdown import analysis
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan
from agentic_docgen.markdown.ansi import plain_lines
from agentic_docgen.markdown.dialect import HEADING_OR_MARK, Dialect
from agentic_docgen.markdown.logs import log_stats
from agentic_docgen.markdown.references import internal_link_lines
from agentic_docgen.markdown.scan import html_block_end  # CommonMark's rules 1-5

MAX_TOOL_CHARS = 20_000
APPEND_KINDS: tuple[AppendKind, ...] = get_args(AppendKind)


def append_markdown(ws: Workspace, text: str) -> str:
    if not text.strip():
        raise ToolError("append_markdown needs non-empty text")
    if len(text) > MAX_TOOL_CHARS:
        raise ToolError(
            f"append_markdown takes at most {MAX_TOOL_CHARS} characters of your own writing;"
            " copy source content with append_source instead"
        )
    open_fence = ws.tail().open_fence
    if mdscan.open_fence_after(text.split("\n"), open_fence) and not open_fence:
        raise ToolError("the text opens a code fence it does not close")
    first, last = ws.append(text)
    return f"appended markdown at lines {first}-{last}"


def append_source(
    ws: Workspace,
    file: str,
    start_line: int,
    end_line: int,
    as_: str = "markdown",
    language: str | None = None,
    base_level: int | None = None,
) -> str:
    if as_ not in APPEND_KINDS:
        raise ToolError(f"as_ must be one of {', '.join(APPEND_KINDS)}, not {as_!r}")
    kind = cast(AppendKind, as_)
    source = ws.store.get(file)
    lines = source.span(start_line, end_line)
    fenced = False
    if kind == "markdown":
        text = _markdown_span(ws, file, lines, start_line, end_line, base_level)
    elif kind == "prose":  # terminal escape sequences are not shown in prose (markdown.ansi)
        text = mdtext.prose(plain_lines(lines))
    else:
        text = mdtext.fence(lines, language or ("text" if kind == "text" else None))
        fenced = True
    if not text:  # ("" for a blank markdown span; a fence is never empty)
        return f"lines {start_line}-{end_line} of {file} are blank; nothing appended"
    if ws.tail().last_source != file:
        # marks where this file's content starts, so links between inputs can resolve
        ws.append(Dialect(ws.session.dir).source_mark(file))
        ws.tail().last_source = file
    # (a fenced block, or a markdown span closed off: no fence open after it)
    first, last = ws.append(text, closed_fence=fenced or kind == "markdown")
    ws.add_span(
        {
            "file": file,
            "start": start_line,
            "end": end_line,
            "as": kind,
            "md_first": first,
            "md_last": last,
        }
    )
    return (
        f"appended {file} lines {start_line}-{end_line} as {kind} at markdown lines {first}-{last}"
    )


def _markdown_span(
    ws: Workspace,
    file: str,
    lines: list[str],
    start_line: int,
    end_line: int,
    base_level: int | None,
) -> str:
    """A markdown span as it goes into the document: re-levelled under `base_level`, its
    images pointing into assets/ and its links to other inputs made internal."""
    if mdscan.nesting_depth(lines) > mdscan.MAX_NESTING:
        raise ToolError(
            f"lines {start_line}-{end_line} of {file} nest quotes or lists more than"
            f" {mdscan.MAX_NESTING} levels deep: copy them with as_='text'"
        )
    lines, unclosed = _closed_off(ws, file, start_line, lines)
    if unclosed is not None:
        ws.notes.append(
            f"{file}:{start_line + unclosed}: HTML opened and never closed (no"
            f" {html_block_end(lines[unclosed].lstrip(' ').lstrip(chr(92)))}): its first line is"
            " shown as text and what follows read as markdown"
        )
    # (the links of the lines as written: re-levelling changes only heading markers, and the
    # reading the reference scan kept of this part of the file answers without a parse)
    links = internal_link_lines(file, lines, ws.link_names(), Dialect(ws.session.dir))
    if base_level is not None and not 1 <= base_level <= 6:
        raise ToolError("base_level must be between 1 and 6")
    if not any(line.strip() for line in lines):
        return ""
    heads = mdtext.top_level_headings(lines) if base_level is not None else []
    mapping = {**ws.assets.get(file, {}), **links}
    if mapping:  # (not in code: a link in a code block or span is text, shown as written)
        code = analysis.read(lines, inline=False).code or ()
        lines = mdtext.rewrite_destinations("\n".join(lines), mapping, code).split("\n")
    if base_level is not None:
        lines = mdtext.relevel_markdown(lines, base_level, heads)
    return "\n".join(lines)


def _closed_off(
    ws: Workspace, file: str, start_line: int, lines: list[str]
) -> tuple[list[str], int | None]:
    """One file's markdown closed off, so that nothing it leaves open reaches into what
    follows (the next file), as the parser reads it (markdown/lines.open_end):
    - a fence left open is closed before the first heading after its opener, where it was
      meant to end (E001, named in `fixes`), else at the file's end;
    - an HTML block whose end never comes (CommonMark's kinds 1 to 5: `<!--` with no `-->`,
      `<script>` with no `</script>`…) is no HTML block: its opener and the openers of the
      same kind after it (unclosed too: the end is nowhere after them) are escaped, so that
      they show as the text they are and the rest reads as markdown, as blocks/rawhtml does
      inside a file (closing it instead would make a comment of the rest of the file, which
      the parse leaves out).
    Also returns the index of that HTML opener (None: none)."""
    for _ in range(_MAX_FENCE_CLOSES):
        end = mdtext.open_end(lines)
        if end is None or not end.marker:
            break
        lines = _fence_closed(ws, file, start_line, lines, end.line, end.closing)
    else:
        end = mdtext.open_end(lines)
    if end is None:
        return lines, None
    if end.marker:  # fences past the bound: each closed at the end
        return [*lines, end.closing], None
    out = list(lines)
    fenced = mdscan.fenced_lines(out)
    for i in range(end.line, len(out)):
        line = out[i]
        stripped = line.lstrip(" ")
        if i > end.line and fenced[i]:
            continue
        if len(line) - len(stripped) < 4 and html_block_end(stripped) == end.closing:
            out[i] = line[: len(line) - len(stripped)] + "\\" + stripped
    return out, end.line


_MAX_FENCE_CLOSES = 20  # fences a file leaves open one after the other, closed one by one


def _fence_closed(
    ws: Workspace, file: str, start_line: int, lines: list[str], opener: int, closing: str
) -> list[str]:
    """The lines with the fence opened at lines[opener] closed before the first heading
    after it (blank lines before the heading stay after the fence), else at their end."""
    at = next((i for i in range(opener + 1, len(lines)) if HEADING_OR_MARK.match(lines[i])), None)
    if at is None:
        ws.repairs.append(f"E001 {file}:{start_line + opener} fence closed at the end of the file")
        return [*lines, closing]
    heading = mdtext.heading_text(lines, at, at)
    while at > opener + 1 and not lines[at - 1].strip():
        at -= 1
    blank_follows = not lines[at].strip()
    ws.repairs.append(
        f"E001 {file}:{start_line + opener} fence closed before the heading '{heading}'"
    )
    return [*lines[:at], closing, *([] if blank_follows else [""]), *lines[at:]]


def append_log_digest(ws: Workspace, file: str) -> str:
    """A summary table of a log (lines, time range, count per level, first error)."""
    source = ws.store.get(file)
    stats = log_stats(source.plain, source.level_words)
    rows = [(label(ws.lang, "lines"), f"{len(source.lines):,}")]
    if stats["time_range"]:
        first, last = stats["time_range"]
        rows.append((label(ws.lang, "time_range"), f"{first} → {last}"))
    for level, count in stats["levels"].items():
        note = ""
        if level in ("FATAL", "ERROR") and stats["first_error_line"]:
            at = f"{stats['first_error_line']:,}"
            note = f" ({label(ws.lang, 'first_at_line', line=at)})"
            stats["first_error_line"] = None
        rows.append((level, f"{count:,}{note}"))
    table = [f"| {label(ws.lang, 'log_summary')} | |", "|:--|--:|"] + [
        f"| {mdtext.escape_prose_line(k)} | {mdtext.escape_prose_line(v)} |" for k, v in rows
    ]
    first_md, last_md = ws.append("\n".join(table))
    return f"appended the digest of {file} at markdown lines {first_md}-{last_md}"


def edit_markdown_line(ws: Workspace, line_number: int, new_content: str) -> str:
    lines = ws.lines()
    if not 1 <= line_number <= len(lines):
        raise ToolError(f"line {line_number} is outside the document (lines 1-{len(lines)})")
    if "\n" in new_content:
        raise ToolError("new_content must be a single line")
    if mdscan.inside_fence(lines, line_number):
        raise ToolError(f"line {line_number} is inside a code block: verbatim, not editable")
    ws.replace_lines(lines, [*lines[: line_number - 1], new_content, *lines[line_number:]])
    return f"line {line_number} replaced"


def copy_image(ws: Workspace, path: str, from_file: str | None = None) -> str:
    """Copy an image from the input folder into assets/; return its markdown path."""
    from agentic_docgen.markdown.references import copy_asset

    return copy_asset(ws.session, path, from_file)
