"""Hostile file systems (issue 25, class 1): link loops, trees deeper than a thousand folders,
names that are not UTF-8, unreadable files and folders. Each is a skipped file with a reason
(or a chapter under a shown name), never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from docx import Document

from agentic_docgen.core.settings import Settings
from agentic_docgen.session.discovery import MAX_DEPTH, discover_paths
from tests.conftest import invoke_cli


def _convert(folder: Path, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / "o.docx"
    proc = invoke_cli("convert", str(folder), "-o", str(out), "--json", *extra, cwd=tmp_path)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _reasons(summary: dict) -> dict[str, str]:
    return {s["file"]: s["reason"] for s in summary["skipped"]}


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "top.md").write_text("# Top\n\nkept\n")
    return d


def test_link_loops_are_skipped_with_a_reason(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    os.symlink("self.md", d / "self.md")  # points to itself
    os.symlink("b.md", d / "a.md")
    os.symlink("a.md", d / "b.md")  # a circle of two
    (d / "x").mkdir()
    (d / "y").mkdir()
    os.symlink("../y", d / "x" / "to_y")  # folders that link to each other
    os.symlink("../x", d / "y" / "to_x")
    os.symlink(d, d / "x" / "root")  # a link back to the top
    summary = _convert(d, tmp_path)
    reasons = _reasons(summary)
    assert "loop" in reasons["self.md"] and "loop" in reasons["a.md"]
    assert "not followed" in reasons["x/to_y"] and "not followed" in reasons["x/root"]
    assert [i["file"] for i in summary["inputs"]] == ["top.md"]
    assert all(f"skipped {f}: {r}" in summary["warnings"] for f, r in reasons.items())


def _chain(top: Path, depth: int, remove: bool = False) -> None:
    """Make (or remove) top/d/d/…/d, `depth` folders, one level at a time: os.makedirs and
    shutil.rmtree (pytest's clean-up of tmp_path too) recurse, and would fail."""
    here = os.getcwd()
    os.chdir(top)
    try:
        if not remove:
            for _ in range(depth):
                os.mkdir("d")
                os.chdir("d")
            Path("bottom.md").write_text("# Bottom\n")
            return
        while os.path.isdir("d"):
            os.chdir("d")
        for name in os.listdir("."):
            os.remove(name)
        while os.getcwd() != str(top):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_a_tree_a_thousand_folders_deep(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    _chain(d, 1100)
    try:
        (d / "d" / "near.md").write_text("# Near\n\nnear the top\n")
        (d / "d" / "pic.md").write_text("# Pic\n\n![broken](nowhere/lost.png)\n")
        summary = _convert(d, tmp_path, "--on-missing", "skip")
        (d / "d" / "near.md").unlink()
        (d / "d" / "pic.md").unlink()
    finally:
        _chain(d, 1100, remove=True)
    assert [i["file"] for i in summary["inputs"]] == ["d/near.md", "d/pic.md", "top.md"]
    deep = [s for s in summary["skipped"] if "folders deep" in s["reason"]]
    assert len(deep) == 1 and deep[0]["file"].count("/") == MAX_DEPTH


def test_names_that_are_not_utf8_reach_the_document(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    raw = os.fsencode(d)
    (Path(os.fsdecode(raw + b"/r\xe9sum\xe9.md"))).write_bytes(b"# R\xe9sum\xe9\n\nLatin-1 body\n")
    os.mkdir(raw + b"/dossier-\xe9t\xe9")
    Path(os.fsdecode(raw + b"/dossier-\xe9t\xe9/notes.txt")).write_text("inside a Latin-1 folder\n")
    summary = _convert(d, tmp_path)
    names = [i["file"] for i in summary["inputs"]]
    assert "r\ufffdsum\ufffd.md" in names and "dossier-\ufffdt\ufffd/notes.txt" in names
    assert sum("not valid UTF-8" in w for w in summary["warnings"]) == 2
    texts = "\n".join(p.text for p in Document(str(tmp_path / "o.docx")).paragraphs)
    assert "Résumé" in texts  # the body, read as Latin-1
    assert "inside a Latin-1 folder" in texts  # its chapter: "notes", the name without folder


def test_two_names_that_show_alike_do_not_collide(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    raw = os.fsencode(d)
    Path(os.fsdecode(raw + b"/x\xe9.md")).write_text("# One\n\nfirst\n")
    Path(os.fsdecode(raw + b"/x\xe8.md")).write_text("# Two\n\nsecond\n")
    summary = _convert(d, tmp_path)
    names = sorted(i["file"] for i in summary["inputs"])
    assert names == ["x\ufffd (2).md", "x\ufffd.md"]
    texts = "\n".join(p.text for p in Document(str(tmp_path / "o.docx")).paragraphs)
    assert "first" in texts and "second" in texts


def test_unreadable_file_and_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _folder(tmp_path)
    (d / "secret.md").write_text("# Secret\n")
    (d / "locked").mkdir()
    (d / "locked" / "inner.md").write_text("# Inner\n")
    if os.geteuid() == 0:  # root reads everything: the refusal is simulated
        real_open, real_scandir = Path.open, os.scandir

        def deny_open(self: Path, *a, **k):
            if self.name == "secret.md":
                raise PermissionError(13, "Permission denied")
            return real_open(self, *a, **k)

        def deny_scandir(path):
            if str(path).endswith("locked"):
                raise PermissionError(13, "Permission denied")
            return real_scandir(path)

        monkeypatch.setattr(Path, "open", deny_open)
        monkeypatch.setattr(os, "scandir", deny_scandir)
    else:
        (d / "secret.md").chmod(0)
        (d / "locked").chmod(0)
    try:
        found = discover_paths([d], Settings(home=tmp_path / "home"))
    finally:
        (d / "secret.md").chmod(0o644)
        (d / "locked").chmod(0o755)
    reasons = {s.rel: s.reason for s in found.skipped}
    assert "Permission denied" in reasons["secret.md"]
    assert "Permission denied" in reasons["locked/"]
    assert [f.rel for f in found.files] == ["top.md"]


def test_fifo_and_broken_link(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    os.mkfifo(d / "pipe.md")
    os.symlink("gone.md", d / "broken.md")
    summary = _convert(d, tmp_path)
    reasons = _reasons(summary)
    assert "not a regular file" in reasons["pipe.md"]
    assert "broken" in reasons["broken.md"]
