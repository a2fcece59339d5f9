"""Plan → edit → build (issue 18): `docgen plan` writes the outline without converting; the
user reorders, retitles, excludes and splits a log; `docgen convert --plan` builds exactly
that, keeps the plan in the session and names it in --json; a bad plan is one line naming
the plan file and line, exit 2, before any session exists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from docx import Document

from tests.conftest import invoke_cli


def _folder(root: Path) -> Path:
    src = root / "incident"
    src.mkdir()
    (src / "guide.md").write_text(
        "# Operator guide\n\nRestart with `svc restart`.\n\n## Checks\n\nLook at the *log*.\n"
    )
    (src / "install.md").write_text("# Installing\n\nUnpack the archive.\n")
    log = [f"2026-03-0{1 + i // 20} 10:{i % 60:02d}:00 INFO worker {i} ready" for i in range(40)]
    log += ["2026-03-03 11:00:00 ERROR disk full on /var", "2026-03-03 11:00:01 WARN retrying"]
    (src / "server.log").write_text("\n".join(log) + "\n", encoding="latin-1")
    (src / "notes.txt").write_text("Timeline\n========\n\nAt 11:00 the disk filled up.\n")
    (src / "scratch.txt").write_text("DO NOT SHIP this scratch line\n")
    return src


def _headings(docx: Path) -> list[tuple[int, str]]:
    out = []
    for p in Document(str(docx)).paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading ") and name[8:].isdigit():
            out.append((int(name[8:]), p.text))
    return out


def _text(docx: Path) -> str:
    return "\n".join(p.text for p in Document(str(docx)).paragraphs)


def test_plan_edit_build(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    env = {"DOCGEN_HOME": str(tmp_path / "home")}
    plan_file = tmp_path / "plan.yaml"
    r = invoke_cli("plan", str(src), "-o", str(plan_file), env=env)
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "home" / "sessions").exists() or not any(
        (tmp_path / "home" / "sessions").iterdir()
    )  # planning converts nothing
    proposed = yaml.safe_load(plan_file.read_text())
    assert proposed["docgen-plan"] == 1
    assert [c["source"] for c in proposed["chapters"]] == [
        "guide.md", "install.md", "notes.txt", "scratch.txt", "server.log",
    ]  # fmt: skip
    assert proposed["chapters"][0]["title"] == "Operator guide"

    # the user's edit: the log first, split in two; the guide retitled; scratch excluded
    by = {c["source"]: c for c in proposed["chapters"]}
    by["server.log"]["title"] = "What the server said"
    by["server.log"]["sections"] = [
        {"title": "Start-up", "lines": "1-40"},
        {"title": "The failure", "lines": "41-42"},
    ]
    by["guide.md"]["title"] = "Runbook"
    proposed["chapters"] = [by["server.log"], by["install.md"], by["guide.md"], by["notes.txt"]]
    proposed["exclude"] = ["scratch.txt"]
    proposed["title"] = "Incident 42"
    plan_file.write_text(yaml.safe_dump(proposed, sort_keys=False))

    out = tmp_path / "out.docx"
    r = invoke_cli("convert", str(src), "--plan", str(plan_file), "-o", str(out), "--json", env=env)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    heads = _headings(out)
    assert [t for level, t in heads if level == 1] == [
        "What the server said", "Installing", "Runbook", "Timeline",
    ]  # fmt: skip
    at = heads.index((1, "What the server said"))
    assert heads[at + 1 : at + 3] == [(2, "Start-up"), (2, "The failure")]
    assert (2, "Checks") in heads
    text = _text(out)
    assert "DO NOT SHIP" not in text and "disk full on /var" in text
    assert any("scratch.txt" in w and "excluded" in w for w in summary["warnings"])
    assert "scratch.txt" in r.stderr
    assert summary["quality"]["fidelity"]["score"] == 100.0
    kept = Path(summary["plan_path"])
    assert kept.parent == Path(summary["session_dir"]) and kept.name == "plan.yaml"
    assert yaml.safe_load(kept.read_text()) == proposed
    meta = json.loads((kept.parent / "structure.json").read_text())["meta"]
    assert meta["title"] == "Incident 42"

    # a file added to the folder later: refused, or appended with --plan-new append
    (src / "late.md").write_text("# Late news\n\nIt was fixed.\n")
    out2 = tmp_path / "out2.docx"
    r = invoke_cli("convert", str(src), "--plan", str(plan_file), "-o", str(out2), env=env)
    assert r.returncode == 2 and "late.md is not in the plan" in r.stderr and not out2.exists()
    r = invoke_cli(
        "convert", str(src), "--plan", str(plan_file), "--plan-new", "append", "-o", str(out2),
        env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert [t for level, t in _headings(out2) if level == 1][-1] == "Late news"


def test_a_bad_plan_is_one_line_and_nothing_runs(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    home = tmp_path / "home"
    plan_file = tmp_path / "my-plan.yaml"
    cases = {
        "docgen-plan: 1\nchapters:\n  - guide.md\n  - install.md\n  - notes.txt\n"
        "  - source: server.log\n    sections:\n      - {title: A, lines: 1-10}\n"
        "      - {title: B, lines: 12-42}\nexclude: [scratch.txt]\n": (9, "leaves out lines 11-11"),
        "docgen-plan: 1\nchapters: [guide.md, install.md, notes.txt, server.log]\n": (
            3,
            "scratch.txt is not in the plan",
        ),
        "docgen-plan: 1\nchapters:\n  - guide.md\n  - {source: install.md, titel: X}\n": (
            4,
            "unknown key 'titel'",
        ),
        "docgen-plan: 1\nx: &a [1]\ny: *a\n": (2, "anchors and aliases"),
    }
    for text, (line, words) in cases.items():
        plan_file.write_text(text)
        r = invoke_cli(
            "convert", str(src), "--plan", str(plan_file), "-o", str(tmp_path / "o.docx"),
            env={"DOCGEN_HOME": str(home)},
        )  # fmt: skip
        assert r.returncode == 2, r.stderr
        lines = [x for x in r.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and f"{plan_file}:{line}: " in lines[0] and words in lines[0], (
            r.stderr
        )
        assert not (home / "sessions").exists() or not any((home / "sessions").iterdir())


def test_a_plan_regroups_parts_and_splits_a_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "guides").mkdir(parents=True)
    (src / "ops").mkdir()
    (src / "README.md").write_text("# Handbook\n\nStart.\n")
    (src / "guides" / "README.md").write_text("# User guides\n\nHow.\n")
    (src / "guides" / "one.md").write_text("# Guide one\n\nText.\n\n## Step\n\nDo.\n")
    (src / "ops" / "notes.txt").write_text(
        "Intro line\n\nSection A\n=========\n\npara a\n\nSection B\n=========\n\npara b\n"
    )
    env = {"DOCGEN_HOME": str(tmp_path / "home")}
    plan_file = tmp_path / "plan.yaml"
    r = invoke_cli("plan", str(src), "--group", "folders", "-o", str(plan_file), env=env)
    assert r.returncode == 0, r.stderr
    plan = yaml.safe_load(plan_file.read_text())
    assert [p["title"] for p in plan["parts"]] == ["User guides", "ops"]
    assert plan["parts"][0]["source"] == "guides/README.md"
    # the user moves the ops notes into the guides part, split in three sections
    notes = plan["parts"].pop()["chapters"][0]
    notes["title"] = "Ops notes"
    notes["sections"] = [
        {"title": "Intro", "lines": "1-2"},
        {"title": "Part A", "lines": "3-7"},
        {"title": "Part B", "lines": "8-11"},
    ]
    plan["parts"][0]["chapters"].append(notes)
    plan_file.write_text(yaml.safe_dump(plan, sort_keys=False))
    out = tmp_path / "out.docx"
    r = invoke_cli("convert", str(src), "--plan", str(plan_file), "-o", str(out), "--json", env=env)
    assert r.returncode == 0, r.stderr
    assert _headings(out) == [
        (1, "Handbook"), (1, "User guides"), (2, "Guide one"), (3, "Step"), (2, "Ops notes"),
        (3, "Intro"), (3, "Part A"), (4, "Section A"), (3, "Part B"), (4, "Section B"),
    ]  # fmt: skip
    summary = json.loads(r.stdout)
    assert summary["quality"]["fidelity"]["score"] == 100.0 and summary["quality"]["pass"]


def test_kill_9_then_resume_keeps_the_plan(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    src = _folder(tmp_path)
    home = tmp_path / "home"
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        "docgen-plan: 1\nchapters:\n  - {source: notes.txt, title: First}\n"
        "  - source: server.log\n    title: Second\n    sections:\n"
        "      - {title: Early, lines: 1-20}\n      - {title: Late, lines: 21-42}\n"
        "  - {source: guide.md, title: Third}\nexclude: [install.md, scratch.txt]\n"
    )
    out = tmp_path / "out.docx"
    env = {"DOCGEN_HOME": str(home)}
    crash = {**env, "DOCGEN_TEST_BATCH_FILES": "1", "DOCGEN_TEST_CRASH_AFTER_STEPS": "8"}
    proc = run_cli("convert", str(src), "--plan", str(plan_file), "-o", str(out), env=crash)
    assert proc.returncode == -9, (proc.returncode, proc.stderr[-500:])
    [session] = [p for p in (home / "sessions").iterdir() if p.name != "archive"]
    proc = run_cli("resume", session.name, "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["plan_path"] and Path(summary["plan_path"]).name == "plan.yaml"
    heads = _headings(out)
    assert [t for level, t in heads if level == 1] == ["First", "Second", "Third"]
    assert [t for level, t in heads if level == 2][:2] == ["Early", "Late"]
    assert summary["quality"]["fidelity"]["score"] == 100.0


def test_plan_takes_paths_in_order_and_include(tmp_path: Path) -> None:
    """`docgen plan` reads the inputs as `convert` does: paths in the order given, --include."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "x.md").write_text("# Ex\n\ntext\n")
    (tmp_path / "b.txt").write_text("plain\n")
    (tmp_path / "conf.yaml").write_text("k: v\n")
    r = invoke_cli("plan", "b.txt", "notes", "conf.yaml", "--include", "*.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sources = re.findall(r"- source: (\S+)", r.stdout)
    assert sources == ["b.txt", "notes/x.md", "conf.yaml"]
