"""Front matter read safely and within bounds; chapter and document titles (issue 16 items 4
and 7, issue 25 class 4)."""

from __future__ import annotations

import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from agentic_docgen.markdown import frontmatter
from agentic_docgen.markdown.metadata import chapter_head, document_meta, file_title


def _lines(text: str) -> list[str]:
    return text.split("\n")


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": nine levels of nine references (under 400 bytes)."""
    out = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    names = "abcdefghijklmnop"
    for x, y in zip(names[: levels - 1], names[1:levels], strict=True):
        out += f"{y}: &{y} [" + ",".join([f"*{x}"] * 9) + "]\n"
    return "---\n" + out + f"title: *{names[levels - 1]}\n---\n# Bomb\n\nBody.\n"


# --- realistic pages -----------------------------------------------------------------------


def test_jekyll_page() -> None:
    fm = frontmatter.read(
        _lines(
            "---\nlayout: page\ntitle: OBA 2.x Build and Run Guide\ntags: [build, maven]\n"
            "date: 2022-04-01\npermalink: /guides/build/\n---\n\nStart here.\n"
        )
    )
    assert fm is not None and fm.kind == "yaml" and fm.end == 7 and fm.problem is None
    assert fm.data == {
        "layout": "page",
        "title": "OBA 2.x Build and Run Guide",
        "tags": ["build", "maven"],
        "date": date(2022, 4, 1),
        "permalink": "/guides/build/",
    }


def test_hugo_toml_page() -> None:
    fm = frontmatter.read(
        _lines('+++\ntitle = "Deploying"\ndraft = false\ntags = ["a", "b"]\n+++\nBody\n')
    )
    assert fm is not None and fm.kind == "toml" and fm.end == 5
    assert fm.data == {"title": "Deploying", "draft": False, "tags": ["a", "b"]}


def test_mkdocs_page_with_merge_keys_and_dots_closer() -> None:
    text = "---\nbase: &b {owner: docs}\nmeta:\n  <<: *b\n  status: draft\n...\n# H\n"
    fm = frontmatter.read(_lines(text))
    assert fm is not None and fm.end == 6
    assert fm.data == {"base": {"owner": "docs"}, "meta": {"owner": "docs", "status": "draft"}}


@pytest.mark.parametrize(
    "text",
    [
        "---\nFoo\n---\n",  # a scalar: CommonMark's rule and setext heading
        "---\n---\n",  # empty
        "---\n- a\n- b\n---\n",  # a list
        "---\n# only a comment\n---\n",
        "---\ntitle: never closed\n\nbody\n",  # no closer
        "Text\n---\ntitle: x\n---\n",  # not on the first line
        "",
    ],
)
def test_what_is_not_front_matter_stays_markdown(text: str) -> None:
    assert frontmatter.read(_lines(text)) is None
    assert chapter_head(_lines(text)).start == 0  # every line goes to the chapter as markdown


# --- hostile blocks ------------------------------------------------------------------------


def test_alias_bomb_is_refused_fast_and_small() -> None:
    text = alias_bomb()
    assert len(text.encode()) < 400
    tracemalloc.start()
    t0 = time.perf_counter()
    fm = frontmatter.read(_lines(text))
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert fm is not None and fm.data is None and "alias bomb" in (fm.problem or "")
    assert fm.line == 7  # the first anchor that expands beyond the bound (f: 9**6 "lol")
    assert elapsed < 1.0 and peak < 5_000_000


def test_legitimate_aliases_are_read() -> None:
    fm = frontmatter.read(_lines(alias_bomb(levels=3)))
    assert fm is not None and fm.problem is None
    assert fm.data is not None and len(fm.data["title"]) == 9


def test_self_reference_is_refused() -> None:
    fm = frontmatter.read(_lines("---\na: &a [1, *a]\n---\n"))
    assert fm is not None and fm.data is None and "refers to itself" in (fm.problem or "")


@pytest.mark.parametrize(
    "body, reason",
    [
        ("title: " + "[" * 30_000 + "]" * 30_000, "nested more than 50"),
        ("title: " + "{a: " * 5_000 + "1" + "}" * 5_000, "nested more than 50"),
        ("title: !!python/object/apply:os.system ['touch pwned']", "python/object"),
        ("title: !!binary aGk=\nx: !!set {a}\ny: !!python/name:os.system", "python/name"),
        ("title: \x01\x02 junk", "unacceptable character"),
        ("title: [unclosed\nauthor: Ann", "expected"),
        ("k: v\nk2: " + "x" * 70_000, "over the 64 KB limit"),
    ],
)
def test_hostile_yaml_is_refused_with_a_reason(body: str, reason: str) -> None:
    t0 = time.perf_counter()
    fm = frontmatter.read(_lines("---\n" + body + "\n---\nbody\n"))
    assert time.perf_counter() - t0 < 1.0
    assert fm is not None and fm.data is None and reason in (fm.problem or "")
    head = chapter_head(_lines("---\n" + body + "\n---\nbody\n"))
    assert head.text_end == fm.end and head.start == fm.end and head.title is None


def test_ten_megabytes_of_front_matter_is_refused_unparsed() -> None:
    text = "---\ntitle: big\nblob: " + "A" * 10_000_000 + "\n---\nbody\n"
    t0 = time.perf_counter()
    fm = frontmatter.read(_lines(text))
    assert time.perf_counter() - t0 < 1.0
    assert fm is not None and fm.data is None and "9765 KB" in (fm.problem or "")


@pytest.mark.parametrize(
    "body", ['title = "T"\ntags = [', "a = " + "[" * 20_000 + "]" * 20_000, "a = 1\na = 2"]
)
def test_hostile_toml_is_refused(body: str) -> None:
    fm = frontmatter.read(_lines("+++\n" + body + "\n+++\n"))
    assert fm is not None and fm.data is None and fm.problem


def test_read_file_stops_at_the_closer(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\n---\n" + "body line\n" * 100_000, "utf-8")
    fm = frontmatter.read_file(path)
    assert fm is not None and fm.data == {"title": "T"}
    path.write_text("# no front matter\n", "utf-8")
    assert frontmatter.read_file(path) is None


# --- chapter titles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, title",
    [
        ("guides/oba-2x-build-run-guide.md", "oba-2x-build-run-guide"),
        ("server.log", "server"),
        ("a/b/release.notes.txt", "release.notes"),
        ("README", "README"),
        (".hidden", ".hidden"),
    ],
)
def test_file_title_has_no_folder_or_extension(name: str, title: str) -> None:
    assert file_title(name) == title


def test_chapter_head_uses_the_title_and_shows_the_other_keys() -> None:
    head = chapter_head(
        _lines(
            "---\ntitle: Guide\ndescription: How to *build*\ntags: [a, b]\ndraft: false\n"
            "date: 2022-04-01\n---\nBody\n"
        )
    )
    assert head.title == "Guide" and head.start == 7 and head.text_end == 0
    assert head.properties == (
        r"*description:* How to \*build\* · *tags:* a, b · *draft:* false · *date:* 2022-04-01"
    )


def test_front_matter_values_cannot_forge_markup() -> None:
    head = chapter_head(_lines("---\nsummary: '[x](javascript:alert(1)) <!-- a -->'\n---\n"))
    assert head.properties == r"*summary:* \[x\](javascript:alert(1)) \<\!-- a --\>"


# --- the document's title and author -------------------------------------------------------


def _meta(tmp_path: Path, files: dict[str, str], **flags: str) -> tuple[dict, list[str]]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    warnings: list[str] = []
    meta = document_meta(tmp_path, list(files), "/data/my-docs_set", flags, warnings)
    return meta, warnings


def test_document_title_from_readme_front_matter(tmp_path: Path) -> None:
    meta, _ = _meta(
        tmp_path,
        {
            "guides/a.md": "---\ntitle: Page A\nauthor: Ann\ndate: 2020-01-01\n---\n",
            "README.md": "---\ntitle: The Docs\ndescription: All of it\n---\n# Welcome\n",
        },
    )
    assert meta["title"] == "The Docs" and meta["subtitle"] == "All of it"
    assert meta["author"] == "Ann"  # a front matter author is used
    assert meta["date"] != "2020-01-01"  # a page's date is not the document's


def test_document_title_from_readme_heading_before_a_page_title(tmp_path: Path) -> None:
    files = {
        "index.md": '<p align="center"><img src="logo.png"></p>\n\n# Project X\n\n## Intro\n',
        "b.md": "---\ntitle: Page B\n---\n",
    }
    meta, _ = _meta(tmp_path, files)
    assert meta["title"] == "Project X" and meta["subtitle"] is None


def test_document_title_from_the_one_titled_page_else_the_folder(tmp_path: Path) -> None:
    meta, _ = _meta(tmp_path, {"a.md": "---\ntitle: Only\n---\n", "b.md": "# B\n"})
    assert meta["title"] == "Only"
    meta, _ = _meta(tmp_path, {"a.md": "---\ntitle: A\n---\n", "c.md": "---\ntitle: C\n---\n"})
    assert meta["title"] == "My docs set"  # several titled pages: none names the document


def test_no_author_is_made_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "root")
    meta, _ = _meta(tmp_path, {"a.md": "# A\n"})
    assert meta["author"] == ""
    meta, _ = _meta(tmp_path, {"a.md": "# A\n"}, author="Ann")
    assert meta["author"] == "Ann"


def test_a_hostile_front_matter_is_a_warning_naming_file_and_line(tmp_path: Path) -> None:
    t0 = time.perf_counter()
    meta, warnings = _meta(tmp_path, {"README.md": alias_bomb(), "ok.md": "---\ntitle: Ok\n---\n"})
    assert time.perf_counter() - t0 < 2.0
    assert meta["title"] == "Bomb"  # the README's heading: the run goes on
    assert len(warnings) == 1 and warnings[0].startswith("README.md:7: YAML front matter not read")
    assert "kept as text" in warnings[0]
