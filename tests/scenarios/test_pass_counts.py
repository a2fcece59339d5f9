"""The passes over a folder of many small pages, counted (issue 24 item 2, issue 21 item 3):
each markdown input is parsed with its inline tokens once (the reference scan), and the
plan, the copy's open end and its internal links use that reading; no per-file parse of the
blocks is left (validation parses each batch once); markdownlint gets one request per
batch. And the reading changes nothing: the document is the same with every pass parsing
afresh."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from agentic_docgen.entry import api
from agentic_docgen.markdown import analysis
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown.lint import Linter
from tests.conftest import plain_markdown

TOPICS = ["network", "storage", "text"]


def _page(rng: random.Random, topic: str, name: str, i: int) -> str:
    """A command reference page as tldr/man-page sets write them; some with the shapes the
    reading must get right (front matter, reference definitions, a setext title, leading
    blank lines, a fence or an HTML comment left open, an image)."""
    other = f"../{rng.choice(TOPICS)}/cmd{rng.randrange(max(1, i)):03d}.md"
    body = [
        f"# {name}",
        "",
        f"> {name.capitalize()} moves data between hosts. More: <https://man.example.org/{name}>.",
        "",
        "## Options",
        "",
        "| Short | Long | Meaning |",
        "| --- | --- | --- |",
        f"| `-v` | `--verbose` | Say what {name} does. |",
        "",
        "## Examples",
        "",
        f"Copy a file with [{name}]({name}.md#examples):",
        "",
        "```sh",
        f"{name} --from a --to b  # see [x]({other})",
        "```",
        "",
        f"See also: [the index](index.md), [a neighbour]({other}).",
    ]
    shape = i % 7
    if shape == 1:
        body = ["---", f"title: {name}", "tags: [cli]", "---", "", *body]
    elif shape == 2:
        body += ["", "More in [the guide][guide].", "", "[guide]: index.md"]
    elif shape == 3:
        body = [name, "=" * len(name), *body[1:]]
    elif shape == 4:
        body = ["", "", *body]
    elif shape == 5:
        body += ["", "```text", "left open"]
    elif shape == 6:
        body += ["", "![diagram](https://example.org/d.png)", "", "<!-- a note never closed"]
    return "\n".join(body) + "\n"


def _folder(root: Path, n: int) -> Path:
    rng = random.Random(n)
    for topic in TOPICS:
        (root / topic).mkdir(parents=True)
        (root / topic / "index.md").write_text(f"# {topic}\n\nCommands about {topic}.\n")
    for i in range(n - len(TOPICS)):
        topic = TOPICS[i % len(TOPICS)]
        (root / topic / f"cmd{i:03d}.md").write_text(_page(rng, topic, f"cmd{i:03d}", i))
    return root


def _run(tmp: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, int]]:
    """Convert n pages; the session folder and the counts of parses and lint requests."""
    monkeypatch.setenv("DOCGEN_HOME", str(tmp / "home"))
    analysis.forget()
    mdtext.forget_headings()
    counts = {"inline": 0, "blocks": 0, "lint": 0}
    start = dict(analysis.PARSES)
    real = Linter.request

    def counted(self: Linter, op: str, **fields: object) -> dict[str, object]:
        counts["lint"] += op == "lint"
        return real(self, op, **fields)

    monkeypatch.setattr(Linter, "request", counted)
    result = api.generate_document(_folder(tmp / "in", n), tmp / "o.docx", on_missing="skip")
    assert result.status == "complete", result.errors
    counts["inline"] = analysis.PARSES["inline"] - start["inline"]
    counts["blocks"] = analysis.PARSES["blocks"] - start["blocks"]
    return Path(result.session_dir), counts


def test_each_page_is_parsed_once_and_linted_with_its_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, again = {}, {}
    for n in (21, 63):  # one batch each (<= 100 files, <= 128 KB)
        _, found[n] = _run(tmp_path / str(n), n, monkeypatch)
        pages = n  # every file is markdown
        again[n] = sum(1 for i in range(n - len(TOPICS)) if i % 7 in (2, 5, 6))
        # the scan reads each page; the copied part is read once more when the page defines
        # link references (a link may use a definition above that part) or when the copy
        # changed it (a fence or an HTML comment left open, closed off)
        assert pages <= found[n]["inline"] <= pages + again[n], found[n]
    # blocks-only parses grow only with the pages the copy changed (before: two per page)
    assert found[63]["blocks"] - found[21]["blocks"] <= again[63] - again[21] + 2, found
    assert found[21]["lint"] <= 2 and found[63]["lint"] <= 2, found  # one per batch (+ a fix)


def test_the_document_is_the_same_when_every_pass_parses_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, _ = _run(tmp_path / "kept", 35, monkeypatch)
    monkeypatch.setattr(analysis, "known", lambda lines, need_links=False: None)
    monkeypatch.setattr(mdtext, "_headings_of_a_tail", lambda lines: None)
    monkeypatch.setattr(mdtext, "_HEADINGS_KEPT", 0)
    fresh, counts = _run(tmp_path / "fresh", 35, monkeypatch)
    assert counts["inline"] >= 2 * 32  # (the scan, then the copy: each parsed again)
    assert plain_markdown(kept) == plain_markdown(fresh)
