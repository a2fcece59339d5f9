"""The document's language (issue 20): --lang, the message catalogue, the locale's date, the
.docx's default language, and chapters in another language tagged with it (read back from
the XML the converter wrote)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from tests.conftest import invoke_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(docx: Path, part: str) -> ET.Element:
    with zipfile.ZipFile(docx) as z:
        return ET.fromstring(z.read(part))


def _text(docx: Path, pattern: str) -> str:
    """Every text of the parts whose names match `pattern`, joined."""
    with zipfile.ZipFile(docx) as z:
        names = [n for n in z.namelist() if re.fullmatch(pattern, n)]
        roots = [ET.fromstring(z.read(n)) for n in names]
    return "\n".join("".join(t.text or "" for t in r.iter(f"{W}t")) for r in roots)


def _default_lang(docx: Path) -> dict[str, str]:
    lang = _xml(docx, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None, "the styles declare no default language"
    return {k.removeprefix(W): v for k, v in lang.attrib.items()}


def _png(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 20), (200, 30, 30)).save(path)


def _german(root: Path) -> Path:
    d = root / "handbuch"
    d.mkdir()
    _png(d / "arch.png")
    (d / "README.md").write_text(
        "---\ntitle: Handbuch für den Server\nauthor: Anna Schmidt\ndate: 2026-03-14\n---\n"
        "# Handbuch\n\nDieses Handbuch beschreibt die Installation und den Betrieb des Servers.\n\n"
        "![Aufbau des Servers](arch.png)\n\n![Fehlt](fehlt.png)\n\nSiehe [Anhang](anhang.md).\n",
        encoding="utf-8",
    )
    (d / "install.md").write_text(
        "# Installation\n\nLaden Sie das Paket herunter und entpacken Sie es.\n\n"
        "## Start\n\nStarten Sie den Dienst.\n\n## Prüfung\n\nPrüfen Sie das Protokoll.\n",
        encoding="utf-8",
    )
    (d / "server.log").write_text(
        "2026-03-14 10:00:01 INFO Dienst gestartet\n"
        "2026-03-14 10:00:02 ERROR Verbindung fehlgeschlagen\n",
        encoding="utf-8",
    )
    return d


def test_german_labels_date_and_default_language(tmp_path: Path) -> None:
    src = _german(tmp_path)
    out = tmp_path / "de.docx"
    proc = invoke_cli(
        "convert", str(src), "-o", str(out), "--lang", "de", "--toc", "--on-missing", "skip"
    )
    assert proc.returncode == 0, proc.stderr
    body = _text(out, r"word/document\.xml")
    footers = _text(out, r"word/footer\d*\.xml")
    assert "Inhalt" in body and "Contents" not in body
    assert "14. März 2026" in body and "2026-03-14" not in body.split("Inhalt")[0]
    assert "Abbildung 1: Aufbau des Servers" in body
    assert "[Fehlendes Bild: fehlt.png" in body and "[fehlende Datei: anhang.md]" in body
    assert "Protokollübersicht" in body and "Zeilen" in body and "Zeitraum" in body
    assert "erstmals in Zeile 2" in body and "Log summary" not in body
    assert "Seite" in footers and "von" in footers and "Page" not in footers
    assert _default_lang(out)["val"] == "de-DE"
    with zipfile.ZipFile(out) as z:  # the figure's number is a SEQ field of the label
        assert "SEQ Abbildung" in z.read("word/document.xml").decode()


def test_style_overrides_win_over_the_language(tmp_path: Path) -> None:
    src = _german(tmp_path)
    style = tmp_path / "style.json"
    style.write_text(json.dumps({"toc": {"title": "Übersicht"}}), encoding="utf-8")
    out = tmp_path / "de.docx"
    proc = invoke_cli(
        "convert", str(src), "-o", str(out), "--lang", "de", "--toc", "--style", str(style),
        "--on-missing", "skip",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    body = _text(out, r"word/document\.xml")
    assert "Übersicht" in body and "Inhalt" not in body
    assert "Abbildung 1" in body  # what the style does not override keeps the language


def test_unknown_language_is_refused_before_any_work(tmp_path: Path) -> None:
    src = _german(tmp_path)
    proc = invoke_cli("convert", str(src), "-o", str(tmp_path / "x.docx"), "--lang", "klingon")
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--lang" in lines[0] and "klingon" in lines[0]
    assert not (tmp_path / "x.docx").exists()
    import os

    sessions = Path(os.environ["DOCGEN_HOME"]) / "sessions"
    assert not sessions.exists() or not any(sessions.iterdir())


def _runs_by_chapter(docx: Path) -> dict[str, list[tuple[str, str | None, str | None, str]]]:
    """Each Heading 1's chapter: its runs as (text, w:lang val, w:eastAsia font, hint)."""
    out: dict[str, list[tuple[str, str | None, str | None, str]]] = {}
    chapter = ""
    for p in _xml(docx, "word/document.xml").iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        if style is not None and style.get(f"{W}val") == "Heading1":
            chapter = text
        for r in p.iter(f"{W}r"):
            t = "".join(x.text or "" for x in r.iter(f"{W}t"))
            if not t.strip():
                continue
            lang = r.find(f"{W}rPr/{W}lang")
            fonts = r.find(f"{W}rPr/{W}rFonts")
            out.setdefault(chapter, []).append(
                (
                    t,
                    lang.get(f"{W}val") if lang is not None else None,
                    fonts.get(f"{W}eastAsia") if fonts is not None else None,
                    (fonts.get(f"{W}hint") or "") if fonts is not None else "",
                )
            )
    return out


def test_chapters_in_chinese_and_japanese_carry_their_language(tmp_path: Path) -> None:
    d = tmp_path / "readmes"
    d.mkdir()
    (d / "README.md").write_text(
        "# Project overview\n\nThis project converts folders of documents into one Word file."
        " It reads markdown, plain text and logs, and keeps every line of the sources.\n",
        encoding="utf-8",
    )
    (d / "README.zh.md").write_text(
        "# 中文说明\n\n本项目将文档文件夹转换为一个 Word 文件。它读取 Markdown、纯文本和日志，"
        "并保留源文件的每一行。\n\n- 安装后，请运行命令行工具并指定输入文件夹。\n",
        encoding="utf-8",
    )
    (d / "README.ja.md").write_text(
        "# 日本語の説明\n\nこのプロジェクトは、ドキュメントのフォルダーを一つの Word ファイルに"
        "変換します。Markdown、テキスト、ログを読み込み、ソースのすべての行を保持します。\n",
        encoding="utf-8",
    )
    (d / "README.ko.md").write_text(
        "# 한국어 설명\n\n이 프로젝트는 문서 폴더를 하나의 Word 파일로 변환합니다."
        " 마크다운, 텍스트, 로그를 읽고 원본의 모든 줄을 유지합니다.\n",
        encoding="utf-8",
    )
    out = tmp_path / "mixed.docx"
    proc = invoke_cli("convert", str(d), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert _default_lang(out)["val"] == "en-US"  # most of the prose is English
    chapters = _runs_by_chapter(out)
    expect = {
        "中文说明": ("zh-CN", "Microsoft YaHei"),
        "日本語の説明": ("ja-JP", "Yu Gothic"),
        "한국어 설명": ("ko-KR", "Malgun Gothic"),
    }
    for heading, (lang, font) in expect.items():
        runs = chapters[heading]
        assert len(runs) >= 2  # the heading and the text (and the list item of zh)
        assert all(r[1:] == (lang, font, "eastAsia") for r in runs), runs
    english = chapters["Project overview"]
    assert english and all(r[1] is None and r[2] is None for r in english)


def test_front_matter_language_and_a_chapter_in_another(tmp_path: Path) -> None:
    """`lang:` in the README's front matter sets the document's language; a German chapter
    of it is tagged de-DE (a western language: no East Asian font)."""
    d = tmp_path / "guide"
    d.mkdir()
    (d / "README.md").write_text(
        "---\nlang: fr\n---\n# Guide\n\nCe guide explique comment installer et configurer le"
        " serveur sur votre machine.\n",
        encoding="utf-8",
    )
    (d / "deutsch.md").write_text(
        "# Anleitung\n\nDiese Anleitung erklärt, wie man den Server auf dem eigenen Rechner"
        " installiert und einrichtet.\n",
        encoding="utf-8",
    )
    out = tmp_path / "fr.docx"
    proc = invoke_cli("convert", str(d), "-o", str(out), "--toc", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["lang"] == "fr"
    assert _default_lang(out)["val"] == "fr-FR"
    assert "Table des matières" in _text(out, r"word/document\.xml")
    chapters = _runs_by_chapter(out)
    assert all(r[1] == "de-DE" and r[2] is None for r in chapters["Anleitung"])
    assert all(r[1] is None for r in chapters["Guide"])
