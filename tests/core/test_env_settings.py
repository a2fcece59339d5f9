"""A DOCGEN_* number that is no number is a usage error naming the variable (exit 2, one
line), never a traceback; empty means the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.settings import MAX_BLOCKS, Settings
from tests.conftest import invoke_cli

NUMBERS = [
    "DOCGEN_MAX_BLOCKS",
    "DOCGEN_MAX_FILES",
    "DOCGEN_MAX_FILE_MB",
    "DOCGEN_MAX_TOTAL_MB",
    "DOCGEN_CONVERTER_TIMEOUT",
    "DOCGEN_LLM_BATCH_TOKENS",
    "DOCGEN_CONVERTER_HEAP_MB",
]


@pytest.mark.parametrize("name", NUMBERS)
@pytest.mark.parametrize("value", ["abc", "-5", "nan", "inf"])
def test_a_bad_number_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InputError) as caught:
        Settings.resolve()
    assert name in str(caught.value) and value in str(caught.value)


def test_good_and_empty_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_MAX_BLOCKS", "")
    monkeypatch.setenv("DOCGEN_CONVERTER_HEAP_MB", " 512 ")
    settings = Settings.resolve()
    assert settings.max_blocks == MAX_BLOCKS and settings.converter_heap_mb == 512


def test_the_command_line_says_it_in_one_line(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = invoke_cli(
        "convert",
        str(src),
        "-o",
        str(tmp_path / "o.docx"),
        env={"DOCGEN_HOME": str(tmp_path / "home"), "DOCGEN_MAX_BLOCKS": "lots"},
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DOCGEN_MAX_BLOCKS" in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "o.docx").exists()
