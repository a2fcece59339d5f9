"""Hatch build hook: the wheel (and the sdist) carry the Node programs as bundles.

`uv build` / `pip wheel .` / `uv tool install .` run this before packing: unless the bundles
in agentic_docgen/_js/ were made from the sources as they are (SOURCES.sha256, a digest of
converter/ and the npm files), it runs `npm ci` (when node_modules/ lacks esbuild) and
`npm run bundle` (converter/bundle.js, esbuild), which writes converter.js, lint.js and
THIRD-PARTY-LICENSES.txt there. The files are generated (gitignored) and packed as
artifacts (pyproject.toml). An sdist holds them, so a wheel built from it needs no npm.
The editable install of development (`uv sync`) skips this: a checkout runs the sources
(agentic_docgen/core/nodejs.py).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUNDLES = ("converter.js", "lint.js", "THIRD-PARTY-LICENSES.txt")
STAMP = "SOURCES.sha256"  # the digest of the sources the bundles were made from


def _sources_digest(root: Path) -> str:
    """A digest of what the bundles are made of: converter/ (not its tests) and the npm files."""
    files = [root / "package.json", root / "package-lock.json"]
    files += [p for p in (root / "converter").rglob("*") if p.is_file() and "test" not in p.parts]
    digest = hashlib.sha256()
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _fresh(root: Path, out: Path) -> bool:
    """The bundles are there and were made from these sources (or there are no sources)."""
    if not all((out / name).is_file() for name in BUNDLES):
        return False
    if not (root / "converter").is_dir():
        return True
    stamp = out / STAMP
    return stamp.is_file() and stamp.read_text().strip() == _sources_digest(root)


def _run(args: list[str], root: Path) -> None:
    tool = shutil.which(args[0])
    if tool is None:
        raise RuntimeError(
            f"building agentic-docgen's wheel needs {args[0]} (Node.js 20+ and npm) to bundle"
            " the converter; install Node.js, or build from an sdist that holds"
            " agentic_docgen/_js/"
        )
    print(f"hatch_build: {' '.join(args)}", flush=True)
    subprocess.run([tool, *args[1:]], cwd=root, check=True)


class BundleHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:  # type: ignore[type-arg]
        if version == "editable":
            return
        root = Path(self.root)
        out = root / "agentic_docgen" / "_js"
        if _fresh(root, out):
            return
        if not (root / "converter" / "bundle.js").is_file():
            raise RuntimeError(f"{out} lacks the bundles and there is no converter/ to build them")
        if not (root / "node_modules" / "esbuild").is_dir():
            _run(["npm", "ci", "--no-audit", "--no-fund"], root)
        _run(["npm", "run", "--silent", "bundle"], root)
        (out / STAMP).write_text(_sources_digest(root) + "\n")
