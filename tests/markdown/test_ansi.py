"""markdown/ansi.py: escape sequences found, removed and read as formatting."""

from __future__ import annotations

import re

import pytest

from agentic_docgen.markdown import ansi
from agentic_docgen.markdown.ansi import ESC, PLAIN, Pen
from tests.ansi_samples import SAMPLES

E = ESC


def contrast(rgb: str) -> float:
    return 1.05 / (ansi.luminance(rgb) + 0.05)


def pieces(text: str) -> list[list[tuple[str, Pen]]]:
    return list(ansi.styled_lines(text))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_real_tools_output_loses_every_escape_and_keeps_its_text(name: str) -> None:
    lines = SAMPLES[name]
    plain = ansi.plain_lines(lines)
    assert len(plain) == len(lines)
    for raw, line in zip(lines, plain, strict=True):
        assert ESC not in line
        # what is left is the raw line with whole sequences cut out: its characters, in order
        it = iter(raw)
        assert all(ch in it for ch in line)
    styled = pieces("\n".join(lines))
    assert ["".join(t for t, _ in p) for p in styled] == plain


def test_texts_the_tools_print_are_kept_exactly() -> None:
    assert ansi.strip(SAMPLES["pytest.log"][2]).startswith("tests/test_api.py::test_create PASSED")
    assert ansi.strip(SAMPLES["cargo.log"][2]) == "  --> src/main.rs:2:9"  # OSC 8 link gone
    assert ansi.strip(SAMPLES["npm.log"][1]) == "warning package.json: No license field"
    assert ansi.strip(SAMPLES["truecolor.log"][0]) == "caution and white"  # title gone


def test_sgr_colours_bold_italic_underline_and_resets() -> None:
    (line,) = pieces(f"{E}[1;32mok{E}[22m thin{E}[39m default{E}[3;4mx{E}[23my{E}[24mz{E}[0mw")
    assert line == [
        ("ok", Pen("15803D", bold=True)),
        (" thin", Pen("15803D")),
        (" default", PLAIN),
        ("x", Pen(italic=True, underline=True)),
        ("y", Pen(underline=True)),
        ("zw", PLAIN),  # pieces in the same state are one
    ]


def test_empty_parameters_reset_and_state_carries_to_the_next_line() -> None:
    lines = pieces(f"{E}[31mred\nstill red{E}[m plain\n{E}[1;mplain too")
    assert lines[0] == [("red", Pen("B91C1C"))]
    assert lines[1] == [("still red", Pen("B91C1C")), (" plain", PLAIN)]
    assert lines[2] == [("plain too", PLAIN)]  # "1;" is bold then reset (empty = 0)


def test_extended_colours_in_both_notations_and_backgrounds_consume_their_arguments() -> None:
    forms = [
        f"{E}[38;5;196m", f"{E}[38:5:196m", f"{E}[38;2;200;0;0m", f"{E}[38:2::200:0:0m",
        f"{E}[38:2:200:0:0m",
    ]  # fmt: skip
    colours = [pieces(f + "x")[0][0][1].color for f in forms]
    assert colours[0] == colours[1] and colours[2] == colours[3] == colours[4]
    assert all(c and re.fullmatch(r"[0-9A-F]{6}", c) for c in colours)
    # a background's 5;N and 2;R;G;B are its own: 1 (bold) after them is still read
    (line,) = pieces(f"{E}[48;5;1;1mx{E}[48;2;1;2;3;3my")
    assert line == [("x", Pen(bold=True)), ("y", Pen(bold=True, italic=True))]


def test_unreadable_colours_are_darkened_and_every_colour_reads_on_white() -> None:
    for n in range(256):
        assert contrast(ansi.color256(n)) >= 4.5, n
    for rgb in [(255, 255, 255), (255, 255, 0), (0, 255, 255), (128, 255, 128), (250, 250, 250)]:
        assert contrast(ansi.readable(*rgb)) >= 4.5
    white = pieces(f"{E}[37mw{E}[97mW{E}[93mY")[0]
    assert all(contrast(pen.color or "") >= 4.5 for _, pen in white)
    assert ansi.readable(0, 0, 128) == "000080"  # readable already: unchanged
    r, g, b = (int(ansi.readable(255, 255, 0)[i : i + 2], 16) for i in (0, 2, 4))
    assert r == g and b == 0  # yellow stays yellow, darker


def test_non_sgr_sequences_are_removed_and_change_nothing() -> None:
    text = f"a{E}[2K{E}[1G{E}[?25l{E}[>4;2mb{E}7{E}8{E}(B{E}M{E}]0;t{E}\\c{E}P1$r{E}\\d"
    assert ansi.strip(text) == "abcd"
    assert pieces(text) == [[("abcd", PLAIN)]]


def test_unterminated_and_broken_sequences_keep_the_text() -> None:
    assert ansi.strip(f"x{E}") == "x"  # ESC at the end
    assert ansi.strip(f"x{E}\ny") == "x\ny"  # a sequence never crosses a line
    assert ansi.strip(f"{E}[31") == ""  # an unfinished CSI goes as far as it goes
    assert ansi.strip(f"{E}[31\u00e9t\u00e9") == "\u00e9t\u00e9"
    # an OSC without its terminator: only ESC ] goes, what follows is text
    assert ansi.strip(f"{E}]0;not a title\nnext") == "0;not a title\nnext"
    assert ansi.strip(f"{E}[{'9' * 5000}mok") == "ok"  # no int() of a 5000-digit number
    assert pieces(f"{E}[{'1;' * 400}mok") == [[("ok", PLAIN)]]  # hostile: ignored


def test_the_pattern_never_matches_across_an_escape_or_a_line() -> None:
    """What keeps the scan linear: each sequence found holds one ESC and no newline, and
    its repeated parts cannot run past the next ESC or newline (possessive, so no
    backtracking either)."""
    text = "".join(SAMPLES[n][i % len(SAMPLES[n])] for i, n in enumerate(sorted(SAMPLES) * 3))
    text += f"{E}]{E}[{E}P{E}]8;;x\n{E}[1\n{E}"
    for m in ansi.SEQUENCE.finditer(text):
        assert m.group().count(ESC) == 1 + m.group().endswith(f"{E}\\"), m.group()
        assert "\n" not in m.group()
    for part in re.findall(r"\[[^\]]*\]\*\+", ansi.SEQUENCE.pattern):
        assert not re.fullmatch(part[:-2], ESC) and not re.fullmatch(part[:-2], "\n"), part


def test_a_line_is_at_most_limit_pieces_and_the_state_is_still_followed() -> None:
    storm = "".join(f"{E}[3{i % 2 + 1}m{i % 10}" for i in range(50)) + f"{E}[1m"
    first, second = pieces(storm + "\nnext")
    assert len(first) == 50 and second == [("next", Pen("15803D", bold=True))]
    first, second = list(ansi.styled_lines(storm + "\nnext", limit=10))
    assert len(first) == 10 and first[-1][1] == PLAIN
    assert "".join(t for t, _ in first) == ansi.strip(storm)
    assert second == [("next", Pen("15803D", bold=True))]
