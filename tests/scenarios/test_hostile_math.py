"""TeX math, end to end: a page of formulas becomes Word equations; hostile formulas end as
code with a warning naming the file and line, in bounded time, and nothing is lost."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

from tests.conftest import invoke_cli

NOTE = r"""# Notes on estimation

The sample mean of $n$ observations is $\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i$, and a
fair price is between $5 and $10 per sample.

$$
s^2 = \frac{1}{n-1} \sum_{i=1}^{n} \left( x_i - \bar{x} \right)^2
$$

$$\int_0^1 x^2\,dx = \frac{1}{3}$$

```math
\mathbf{A} = \begin{pmatrix} a_{11} & a_{12} \\ a_{21} & a_{22} \end{pmatrix}
```

$$
\begin{aligned}
\nabla \cdot \mathbf{E} &= \frac{\rho}{\varepsilon_0} \\
\nabla \times \mathbf{B} &= \mu_0 \mathbf{J}
\end{aligned}
$$

Roots: $x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$ and $\sqrt[3]{27} = 3$;
Greek $\alpha, \beta, \Gamma$.

| quantity | formula |
| --- | --- |
| energy | $E = mc^2$ |

Code stays code: `$HOME/bin` and $\badcommand{x}$ here.
"""

HOSTILE = "\n\n".join(
    [
        "# Hostile",
        "Unclosed display $$ \\frac{1}{2} and the rest of the line stays.",
        "$$\n\\sum_i x_i\n\nstill here after an unclosed block",
        "$" * 10_000,
        "$" + "{" * 5_000 + "x" + "}" * 5_000 + "$",
        r"$\def\a{\b\b\b\b}\def\b{\c\c\c\c}\def\c{\d\d\d\d}\def\d{xxxxxxxx}\a\a\a\a$",
        r"$\newcommand{\x}{\x\x}\x$",
        "$$" + "+".join(f"x_{{{i}}}^{{{i}}}" for i in range(4_000)) + "$$",
        "last line survives",
    ]
)


def _convert(tmp_path: Path, files: dict[str, str]) -> tuple[dict, str]:
    src = tmp_path / "src"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.docx"
    r = invoke_cli("convert", str(src), "-o", str(out), "--json", timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1]), zipfile.ZipFile(out).read(
        "word/document.xml"
    ).decode()


def _text(xml: str) -> str:
    return "".join(re.findall(r"<[wm]:t(?: [^>]*)?>([^<]*)</[wm]:t>", xml))


def test_a_page_of_formulas_becomes_equations(tmp_path: Path) -> None:
    summary, xml = _convert(tmp_path, {"statistics.md": NOTE})
    assert xml.count("<m:oMathPara>") == 4  # the four display formulas
    assert xml.count("<m:oMath ") == 10  # six inline, four display
    assert "<m:f>" in xml and "<m:nary>" in xml and "<m:rad>" in xml and "<m:m>" in xml
    text = _text(xml)
    assert "between $5 and $10 per sample" in text  # prices stay text
    assert "$HOME/bin" in text  # math in code stays code
    assert "$\\badcommand{x}$" in text  # shown as written
    assert "x_1" not in text and "\\frac" not in text.replace("\\badcommand", "")
    warnings = [w for w in summary["warnings"] if "formula" in w]
    line = next(n for n, t in enumerate(NOTE.splitlines(), 1) if "badcommand" in t)
    assert len(warnings) == 1 and warnings[0].startswith(f"statistics.md:{line}: ")
    assert "badcommand" in warnings[0]
    assert summary["quality"]["pass"]
    assert summary["quality"]["stats"]["equations"] == 10


def test_hostile_formulas_end_as_code_in_bounded_time(tmp_path: Path) -> None:
    t0 = time.perf_counter()
    summary, xml = _convert(tmp_path, {"hostile.md": HOSTILE})
    assert time.perf_counter() - t0 < 120
    text = _text(xml)
    assert "Unclosed display $$ \\frac{1}{2} and the rest of the line stays." in text
    assert "still here after an unclosed block" in text
    assert "last line survives" in text
    assert text.count("$") >= 10_000  # the dollar signs are all there
    assert "{" * 5_000 in text  # too deep: kept as code
    assert "\\def\\a" in text and "\\newcommand" in text  # macro bombs: kept as code
    warnings = [w for w in summary["warnings"] if "formula" in w]
    assert len(warnings) >= 3
    assert all(re.match(r"hostile\.md:\d+: formula kept as code", w) for w in warnings)
    assert summary["quality"]["pass"]
