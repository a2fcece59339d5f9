"""`--format docx,pdf,md,html`: every file from one run, each opened by a real reader — the
PDF by poppler (its page count), the HTML by headless Chromium (its DOM: the contents' links
land on ids, the sources' HTML stays text), the markdown read back line by line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from agentic_docgen.blocks.parser import github_slug
from tests.conftest import invoke_cli, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")

GUIDE = """\
# Setup guide

The scheduler runs <b>batch jobs</b>. A hostile line: <script>alert("x")</script> and
<img src=x onerror=alert(1)> stay harmless. Read the [operations notes](c-notes.md#escalation)
first[^why].

![Tiny diagram](img/dot.png)

The cost is $E = mc^2$ per job, and in total:

$$\\sum_{i=1}^{n} c_i$$

```python
def admit(job):
    return job.cpus <= 64  # 1 < 2 & "quoted"
```

[^why]: Because escalation rules change.
"""

# a table of 12 columns: the .docx gives it a landscape section (a page of its own)
WIDE = (
    "# Capacity\n\n| "
    + " | ".join(f"c{i}" for i in range(12))
    + " |\n|"
    + "---|" * 12
    + "\n| "
    + " | ".join(str(i) for i in range(12))
    + " |\n"
)

NOTES = """\
# Operations notes

## Escalation

Page the on-call engineer first.
"""

LOG = """\
2026-11-03 10:00:01 INFO  scheduler started
2026-11-03 10:00:02 WARN  queue almost full
2026-11-03 10:00:03 ERROR worker 7 lost: connection reset
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats") / "project"
    (root / "img").mkdir(parents=True)
    Image.new("RGB", (40, 20), "navy").save(root / "img" / "dot.png")
    (root / "a-guide.md").write_text(GUIDE)
    (root / "b-capacity.md").write_text(WIDE)
    (root / "c-notes.md").write_text(NOTES)
    (root / "d-server.log").write_text(LOG)
    return root


@pytest.fixture(scope="module")
def every_format(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("out") / "guide.docx"
    formats = "docx,pdf,md,html" if SOFFICE else "docx,md,html"  # (the PDF test then skips)
    run = run_cli(
        "convert", str(folder), "-o", str(out), "--format", formats,
        "--toc", "--on-missing", "skip", "--json", timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return {"out": out, "summary": json.loads(run.stdout), "stderr": run.stderr}


def test_one_run_writes_every_format(every_format: dict) -> None:
    out, summary = every_format["out"], every_format["summary"]
    listed = {o["format"]: Path(o["path"]) for o in summary["outputs"]}
    assert set(listed) == {"docx", "md", "html"} | ({"pdf"} if SOFFICE else set())
    assert summary["output_path"] == str(out) == str(listed["docx"])  # the primary one
    for fmt, path in listed.items():
        assert path == out.with_suffix(f".{fmt}") and path.stat().st_size > 0
        assert f"Wrote {path}" in every_format["stderr"]
    assert zipfile.is_zipfile(listed["docx"])


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: no PDF")
@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo (poppler-utils) is not installed")
def test_pdf_has_the_pages_of_the_docx(every_format: dict) -> None:
    pdf = every_format["out"].with_suffix(".pdf")
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    # the title page, the contents, the guide (portrait), the wide table (a landscape
    # section), the notes and the log (portrait again)
    assert pages == 5
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "worker 7 lost" in text and "Escalation" in text


def test_markdown_is_clean_and_complete(every_format: dict, folder: Path) -> None:
    md_path = every_format["out"].with_suffix(".md")
    md = md_path.read_text()
    assert "docgen" not in md  # no source mark, no internal link target
    assert md.startswith("---\ntitle: Project\n")  # the title page's fields (the folder's name)
    # every line of the sources is there, unchanged (the image's destination aside)
    for name in ("b-capacity.md", "d-server.log"):
        for line in (folder / name).read_text().splitlines()[1:]:
            assert line in md
    assert "![Tiny diagram](guide_files/dot.png)" in md
    assert (md_path.parent / "guide_files" / "dot.png").read_bytes() == (
        folder / "img" / "dot.png"
    ).read_bytes()
    # the link between inputs points at the anchor the heading has in this file
    anchor = re.search(r"\[operations notes\]\(#([^)]*)\)", md).group(1)
    headings = [github_slug(h) for h in re.findall(r"^#+ (.*)$", md, re.M)]
    assert anchor == "escalation" and anchor in headings


@pytest.fixture(scope="module")
def dom(every_format: dict) -> HTMLParser:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: the HTML page is not opened")
    page = every_format["out"].with_suffix(".html")
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and "<body" in run.stdout, run.stderr[-500:]
    return HTMLParser(run.stdout)


def test_html_contents_links_land_on_headings(dom: HTMLParser) -> None:
    links = dom.css("nav.toc a")
    assert len(links) >= 5
    for a in links:
        href = a.attributes["href"]
        assert href.startswith("#")
        target = dom.css_first(f'[id="{href[1:]}"]')
        assert target is not None and target.tag in ("h1", "h2", "h3"), href
        assert target.text() == a.text()
    internal = dom.css_first('a[href^="#"]:not(nav a)')
    assert dom.css_first(f'[id="{internal.attributes["href"][1:]}"]') is not None


def test_html_keeps_the_documents_content(dom: HTMLParser) -> None:
    assert dom.css("script") == []  # the source's <script> is text, not a script
    body = dom.body.text()
    assert "onerror" not in " ".join(str(n.attributes) for n in dom.css("img"))
    assert "worker 7 lost: connection reset" in body
    error_line = [s for s in dom.css("pre.log span") if "worker 7 lost" in s.text()]
    assert error_line and "color:#C00000" in error_line[0].attributes["style"]
    keyword = [s for s in dom.css('pre[data-language="python"] span') if s.text() == "def"]
    assert keyword and "color:#" in keyword[0].attributes["style"]
    assert 'return job.cpus <= 64  # 1 < 2 & "quoted"' in body
    img = dom.css_first("figure img")
    assert img.attributes["src"].startswith("data:image/png;base64,")
    assert "Figure 1: Tiny diagram" in dom.css_first("figcaption").text()
    assert len(dom.css("math")) == 2  # the inline and the display formula, as MathML
    assert [len(t.css("th")) for t in dom.css("table")].count(12) == 1  # (and the log digest)
    note = dom.css_first("sup.fnref a")
    assert dom.css_first(f'[id="{note.attributes["href"][1:]}"]').text().startswith("Because")


def test_pdf_without_libreoffice_stops_before_any_work(folder: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"  # a PATH with node but without soffice
    bin_dir.mkdir()
    node = shutil.which("node")
    if node:
        (bin_dir / "node").symlink_to(node)
    sessions = tmp_path / "sessions"
    run = run_cli(
        "convert", str(folder), "-o", str(tmp_path / "doc.pdf"), "--sessions-dir", str(sessions),
        env={"PATH": str(bin_dir)},
    )  # fmt: skip
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "soffice is not on PATH" in lines[0], run.stderr
    assert not sessions.exists() and not list(tmp_path.glob("doc.*"))


def test_the_extension_of_o_picks_the_format(folder: Path, tmp_path: Path) -> None:
    run = invoke_cli(
        "convert", str(folder), "-o", str(tmp_path / "page.html"), "--on-missing", "skip", "--json"
    )
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["outputs"] == [{"format": "html", "path": str(tmp_path / "page.html")}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    bad = invoke_cli("convert", str(folder), "-o", str(tmp_path / "page.txt"))
    assert bad.returncode == 2 and "must end in .docx, .pdf, .md or .html" in bad.stderr
    unknown = invoke_cli("convert", str(folder), "--format", "docx,rtf")
    assert unknown.returncode == 2 and "unknown format 'rtf'" in unknown.stderr


def test_api_takes_formats(folder: Path, tmp_path: Path) -> None:
    from agentic_docgen import ConvertOptions, convert

    result = convert(
        ConvertOptions(folder, tmp_path / "doc.docx", formats=("md", "html"), on_missing="skip")
    )
    assert result.status == "complete", result.errors
    assert [o["format"] for o in result.outputs] == ["md", "html"]
    assert result.output_path == str(tmp_path / "doc.md")
    assert not (tmp_path / "doc.docx").exists()
    existing = ConvertOptions(folder, tmp_path / "doc.md", formats="md,html", on_missing="skip")
    with pytest.raises(Exception, match="already exists"):
        convert(existing)


def test_a_big_log_as_html_and_markdown(tmp_path: Path) -> None:
    """A 60,000-line log (its body handed over by byte range, blocks/bodies.py) goes to the
    page streamed from the session's markdown: every line there, in order, coloured."""
    import time

    folder = tmp_path / "logs"
    folder.mkdir()
    levels = ("INFO", "WARN", "ERROR", "DEBUG")
    lines = [
        f"2026-11-03 10:{i // 3600 % 60:02d}:{i // 60 % 60:02d}.{i % 1000:03d} "
        f"{levels[i % 7 % 4]:<5} [worker-{i % 5}] job {i} <state> & done"
        for i in range(60_000)
    ]
    (folder / "big.log").write_text("\n".join(lines) + "\n")
    out = tmp_path / "big.html"
    t0 = time.perf_counter()
    run = invoke_cli("convert", str(folder), "-o", str(out), "--format", "html,md", "--json")
    took = time.perf_counter() - t0
    assert run.returncode == 0, run.stderr
    assert took < 120
    dom = HTMLParser(out.read_text())
    shown = dom.css_first("pre.log").text().split("\n")
    assert shown == lines
    errors = [s for s in dom.css("pre.log span") if " ERROR " in s.text()]
    assert len(errors) == sum(" ERROR " in line for line in lines)
    assert all("color:#C00000" in s.attributes["style"] for s in errors)
    md = out.with_suffix(".md").read_text().split("\n")
    start = md.index(lines[0])
    assert md[start : start + len(lines)] == lines


def test_a_format_that_fails_writes_nothing_and_resumes(folder: Path, tmp_path: Path) -> None:
    """LibreOffice failing on the PDF: no file of the set is written, the run fails (E010)
    and keeps its session; resumed (LibreOffice working again), it writes them all."""
    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ -n "$FAKE_SOFFICE_FAILS" ]; then echo "Error: source file could not be loaded" >&2;'
        " exit 1; fi\n"
        'while [ "$1" != "--outdir" ]; do shift; done;'
        ' printf "%%PDF-1.4 fake" > "$2/document.pdf"\n'
    )
    fake.chmod(0o755)
    env = {"DOCGEN_SOFFICE": str(fake), "FAKE_SOFFICE_FAILS": "1"}
    out = tmp_path / "out" / "doc.docx"
    out.parent.mkdir()
    args = ["convert", str(folder), "-o", str(out), "--format", "docx,pdf,html", "--json"]
    run = invoke_cli(*args, "--on-missing", "skip", env=env)
    assert run.returncode == 1
    summary = json.loads(run.stdout)
    assert summary["status"] == "failed" and summary["outputs"] == []
    error = summary["errors"][-1]
    assert error["code"] == "E010" and "could not be loaded" in error["message"]
    assert list(out.parent.iterdir()) == []  # not the .docx either, and no temporary file
    again = invoke_cli(
        "resume", summary["session_id"], "--json", env={**env, "FAKE_SOFFICE_FAILS": ""}
    )
    assert again.returncode == 0, again.stderr
    assert [o["format"] for o in json.loads(again.stdout)["outputs"]] == ["docx", "pdf", "html"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["doc.docx", "doc.html", "doc.pdf"]
