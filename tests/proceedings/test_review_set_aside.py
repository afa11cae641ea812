"""The review of an imported volume shows what the import set aside, read again from the stored
source, and per article the parallel titles, the abstracts per language and, in editors' words,
where the evidence for a start or for the parallel names was weak."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from proceedings.editorial.review import importer_warning, set_aside_groups
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.report import plan_to_json
from proceedings.importer.types import SetAside
from proceedings.services import proceedings_import
from tests.proceedings.furniture_volumes import volume_pdf
from tests.proceedings.importer.test_classified_volume import FIRST

pytestmark = pytest.mark.django_db


def imported(data: bytes, filename: str, slug: str):
    return proceedings_import(
        data=data,
        filename=filename,
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": slug, "year": 2024, "title_ru": "Сборник"}),
    ).proceedings


def review_url(volume) -> str:
    return reverse("admin:proceedings_proceedings_review", args=[volume.pk])


def test_review_lists_the_set_aside_lines_by_kind_with_line_and_page(editor_client):
    volume = imported(volume_pdf(), "volume.pdf", "furniture-pdf")

    response = editor_client.get(review_url(volume))

    groups = [(group.kind, group.label, len(group.lines)) for group in response.context["set_aside_groups"]]
    assert groups == [
        ("running header", "Running headers and footers", 7),
        ("page number", "Page numbers", 8),
        ("cover", "Cover", 5),
        ("imprint", "Imprint", 6),
        ("contents", "Contents", 6),
        ("section heading", "Section headings", 2),
    ]
    html = response.content.decode()
    assert "Set aside (not part of any article)" in html
    row = '<td class="line-number">12</td><td class="line-page">3</td><td class="line-text">СОДЕРЖАНИЕ</td>'
    assert f"<tr>{row}</tr>" in html


def test_review_twin_gives_the_set_aside_lines_as_the_dry_run_does(editor_client):
    volume = imported(volume_pdf(), "volume.pdf", "furniture-pdf")

    data = editor_client.get(review_url(volume), {"format": "json"}).json()

    assert (
        data["set_aside"] == plan_to_json(parse_proceedings(volume_pdf(), filename="volume.pdf"))["set_aside"]
    )


def test_review_says_so_when_the_source_to_read_the_set_aside_lines_from_is_gone(editor_client):
    volume = imported(volume_pdf(), "volume.pdf", "furniture-pdf")
    volume.source_file.storage.delete(volume.source_file.name)

    response = editor_client.get(review_url(volume))

    assert response.context["set_aside_groups"] == []
    assert response.context["set_aside_error"] == (
        "The source file of this volume is not stored, so its articles cannot be re-cut from it."
    )


def test_a_volume_with_nothing_set_aside_says_so(editor_client):
    volume = imported("\n".join(FIRST).encode(), "volume.txt", "classified")

    html = editor_client.get(review_url(volume)).content.decode()

    assert "Nothing: every line of the file is in an article." in html


def test_article_review_shows_parallel_titles_and_abstracts_in_their_languages(editor_client):
    volume = imported("\n".join(FIRST).encode(), "volume.txt", "classified")
    article = Article.objects.get(proceedings=volume)
    url = reverse("admin:proceedings_proceedings_review_article", args=[volume.pk, article.pk])

    html = editor_client.get(url).content.decode()

    assert '<span class="review-parallel-title" lang="en">DIGITAL ECONOMY AND THE MASS MEDIA</span>' in html
    assert (
        '<p lang="en">The article examines how the digital economy changes media business models.</p>' in html
    )
    assert f'<p lang="ru">{article.abstract_ru}</p>' in html


def test_review_row_twin_gives_parallel_titles_and_abstracts(editor_client):
    volume = imported("\n".join(FIRST).encode(), "volume.txt", "classified")

    (row,) = editor_client.get(review_url(volume), {"format": "json"}).json()["articles"]

    assert row["parallel_titles"] == {"en": "DIGITAL ECONOMY AND THE MASS MEDIA"}
    assert sorted(row["abstracts"]) == ["en", "ru"]


def test_parallel_names_not_matched_are_told_in_editors_words(editor_client):
    lines = [line for line in FIRST if not line.startswith("Scientific adviser")]
    volume = imported("\n".join(lines).encode(), "volume.txt", "classified")

    (row,) = editor_client.get(review_url(volume), {"format": "json"}).json()["articles"]

    assert row["warnings"] == [
        {
            "kind": "parallel-names",
            "message": "The names printed again in another language do not line up with the authors and "
            "supervisors, so they were not added to anyone's spellings: Ivanov Ivan Ivanovich",
        }
    ]


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize(
    "text",
    [
        "boundary decided by the layout alone",
        "boundary decided by a language change kk→ru",
        "parallel names not matched: Ivanov I. I.",
    ],
)
def test_weak_evidence_warnings_are_in_the_editors_language(language, text):
    with translation.override("en"):
        english = importer_warning(text)
    with translation.override(language):
        translated = importer_warning(text)

    assert translated.kind == english.kind != "importer"
    assert translated.message != english.message


def test_set_aside_groups_follow_the_kinds_order_and_keep_an_unknown_kind_last():
    lines = [
        SetAside(line=9, text="Указатель авторов", kind="back matter", page=40),
        SetAside(line=1, text="Вестник", kind="running header", page=2),
        SetAside(line=5, text="?", kind="something new", page=None),
        SetAside(line=3, text="Вестник", kind="running header", page=3),
    ]

    with translation.override("en"):
        groups = set_aside_groups(lines)

    assert [(group.kind, group.label, [line.line for line in group.lines]) for group in groups] == [
        ("running header", "Running headers and footers", [1, 3]),
        ("back matter", "Back matter (index of authors, colophon)", [9]),
        ("something new", "something new", [5]),
    ]
