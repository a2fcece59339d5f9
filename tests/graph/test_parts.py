"""A folder of many files in subfolders becomes a document in parts (issue 24): each top-level
subfolder a Heading 1 part (titled by its README/index, else its name), its files Heading 2
chapters with their own headings below, top-level files first; `--group` overrides."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document

from tests.conftest import invoke_cli


def _vault(root: Path, per_part: int = 20) -> Path:
    src = root / "handbook"
    (src / "guides").mkdir(parents=True)
    (src / "reference").mkdir()
    (src / "ops").mkdir()
    (src / "README.md").write_text("# The handbook\n\nStart here.\n", "utf-8")
    (src / "CHANGES.txt").write_text("Changes\n=======\n\nNothing yet.\n", "utf-8")
    (src / "guides" / "README.md").write_text(
        "# User guides\n\nHow to do things.\n\n## Conventions\n\nBold is bold.\n", "utf-8"
    )
    for i in range(per_part):
        (src / "guides" / f"guide{i + 1}.md").write_text(
            f"# Guide {i + 1}\n\nIntro.\n\n## Steps\n\n1. one\n2. two\n\n### Detail\n\nMore.\n",
            "utf-8",
        )
        (src / "reference" / f"cmd{i + 1}.md").write_text(
            f"---\ntitle: ignored\n---\n# cmd{i + 1}\n\nRuns things.\n\n## Options\n\n- `-v`\n",
            "utf-8",
        )
    for i in range(per_part // 2):
        (src / "ops" / f"node{i + 1}.log").write_text(
            f"2026-11-02 10:00:0{i % 10} INFO node {i} up\n", "utf-8"
        )
    return src


def _headings(docx: Path) -> list[tuple[int, str]]:
    out = []
    for p in Document(str(docx)).paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading ") and name[8:].isdigit():
            out.append((int(name[8:]), p.text))
    return out


def _convert(src: Path, tmp: Path, *flags: str) -> tuple[dict, list[tuple[int, str]]]:
    out = tmp / f"out{len(list(tmp.glob('out*.docx')))}.docx"
    r = invoke_cli(
        "convert", str(src), "-o", str(out), "--on-missing", "skip", "--json", *flags,
        env={"DOCGEN_HOME": str(tmp / "home")},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), _headings(out)


def test_a_folder_of_many_files_is_in_parts(tmp_path: Path) -> None:
    src = _vault(tmp_path)  # 2 + 21 + 20 + 10 = 53 files
    summary, heads = _convert(src, tmp_path)
    assert summary["quality"]["pass"]
    tops = [text for level, text in heads if level == 1]
    assert tops == ["The handbook", "Changes", "User guides", "ops", "reference"]
    # the part's README is the part: its own sections are Heading 2, then its chapters
    at = heads.index((1, "User guides"))
    assert heads[at + 1 : at + 6] == [
        (2, "Conventions"), (2, "Guide 1"), (3, "Steps"), (4, "Detail"), (2, "Guide 2"),
    ]  # fmt: skip
    at = heads.index((1, "reference"))
    # a front matter title names the chapter; the file's own H1 comes under it (issue 16)
    assert heads[at + 1 : at + 4] == [(2, "ignored"), (3, "cmd1"), (4, "Options")]
    assert (2, "node1") in heads[heads.index((1, "ops")) :]
    levels = [level for level, _ in heads]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))  # no skip
    session = Path(summary["session_dir"])
    meta = json.loads((session / "structure.json").read_text("utf-8"))["meta"]
    assert meta["toc"] is True and meta["toc_levels"] == 2


def test_group_none_keeps_one_heading_1_per_file(tmp_path: Path) -> None:
    src = _vault(tmp_path)
    _, heads = _convert(src, tmp_path, "--group", "none")
    assert sum(level == 1 for level, _ in heads) == 53


def test_a_small_folder_is_in_parts_only_when_asked(tmp_path: Path) -> None:
    src = _vault(tmp_path, per_part=2)  # 2 + 3 + 2 + 1 = 8 files
    _, heads = _convert(src, tmp_path)
    assert sum(level == 1 for level, _ in heads) == 8
    _, heads = _convert(src, tmp_path, "--group", "folders")
    assert [t for level, t in heads if level == 1] == [
        "The handbook", "Changes", "User guides", "ops", "reference",
    ]  # fmt: skip


def test_a_bad_group_is_a_usage_error(tmp_path: Path) -> None:
    src = _vault(tmp_path, per_part=1)
    r = invoke_cli("convert", str(src), "--group", "topics", env={"DOCGEN_HOME": str(tmp_path)})
    assert r.returncode == 2 and "--group" in r.stderr
