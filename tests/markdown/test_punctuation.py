"""mistletoe's import without its set of every Unicode punctuation character (issue 21):
`markdown/punctuation.py` runs `mistletoe.core_tokens` over ASCII only and answers
`c in punctuation` as the full set would."""

from __future__ import annotations

import subprocess
import sys
from unicodedata import category

from agentic_docgen.markdown.punctuation import Punctuation

ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def test_same_answers_as_the_full_set_for_every_code_point() -> None:
    full = ASCII_PUNCTUATION | {
        chr(i) for i in range(sys.maxunicode + 1) if category(chr(i)).startswith("P")
    }
    cheap = Punctuation(ASCII_PUNCTUATION)
    wrong = [i for i in range(sys.maxunicode + 1) if (chr(i) in cheap) != (chr(i) in full)]
    assert wrong == []
    assert "" not in cheap and "ab" not in cheap and None not in cheap


PROBE = """
import sys, time
if sys.argv[1] == "package":
    import agentic_docgen
start = time.process_time()
import mistletoe
from mistletoe import core_tokens
spent = time.process_time() - start
print(type(core_tokens.punctuation).__name__, sys.maxunicode, round(spent, 3))
print(mistletoe.markdown(TEXT), end="")
"""
# emphasis next to Unicode punctuation (CommonMark's flanking rules depend on it)
TEXT = "a*\u00abx\u00bb*b \u00ab*x*\u00bb \u00a1*y*! *\u2014*z _\u3010k\u3011_ **\u201cq\u201d**"
PROBE = PROBE.replace("TEXT", repr(TEXT))


def test_mistletoe_imported_through_the_package_is_cheap_and_parses_the_same() -> None:
    def run(mode: str) -> list[str]:
        args = [sys.executable, "-c", PROBE, mode]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines()

    out, plain = run("package"), run("plain")
    kind, maxunicode, spent = out[0].split()
    assert kind == "Punctuation"
    assert int(maxunicode) == sys.maxunicode  # restored after the import
    assert float(spent) < 0.25  # the full set alone takes about 0.3 s of CPU
    assert plain[0].startswith("set ")  # mistletoe's own import, for comparison
    assert out[1] == plain[1]
    assert out[1].count("<em>") >= 3 and "<strong>" in out[1]
