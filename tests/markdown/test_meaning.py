"""markdownlint's fixes keep the meaning or are not applied (issue 17 item 2)."""

from __future__ import annotations

import pytest

from agentic_docgen.markdown.meaning import meaning_kept, same_meaning


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a * foo bar*", "a *foo bar*"),  # MD037 would make italics (spec #351)
        ("_ _ _ _ a", "____ a"),  # MD037 (#55)
        ("#5 bolt\n\n#hashtag", "# 5 bolt\n\n# hashtag"),  # MD018 (#64)
        ("`\u00a0a\u00a0`", "`a`"),  # MD038 drops no-break spaces (#335)
        ("- a\n- b", "- a\n\n- b"),  # a blank line makes the list loose
        ("line  \nnext", "line\nnext"),  # MD009: the two spaces are a hard break
    ],
)
def test_a_fix_that_changes_the_meaning_is_seen(before: str, after: str) -> None:
    assert not same_meaning(before.split("\n"), after.split("\n"))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("# Title #", "# Title"),
        ("para\n- list", "para\n\n- list"),
        ("* a\n* b", "- a\n- b"),
        ("text   ", "text"),
        ("a\n\n\n\nb", "a\n\nb"),
    ],
)
def test_a_fix_that_keeps_the_meaning_is_seen(before: str, after: str) -> None:
    assert same_meaning(before.split("\n"), after.split("\n"))


def test_only_the_changes_that_keep_the_meaning_are_kept() -> None:
    old = ["# T #", "", "a * foo bar*", "", "* x", "* y", "", "#hashtag", "", "end   "]
    new = ["# T", "", "a *foo bar*", "", "- x", "- y", "", "# hashtag", "", "end"]
    kept, refused = meaning_kept(old, new)
    assert kept == ["# T", "", "a * foo bar*", "", "- x", "- y", "", "#hashtag", "", "end"]
    assert sorted(h[0] for h in refused) == [2, 7]
