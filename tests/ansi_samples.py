# ruff: noqa: E501  (the lines are as the tools write them)
"""Coloured terminal output in the formats real tools write (escape sequences as they emit
them), for the tests of markdown/ansi.py and of coloured log chapters."""

from __future__ import annotations

from pathlib import Path

E = "\x1b"

# pytest -v --color=yes
PYTEST = [
    f"{E}[1m============================= test session starts =============================={E}[0m",
    "platform linux -- Python 3.11.7, pytest-8.3.2, pluggy-1.5.0",
    f"tests/test_api.py::test_create {E}[32mPASSED{E}[0m{E}[32m                               [ 50%]{E}[0m",
    f"tests/test_api.py::test_delete {E}[31mFAILED{E}[0m{E}[31m                               [100%]{E}[0m",
    f"{E}[31mFAILED{E}[0m tests/test_api.py::{E}[1mtest_delete{E}[0m - AssertionError: 404 != 204",
    f"{E}[31m========================= {E}[31m{E}[1m1 failed{E}[0m, {E}[32m1 passed{E}[0m{E}[31m in 0.12s{E}[0m{E}[31m ========================={E}[0m",
]
# npm install (npm 6 style labels) and yarn 1 (erase line + cursor to column 1 first)
NPM = [
    f"{E}[37;40mnpm{E}[0m {E}[0m{E}[30;43mWARN{E}[0m {E}[0m{E}[35mdeprecated{E}[0m request@2.88.2: request has been deprecated",
    f"{E}[2K{E}[1G{E}[33mwarning{E}[39m package.json: No license field",
    f"{E}[2K{E}[1G{E}[32msuccess{E}[39m Saved lockfile.",
]
# docker compose logs (a coloured service prefix per line)
COMPOSE = [
    f"{E}[36mweb-1  | {E}[0m2024-05-01T10:00:00.123Z INFO  listening on :8080",
    f'{E}[33mdb-1   | {E}[0m2024-05-01T10:00:01.456Z ERROR could not open file "pg_hba.conf"',
]
# journalctl --output=cat with SYSTEMD_COLORS (bold red errors, bold default notices)
JOURNAL = [
    "Starting A high performance web server and a reverse proxy server...",
    f"{E}[0;1;31mnginx.service: Failed with result 'exit-code'.{E}[0m",
    f"{E}[0;1;39mnginx.service: Scheduled restart job, restart counter is at 1.{E}[0m",
]
# Python logging through colorlog ("%(log_color)s%(levelname)-8s%(reset)s %(blue)s%(message)s")
COLORLOG = [
    f"{E}[32mINFO    {E}[0m {E}[34mapp started on port 5000{E}[0m",
    f"{E}[33mWARNING {E}[0m {E}[34mcache is cold{E}[0m",
    f"{E}[1;31mCRITICAL{E}[0m {E}[34mdisk full{E}[0m",
]
# cargo build (bold green verbs, 256-colour arrows, OSC 8 hyperlinks to the source)
CARGO = [
    f"{E}[0m{E}[0m{E}[1m{E}[32m   Compiling{E}[0m{E}[0m serde v1.0.197",
    f"{E}[0m{E}[1m{E}[33mwarning{E}[0m{E}[0m{E}[1m: unused variable: `x`{E}[0m",
    f"{E}[0m{E}[1m{E}[38;5;12m  --> {E}[0m{E}[0m{E}]8;;file:///work/src/main.rs{E}\\src/main.rs:2:9{E}]8;;{E}\\",
    f"{E}[0m{E}[0m{E}[1m{E}[32m    Finished{E}[0m{E}[0m `dev` profile [unoptimized + debuginfo] target(s) in 4.20s",
]
# 24-bit colours (bright yellow, white: unreadable on paper as they are), italic, underline,
# a window title, progress redrawn with a carriage return
TRUECOLOR = [
    f"{E}]0;build: step 3/4{E}\\{E}[38;2;255;255;0mcaution{E}[39m and {E}[38;2;255;255;255mwhite{E}[0m",
    f"{E}[3mitalic{E}[23m {E}[4munderlined{E}[24m {E}[4:3mcurly{E}[4:0m done",
    f"Downloading  10%\r{E}[2KDownloading 100%",
]

SAMPLES = {
    "pytest.log": PYTEST,
    "npm.log": NPM,
    "compose.log": COMPOSE,
    "journal.log": JOURNAL,
    "colorlog.log": COLORLOG,
    "cargo.log": CARGO,
    "truecolor.log": TRUECOLOR,
}


def write_samples(folder: Path) -> Path:
    """The coloured logs, one file per tool; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in SAMPLES.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return folder
