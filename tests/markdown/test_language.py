"""The message catalogue (core/language.py), the detector (markdown/language.py) and the
chapters it tags (blocks/language.py), without a run."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from agentic_docgen.blocks.language import tag_chapters
from agentic_docgen.core import language
from agentic_docgen.markdown.language import detect, files_language, prose_sample


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_language_has_every_message_with_the_same_placeholders() -> None:
    path = Path(language.__file__).with_name("messages.json")
    catalogue = {k: v for k, v in json.loads(path.read_text("utf-8")).items() if k[0] != "_"}
    assert set(catalogue) == set(language.LANGUAGES)
    english = catalogue["en"]
    for code, messages in catalogue.items():
        assert set(messages) == set(english), code
        for key, text in messages.items():
            assert text.strip() and _fields(text) == _fields(english[key]), (code, key)
        assert messages["word"].split("-")[0] == code
    # no other language shows English labels (the ones that are the same word are known)
    for code in set(language.LANGUAGES) - {"en"}:
        same = {k for k in english if catalogue[code][k] == english[k] and k != "word"}
        assert same <= {"figure", "page"}, (code, same)


@pytest.mark.parametrize(
    ("given", "kept"),
    [("auto", "auto"), ("DE", "de"), ("pt_br", "pt-BR"), ("zh-Hant", "zh-Hant"), ("ko", "ko")],
)
def test_language_tags_are_normalised(given: str, kept: str) -> None:
    assert language.check_tag(given) == kept


@pytest.mark.parametrize("bad", ["", "xx", "english", "de--", "sv", "../de"])
def test_unknown_languages_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="expected auto or one of en, de"):
        language.check_tag(bad)


def test_dates_follow_the_locale_and_other_dates_are_kept() -> None:
    assert language.local_date("2026-03-14", "de") == "14. März 2026"
    assert language.local_date("2026-03-14", "fr") == "14 mars 2026"
    assert language.local_date("2026-03-14", "ja") == "2026年3月14日"
    assert language.local_date("2026-03-14", "pt-BR") == "14 de março de 2026"
    assert language.local_date("2026-02-30", "de") == "2026-02-30"  # no such day: as written
    assert language.local_date("Spring 2026", "de") == "Spring 2026"
    assert language.local_date("2026-03-14T10:00:00+01:00", "de") == "14. März 2026"
    assert language.local_date("2026-03-14 is the day", "de") == "2026-03-14 is the day"


def test_word_tags_and_labels() -> None:
    assert language.word_tag("de") == "de-DE" and language.word_tag("pt-BR") == "pt-BR"
    assert language.label("pl", "page", page=1, pages=9) == "Strona 1 z 9"
    meta = language.converter_meta("ja")
    assert meta["lang"] == "ja-JP" and meta["labels"]["contents"] == "目次"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Dies ist eine kurze Anleitung zur Installation des Servers auf Ihrem Rechner.", "de"),
        ("Ceci est un petit guide pour installer le serveur sur votre machine.", "fr"),
        ("Este es un pequeño manual para instalar el servidor en su equipo.", "es"),
        ("Dit is een korte handleiding om de server op uw computer te installeren.", "nl"),
        ("To jest krótki przewodnik instalacji serwera na twoim komputerze.", "pl"),
        ("本项目将文档文件夹转换为一个文件，并保留源文件的每一行。", "zh"),
        ("このプロジェクトは、フォルダーを一つのファイルに変換します。", "ja"),
        ("이 프로젝트는 문서 폴더를 하나의 파일로 변환합니다.", "ko"),
    ],
)
def test_detect(text: str, code: str) -> None:
    assert detect(text) == code


def test_too_little_text_tells_nothing() -> None:
    assert detect("v1.2 -- ok") is None
    assert detect("") is None


def test_the_sample_leaves_code_out_and_is_bounded() -> None:
    lines = ["# Titel", "", "```", "def main(): return 0", "```", "Ein Satz.", *["x y z"] * 500]
    sample = prose_sample(lines, limit=100)
    assert "def main" not in sample and sample.startswith("# Titel Ein Satz.")
    assert len(sample) <= 100


def test_files_language_by_the_most_prose(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: Titel\n---\n" + "Das ist ein Satz. " * 20)
    (tmp_path / "b.md").write_text("This is a short note.")
    assert files_language([tmp_path / "a.md", tmp_path / "b.md"]) == "de"
    assert files_language([]) is None


def _para(text: str) -> dict:
    return {"type": "paragraph", "runs": [{"text": text}]}


def _heading(text: str, level: int = 1) -> dict:
    return {
        "type": "heading",
        "level": level,
        "id": re.sub(r"\W", "", text) or "h",
        "runs": [{"text": text}],
    }


def test_tag_chapters_tags_only_the_other_languages() -> None:
    blocks = [
        _heading("Intro"),
        _para("This chapter explains how the tool reads the folder and writes one document."),
        _heading("Einleitung"),
        _para(
            "Dieses Kapitel erklärt, wie das Werkzeug den Ordner liest und ein Dokument schreibt."
        ),
        {"type": "code", "language": "python", "text": "print('hello world, this is code')"},
        _heading("Details", 2),  # below the chapter level: part of the German chapter
        {
            "type": "list",
            "ordered": False,
            "items": [{"blocks": [_para("Noch ein Satz auf Deutsch.")]}],
        },
        _heading("日本語"),
        _para("このプロジェクトは、フォルダーを一つのファイルに変換します。"),
    ]
    found = tag_chapters(blocks, "en", 1)
    assert found == {"de": 1, "ja": 1}
    assert [b.get("lang") for b in blocks] == [None, None, *["de-DE"] * 5, "ja-JP", "ja-JP"]


def test_the_prompt_names_the_documents_language() -> None:
    from agentic_docgen.graph.policy.prompts import batch_task

    task = batch_task(["File 1 of 1: a.md\n"], "", "de")
    assert "German" in task and "Never translate" in task


def test_declared_language_reads_the_index_first_and_ignores_what_is_no_text(
    tmp_path: Path,
) -> None:
    from agentic_docgen.markdown.metadata import declared_language

    (tmp_path / "a.md").write_text("---\nlang: {x: 1}\n---\n# A\n")
    (tmp_path / "b.md").write_text("---\nlanguage: fr\n---\n# B\n")
    (tmp_path / "README.md").write_text("---\nlang: de\n---\n# R\n")
    assert declared_language(tmp_path, ["a.md", "b.md", "README.md"]) == "de"
    assert declared_language(tmp_path, ["a.md", "b.md"]) == "fr"
    assert declared_language(tmp_path, ["a.md"]) is None


def test_english_dates_are_babels_without_babel() -> None:
    import datetime as dt

    from babel.dates import format_date

    for month in range(1, 13):
        day = dt.date(2026, month, month * 2)
        expected = format_date(day, format="long", locale="en_US")
        assert language.local_date(day.isoformat(), "en") == expected


def test_a_huge_chapter_is_looked_at_through_a_bounded_sample() -> None:
    import time

    hostile = "https://" + "a/" * 2_000_000 + " " + "Dies ist ein Satz. " * 100_000
    blocks = [_heading("Groß"), _para(hostile), *[_para("x" * 1000)] * 2000]
    t0 = time.perf_counter()
    found = tag_chapters(blocks, "en", 1)
    assert time.perf_counter() - t0 < 5
    assert found == {} and "lang" not in blocks[0]  # an address, then nothing to tell
