"""The admin's JavaScript (the two-box selector, calendar, clock, actions) speaks Kazakh: Django's
own kk djangojs catalogue lacks most of its strings, and the project's
(proceedings/locale/kk/LC_MESSAGES/djangojs.po) fills them in through the admin's jsi18n."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import staff_user

pytestmark = pytest.mark.django_db

PROJECT_CATALOGUE = Path(settings.BASE_DIR) / "proceedings" / "locale" / "kk" / "LC_MESSAGES" / "djangojs.po"


def admin_catalog(client, language: str) -> dict:
    """The catalogue the admin's jsi18n script hands its JavaScript, in `language`."""
    client.force_login(staff_user("editor", editor=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    script = client.get(reverse("admin:jsi18n")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.DOTALL).group(1))


def test_the_admins_javascript_reads_kazakh(client):
    catalog = admin_catalog(client, "kk")

    assert catalog["Choose all %s"] == "Барлығын таңдау: %s"
    assert catalog["Remove all %s"] == "Барлығын алып тастау: %s"
    assert catalog["January"] == "Қаңтар"
    assert catalog["abbrev. month November\x04Nov"] == "Қар"  # Django's own kk has “Қазір” (now)
    assert (
        catalog["Note: You are %s hour ahead of server time."]
        == ["Ескерту: сіздің уақытыңыз сервер уақытынан %s сағат алда."] * 2
    )
    assert catalog["Today"] == "Бүгін"  # Django's own kk, still served


def test_russian_keeps_djangos_own_catalogue(client):
    catalog = admin_catalog(client, "ru")

    assert catalog["Choose all %s"] == "Выбрать все %s"
    assert catalog["January"] == "Январь"


def test_every_kazakh_string_keeps_the_placeholders_of_its_english():
    text = PROJECT_CATALOGUE.read_text(encoding="utf-8")
    entries = re.findall(r'msgid "(.+?)"\n(?:msgid_plural ".+?"\n)?msgstr(?:\[0\])? "(.+?)"\n', text)

    assert len(entries) > 50
    for english, kazakh in entries:
        assert re.findall(r"%\w", english) == re.findall(r"%\w", kazakh), english
