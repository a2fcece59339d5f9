"""Golden tests for markdown → JSON (regenerate with UPDATE_GOLDEN=1 and review the diff)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from agentic_docgen.blocks.document import parse_markdown as _parse_markdown
from tests.conftest import session_marks

GOLDEN = Path(__file__).parent / "golden"
META = {"title": "T", "author": "A"}


def parse_markdown(md: str, session: Path, *args: Any, **kw: Any) -> Any:
    """The parser on a text whose internal marks are written in their plain form (see
    tests/conftest.py session_marks)."""
    return _parse_markdown(session_marks(md, session), session, *args, **kw)


def _normalise(structure: dict, session: Path) -> dict:
    text = json.dumps(structure).replace(str(session), "<session>")
    return json.loads(text)


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.md")))
def test_golden(name: str, session: Path) -> None:
    md = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    structure, _ = parse_markdown(md, session, META)
    got = _normalise(structure, session)
    expected_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN") or not expected_path.exists():
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


def test_control_characters_become_visible_pictures(session: Path) -> None:
    structure, parser = parse_markdown("a\x0cb\x07c\x00d\n", session, META)
    assert structure["blocks"][0]["runs"][0]["text"] == "a\u240cb\u2407c\u2400d"
    assert parser.replaced_chars == 3


def test_heading_ids_are_unique(session: Path) -> None:
    structure, _ = parse_markdown("# Intro\n\n# Intro\n\n# Ünïcode title!\n", session, META)
    assert [b["id"] for b in structure["blocks"]] == ["h_intro", "h_intro_2", "h_unicode_title"]


# ----- big verbatim fences handed over by reference (`body`) ---------------------------------
def _parse_file(session: Path, md: list[str], spans: list | None = None, **kw: object) -> tuple:
    """parse_markdown of these lines, written to the session's markdown file first (the
    converter reads big code blocks from it)."""
    path = session / "document.md"
    path.write_text("\n".join(md) + "\n", encoding="utf-8")
    return parse_markdown(path.read_text("utf-8"), session, META, spans, path, **kw)


def _body_text(body: dict) -> str:
    raw = Path(body["path"]).read_bytes()
    return raw[body["offset"] : body["offset"] + body["length"]].decode("utf-8")


def _log(n: int) -> list[str]:
    levels = ["INFO", "ERROR", "DEBUG", "WARN", "INFO"]
    lines = [f"2026-11-02 10:00:{i % 60:02d} {levels[i % 5]} line {i}\t<&>" for i in range(n)]
    lines[7] = "    at com.example.Worker.run(Worker.java:42)"  # a stack trace: ERROR, as line 6
    lines[11] = "\x0cform feed \x7f and \x01"
    return lines


def test_a_big_verbatim_fence_becomes_a_body_file_with_the_same_colours(session: Path) -> None:
    from agentic_docgen.blocks.bodies import BODY_MIN_LINES
    from agentic_docgen.blocks.highlight import LOG_PALETTE, log_lines

    lines = _log(BODY_MIN_LINES + 5)
    md = ["# Server", "", "intro", "", "```log", *lines, "```", "", "after"]
    first = md.index("```log") + 1
    structure, parser = _parse_file(session, md, [(first, first + len(lines) + 1, None)])
    code = structure["blocks"][2]
    assert [b["type"] for b in structure["blocks"]] == ["heading", "paragraph", "code", "paragraph"]
    body = code["body"]
    assert code["language"] == "log" and "text" not in code
    assert body["lines"] == len(lines)
    assert _body_text(body) == "\n".join(lines)  # the converter shows control characters
    assert parser.replaced_chars == 3
    # the colours are log_lines' colours, one palette index per line
    expected = log_lines("\n".join(lines))
    got = [LOG_PALETTE[int(c)] for c in body["line_styles"]]
    for runs, style in zip(expected, got, strict=True):
        want = {k: v for k, v in runs[0].items() if k != "text"} if runs else style
        assert style == want


def test_small_or_highlighted_fences_stay_in_the_json(session: Path) -> None:
    from agentic_docgen.blocks.bodies import BODY_MIN_LINES

    small = [f"line {i}" for i in range(BODY_MIN_LINES - 1)]
    python = [f"x{i} = {i}" for i in range(BODY_MIN_LINES + 1)]
    md = ["```text", *small, "```", "", "```python", *python, "```"]
    spans = [(1, len(small) + 2, None), (len(small) + 4, len(md), None)]
    structure, _ = _parse_file(session, md, spans)
    assert [("body" in b, b["language"]) for b in structure["blocks"]] == [
        (False, "text"),
        (False, "python"),
    ]
    assert structure["blocks"][1]["text"] == "\n".join(python)
    assert "lines" in structure["blocks"][1]  # highlighted by Pygments


def test_fences_that_are_not_top_level_code_blocks_are_parsed_normally(session: Path) -> None:
    """An indented fence, or a fence inside an HTML comment that swallows it: the placeholder
    is never what decides the content (it is not read back as a code block, so everything is
    parsed the ordinary way)."""
    from agentic_docgen.blocks.bodies import BODY_MIN_LINES

    lines = [f"l{i}" for i in range(BODY_MIN_LINES + 2)]
    cases = {
        "indented": ["- item", "", "  ```", *lines, "  ```"],
        "in a comment": ["<!-- open", "", "```", *lines, "```", "-->"],
        "info string with a backtick": ["``` a`b", *lines, "```", "", "text"],
    }
    for name, md in cases.items():
        plain, _ = _parse_file(session, md, bodies=False)
        fast, _ = _parse_file(session, md)
        assert fast == plain, name
        assert "docgen-body:" not in json.dumps(fast), name


def test_a_big_fence_written_by_the_user_is_a_body_too(session: Path) -> None:
    from agentic_docgen.blocks.bodies import BODY_MIN_LINES

    lines = [f"x = {i}  # <&>" for i in range(BODY_MIN_LINES)]
    md = ["# Notes", "", "~~~~", *lines, "~~~~", "", "````text", "a", "````"]
    structure, _ = _parse_file(session, md)
    code = [b for b in structure["blocks"] if b["type"] == "code"]
    assert _body_text(code[0]["body"]) == "\n".join(lines)
    assert code[0]["language"] is None and code[1] == {
        "type": "code",
        "language": "text",
        "text": "a",
    }


def test_a_body_can_point_into_the_markdown_file(session: Path) -> None:
    from agentic_docgen.blocks.bodies import BODY_MIN_LINES

    lines = _log(BODY_MIN_LINES + 1)
    lines[3] = "ünïcödé 漢字 🙂 before and after"
    md = ["# Sérver ✓", "", "```log", *lines, "```", "", "```text", *lines, "```", ""]
    path = session / "document.md"
    path.write_text("\n".join(md), encoding="utf-8")
    first, second = 3, len(lines) + 6
    spans = [(first, first + len(lines) + 1, None), (second, second + len(lines) + 1, None)]
    structure, parser = parse_markdown(path.read_text("utf-8"), session, META, spans, path)
    raw = path.read_bytes()
    bodies = [b["body"] for b in structure["blocks"] if "body" in b]
    assert len(bodies) == 2
    for body in bodies:
        assert body["path"] == str(path)
        got = raw[body["offset"] : body["offset"] + body["length"]].decode("utf-8")
        assert got == "\n".join(lines)
    assert parser.replaced_chars == 6  # counted as if the lines were in the JSON
    assert not (session / "verbatim").exists()


def test_yaml_after_other_highlighted_code(tmp_path: Path) -> None:
    # YAML's lexer makes token types (Literal.Scalar.Plain) the Pygments style did not
    # know when it was first used: they take their nearest known ancestor's colour.
    text = "# T\n\n```python\nx = 1\n```\n\n```yaml\na: b\nlist:\n  - c\n```\n"
    structure, _ = parse_markdown(text, tmp_path, {"title": "t"})
    code = [b for b in structure["blocks"] if b["type"] == "code"]
    assert [b["language"] for b in code] == ["python", "yaml"]
    assert "".join(r["text"] for line in code[1]["lines"] for r in line) == "a: blist:  - c"


def test_the_garbage_collector_waits_while_mistletoe_parses() -> None:
    import gc

    from agentic_docgen.blocks.footnotes import parse_context

    assert gc.isenabled()
    with parse_context():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with parse_context():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_log_line_styles_follow_the_rule_of_log_lines_colours() -> None:
    """log_line_styles maps the lines that state a level directly and applies _levels' rule
    to the others only: the same colours as _levels, on random logs with stack traces,
    blank lines, timestamps without a level and a continuation as the first line."""
    import random

    from agentic_docgen.blocks.highlight import _PALETTE_CHAR, _levels, log_line_styles

    kinds = [
        "2026-11-02 10:00:01 {} worker {}",
        "2026-11-02 10:00:01 no level here {}{}",
        "    at com.example.Worker.run(Worker.java:{}{})",
        "Traceback (most recent call last): {}{}",
        "ValueError: bad {}{}",
        "plain text {}{}",
        "",
    ]
    levels = ["INFO", "ERROR", "WARN", "DEBUG", "FATAL", "TRACE", "NOTICE", "SEVERE"]
    rng = random.Random(8)
    for _ in range(200):
        lines = []
        for i in range(rng.randint(1, 40)):
            kind = rng.choice(kinds)
            lines.append(kind.format(rng.choice(levels), i) if kind else "")
        expected = "".join(_PALETTE_CHAR.get(lv, "0") if lv else "0" for lv in _levels(lines))
        assert log_line_styles(lines) == expected, lines


def test_level_words_find_what_a_search_of_each_line_finds() -> None:
    """level_words (one regex over the whole log, the 300-character reach applied after)
    gives for each line the first level word starting at a word boundary within its first
    300 characters: compared with a plain search of each line, on random lines with level
    words inside other words, after underscores and digits, near and past the reach,
    with non-ASCII letters and blank lines."""
    import random
    import re

    from agentic_docgen.markdown.logs import LEVEL_NAMES, LEVEL_WORDS, level_words, line_level

    search = re.compile(r"\b(" + LEVEL_WORDS + r")\b")

    def expected(line: str) -> str:
        m = search.search(line)
        return m.group(1) if m and m.start() <= 300 else ""

    words = LEVEL_WORDS.split("|")
    pieces = [*words, "ERRORS", "xERROR", "_WARN", "9INFO", "DATA", "INFOx", "é", "ÉRROR",
              "CRITICALLY", " ", " ", "-", ":", "[", "]", "a", "Z", "\t", "\r", "\x0c"]  # fmt: skip
    pad = "x" * 290 + " "
    edge = [pad + glue + "WARN " + "y" * 20 + " WARN" for glue in ("_", "9", "é", "A", " ", "-")]
    edge += [pad + "WARN" + glue + " " + "y" * 20 + " WARN" for glue in ("_", "9", "é", "s")]
    edge += [" " * 300 + "ERROR", " " * 301 + "ERROR", "é" * 299 + " INFO"]
    assert level_words(edge) == [expected(line) for line in edge]
    rng = random.Random(9)
    for _ in range(300):
        lines = []
        for _ in range(rng.randint(1, 30)):
            line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
            if rng.random() < 0.2:  # a level word near or past the reach
                line = "x" * rng.randint(280, 310) + line + " " + rng.choice(words)
            lines.append(line)
        found = level_words(lines)
        assert found == [expected(line) for line in lines], lines
        for line, word in zip(lines, found, strict=True):
            assert line_level(line) == (LEVEL_NAMES[word] if word else None)


def test_illegal_count_counts_what_visible_replaces() -> None:
    """illegal_count (bytes for ASCII text, the regex otherwise) equals the number of
    characters visible() replaces, on random ASCII and non-ASCII text."""
    import random

    from agentic_docgen.blocks.contract import _XML_ILLEGAL, illegal_count

    alphabet = [chr(c) for c in range(0x80)] + ["é", "\ufffe", "\uffff", "\u2400", "😀"]
    rng = random.Random(10)
    for n in range(400):
        chars = alphabet if n % 2 else alphabet[:0x80]
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 60)))
        assert illegal_count(text) == len(_XML_ILLEGAL.findall(text)), repr(text)
