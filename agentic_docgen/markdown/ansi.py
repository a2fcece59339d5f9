"""Terminal escape sequences in text (ANSI / ECMA-48): the one rule for where they are and
what the SGR ones (colour, bold, italic, underline) mean.

Every escape sequence is removed from the text a document shows: SGR sequences
(`ESC [ … m`) become the formatting of the text they precede, every other one (cursor moves,
erase line, OSC window titles and hyperlinks, character sets, …) is dropped. The text between
them is kept exactly. One regular expression finds them all in linear time: each of its
alternatives stops at the next ESC or newline and never backtracks (possessive quantifiers),
so a 5 MB line of escapes or of unterminated sequences costs one pass (pandoc takes tens of
seconds on such a line, jgm/pandoc#9189). A sequence never spans a newline.

Colours are for white paper: the 16 terminal colours have darker tones chosen for it (white
is shown grey, yellow as dark amber), and any 256-colour or 24-bit colour too light to read
on white (contrast below 4.5:1, WCAG AA) is darkened, keeping its hue. Background colours,
reverse video, faint and blink are not shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

ESC = "\x1b"

SEQUENCE = re.compile(
    r"\x1b(?:"
    r"\[([0-?]*+)([ -/]*+)([@-~]?)"  # CSI: parameters, intermediates, final (an unfinished
    # one is removed as far as it goes)
    r"|[\]PX^_][^\x07\x1b\n]*+(?:\x07|\x1b\\)"  # OSC, DCS, SOS, PM, APC strings, terminated
    # by BEL or ST (unterminated: only ESC and its introducer go, the rest stays text)
    r"|[ -/]*+[0-~]?"  # two-character and nF escapes (ESC 7, ESC ( B …); a lone ESC
    r")"
)
_MAX_SGR_PARAMS = 256  # characters: a longer SGR sequence is hostile, removed and ignored
_MAX_NUMBER = 6  # digits of a parameter read as a number (int() of a huge one is slow)

# The 16 terminal colours as they read on white paper (RRGGBB): black, red, green, yellow,
# blue, magenta, cyan, white, then their bright variants. White and bright white are grey,
# yellow is dark amber.
PALETTE16 = (
    "000000", "B91C1C", "15803D", "A16207", "1D4ED8", "A21CAF", "0E7490", "4B5563",
    "6B7280", "DC2626", "047857", "B45309", "2563EB", "9333EA", "0369A1", "374151",
)  # fmt: skip
_MAX_LUMINANCE = 0.175  # (1 + 0.05) / (0.175 + 0.05) = 4.67:1 against white


class Pen(NamedTuple):
    """The SGR state: what the text after a sequence looks like."""

    color: str | None = None  # RRGGBB, readable on white; None: the default
    bold: bool = False
    italic: bool = False
    underline: bool = False


PLAIN = Pen()


def strip(text: str) -> str:
    """The text without its escape sequences (lines stay lines)."""
    return SEQUENCE.sub("", text) if ESC in text else text


def plain_lines(lines: list[str]) -> list[str]:
    """The lines without escape sequences (the same list when none has any)."""
    if not any(ESC in line for line in lines):
        return lines
    return [strip(line) for line in lines]


def styled_lines(text: str, limit: int = 1000) -> Iterator[list[tuple[str, Pen]]]:
    """Per line of `text` (split on newlines), its pieces of text without the sequences and
    the SGR state each is shown in (adjacent pieces in the same state joined; after `limit`
    pieces, the rest of the line is one piece, plain). The state carries from one line to
    the next, as on a terminal. The pieces of line i add up to strip(text).split("\n")[i]."""
    pen = PLAIN
    for line in text.split("\n"):
        if ESC not in line:
            yield [(line, pen)] if line else []
            continue
        # split (at C speed): text, then per sequence its 3 groups and the text after it
        bits = SEQUENCE.split(line)
        parts: list[tuple[Pen, list[str]]] = []
        k = 0
        for k in range(0, len(bits), 4):
            piece = bits[k]
            if piece:
                if parts and parts[-1][0] == pen:
                    parts[-1][1].append(piece)
                elif len(parts) < limit - 1:
                    parts.append((pen, [piece]))
                else:
                    break
            if k + 3 < len(bits) and bits[k + 3] == "m" and not bits[k + 2]:
                pen = sgr(pen, bits[k + 1])
        else:
            k = len(bits)
        if k < len(bits):  # hostile: the rest plain; the state is still followed
            parts.append((PLAIN, bits[k::4]))
            for j in range(k + 3, len(bits), 4):
                if bits[j] == "m" and not bits[j - 1]:
                    pen = sgr(pen, bits[j - 2])
        yield [("".join(texts), state) for state, texts in parts]


@lru_cache(maxsize=1024)
def sgr(pen: Pen, params: str) -> Pen:
    """The state after `ESC [ params m` (cached: a log repeats the same few)."""
    if len(params) > _MAX_SGR_PARAMS or params[:1] in ("<", "=", ">", "?"):
        return pen  # private (xterm's ESC [ > … m) or hostile: not a style
    groups = params.split(";")
    i = 0
    while i < len(groups):
        sub = groups[i].split(":")
        code = _number(sub[0])
        i += 1
        if code in (38, 48, 58):  # extended colour: 38;5;N / 38;2;R;G;B or 38:5:N / 38:2::R:G:B
            if len(sub) > 1:
                color = _extended(sub[1:])
            else:
                n = 2 if groups[i : i + 1] == ["5"] else 4 if groups[i : i + 1] == ["2"] else 1
                color = _extended(groups[i : i + n])
                i += n
            if code == 38:
                pen = pen._replace(color=color)
        elif code == 4 and len(sub) > 1:  # 4:0 no underline, 4:1…4:5 one of its kinds
            pen = pen._replace(underline=_number(sub[1]) != 0)
        else:
            pen = _simple(pen, code)
    return pen


def _simple(pen: Pen, code: int | None) -> Pen:
    if code == 0:
        return PLAIN
    if code == 1:
        return pen._replace(bold=True)
    if code == 3:
        return pen._replace(italic=True)
    if code in (4, 21):
        return pen._replace(underline=True)
    if code == 22:
        return pen._replace(bold=False)
    if code == 23:
        return pen._replace(italic=False)
    if code == 24:
        return pen._replace(underline=False)
    if code is not None and (30 <= code <= 37 or 90 <= code <= 97):
        return pen._replace(color=PALETTE16[code - 30 if code < 90 else code - 82])
    if code == 39:
        return pen._replace(color=None)
    return pen  # backgrounds, faint, blink, reverse, fonts, …: not shown


def _number(text: str) -> int | None:
    """A parameter's value: empty is 0 (as for terminals); not a short number: None."""
    if not text:
        return 0
    return int(text) if len(text) <= _MAX_NUMBER and text.isdigit() else None


def _extended(args: list[str]) -> str | None:
    """The colour of `5;N` (256 colours) or `2;R;G;B` (24 bits, with an optional colour
    space id before R in the colon form)."""
    kind = _number(args[0]) if args else None
    values = [_number(a) for a in args[1:]]
    if kind == 5 and len(values) == 1 and values[0] is not None and values[0] < 256:
        return color256(values[0])
    if kind == 2 and len(values) >= 3:
        r, g, b = values[-3:]
        if r is not None and g is not None and b is not None and max(r, g, b) < 256:
            return readable(r, g, b)
    return None


@lru_cache(maxsize=256)
def color256(n: int) -> str:
    """Colour n of the xterm 256-colour palette, readable on white."""
    if n < 16:
        return PALETTE16[n]
    if n < 232:
        levels = (0, 95, 135, 175, 215, 255)
        n -= 16
        return readable(levels[n // 36], levels[n // 6 % 6], levels[n % 6])
    grey = 8 + 10 * (n - 232)
    return readable(grey, grey, grey)


def _linear(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _srgb(v: float) -> int:
    s = v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return max(0, min(255, int(s * 255)))  # rounded down: never lighter


def luminance(rgb: str) -> float:
    """WCAG relative luminance of RRGGBB."""
    r, g, b = (_linear(int(rgb[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@lru_cache(maxsize=4096)
def readable(r: int, g: int, b: int) -> str:
    """RRGGBB of this colour, darkened (same hue) when it is too light to read on white."""
    lin = [_linear(c) for c in (r, g, b)]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    if lum > _MAX_LUMINANCE:
        r, g, b = (_srgb(v * _MAX_LUMINANCE / lum) for v in lin)
    return f"{r:02X}{g:02X}{b:02X}"
