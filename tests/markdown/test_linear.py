"""mistletoe's inline parse made linear (markdown/linear.py, issue 21): the same HTML as
mistletoe's own functions on random and hostile markdown, and work that grows with the
input, not with its square."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator

from mistletoe import HtmlRenderer, block_token, core_tokens
from mistletoe.block_token import Document

from agentic_docgen.markdown import linear
from agentic_docgen.markdown.lines import md_lines

PIECES = [
    "[", "]", "(", ")", "<", ">", "\\", "`", "``", "*", "**", "_", "!", '"', "'", " ", "\t",
    "\n", "\n\n", ":", "a", "b.md", "x y", "[a]: /u", "[a]", "[b][a]", "[a][]", "](", "\x01",
    "https://e.org/p", ' "t"', " (t)", "   [a]: <b c>", "[^1]", "&amp;", "é",
]  # fmt: skip


@contextlib.contextmanager
def mistletoe_own() -> Iterator[None]:
    """mistletoe's own functions, for the length of the block."""
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in linear.ORIGINALS]
    try:
        for owner, name, original in linear.ORIGINALS:
            setattr(owner, name, original)
        yield
    finally:
        for owner, name, patched in saved:
            setattr(owner, name, patched)


def html(text: str) -> str:
    with HtmlRenderer() as renderer:
        return str(renderer.render(Document(md_lines(text))))


def test_same_html_as_mistletoe_on_random_markdown() -> None:
    rng = random.Random(25)
    for _ in range(600):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))
        ours = html(text)
        with mistletoe_own():
            theirs = html(text)
        assert ours == theirs, repr(text)


def test_same_html_on_links_definitions_and_code() -> None:
    text = (
        "See [a](<b c.md> \"t\") and [d](e(f).md 'u') and [g][h] and [h] and `x ] y` "
        'and [i](j\\)k) and ![im](p.png (t)) and [k](\n  l.md\n  "multi\nline")\n'
        "\n[h]: h.md \"title\"\n[x]:\n  <y z.md>\n  'q'\n[bad]: a b c\n"
    )
    ours = html(text)
    with mistletoe_own():
        assert html(text) == ours


def _searches(n: int) -> int:
    text = "\n".join(f"Sentence {i} with [a link](doc{i}.md) and a note[^{i}]." for i in range(n))
    before = linear.CODE_SEARCH.searches
    html(text + "\n")
    return linear.CODE_SEARCH.searches - before


def test_code_span_searches_do_not_grow_with_the_links_of_a_paragraph() -> None:
    """One paragraph of n links: mistletoe searched for a code span after each of them, to
    the end of the paragraph (k x n); now a search runs only when one could find something new."""
    assert isinstance(core_tokens.code_pattern, linear.LinearSearch)
    assert _searches(400) == _searches(1600) <= 4


class Counting(str):
    """A string that counts the characters copied out of it by slices."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def,override]
        part = str.__getitem__(self, key)
        if isinstance(key, slice):
            Counting.copied += len(part)
        return part


def _copied_by_inline_parse(n: int) -> int:
    text = " ".join(f"[a{i}](d{i}.md 'title') [b][r] [^{i}] *e{i}*" for i in range(n))
    root = Document(["[r]: /u\n"])
    Counting.copied = 0
    core_tokens.find_core_tokens(Counting(text), root)
    return Counting.copied


def _copied_by_definitions(n: int) -> int:
    string = Counting("".join(f"[r{i}]: d{i}.md 'title {i}'\n" for i in range(n)))
    Counting.copied, offset = 0, 0
    while offset < len(string) - 1:
        found = block_token.Footnote.match_reference(string, offset)
        assert found is not None
        offset = found[0]
    return Counting.copied


def test_scanners_copy_what_they_read_not_the_rest_of_the_paragraph() -> None:
    """mistletoe walked `string[offset:]` for every link, title and definition: a copy of the
    rest of the paragraph each time (k x n characters). The copies now grow with n."""
    assert _copied_by_inline_parse(800) < 5 * _copied_by_inline_parse(200)
    assert _copied_by_definitions(800) < 5 * _copied_by_definitions(200)
    with mistletoe_own():  # the measure sees the quadratic it guards against
        assert _copied_by_inline_parse(800) > 10 * _copied_by_inline_parse(200)
        assert _copied_by_definitions(800) > 10 * _copied_by_definitions(200)
