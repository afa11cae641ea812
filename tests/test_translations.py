"""The Kazakh and Russian catalogs: complete, compiled, and used by the pages.

The compiled .mo files are committed beside the .po files (a fresh clone needs no gettext
tools), so the tests also check that each .mo says what its .po says: a .po edited without
`compilemessages` fails here.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, ProceedingsFactory

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = {"kk": 2, "ru": 3}  # plural forms in each catalog's header
# One number per plural form of each language, to read every form back from the .mo.
PLURAL_SAMPLES = {"kk": [1, 5], "ru": [1, 2, 5]}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def _unquote(text: str) -> str:
    body = text.strip()
    assert body[0] == body[-1] == '"', body
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes[match[1]], body[1:-1])


def _entry(block: str) -> Entry:
    entry, fields, key = Entry(), {}, None
    for line in block.strip().splitlines():
        if line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line):
            key = match[1]
            fields[key] = _unquote(match[2])
        elif line.startswith('"'):
            fields[key] += _unquote(line)
    entry.msgid = fields.get("msgid", "")
    entry.msgid_plural = fields.get("msgid_plural")
    entry.msgctxt = fields.get("msgctxt")
    for key, value in fields.items():
        if key.startswith("msgstr"):
            entry.msgstr[int(key[7:-1] or 0)] = value
    return entry


def read_po(path: Path) -> list[Entry]:
    """A tiny .po reader: enough for the catalogs that `makemessages` writes."""
    return [_entry(block) for block in path.read_text(encoding="utf-8").split("\n\n") if "msgid" in block]


def messages(code: str) -> list[Entry]:
    return [e for e in read_po(LOCALE_DIR / code / "LC_MESSAGES" / "django.po") if e.msgid and not e.obsolete]


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_is_complete_and_reviewed(code):
    entries = messages(code)
    assert len(entries) > 100
    header = next(e for e in read_po(LOCALE_DIR / code / "LC_MESSAGES" / "django.po") if e.msgid == "")
    assert "fuzzy" not in header.flags
    assert f"nplurals={LANGUAGES[code]};" in header.msgstr[0]
    problems = []
    for entry in entries:
        forms = LANGUAGES[code] if entry.msgid_plural is not None else 1
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if sorted(entry.msgstr) != list(range(forms)) or not all(entry.msgstr.values()):
            problems.append(f"untranslated: {entry.msgid!r}")
        for text in entry.msgstr.values():
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid)):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    assert problems == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_translates_every_message(code):
    """The committed .mo holds the .po's translations (compilemessages was run after the last edit)."""
    assert (LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists()
    catalog = gettext.translation("django", localedir=LOCALE_DIR, languages=[code])
    stale = []
    for entry in messages(code):
        context = () if entry.msgctxt is None else (entry.msgctxt,)
        if entry.msgid_plural is None:
            lookup = catalog.gettext if entry.msgctxt is None else catalog.pgettext
            if lookup(*context, entry.msgid) != entry.msgstr[0]:
                stale.append(entry.msgid)
            continue
        lookup = catalog.ngettext if entry.msgctxt is None else catalog.npgettext
        for form, number in enumerate(PLURAL_SAMPLES[code]):
            if lookup(*context, entry.msgid, entry.msgid_plural, number) != entry.msgstr[form]:
                stale.append(f"{entry.msgid} ({number})")
    assert stale == []


def test_russian_plurals_follow_the_number():
    catalog = gettext.translation("django", localedir=LOCALE_DIR, languages=["ru"])
    counted = {
        n: catalog.ngettext("%(counter)s article", "%(counter)s articles", n) % {"counter": n}
        for n in (1, 2, 5, 11, 21, 22, 25, 111)
    }
    assert counted == {
        1: "1 статья",
        2: "2 статьи",
        5: "5 статей",
        11: "11 статей",
        21: "21 статья",
        22: "22 статьи",
        25: "25 статей",
        111: "111 статей",
    }


NAV = {
    "kk": ["Жинақтар", "Авторлар", "Тақырыптар", "Іздеу", "Мазмұнға өту", "Бұл бет JSON форматында"],
    "ru": ["Сборники", "Авторы", "Темы", "Поиск", "Перейти к содержанию", "Эта страница в формате JSON"],
}
ENGLISH_UI = [
    "Proceedings",
    "Authors",
    "Topics",
    ">Search<",
    "Skip to content",
    "This page as JSON",
    "Latest volumes",
]


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_speaks_the_interface_language(client, code):
    ArticleFactory(proceedings=ProceedingsFactory())
    stored_counts_refresh()

    response = client.get(f"/{code}/")

    html = response.content.decode()
    assert response.status_code == 200
    for text in NAV[code]:
        assert text in html
    for text in ENGLISH_UI:
        assert text not in html
    if code == "kk":
        assert "Соңғы жинақтар" in html
        assert "1</strong> мақала" in html
    else:
        assert "Новые сборники" in html
        assert "1</strong> статья" in html
