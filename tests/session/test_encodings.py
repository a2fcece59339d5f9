"""Legacy encodings: a file of text bytes is never dropped, and Western text reads as a
Western user means it, short or long (issue 16, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentic_docgen.session.inputs import (
    CP1252_FALLBACK,
    InputFile,
    detect_encoding,
    read_text,
    western_reading,
)

FRENCH = (
    "Chapitre 1 : Installation du logiciel\n"
    "=====================================\n\n"
    "Voici les étapes à suivre. Vérifiez que la clé « données » est présente ;\n"
    "le répertoire doit être créé avant la première exécution. À noter : ça dépend.\n\n"
)


def _read(tmp_path: Path, data: bytes, name: str = "f.txt") -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(data)
    encoding, confidence = detect_encoding(path, data[: 64 * 1024])
    return encoding, read_text(InputFile(name, path, len(data), encoding, confidence))


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("\u201chello\u201d \u2014", "cp1252"),  # the issue's 93 68 65 6c 6c 6f 94 20 97
        ("L\u2019été — « déjà » vu…", "cp1252"),
        ("Grüße aus München", "latin-1"),
        ("Informação e educação são importantes — não é?\n" * 20, "cp1252"),
        (FRENCH * 60, "latin-1"),  # ~38 KB, the tutorial of the issue
        (FRENCH, "latin-1"),
        ("Price: 5 €, trademark™, “quoted” – ok\n" * 3, "cp1252"),
    ],
)
def test_western_text_reads_as_written(tmp_path: Path, text: str, codec: str) -> None:
    data = text.encode(codec)
    encoding, decoded = _read(tmp_path, data)
    assert decoded == text
    assert encoding in ("cp1252", "iso-8859-1")


def test_the_issue_bytes_are_curly_quotes_not_baltic(tmp_path: Path) -> None:
    encoding, text = _read(tmp_path, bytes.fromhex("9368656c6c6f942097"))
    assert (encoding, text) == ("cp1252", "\u201chello\u201d \u2014")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Привет — мир, это тест. Сегодня хорошая погода.\n" * 10, "cp1251"),
        ("Привет, мир", "cp1251"),
        ("Καλημέρα κόσμε, αυτό είναι ένα τεστ.\n" * 5, "cp1253"),
        ("日本語のテキストです。これはテストです。\n" * 5, "shift_jis"),
        ("テスト", "shift_jis"),
        ("这是一个中文文本的测试。我们需要检查编码。\n" * 5, "gbk"),
        ("Zürich 東京 line\n", "utf-16"),
        ("Zürich 東京 line\n" * 50, "utf-16-le"),  # no BOM
    ],
)
def test_other_scripts_are_not_taken_for_western(tmp_path: Path, text: str, codec: str) -> None:
    _, decoded = _read(tmp_path, text.encode(codec))
    assert decoded == text


def test_undetected_text_is_read_as_cp1252_with_latin1_holes(tmp_path: Path) -> None:
    # Polish cp1250: no detector candidate; the 0x81 byte is one cp1252 leaves undefined
    data = ("Zażółć gęślą jaźń — test. Łódź.\n" * 5).encode("cp1250") + b"end \x81\n"
    encoding, text = _read(tmp_path, data)
    assert encoding == CP1252_FALLBACK
    assert text.endswith("end \x81\n")  # every byte is a character: nothing dropped
    assert text.count("\n") == 6
    assert len(text) == len(data)


def test_binary_bytes_are_still_refused(tmp_path: Path) -> None:
    from agentic_docgen.core.errors import InputError

    with pytest.raises(InputError, match="binary"):
        _read(tmp_path, bytes(range(1, 256)) * 20)


def test_western_reading_refuses_symbols_inside_words() -> None:
    assert western_reading("Zażółć gęślą".encode("cp1250")) is None  # "Za¿ó³æ"
    assert western_reading("Привет мир".encode("cp1251")) is None
    assert western_reading("don\u2019t".encode("cp1252")) == "cp1252"
