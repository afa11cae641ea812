"""Editors rename, reorder, add and delete a volume's sections, and choose an article's section."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article
from proceedings.models import Proceedings, Section
from tests.admin_forms import article_change_data
from tests.factories import ProceedingsFactory
from tests.proceedings.section_volumes import TITLES, sectioned_text
from tests.proceedings.test_sections import article_sections, imported

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

LAW, HISTORY = "Юридические науки", "Номинация «История науки и технологий»"


class FormFields(HTMLParser):
    """What a browser posts for a page's form: inputs (checked boxes only), selects, textareas;
    the inlines' empty templates ('__prefix__') left out."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        name = attrs.get("name") or ""
        if not self.inside or ("__prefix__" in name and tag != "option"):
            return
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select":
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value") or "")
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += (
                data.removeprefix("\n") if not self.data[self.textarea][0] else data
            )


def volume_form(client, volume: Proceedings, **changes) -> dict:
    """The volume's change form as the editor's browser would post it, with `changes`."""
    page = client.get(reverse("admin:proceedings_proceedings_change", args=[volume.pk]))
    fields = FormFields("proceedings_form")
    fields.feed(page.content.decode())
    return {**{name: values for name, values in fields.data.items() if values}, **changes}


def sections_shown(volume: Proceedings) -> list[tuple[int, str]]:
    return [
        (s.position, s.title) for s in Section.objects.filter(proceedings=volume).order_by("position", "id")
    ]


def posted(client, volume: Proceedings, data: dict) -> None:
    response = client.post(reverse("admin:proceedings_proceedings_change", args=[volume.pk]), data)
    errors = response.context and [response.context["errors"]]
    assert response.status_code == 302, errors


def test_editor_renames_and_reorders_the_sections_of_a_volume(editor_client):
    volume = imported(sectioned_text())
    data = volume_form(editor_client, volume)
    assert [data["sections-0-title"], data["sections-1-title"]] == [[LAW], [HISTORY]]

    posted(
        editor_client,
        volume,
        data
        | {"sections-0-title": "Право", "sections-0-title_kk": "Құқық", "sections-0-position": "2"}
        | {"sections-1-position": "1"},
    )

    assert sections_shown(volume) == [(1, HISTORY), (2, "Право")]
    assert Section.objects.get(title="Право").localized_name("kk") == "Құқық"
    assert article_sections(volume)[1:] == [(TITLES[1], "Право"), (TITLES[2], "Право"), (TITLES[3], HISTORY)]


def test_deleting_a_section_keeps_its_articles_in_the_volume(editor_client):
    volume = imported(sectioned_text())
    articles_before = list(volume.articles.order_by("position").values_list("title", flat=True))

    posted(editor_client, volume, volume_form(editor_client, volume, **{"sections-0-DELETE": "on"}))

    assert sections_shown(volume) == [(2, HISTORY)]
    assert list(volume.articles.order_by("position").values_list("title", flat=True)) == articles_before
    assert article_sections(volume) == [
        (TITLES[0], None),
        (TITLES[1], None),
        (TITLES[2], None),
        (TITLES[3], HISTORY),
    ]


def test_editor_adds_a_section_and_puts_an_article_in_it(editor_client):
    volume = imported(sectioned_text())
    data = volume_form(editor_client, volume)
    data |= {
        "sections-TOTAL_FORMS": "3",
        "sections-2-position": "0",
        "sections-2-title": "Пленарное заседание",
        "sections-2-proceedings": str(volume.pk),
    }
    posted(editor_client, volume, data)
    plenary = Section.objects.get(title="Пленарное заседание")
    first = volume.articles.get(position=1)

    response = editor_client.post(
        reverse("admin:articles_article_change", args=[first.pk]),
        article_change_data(editor_client, first, section=plenary.pk),
    )

    assert response.status_code == 302
    assert (plenary.proceedings, plenary.source_line, plenary.printed_title) == (volume, None, "")
    assert Article.objects.get(pk=first.pk).section == plenary


def test_an_articles_form_offers_its_own_volumes_sections_only(editor_client):
    volume = imported(sectioned_text())
    elsewhere = Section.objects.create(proceedings=ProceedingsFactory(), position=1, title="Чужая секция")
    article = volume.articles.get(position=1)

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_change_data(editor_client, article, section=elsewhere.pk),
    )

    offered = list(page.context["adminform"].form.fields["section"].queryset.values_list("title", flat=True))
    assert offered == [LAW, HISTORY]
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["section"]
    assert Article.objects.get(pk=article.pk).section is None


def test_the_review_groups_the_articles_under_their_sections(editor_client):
    volume = imported(sectioned_text())
    url = reverse("admin:proceedings_proceedings_review", args=[volume.pk])

    html = editor_client.get(url).content.decode()
    rows = editor_client.get(url, {"format": "json"}).json()["articles"]

    ids = {article.pk: article.title for article in volume.articles.all()}
    lines = [
        f"## {heading}" if heading else ids[int(article)]
        for heading, article in re.findall(
            r'<tr class="review-section"><th colspan="6">Section: <span lang="ru">([^<]*)</span>'
            r'|<tr id="article-(\d+)"',
            html,
        )
    ]
    assert lines == [TITLES[0], f"## {LAW}", TITLES[1], TITLES[2], f"## {HISTORY}", TITLES[3]]
    assert [row["section"] for row in rows] == [None, LAW, LAW, HISTORY]
