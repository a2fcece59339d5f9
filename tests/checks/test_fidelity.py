"""The fidelity receipt (checks/fidelity.py): every copied line found, a missing, dropped or
doubled line named at its number."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from agentic_docgen.blocks.contract import visible
from agentic_docgen.checks import fidelity
from agentic_docgen.markdown.lines import split_lines
from tests.checks.cases import (
    _agree,
    _code_paragraphs,
    _edit,
    _reference_receipt,
)


def test_an_altered_line_in_a_big_log_is_missing_at_its_number(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    docx, session = docs["log"]
    lines = split_lines((session / "inputs" / "big.log").read_text("utf-8"))
    number = 9001
    while "\t" in lines[number - 1] or "&" in lines[number - 1] or not lines[number - 1]:
        number += 1
    line = lines[number - 1]
    old = line[-12:].encode()

    def alter(xml: bytes) -> bytes:
        at = xml.index(old, xml.index(line[:30].encode()))
        return xml[:at] + b"X" + xml[at + 1 :]

    report = _agree(_edit(docx, tmp_path / "t.docx", alter), session)
    receipt = report["fidelity"]
    assert receipt["missing_count"] == 1
    assert receipt["missing"][0]["line"] == number
    assert receipt["missing"][0]["text"] == visible(line)[:80]
    assert not report["pass"]
    assert [f["check"] for f in report["findings"]] == ["fidelity"]
    assert f"big.log:{number} not found" in report["findings"][0]["message"]


def test_a_dropped_and_a_doubled_line(docs: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    docx, session = docs["mixed"]

    def change(xml: bytes) -> bytes:
        paras = _code_paragraphs(xml)
        drop, double = paras[500], paras[2000]
        return (
            xml[: drop.start()]
            + xml[drop.end() : double.end()]
            + double.group()
            + xml[double.end() :]
        )

    receipt = _agree(_edit(docx, tmp_path / "t.docx", change), session)["fidelity"]
    assert receipt["missing_count"] >= 1


def test_receipt_in_bulk_equals_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random sources and random documents made from them (lines dropped, changed, doubled,
    added), with small blocks so that every level of the bulk comparison is used."""
    monkeypatch.setattr(fidelity, "_BLOCK", 200)
    rnd = random.Random(11)
    alphabet = ["a", "b", " ", "\t", "\x01", "\x7f", "\x00", "\u00e9", "\ufffe", "\r", "\x0c"]
    for trial in range(40):
        session = tmp_path / f"s{trial}"
        (session / "inputs").mkdir(parents=True)
        spans, code, body = [], [], []
        md = 0
        for f in range(rnd.randint(1, 3)):
            lines = [
                "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6)))
                for _ in range(rnd.randint(1, 900))
            ]
            name = f"f{f}.log"
            (session / "inputs" / name).write_text("\n".join(lines) + rnd.choice(["", "\n"]))
            lines = split_lines((session / "inputs" / name).read_text("utf-8"))
            pos = 1
            while pos <= len(lines):
                end = min(len(lines), pos + rnd.randint(0, 400))
                kind = rnd.choice(["code", "code", "text", "prose", "markdown"])
                spans.append({"file": name, "start": pos, "end": end, "as": kind, "md_first": md})
                md += 1
                for line in lines[pos - 1 : end]:
                    shown = visible(line)
                    r = rnd.random()
                    target = body if kind in ("prose", "markdown") else code
                    if r < 0.01:
                        continue
                    if r < 0.02:
                        shown += "x"
                    elif r < 0.03:
                        target.append(shown)
                    elif r < 0.035:
                        target.append("a\nb")
                    target.append(shown)
                pos = end + 1
        (session / "spans.jsonl").write_text("".join(json.dumps(s) + "\n" for s in spans))
        expected = _reference_receipt(session, code, body)
        assert fidelity.fidelity_receipt(session, code, body) == expected
        encoded = [t.replace("\n", "\x00") + "\n" for t in code]
        parts, i = [], 0
        while i < len(encoded):
            k = rnd.choice([1, 2, 50, 1000])
            parts.append("".join(encoded[i : i + k]))
            i += k
        got = fidelity.fidelity_receipt_parts(session, parts, body, xml_text=True)
        assert got == expected
