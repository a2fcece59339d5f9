#!/usr/bin/env python3
"""The CommonMark spec's examples through the whole pipeline, read back from the .docx.

    python bench/commonmark.py                 # docgen: all examples in one folder, one run
    python bench/commonmark.py --per-example   # docgen: one run per example (slow: minutes)
    python bench/commonmark.py --pandoc        # pandoc 3.9: md -> docx -> html, per example
    python bench/commonmark.py --all --json out.json   # the three, and their verdicts

Each example is a file `exNNNN.md`; the .docx is read back to HTML by pandoc's docx reader
(pypandoc-binary, a dev dependency) and compared with the spec's HTML: the **text** (all
characters in order, whitespace runs as one space) and the **structure** (blocks:
paragraphs, headings of any level, lists and their nesting, quotes, code blocks, rules; and
inline emphasis, strong, code spans, links, line breaks). Examples with raw HTML and examples
with an image are counted apart (no image file exists: docgen's named placeholder is right).
The spec's examples are vendored in tests/data/commonmark-spec.json (from the mistletoe
sdist, test/specification/commonmark.json).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "data" / "commonmark-spec.json"
_BLOCKS = {"p", "ul", "ol", "li", "blockquote", "pre", "hr", "table", "tr", "td", "th"}
_INLINE = {"em", "strong", "code", "a", "br"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_KNOWN = (_BLOCKS | _INLINE | _HEADINGS | {"img"}) - {"table", "tr", "td", "th"}


def examples() -> list[dict[str, Any]]:
    return list(json.loads(SPEC.read_text(encoding="utf-8")))


def kind(example: dict[str, Any]) -> str:
    """'html' (raw HTML: an HTML block or inline HTML, as mistletoe reads the example),
    'image', or 'plain'."""
    from mistletoe import Document, HtmlRenderer

    with HtmlRenderer():
        doc = Document(example["markdown"])
    raw = re.compile(r"<(?!/?(?:" + "|".join(_KNOWN) + r")\b)[A-Za-z!?/]")
    if _has_html(doc) or raw.search(example["html"]):
        return "html"
    if "<img" in example["html"]:
        return "image"
    return "plain"


def _has_html(token: Any) -> bool:
    if type(token).__name__ in ("HtmlBlock", "HtmlSpan"):
        return True
    return any(_has_html(child) for child in getattr(token, "children", None) or ())


class _Reader(HTMLParser):
    """Text and structure of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.shape: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = "h" if tag in _HEADINGS else tag
        if tag in ("code",) and self.stack and self.stack[-1] == "pre":
            self.stack.append("code-in-pre")
            return
        if tag == "p" and self.stack and self.stack[-1] == "li":
            self.stack.append("p-in-li")  # tight or loose: Word has no such difference
            self.text.append(" ")
            return
        self.stack.append(tag)
        if tag in _BLOCKS or tag == "h":
            self.text.append(" ")
        if tag in _BLOCKS or tag in _INLINE or tag == "h":
            self.shape.append(tag)
        if tag == "br":
            self.stack.pop()
            self.text.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br",) and self.stack:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = "h" if tag in _HEADINGS else tag
        if tag == "br" or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in ("code-in-pre", "p-in-li"):
                self.text.append(" ")
                if top == "p-in-li" and tag == "p":
                    return
                continue
            if top in _BLOCKS or top in _INLINE or top == "h":
                if top not in ("hr", "br"):
                    self.shape.append("/" + top)
                if top in _BLOCKS or top == "h":
                    self.text.append(" ")
            if top == tag:
                return

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(fragment: str) -> tuple[str, str]:
    """(text, structure) of an HTML fragment: whitespace runs as one space."""
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    text = re.sub(r"\s+", " ", html.unescape("".join(reader.text))).strip()
    shape = " ".join(s for s in reader.shape if s not in ("hr", "/hr")) + (
        " hr" * reader.shape.count("hr")
    )
    return text, shape.strip()


def verdict(expected: str, got: str) -> tuple[bool, bool]:
    """(same text, same structure)."""
    e, g = read(expected), read(got)
    return e[0] == g[0], e[1] == g[1]


# ----- reading a docgen .docx back, chapter by chapter ------------------------------------
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def chapters(docx_html: str, names: list[str], titles: list[str | None]) -> list[str | None]:
    """The HTML of each chapter (one per file, in order; None for a file whose chapter is not
    found: an earlier one swallowed it). A chapter starts at a Heading 1 that is the file's
    name or, for a file that starts with a heading (`titles`: its text), that heading's
    text; a title that is the file's name is dropped, one from the example's own heading is
    kept as a heading."""
    heads = [(m, _plain(m.group(1))) for m in _H1.finditer(docx_html)]
    starts: list[tuple[int, bool] | None] = []
    k = 0
    for name, title in zip(names, titles, strict=True):
        for j in range(k, len(heads)):
            text = heads[j][1]
            if text in (name, Path(name).stem) or (title is not None and text == title):
                starts.append((j, title is None or text != title))
                k = j + 1
                break
        else:
            starts.append(None)
    out: list[str | None] = []
    found = [s for s in starts if s is not None]
    for start in starts:
        if start is None:
            out.append(None)
            continue
        j, drop = start
        later = [h for h, _ in found if h > j]
        m = heads[j][0]
        end = heads[later[0]][0].start() if later else len(docx_html)
        out.append(docx_html[m.end() if drop else m.start() : end])
    return out


def _plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def title(example: dict[str, Any]) -> str | None:
    """The text of the heading an example starts with (docgen's chapter title), else None."""
    m = re.match(r"<h[1-6]>(.*?)</h[1-6]>", example["html"], re.S)
    return _plain(m.group(1)) if m else None


def docx_html(docx: Path) -> str:
    import pypandoc

    return str(pypandoc.convert_file(str(docx), "html", format="docx"))


def write_examples(folder: Path, chosen: list[dict[str, Any]]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for ex in chosen:
        name = f"ex{ex['example']:04d}.md"
        (folder / name).write_bytes(ex["markdown"].encode("utf-8"))
        names.append(name)
    return names


def docgen(folder: Path, out: Path) -> None:
    from agentic_docgen import ConvertOptions, convert

    result = convert(
        ConvertOptions(folder, out, on_missing="skip", force=True, toc=False, title="Spec")
    )
    if not out.exists():
        raise RuntimeError(f"docgen failed on {folder}: {result}")


def run_docgen(chosen: list[dict[str, Any]], work: Path, per_example: bool) -> dict[int, tuple]:
    results: dict[int, tuple[bool, bool]] = {}
    if not per_example:
        names = write_examples(work / "all", chosen)
        docgen(work / "all", work / "all.docx")
        bodies = chapters(docx_html(work / "all.docx"), names, [title(e) for e in chosen])
        for ex, body in zip(chosen, bodies, strict=True):
            results[ex["example"]] = _verdict(ex, body)
        return results
    for ex in chosen:
        folder = work / f"one{ex['example']}"
        names = write_examples(folder, [ex])
        docgen(folder, work / f"{ex['example']}.docx")
        body = chapters(docx_html(work / f"{ex['example']}.docx"), names, [title(ex)])[0]
        results[ex["example"]] = _verdict(ex, body)
    return results


def _verdict(ex: dict[str, Any], body: str | None) -> tuple[bool, bool]:
    return verdict(ex["html"], body) if body is not None else (False, False)


def run_pandoc(chosen: list[dict[str, Any]], work: Path) -> dict[int, tuple]:
    import pypandoc

    results = {}
    for ex in chosen:
        out = work / f"p{ex['example']}.docx"
        pypandoc.convert_text(ex["markdown"], "docx", format="commonmark", outputfile=str(out))
        results[ex["example"]] = verdict(ex["html"], docx_html(out))
    return results


def summary(name: str, results: dict[int, tuple], chosen: list[dict[str, Any]]) -> str:
    n = len(chosen)
    text = sum(results[ex["example"]][0] for ex in chosen)
    shape = sum(results[ex["example"]][1] for ex in chosen)
    return (
        f"{name}: text {100 * text / n:.1f} % ({text}/{n}),"
        f" structure {100 * shape / n:.1f} % ({shape}/{n})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--per-example", action="store_true")
    ap.add_argument("--pandoc", action="store_true")
    ap.add_argument("--all", action="store_true", help="the three runs")
    ap.add_argument("--json", type=Path, help="write every example's verdicts here")
    ap.add_argument("--kind", default="plain", choices=("plain", "image", "html"))
    args = ap.parse_args()
    chosen = [ex for ex in examples() if kind(ex) == args.kind]
    runs: dict[str, dict[int, tuple]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.all or not (args.per_example or args.pandoc):
            runs["docgen, one folder"] = run_docgen(chosen, work, per_example=False)
        if args.all or args.per_example:
            runs["docgen, one run per example"] = run_docgen(chosen, work, per_example=True)
        if args.all or args.pandoc:
            runs["pandoc, one run per example"] = run_pandoc(chosen, work)
    for name, results in runs.items():
        print(summary(name, results, chosen))
    if len(runs) > 1:
        first, *others = runs.values()
        for other in others:
            differ = sorted(k for k in first if first[k] != other.get(k))
            print(f"verdicts differing from the first run: {len(differ)} {differ[:40]}")
    if args.json:
        out = {k: {str(n): v for n, v in r.items()} for k, r in runs.items()}
        args.json.write_text(json.dumps(out))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
