"""ConvertOptions: the one record of a conversion's options, from the command line to the
session metadata and back (entry/options.py), and the two call forms of the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentic_docgen.core.errors import InputError
from agentic_docgen.entry import api
from agentic_docgen.entry.options import ConvertOptions


def test_values_are_checked_when_built() -> None:
    with pytest.raises(InputError, match="ask, skip or fail") as bad:
        ConvertOptions(Path("in"), on_missing="maybe")  # type: ignore[arg-type]
    assert bad.value.path == "--on-missing"
    for flag in ("max_file_mb", "max_total_mb"):
        with pytest.raises(InputError, match="positive") as bad:
            ConvertOptions(Path("in"), **{flag: 0})
        assert bad.value.path == "--" + flag.replace("_", "-")


def test_paths_given_as_text_become_paths_and_empty_means_not_given() -> None:
    options = ConvertOptions("~/in", "", style="", sessions_dir="s")  # type: ignore[arg-type]
    assert options.input_dir == Path.home() / "in"
    assert options.output is None and options.style is None
    assert options.sessions_dir == Path("s")


def test_output_checks(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    with pytest.raises(InputError, match=r"\.docx"):
        ConvertOptions(tmp_path / "in", tmp_path / "o.rtf").check_output()
    with pytest.raises(InputError, match="output folder"):
        ConvertOptions(tmp_path / "in", tmp_path / "no" / "o.docx").check_output()
    (tmp_path / "o.docx").write_bytes(b"x")
    with pytest.raises(InputError, match="--force"):
        ConvertOptions(tmp_path / "in", tmp_path / "o.docx").check_output()
    assert ConvertOptions(tmp_path / "in", tmp_path / "o.docx", force=True).check_output()


def test_style_file_must_be_a_json_object(tmp_path: Path) -> None:
    style = tmp_path / "style.json"
    style.write_text("[1]")
    with pytest.raises(InputError, match="JSON object"):
        ConvertOptions(tmp_path, style=style).theme()
    style.write_text('{"fonts": {"body": "Arial"}}')
    assert ConvertOptions(tmp_path, style=style).theme() == {"fonts": {"body": "Arial"}}
    assert ConvertOptions(tmp_path).theme() is None


def test_for_run_fixes_the_output_and_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCGEN_API_BASE", "http://localhost:9")
    options = ConvertOptions(Path("notes"), Path("out.docx"))
    run = options.for_run(options.settings())
    assert run.output == tmp_path / "out.docx"
    assert (run.model, run.api_base) == ("offline", "http://localhost:9")
    default = ConvertOptions(Path("notes")).for_run(options.settings())
    assert default.output == tmp_path / "notes.docx"


def test_metadata_round_trip(tmp_path: Path) -> None:
    options = ConvertOptions(
        tmp_path,
        tmp_path / "o.docx",
        title="T",
        toc=False,
        style=tmp_path / "s.json",
        cache=False,
        max_file_mb=1.5,
        on_missing="fail",
    )
    meta = json.loads(json.dumps(options.to_meta()))  # JSON values only
    assert ConvertOptions.from_meta({**meta, "id": "x", "status": "paused"}) == options
    # a session written before ConvertOptions holds only some of the keys
    old = {"input_dir": str(tmp_path), "output": str(tmp_path / "o.docx"), "model": "offline"}
    assert ConvertOptions.from_meta(old).toc is None


def test_both_call_forms_convert_and_record_the_options(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\ntext\n")
    old = api.generate_document(d, tmp_path / "old.docx", title="Old", toc=False)
    new = api.convert(ConvertOptions(d, tmp_path / "new.docx", title="New", toc=False))
    for result, title in ((old, "Old"), (new, "New")):
        assert result.status == "complete", result.errors
        meta = json.loads((Path(result.session_dir or "") / "session.json").read_text())
        assert ConvertOptions.from_meta(meta).title == title
        assert meta["toc"] is False and meta["output"] == result.output_path
    with pytest.raises(TypeError):
        api.generate_document(d, tmp_path / "x.docx", no_such_option=1)
