"""Where the Node programs are, and which node runs them (the one owner of both).

Two programs: the converter (block JSON → .docx, blocks/bridge.py) and the markdownlint
server (markdown/lint.py). In a checkout, with `npm ci` done, the sources under converter/
run, so an edit is live and the tests test the sources. An installed wheel has no converter/
and no node_modules: it runs the bundles built into the package by `npm run bundle`
(converter/bundle.js, esbuild), agentic_docgen/_js/converter.js and lint.js, each one file
needing only Node."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from agentic_docgen.core.settings import Settings

NODE_MIN_MAJOR = 20
# program → (its entry under converter/, its bundle under agentic_docgen/_js/)
PROGRAMS = {
    "converter": ("index.js", "converter.js"),
    "lint": ("lint/server.js", "lint.js"),
    "mathml": ("mathml.js", "mathml.js"),  # TeX → MathML for the HTML export
}


@dataclass(frozen=True)
class NodeProgram:
    name: str
    script: Path
    bundled: bool  # the package's bundle (else the checkout's sources)


def bundle_dir() -> Path:
    """agentic_docgen/_js, where a built wheel holds the bundles."""
    return Path(str(resources.files("agentic_docgen").joinpath("_js")))


def node_program(settings: Settings, name: str) -> NodeProgram:
    """The script to give node for `name` ("converter", "lint" or "mathml"): the checkout's
    source when converter/ and node_modules/ are there, else the bundle in the package; with
    neither, the source path (its run fails naming it, and `docgen doctor` says what is
    missing)."""
    return program_in(settings.converter_dir, name)


def program_in(converter_dir: Path, name: str) -> NodeProgram:
    """`node_program` for a converter folder given as a path."""
    entry, bundle = PROGRAMS[name]
    source = converter_dir / entry
    if source.is_file() and (converter_dir.parent / "node_modules").is_dir():
        return NodeProgram(name, source, False)
    packaged = bundle_dir() / bundle
    if packaged.is_file():
        return NodeProgram(name, packaged, True)
    return NodeProgram(name, source, False)


def node_executable(settings: Settings) -> str:
    """The node to run: $DOCGEN_NODE or `node`, found on the PATH (else the name as given)."""
    return shutil.which(settings.node) or settings.node


def node_version(node: str) -> tuple[int, ...] | None:
    """`node --version` as numbers ((20, 20, 2)), or None if it does not run or answer so."""
    try:
        out = subprocess.run(
            [node, "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)\S*", out)
    return tuple(int(part) for part in match.groups()) if match else None
