"""`ConvertOptions`: every run option of `docgen convert`, in one frozen record.

It flows one way: the command line (or a library caller) builds it → the API validates it
→ `Settings` are resolved from it → the session metadata records it (`to_meta`) → the
initial graph state takes its document options. `resume_session` reads it back from the
metadata (`from_meta`).

Validation is split by what it needs: the values alone (on_missing, sizes) are checked
when the record is built; the file system (the output path, the style file) is checked by
`check_output` and `theme` just before the session is created.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.language import check_tag
from agentic_docgen.core.settings import Settings
from agentic_docgen.export.outputs import FORMATS
from agentic_docgen.graph.policy.parts import GROUPS, Group

OnMissing = Literal["ask", "skip", "fail"]
ON_MISSING: tuple[str, ...] = get_args(OnMissing)
_PATHS = ("input_dir", "output", "style", "sessions_dir", "plan")


def default_output(input_dir: Path) -> Path:
    """`./<folder name>.docx` in the current folder (`./<file name without extension>.docx`
    for a file)."""
    resolved = input_dir.resolve()
    name = (resolved.stem if resolved.is_file() else resolved.name) or "document"
    return Path.cwd() / f"{name}.docx"


def load_style(path: str | Path) -> dict[str, Any]:
    """A --style file: a JSON object of theme overrides (checked by the converter)."""
    p = Path(path).expanduser()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the style file: {exc.strerror}", path=str(p)) from None
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}", path=str(p)) from None
    if not isinstance(data, dict):
        raise InputError("a style file must hold a JSON object", path=str(p))
    return data


@dataclass(frozen=True)
class ConvertOptions:
    """The options of one conversion, as `docgen convert` takes them (see docs/cli.md).

    Building one checks the values (InputError, exit 2): `on_missing` is ask, skip or fail;
    the size limits, when given, are positive. Paths may be given as str; they are kept
    as `Path`, with `~` expanded. `input_dir` is a folder or a file, or a list of them
    (converted in the order given): the first is kept in `input_dir`, the others in
    `more_inputs`; `paths` gives them all.
    """

    input_dir: Path | str | Sequence[Path | str]
    output: Path | None = None  # None: ./<input folder name>.docx
    title: str | None = None  # None: the document's metadata decides
    author: str | None = None
    toc: bool | None = None  # None: on when there are more than 3 headings
    style: Path | None = None  # a JSON file of theme overrides
    model: str | None = None  # None: $DOCGEN_MODEL, else offline
    api_base: str | None = None  # None: $DOCGEN_API_BASE
    cache: bool = True  # the LLM response cache
    max_file_mb: float | None = None  # None: $DOCGEN_MAX_FILE_MB, else 100
    max_total_mb: float | None = None  # None: $DOCGEN_MAX_TOTAL_MB, else 500
    on_missing: OnMissing = "skip"  # what to do about a referenced file that is missing
    sessions_dir: Path | None = None  # None: $DOCGEN_HOME/sessions
    force: bool = False  # overwrite an existing output file
    group: Group = "auto"  # parts by top-level subfolder: auto (> 50 files), folders, none
    more_inputs: tuple[Path, ...] = ()  # the files and folders given after the first
    include: tuple[str, ...] = ()  # globs of other text files, converted as code chapters
    plan: Path | None = None  # a plan file (docs/plan.md): the outline to build
    plan_new: str = "error"  # an input the plan does not name: error, or append it
    lang: str = "auto"  # the document's language: a tag (de, pt-BR) or auto (core/language.py)
    review: bool = False  # stop after planning for the user's review (docs/plan.md)
    formats: tuple[str, ...] | str = ()  # docx, pdf, md, html ("docx,pdf"); (): -o's extension
    update: bool = False  # `output` is a docgen .docx: bring its session up to date

    def __post_init__(self) -> None:
        given = self.input_dir
        if isinstance(given, Sequence) and not isinstance(given, str):
            if not given:
                raise InputError("give at least one file or folder", path="INPUTS")
            object.__setattr__(self, "more_inputs", (*given[1:], *self.more_inputs))
            given = given[0]
        object.__setattr__(self, "input_dir", Path(given).expanduser())
        more = tuple(Path(p).expanduser() for p in self.more_inputs)
        object.__setattr__(self, "more_inputs", more)
        object.__setattr__(self, "include", tuple(str(g) for g in self.include))
        for name in _PATHS[1:]:  # an empty string means not given, as it always has
            value = getattr(self, name)
            object.__setattr__(self, name, Path(value).expanduser() if value else None)
        if self.on_missing not in ON_MISSING:
            raise InputError("must be ask, skip or fail", path="--on-missing")
        if self.group not in GROUPS:
            raise InputError("must be auto, folders or none", path="--group")
        object.__setattr__(self, "formats", _formats(self.formats))
        if self.plan_new not in ("error", "append"):
            raise InputError("must be error or append", path="--plan-new")
        try:
            object.__setattr__(self, "lang", check_tag(self.lang))
        except ValueError as exc:
            raise InputError(str(exc), path="--lang") from None
        for flag, value in (
            ("--max-file-mb", self.max_file_mb),
            ("--max-total-mb", self.max_total_mb),
        ):
            if value is not None and value <= 0:
                raise InputError("must be a positive number of megabytes", path=flag)

    @property
    def paths(self) -> list[Path]:
        """Every file and folder given, in order."""
        return [cast(Path, self.input_dir), *self.more_inputs]

    def settings(self) -> Settings:
        """Settings for this run: these options > environment > defaults."""
        return Settings.resolve(
            sessions_dir=self.sessions_dir,
            model=self.model,
            api_base=self.api_base,
            cache=self.cache,
            max_file_mb=self.max_file_mb,
            max_total_mb=self.max_total_mb,
        )

    def for_run(self, settings: Settings) -> ConvertOptions:
        """The options as the run uses and records them: the output the primary file's
        absolute path, the formats resolved (the primary first), the model and server as
        `settings` resolved them (so a resume uses the same ones)."""
        targets = self.targets()  # the primary output first
        out = Path(targets[0]["path"])
        return dataclasses.replace(
            self,
            output=out if out.is_absolute() else Path.cwd() / out,
            formats=tuple(t["format"] for t in targets),
            model=settings.model,
            api_base=settings.api_base,
        )

    def targets(self) -> list[dict[str, str]]:
        """Every file the run writes, `{"format", "path"}`, the primary one (`output`) first:
        with `formats`, -o's stem (without a format's extension) + each format's extension;
        without, the one format -o's extension names (InputError for another extension)."""
        out = self.output or default_output(self.paths[0])
        own = out.suffix.lower().lstrip(".")  # the format -o's extension names, if any
        if not self.formats:
            if own not in FORMATS:
                raise InputError(
                    "the output file must end in .docx, .pdf, .md or .html (or give --format)",
                    path=str(out),
                )
            return [{"format": own, "path": str(out)}]
        stem = out.with_suffix("") if own in FORMATS else out
        paths = {f: out if f == own else stem.with_name(f"{stem.name}.{f}") for f in self.formats}
        # the primary one: -o's own format, else (no -o, or another extension) the first named
        first = own if self.output is not None and own in self.formats else self.formats[0]
        order = sorted(self.formats, key=lambda f: f != first)
        return [{"format": f, "path": str(paths[f])} for f in order]

    def check_output(self) -> Path:
        """The output paths, refused (InputError) when they cannot be written as asked (a
        PDF without LibreOffice too); returns the primary one."""
        targets = self.targets()
        for target in targets:
            out = Path(target["path"])
            if out.exists() and not (self.force or self.update):
                raise InputError("already exists (use --force to overwrite)", path=str(out))
            if not out.parent.is_dir():
                raise InputError("the output folder does not exist", path=str(out.parent))
            if target["format"] == "md" and not self.force:
                from agentic_docgen.export.markdown import images_folder

                folder = images_folder(out)
                if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
                    raise InputError(
                        "already exists, for the markdown's images (use --force)",
                        path=str(folder),
                    )
            if target["format"] == "pdf":
                from agentic_docgen.export.pdf import require_soffice

                require_soffice()
        return Path(targets[0]["path"])

    def theme(self) -> dict[str, Any] | None:
        """The --style overrides (InputError for a file that is not a JSON object)."""
        return load_style(self.style) if self.style else None

    def to_meta(self) -> dict[str, Any]:
        """The options as JSON values, for session.json (the input folder resolved)."""
        meta = dataclasses.asdict(self)
        for name in _PATHS:
            if meta[name] is not None:
                meta[name] = str(meta[name])
        meta["input_dir"] = str(self.paths[0].resolve())
        meta["more_inputs"] = [str(p.resolve()) for p in self.more_inputs]
        meta["include"] = list(self.include)
        meta["formats"] = list(self.formats)
        return meta

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> ConvertOptions:
        """The options a session was started with (keys missing from older sessions take
        their defaults)."""
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in meta.items() if k in names}
        if meta.get("paths"):  # (input_dir is then the folder holding them all)
            values["input_dir"], values["more_inputs"] = meta["paths"], ()
        return cls(**{"input_dir": "", **values})


def _formats(given: str | Sequence[str]) -> tuple[str, ...]:
    """--format's value: formats by name, comma-separated or as a list, each once."""
    names = (
        given.split(",")
        if isinstance(given, str)
        else [n for g in given for n in str(g).split(",")]
    )
    out = tuple(dict.fromkeys(n.strip().lower().lstrip(".") for n in names if n.strip()))
    for name in out:
        if name not in FORMATS:
            raise InputError(f"unknown format {name!r}: docx, pdf, md or html", path="--format")
    return out
