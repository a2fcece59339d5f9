"""The document's language: the message catalogue, the language tags, the dates.

Every fixed string the document shows ("Contents", "Figure", "Page X of Y", the log digest's
headers, the notes the tools write…) comes from one catalogue, `messages.json` beside this
module, with one entry per language (`LANGUAGES`). The Python side writes the tools' notes
with `label`; the converter gets its labels in the block JSON (`converter_meta`: `meta.lang`
and `meta.labels`). A language is given as a tag (`de`, `pt-BR`, `zh-TW`): its primary
subtag picks the catalogue entry, the whole tag (or the catalogue's `word` tag for a bare
code) is what the .docx declares.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

AUTO = "auto"
DEFAULT = "en"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ja", "zh", "ko")
EAST_ASIAN = ("ja", "zh", "ko")
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]{2,8}))*$")
_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_MONTHS = tuple(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
CONVERTER_LABELS = ("contents", "figure", "page", "missing_image")


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    text = (Path(__file__).with_name("messages.json")).read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def check_tag(value: str) -> str:
    """A `--lang` value as the run keeps it: `auto`, or a tag whose language the catalogue
    has (`de`, `pt-BR`; `_` read as `-`). ValueError naming the languages otherwise."""
    v = value.strip()
    if v.lower() == AUTO:
        return AUTO
    m = _TAG.match(v)
    if not m or m.group(1).lower() not in LANGUAGES:
        raise ValueError(
            f"unknown language {value!r} (expected auto or one of {', '.join(LANGUAGES)},"
            " optionally with a region such as pt-BR)"
        )
    parts = v.replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def primary(tag: str | None) -> str:
    """The catalogue's language of a tag (`pt-BR` → `pt`); `en` for an unknown one."""
    code = (tag or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def supported(tag: str | None) -> bool:
    """Is `tag` a tag of a language the catalogue has (auto is not)?"""
    try:
        return bool(tag) and check_tag(str(tag)) != AUTO
    except ValueError:
        return False


def word_tag(tag: str | None) -> str:
    """The tag the .docx declares: the tag as given when it names a region or script,
    else the catalogue's (`de` → `de-DE`)."""
    code = primary(tag)
    return tag if tag and "-" in tag and supported(tag) else _catalogue()[code]["word"]


def label(tag: str | None, key: str, **values: Any) -> str:
    """A catalogue string in the language of `tag`, its `{placeholders}` filled."""
    text = _catalogue()[primary(tag)].get(key) or _catalogue()[DEFAULT][key]
    return text.format(**values) if values else text


def language_name(tag: str | None) -> str:
    """The language's name in English (`de` → German, `pt-BR` → Portuguese (Brazil))."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse((tag or DEFAULT).replace("-", "_")).english_name)
    except (ValueError, UnknownLocaleError):
        return str(Locale.parse(primary(tag)).english_name)


def converter_meta(tag: str | None) -> dict[str, Any]:
    """`meta.lang` and `meta.labels` of the block JSON (the converter's fixed strings)."""
    return {"lang": word_tag(tag), "labels": {k: label(tag, k) for k in CONVERTER_LABELS}}


def local_date(text: str, tag: str | None) -> str:
    """An ISO date (YYYY-MM-DD, or a date and time of which the date is shown) written the
    way the language writes it (Babel's long format: `4. Dezember 2026`, `2026年12月4日`);
    any other text is kept as written."""
    m = _ISO_DATE.match(text.strip())
    if not m:
        return text
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return text
    tag = tag or DEFAULT
    if tag in ("en", "en-US"):  # Babel's long format, without its import (most runs)
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse(primary(tag))
    return str(format_date(day, format="long", locale=locale))
