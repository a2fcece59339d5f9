"""The inputs of bench/run.py: seeded generators (the same bytes in every run) and pandoc's
view of a folder (the same files, in docgen's order).

Kinds: `md` and `dense` (markdown, one file per MB), `log` (one log file), `pages` (a tree of
small command references; its size is a file count). `small`, the bundled examples/ folder,
is not generated.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

from natsort import natsorted, ns

FILE_MB = 1  # the markdown folders are made of files of about this size
MIB = 1024 * 1024
TEXT_SUFFIXES = (".md", ".txt", ".log")  # what docgen reads (docs/cli.md)
WORDS = [
    "orbit",
    "scheduler",
    "worker",
    "queue",
    "lease",
    "job",
    "retry",
    "deploy",
    "config",
    "cluster",
    "memory",
    "disk",
    "latency",
    "timeout",
    "shard",
    "replica",
    "index",
    "cache",
    "token",
    "request",
    "response",
]
TOPICS = str.split(
    "archive build cloud containers database debug disk dns editor files git graphics"
    " hardware kernel logs mail media monitoring network packages printing process python"
    " search security shell storage text time users"
)
NAME_PARTS = str.split("ctl d top sync dump stat gen fmt diff watch probe admin cli info")
VERBS = str.split("show list create remove inspect watch sync compare rotate export import check")
LANGS = ("python", "javascript", "bash", "json", "yaml", "sql", "go", "rust", "toml")


def _sentence(rng: random.Random, lo: int = 8, hi: int = 20) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi))).capitalize() + "."


def log_folder(root: Path, mb: int, rng: random.Random) -> Path:
    folder = root / f"log-{mb}mb"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    levels = ["INFO"] * 12 + ["DEBUG"] * 5 + ["WARN"] * 2 + ["ERROR"]
    target = mb * 1024 * 1024
    written = 0
    t = 0
    with (folder / "server.log").open("w", encoding="utf-8") as fh:
        while written < target:
            t += rng.randint(0, 3)
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
            line = (
                f"2026-11-02 {t // 3600 % 24:02d}:{t // 60 % 60:02d}:{t % 60:02d},"
                f"{rng.randint(0, 999):03d} {rng.choice(levels):<5} [w{rng.randint(1, 9)}]"
                f" {words}\n"
            )
            if written + len(line) > target:
                break  # stay within the size: 100 MB is the per-file limit
            fh.write(line)
            written += len(line)
    return folder


def md_folder(root: Path, mb: int, rng: random.Random) -> Path:
    folder = root / f"md-{mb}mb"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)

    def para() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))).capitalize() + "."

    for n in range(max(1, mb // FILE_MB)):
        parts = [f"# Document {n + 1}\n"]
        size = 0
        sec = 0
        while size < FILE_MB * 1024 * 1024:
            sec += 1
            block = [
                f"## Section {sec}\n",
                para(),
                para(),
                f"### Details {sec}\n",
                "- " + para() + "\n- " + para() + "\n  - nested " + para(),
                "```python\n"
                + "\n".join(f"def f{sec}_{i}(x):\n    return x * {i}" for i in range(5))
                + "\n```",
                "| key | value | note |\n|---|--:|---|\n"
                + "\n".join(
                    f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {rng.choice(WORDS)} |"
                    for _ in range(5)
                ),
                para() + " **bold** and *italic* and `code`.",
            ]
            text = "\n\n".join(block) + "\n\n"
            parts.append(text)
            size += len(text)
        (folder / f"doc{n + 1:03d}.md").write_text("\n".join(parts), encoding="utf-8")
    return folder


# --- dense: the markdown of real documentation, many small constructs per screen ---


def _rich_para(rng: random.Random, refs: list[str]) -> str:
    """A paragraph with emphasis, code spans, inline and reference-style links."""
    out = []
    for _ in range(rng.randint(12, 40)):
        w = rng.choice(WORDS)
        r = rng.random()
        if r < 0.05:
            w = f"**{w}**"
        elif r < 0.10:
            w = f"*{w}*"
        elif r < 0.12:
            w = f"***{w} {rng.choice(WORDS)}***"
        elif r < 0.17:
            w = f"`{w}_{rng.randint(0, 99)}()`"
        elif r < 0.20:
            w = f"[{w} guide](https://example.com/{w}/{rng.choice(WORDS)}.html)"
        elif r < 0.23:
            label = f"ref-{len(refs) + 1}"
            refs.append(f'[{label}]: https://docs.example.org/{w}#{label} "The {w} notes"')
            w = f"[{w} {rng.choice(WORDS)}][{label}]"
        out.append(w)
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def _small_table(rng: random.Random) -> str:
    cols = rng.randint(2, 5)
    head = ["name", "value", "unit", "default", "note"][:cols]
    align = [rng.choice(["---", ":--", "--:", ":-:"]) for _ in range(cols)]
    rows = [
        "| "
        + " | ".join(
            rng.choice([rng.choice(WORDS), str(rng.randint(0, 9999)), f"`{rng.choice(WORDS)}`"])
            for _ in range(cols)
        )
        + " |"
        for _ in range(rng.randint(2, 6))
    ]
    return "\n".join(["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |", *rows])


def _code_line(lang: str, w: str, v: str, i: int) -> str:
    return {
        "python": f"    {w}_{i} = {v}.get('{w}', {i})",
        "javascript": f"  const {w}{i} = await {v}.fetch('{w}', {{ retries: {i} }});",
        "bash": f"{w} --{v} {i} ./{w}/{v}.conf | grep -v '^#'",
        "json": f'  "{w}_{i}": {{"{v}": {i}, "enabled": true}},',
        "yaml": f"  {w}_{i}:\n    {v}: {i}",
        "sql": f"  AND {w}.{v}_id = {i}",
        "go": f"\t{w}{i}, err := {v}.Open(ctx, {i})",
        "rust": f"    let {w}_{i}: u64 = {v}.len() as u64 * {i};",
        "toml": f'{w}_{i} = "{v}"',
    }[lang]


def _code_block(rng: random.Random) -> str:
    lang = rng.choice(LANGS)
    lines = [
        _code_line(lang, rng.choice(WORDS), rng.choice(WORDS), i) for i in range(rng.randint(3, 12))
    ]
    return f"```{lang}\n" + "\n".join(lines) + "\n```"


def _nested_list(rng: random.Random, depth: int = 0, indent: str = "") -> list[str]:
    """Ordered or bulleted items, 2 or 3 levels deep (the first item always has children)."""
    ordered = rng.random() < 0.5
    lines = []
    for i in range(rng.randint(2, 4)):
        marker = f"{i + 1}. " if ordered else "- "
        lines.append(indent + marker + _sentence(rng, 3, 12))
        if depth < 2 and ((depth == 0 and i == 0) or rng.random() < 0.3):
            lines += _nested_list(rng, depth + 1, indent + " " * len(marker))
    return lines


def _quote(rng: random.Random, refs: list[str]) -> str:
    paras = [_rich_para(rng, refs) for _ in range(rng.randint(1, 2))]
    return "\n>\n".join("> " + p for p in paras)


def dense_doc(n: int, rng: random.Random) -> str:
    """About FILE_MB of markdown: a heading every 2-5 blocks (H1-H4, never a skipped level)."""
    refs: list[str] = []  # every reference definition of the file (unique labels)
    parts = [f"# Handbook part {n + 1}", _rich_para(rng, refs)]
    size, level, sec, defined = 0, 1, 0, 0
    kinds = ["para", "table", "code", "list", "quote"]
    while size < FILE_MB * MIB:
        sec += 1
        level = 1 if rng.random() < 0.02 else rng.randint(2, min(4, level + 1))
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
        block = [f"{'#' * level} {words} {sec}"]
        for kind in rng.choices(kinds, weights=[4, 1.5, 1.5, 1.5, 1], k=rng.randint(2, 5)):
            if kind == "para":
                block.append(_rich_para(rng, refs))
            elif kind == "table":
                block.append(_small_table(rng))
            elif kind == "code":
                block.append(_code_block(rng))
            elif kind == "list":
                block.append("\n".join(_nested_list(rng)))
            else:
                block.append(_quote(rng, refs))
            if len(refs) > defined:  # this block's reference definitions, right after it
                block.append("\n".join(refs[defined:]))
                defined = len(refs)
        text = "\n\n".join(block) + "\n\n"
        parts.append(text)
        size += len(text)
    return "\n\n".join(parts)


def dense_folder(root: Path, mb: int, rng: random.Random) -> Path:
    folder = root / f"dense-{mb}mb"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    for n in range(max(1, mb // FILE_MB)):
        (folder / f"dense{n + 1:03d}.md").write_text(dense_doc(n, rng), encoding="utf-8")
    return folder


# --- pages: a tldr / man-page like set of one-page command references, by topic ---


def _page_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        for _ in range(50):  # about 13,000 names without a number
            name = rng.choice(WORDS) + rng.choice(["", "-"]) + rng.choice(NAME_PARTS)
            if rng.random() < 0.4:
                name = f"{rng.choice(WORDS)}-{name}"
            if name not in seen:
                break
        else:
            name += str(len(names))  # the bases never end in a digit: still unique
        seen.add(name)
        names.append(name)
    return names


def _options(rng: random.Random) -> str:
    longs = rng.sample(WORDS, rng.randint(3, 8))
    shorts = rng.sample("abcdefhilmnopqrstuvwxz", len(longs))
    opts = [
        (
            f"-{s}",
            f"--{lo}",
            rng.choice(["", "FILE", "N", "NAME", "DIR", "URL"]),
            _sentence(rng, 4, 12),
        )
        for s, lo in zip(shorts, longs, strict=True)
    ]
    if rng.random() < 0.5:
        return "\n".join(f"- `{s}`, `{lo}{' ' + a if a else ''}`: {d}" for s, lo, a, d in opts)
    rows = [f"| `{s}` | `{lo}` | {f'`{a}`' if a else '-'} | {d} |" for s, lo, a, d in opts]
    return "\n".join(["| Short | Long | Argument | Meaning |", "| --- | --- | --- | --- |", *rows])


def _example(rng: random.Random, name: str) -> str:
    w = rng.sample(WORDS, 3)
    what = f"{rng.choice(VERBS).capitalize()} the {w[0]} {w[1]} entries of every {w[2]}"
    cmd = f"{name} --{rng.choice(WORDS)} {rng.randint(1, 64)} path/to/{rng.choice(WORDS)}"
    if rng.random() < 0.3:
        cmd += f" | grep {rng.choice(WORDS)}"
    return f"{what}:\n\n```sh\n{cmd}\n```"


def _page(rng: random.Random, name: str, also: list[str]) -> str:
    w = rng.sample(WORDS, 4)
    summary = (
        f"{rng.choice(VERBS).capitalize()} {w[0]} and {w[1]} entries on the {w[2]} {w[3]}. "
        f"{_sentence(rng)} More information: <https://manned.example.org/{name}>."
    )
    examples = [_example(rng, name) for _ in range(rng.randint(3, 6))]
    see = [f"See also: {', '.join(f'[{Path(p).stem}]({p})' for p in also)}."] if also else []
    parts = [f"# {name}", summary, "## Options", _options(rng), "## Examples", *examples, *see]
    return "\n\n".join(parts) + "\n"


def pages_folder(root: Path, count: int, rng: random.Random) -> Path:
    """count files in all: 3 top-level files, a folder per topic (10-30 from 200 files on)
    with its index.md or README.md, and the command pages spread unevenly over the topics."""
    if count < 5:
        raise ValueError("pages: at least 5 files")
    folder = root / f"pages-{count}"
    if folder.exists():
        return folder
    topics = sorted(rng.sample(TOPICS, max(1, min(len(TOPICS), count // 20))))
    names = _page_names(rng, count - 3 - len(topics))
    weights = [rng.uniform(0.3, 3.0) for _ in topics]
    where = topics + rng.choices(topics, weights=weights, k=len(names) - len(topics))
    where = where[: len(names)]
    by_topic: dict[str, list[str]] = {t: [] for t in topics}
    for name, topic in zip(names, where, strict=True):
        by_topic[topic].append(name)
    indexes = {t: "README.md" if rng.random() < 0.3 else "index.md" for t in topics}
    for topic, members in by_topic.items():
        (folder / topic).mkdir(parents=True)
        items = "\n".join(f"- [{m}]({m}.md): {_sentence(rng, 3, 8)}" for m in members)
        text = f"# {topic.capitalize()} commands\n\n{_sentence(rng)}\n\n{items}\n"
        (folder / topic / indexes[topic]).write_text(text, encoding="utf-8")
        for name in members:
            k = rng.randint(1, 4)
            picked = rng.sample(range(len(names)), min(len(names), k + 1))
            also = [
                f"{names[i]}.md" if where[i] == topic else f"../{where[i]}/{names[i]}.md"
                for i in picked
                if names[i] != name
            ][:k]
            (folder / topic / f"{name}.md").write_text(_page(rng, name, also), encoding="utf-8")
    _top_files(folder, indexes, rng)
    return folder


def _top_files(folder: Path, indexes: dict[str, str], rng: random.Random) -> None:
    links = "\n".join(f"- [{t}]({t}/{index})" for t, index in indexes.items())
    files = {
        "README.md": f"# Command reference\n\n{_sentence(rng)}\n\n## Topics\n\n{links}\n",
        "CONTRIBUTING.md": "# Contributing\n\n"
        + "\n\n".join(_sentence(rng) for _ in range(3))
        + "\n\n```sh\npage-lint --fix pages/\n```\n",
        "CHANGELOG.md": "# Changelog\n\n"
        + "\n".join(f"- 2026-{m:02d}-01: {_sentence(rng, 4, 10)}" for m in range(1, 13))
        + "\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


# --- what pandoc reads ---


def input_files(folder: Path) -> list[Path]:
    """docgen's inputs: the .md, .txt and .log files below folder (hidden ones skipped), in
    its natural path order (natsort's PATH | IGNORECASE, as agentic_docgen/session does)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [
            Path(dirpath, n)
            for n in filenames
            if not n.startswith(".") and Path(n).suffix.lower() in TEXT_SUFFIXES
        ]
    key = lambda p: p.relative_to(folder).as_posix()  # noqa: E731
    return natsorted(found, key=key, alg=ns.PATH | ns.IGNORECASE)


def pandoc_input(folder: Path, work: Path) -> list[str]:
    """pandoc's input for the same content: the markdown files of a flat folder as they are,
    else one file of them all in docgen's order, markdown as it is and each text or log
    file in a fence under its path."""
    files = input_files(folder)
    if all(f.suffix == ".md" and f.parent == folder for f in files):
        return [str(f) for f in files]
    joined = work / f"{folder.name}-fenced.md"
    if not joined.exists():
        with joined.open("w", encoding="utf-8") as out:
            for f in files:
                if f.suffix == ".md":
                    out.write(f.read_text(encoding="utf-8").rstrip("\n") + "\n\n")
                    continue
                out.write(f"# {f.relative_to(folder).as_posix()}\n\n````text\n")
                with f.open(encoding="utf-8") as src:
                    shutil.copyfileobj(src, out)
                out.write("````\n\n")
    return [str(joined)]
