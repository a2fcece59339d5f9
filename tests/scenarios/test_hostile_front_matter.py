"""Front matter through the whole tool: a documentation site's pages (Jekyll, Hugo, MkDocs
styles) and hostile blocks (issue 16 items 4 and 7, issue 25 class 4). Nothing a user wrote
in a front matter is lost: it titles the chapter, is shown, or is kept as text with a
warning naming the file and line; the run goes on."""

from __future__ import annotations

import json
import time
from pathlib import Path

from docx import Document

from tests.conftest import invoke_cli
from tests.markdown.test_front_matter import alias_bomb


def _convert(src: Path, out: Path, *flags: str) -> tuple[dict, Document]:
    r = invoke_cli("convert", str(src), "-o", str(out), "--json", "--on-missing", "skip", *flags)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return json.loads(r.stdout), Document(str(out))


def _headings(doc: Document) -> list[tuple[int, str]]:
    return [
        (int(p.style.name[8:]), p.text)
        for p in doc.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def _site(root: Path) -> Path:
    src = root / "onebusaway-docs"
    (src / "guides").mkdir(parents=True)
    (src / "README.md").write_text(
        "---\ntitle: OneBusAway Developer Docs\ndescription: Build, run and operate it\n---\n\n"
        "Welcome to the developer documentation.\n",
        "utf-8",
    )
    (src / "guides" / "oba-2x-build-run-guide.md").write_text(
        "---\nlayout: page\ntitle: OBA 2.x Build and Run Guide\ntags: [build, maven, java]\n"
        "nav_order: 3\n---\n\nStart by cloning the repository.\n\n## Prerequisites\n\n"
        "- Java 11\n- Maven 3.6\n",
        "utf-8",
    )
    (src / "guides" / "hugo-deploy.md").write_text(
        '+++\ntitle = "Deploying with Hugo"\ndraft = false\nweight = 20\n+++\n\n'
        "# Deploying with Hugo\n\nRun `hugo --minify`.\n",
        "utf-8",
    )
    (src / "guides" / "mkdocs-page.md").write_text(
        "---\nsummary: Configuring the nav.\n...\n\n# Navigation\n\nEdit `mkdocs.yml`.\n", "utf-8"
    )
    (src / "guides" / "troubleshooting.txt").write_text("check the logs first\n", "utf-8")
    (src / "guides" / "gtfs-import.log").write_text(
        "2024-05-01 10:00:00 INFO import started\n2024-05-01 10:00:03 WARN stop 42 has no name\n",
        "utf-8",
    )
    return src


def test_a_documentation_site_is_titled_by_its_front_matter(tmp_path: Path) -> None:
    summary, doc = _convert(_site(tmp_path), tmp_path / "site.docx")
    assert summary["status"] == "complete" and summary["warnings"] == []
    h1 = [text for level, text in _headings(doc) if level == 1]
    assert sorted(h1) == sorted(
        [
            "OneBusAway Developer Docs",
            "OBA 2.x Build and Run Guide",  # from its front matter: no H1 in the body
            "Deploying with Hugo",  # TOML front matter; the same H1 is not repeated
            "Navigation",  # no title key: the heading the body opens with
            "troubleshooting",  # a file name, without its folder or extension
            "gtfs-import",
        ]
    )
    assert not any("/" in t or t.endswith((".md", ".txt", ".log")) for t in h1)
    text = "\n".join(p.text for p in doc.paragraphs)
    # the keys not used as a title are shown, one line under the chapter's heading
    assert "layout: page · tags: build, maven, java · nav_order: 3" in text
    assert "draft: false · weight: 20" in text and "summary: Configuring the nav." in text
    props = doc.core_properties
    assert props.title == "OneBusAway Developer Docs"  # the README's, not a page's
    assert props.author == "" and "docgen" not in (props.last_modified_by or "")
    first = [p.text for p in doc.paragraphs[:6] if p.text.strip()]
    assert first[:2] == ["OneBusAway Developer Docs", "Build, run and operate it"]


def test_hostile_front_matter_is_kept_as_text_and_named(tmp_path: Path) -> None:
    src = tmp_path / "hostile"
    src.mkdir()
    pwned = tmp_path / "PWNED"
    files = {
        "bomb.md": alias_bomb() + "Bomb body survives.\n",
        "nested.md": "---\ntitle: " + "[" * 30_000 + "]" * 30_000 + "\n---\nNested body.\n",
        "big.md": "---\ntitle: big\n" + "".join(f"k{i}: {'A' * 900}\n" for i in range(300))
        + "---\nBig body.\n",
        "tags.md": f"---\ntitle: !!python/object/apply:os.system ['touch {pwned}']\n---\nTags.\n",
        "junk.md": "---\ntitle: \x01\x02\x7f junk\x0b\n---\nJunk body.\n",
        "broken.md": "---\ntitle: [unclosed\nauthor: Ann\n---\nBroken body.\n",
        "toml.md": '+++\ntitle = "T"\ntags = [\n+++\nToml body.\n',
        "foo.md": "---\nFoo\n---\n",
        "unclosed.md": "---\ntitle: never closed\n\nUnclosed body.\n",
    }  # fmt: skip
    for name, text in files.items():
        (src / name).write_text(text, "utf-8")
    t0 = time.perf_counter()
    # --no-toc: with a contents page, docx's page-number estimator takes minutes on one
    # unbreakable line of 20 KB or more (any code line, not only front matter; reported)
    summary, doc = _convert(src, tmp_path / "h.docx", "--no-toc")
    assert time.perf_counter() - t0 < 90
    assert summary["status"] == "complete" and summary["quality"]["pass"]
    assert not pwned.exists()
    named = {w.split(":", 1)[0]: w for w in summary["warnings"] if "front matter not read" in w}
    assert sorted(named) == sorted(["bomb.md", "nested.md", "big.md", "tags.md", "junk.md",
                                    "broken.md", "toml.md"])  # fmt: skip
    assert named["bomb.md"].startswith("bomb.md:7: ") and "alias bomb" in named["bomb.md"]
    assert named["broken.md"].startswith("broken.md:3: ")
    assert named["tags.md"].startswith("tags.md:2: ") and "python/object" in named["tags.md"]
    assert "over the 64 KB limit" in named["big.md"]
    text = "\n".join(p.text for p in doc.paragraphs)
    for body in ("Bomb body survives.", "Nested body.", "Big body.", "Tags.", "Junk body.",
                 "Broken body.", "Toml body.", "Unclosed body."):  # fmt: skip
        assert body in text
    # the blocks not read are in the document, line for line
    for line in ("b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "title: [unclosed", "tags = [",
                 f"k299: {'A' * 900}", "!!python/object/apply:os.system"):  # fmt: skip
        assert line in text
    assert "Foo" in [t for _, t in _headings(doc)]  # `---`/`Foo`/`---`: a rule and a heading
    assert "title: never closed" in text
    assert summary["quality"]["fidelity"]["missing_count"] == 0
