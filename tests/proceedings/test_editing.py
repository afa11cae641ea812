"""Editors' fixes of the split: merge, split, move the header's end. Nothing of the source is lost.

The invariant: the importer gives each article a range of the source's non-empty lines (lines
before the first article, front matter and repeats left out belong to none). Whatever editors
merge, split or move, the articles in position order cover exactly the same lines, each once,
and each article's body is the text of its body lines.
"""

import pytest
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse

from articles.models import Article
from articles.search.selectors import article_search
from authors.models import Person
from proceedings.editorial.editing import (
    ArticleEditError,
    article_body_start_set,
    article_source_lines,
    article_split,
    articles_merge,
    volume_source,
)
from proceedings.editorial.repeats import article_repeat_confirm
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.importer.structure import stored_structure
from proceedings.models import Proceedings
from proceedings.services import proceedings_import
from tests.builders import build_pdf
from tests.proceedings.editing_texts import (
    KK_A,
    KK_B,
    KK_C,
    KK_HEADER,
    RU_C,
    RU_HEADER,
    VOLUME,
    VOLUME_WITH_REPEAT,
    dumped,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


KK_TITLE = "ЖАСАНДЫ ИНТЕЛЛЕКТ АРҚЫЛЫ ФЕЙК ЖАҢАЛЫҚТАРДЫ АНЫҚТАУ: МҮМКІНДІКТЕР МЕН ШЕКТЕУЛЕР"
RU_TITLE = "РЕГИОНАЛЬНОЕ ТЕЛЕВИДЕНИЕ В ЭПОХУ ПЛАТФОРМ"


def imported(blocks: list[list[str]], slug: str = "editing-test") -> Proceedings:
    outcome = proceedings_import(
        data=dumped(blocks),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": slug, "year": 2025, "title_kk": "Сынақ жинағы"}),
        publish=True,
    )
    return outcome.proceedings


@pytest.fixture
def volume() -> Proceedings:
    return imported(VOLUME)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="x", is_staff=True)


def articles(volume: Proceedings) -> list[Article]:
    return list(volume.articles.order_by("position"))


def covered(volume: Proceedings) -> list[int]:
    """The source lines of the volume's articles in position order, checking each body on the way."""
    source = volume_source(proceedings=volume)
    lines = []
    for article in articles(volume):
        own = source.between(article.source_start_line, article.source_end_line)
        assert article.body == source.body_text([line for line in own if line.raw >= article.body_start_line])
        lines += [line.raw for line in own]
    return lines


def ranges(volume: Proceedings) -> list[tuple[int, int, int, int]]:
    return [(a.position, a.source_start_line, a.body_start_line, a.source_end_line) for a in articles(volume)]


def author_names(article: Article) -> list[str]:
    return [a.person.display_name for a in article.authorships.order_by("role", "order")]


def history(obj) -> list[tuple[int, str]]:
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("pk")
    return [(entry.action_flag, entry.user.username) for entry in entries]


def eskali() -> Person:
    return Person.objects.get(display_name="Есқали Т.")


def test_import_ranges_cover_every_line_once(volume):
    lines = covered(volume)

    assert ranges(volume) == [(1, 1, 1, 15), (2, 17, 29, 45), (3, 47, 47, 61), (4, 63, 71, 85)]
    assert lines == list(range(1, 86, 2))


def test_split_then_merge_restores_the_original_body(volume, editor):
    before, lines = articles(volume), covered(volume)
    first = before[0]

    top, bottom = article_split(article=first, at_line=9, user=editor)

    assert ranges(volume) == [(1, 1, 1, 7), (2, 9, 9, 15), (3, 17, 29, 45), (4, 47, 47, 61), (5, 63, 71, 85)]
    assert (top.pk, top.slug) == (first.pk, first.slug)
    assert bottom.body.startswith(KK_B[0])
    assert covered(volume) == lines

    merged = articles_merge(first=top, second=bottom, user=editor)

    assert (merged.body, merged.content_hash) == (first.body, first.content_hash)
    assert ranges(volume) == [(1, 1, 1, 15), (2, 17, 29, 45), (3, 47, 47, 61), (4, 63, 71, 85)]
    assert Article.objects.filter(pk=bottom.pk).exists() is False
    assert covered(volume) == lines


def test_every_article_an_edit_writes_keeps_the_structure_of_its_new_body(volume, editor):
    """Stored for the body it was found in, so the page shows it without reading the text again."""
    first, second, *_ = articles(volume)

    def structure_kept(article: Article) -> bool:
        return stored_structure(Article.objects.get(pk=article.pk).body_structure, article.body) is not None

    top, bottom = article_split(article=first, at_line=9, user=editor)
    assert structure_kept(top)
    assert structure_kept(bottom)
    assert structure_kept(article_body_start_set(article=second, body_start_line=17, user=editor))
    assert structure_kept(articles_merge(first=top, second=bottom, user=editor))


def test_merge_keeps_the_first_articles_metadata_and_turns_the_second_header_into_body(volume, editor):
    _, _, third, fourth = articles(volume)
    lines = covered(volume)

    merged = articles_merge(first=third, second=fourth, user=editor)

    assert (merged.title, merged.language, author_names(merged)) == (None, "ru", [])
    assert f"{RU_HEADER[0]}\n\n" in merged.body
    assert merged.body.endswith("кампаний.")
    assert ranges(volume) == [(1, 1, 1, 15), (2, 17, 29, 45), (3, 47, 47, 85)]
    assert covered(volume) == lines


def test_merged_articles_address_leads_to_the_article_it_joined(volume, editor, client):
    _, second, third, fourth = articles(volume)
    volume.status = "published"
    volume.save()

    merged = articles_merge(first=third, second=fourth, user=editor)
    merged = articles_merge(first=second, second=merged, user=editor)  # its old addresses follow

    for gone in (third, fourth):
        response = client.get(reverse("article_detail", args=[gone.slug]))
        assert (response.status_code, response["Location"]) == (
            301,
            reverse("article_detail", args=[merged.slug]),
        )


def test_split_reads_the_header_of_the_second_part(volume, editor):
    _, second, third, fourth = articles(volume)
    merged = articles_merge(first=third, second=fourth, user=editor)
    assert eskali().articles_as_author == 1

    _, new = article_split(article=merged, at_line=63, user=editor)

    assert (new.title, new.position, new.language) == (RU_TITLE, 4, "ru")
    assert author_names(new) == ["Есқали Т."]
    assert new.keywords() == {"ru": ["телевидение", "платформы", "аудитория"]}
    assert (new.source_start_line, new.body_start_line, new.source_end_line) == (63, 71, 85)
    assert new.body == fourth.body
    assert eskali().articles_as_author == 2
    assert author_names(Article.objects.get(pk=second.pk)) == ["Есқали Т."]


def test_split_article_is_found_by_search(volume, editor):
    *_, third, fourth = articles(volume)
    merged = articles_merge(first=third, second=fourth, user=editor)
    assert [a.pk for a in article_search(query="телеканалы").articles] == [merged.pk]

    _, new = article_split(article=merged, at_line=63, user=editor)

    assert [a.pk for a in article_search(query="телеканалы").articles] == [new.pk]
    assert [a.pk for a in article_search(query="Есқали").articles if a.pk == new.pk] == [new.pk]


def test_moving_the_header_end_turns_title_and_author_into_body_and_back(volume, editor):
    _, second, _, fourth = articles(volume)
    lines = covered(volume)

    bare = article_body_start_set(article=second, body_start_line=17, user=editor)

    assert (bare.title, bare.title_display, author_names(bare), bare.keywords(), bare.abstracts()) == (
        None,
        "",
        [],
        {},
        {},
    )
    assert bare.body.startswith(KK_HEADER[0])
    assert eskali().articles_as_author == 1
    assert author_names(Article.objects.get(pk=fourth.pk)) == ["Есқали Т."]

    titled = article_body_start_set(article=bare, body_start_line=21, user=editor)

    assert (titled.title, author_names(titled)) == (KK_TITLE, [])
    assert titled.body.startswith("Есқали Т.")

    restored = article_body_start_set(article=titled, body_start_line=29, user=editor)

    assert (restored.title, restored.body, restored.content_hash) == (
        KK_TITLE,
        second.body,
        second.content_hash,
    )
    assert author_names(restored) == ["Есқали Т."]
    assert restored.keywords() == {"kk": ["жасанды интеллект", "фейк", "медиа"]}
    # The title in capitals shown as the import showed it: sentence-cased against the same body.
    assert restored.title_display == second.title_display
    assert eskali().articles_as_author == 2
    assert covered(volume) == lines


def test_a_body_line_the_parser_cannot_place_is_the_editors_title(volume, editor):
    first = articles(volume)[0]

    titled = article_body_start_set(article=first, body_start_line=3, user=editor)

    assert (titled.title, titled.body.startswith(KK_A[1]), titled.import_warnings) == (KK_A[0], True, [])
    bare = article_body_start_set(article=titled, body_start_line=1, user=editor)
    assert (bare.title, bare.import_warnings) == (None, ["no header found"])


def test_a_line_after_the_header_that_reads_as_nothing_stays_in_the_body(volume, editor):
    second = articles(volume)[1]

    with pytest.raises(ArticleEditError, match="Line 29"):
        article_body_start_set(article=second, body_start_line=31, user=editor)

    assert Article.objects.get(pk=second.pk).body_start_line == 29


def test_source_lines_mark_the_header(volume):
    second = articles(volume)[1]

    lines = article_source_lines(article=second)

    assert [(line.number, line.header) for line in lines[:8]] == [
        (17, True),
        (19, True),
        (21, True),
        (23, True),
        (25, True),
        (27, True),
        (29, False),
        (31, False),
    ]
    assert lines[0].text == KK_HEADER[0]
    assert lines[-1].number == 45


def test_every_edit_is_in_the_admin_history_with_its_editor(volume, editor):
    first, second, third, fourth = articles(volume)

    top, bottom = article_split(article=first, at_line=9, user=editor)
    articles_merge(first=third, second=fourth, user=editor)
    article_body_start_set(article=second, body_start_line=17, user=editor)

    assert history(top) == [(CHANGE, "editor")]
    assert history(bottom) == [(ADDITION, "editor")]
    assert history(third) == [(CHANGE, "editor")]
    assert history(fourth) == [(DELETION, "editor")]
    assert history(second) == [(CHANGE, "editor")]
    assert "line 9" in LogEntry.objects.get(object_id=str(top.pk)).get_change_message()


def test_merge_refuses_articles_that_are_not_neighbours(volume, editor):
    first, second, third, _ = articles(volume)

    with pytest.raises(ArticleEditError, match="does not directly follow"):
        articles_merge(first=first, second=third, user=editor)
    with pytest.raises(ArticleEditError, match="does not directly follow"):
        articles_merge(first=second, second=first, user=editor)
    with pytest.raises(ArticleEditError, match="itself"):
        articles_merge(first=first, second=first, user=editor)

    assert ranges(volume) == [(1, 1, 1, 15), (2, 17, 29, 45), (3, 47, 47, 61), (4, 63, 71, 85)]


def test_merge_refuses_articles_of_two_volumes(volume, editor):
    other = imported([RU_HEADER, RU_C], slug="other-volume")

    with pytest.raises(ArticleEditError, match="same volume"):
        articles_merge(first=articles(volume)[-1], second=articles(other)[0], user=editor)


def test_merge_refuses_to_swallow_a_removed_repeat(editor):
    volume = imported(VOLUME_WITH_REPEAT)
    article_repeat_confirm(article=articles(volume)[2], user=editor)
    lines = covered(volume)
    _, second, third = articles(volume)

    with pytest.raises(ArticleEditError, match="Lines 33–47"):
        articles_merge(first=second, second=third, user=editor)

    assert lines == [*range(1, 32, 2), *range(49, 72, 2)]
    assert covered(volume) == lines


@pytest.mark.parametrize("at_line", [1, 16, 17, 100])
def test_split_refuses_a_line_outside_the_article(volume, editor, at_line):
    first = articles(volume)[0]

    with pytest.raises(ArticleEditError, match=f"Line {at_line} is not inside"):
        article_split(article=first, at_line=at_line, user=editor)

    assert Article.objects.get(pk=first.pk).source_end_line == 15


def test_split_at_a_blank_line_cuts_before_the_next_text_line(volume, editor):
    first = articles(volume)[0]

    top, bottom = article_split(article=first, at_line=8, user=editor)

    assert (top.source_end_line, bottom.source_start_line) == (7, 9)


def test_body_start_outside_the_article_is_refused(volume, editor):
    second = articles(volume)[1]

    with pytest.raises(ArticleEditError, match="between lines 17 and 46"):
        article_body_start_set(article=second, body_start_line=47, user=editor)


def test_every_edit_needs_the_stored_source(volume, editor):
    first, second, *_ = articles(volume)
    volume.source_file.storage.delete(volume.source_file.name)

    for edit in (
        lambda: article_split(article=first, at_line=9, user=editor),
        lambda: articles_merge(first=first, second=second, user=editor),
        lambda: article_body_start_set(article=second, body_start_line=17, user=editor),
        lambda: article_source_lines(article=first),
    ):
        with pytest.raises(ArticleEditError, match="source file of this volume is not stored"):
            edit()
    assert ranges(volume) == [(1, 1, 1, 15), (2, 17, 29, 45), (3, 47, 47, 61), (4, 63, 71, 85)]


def test_a_source_that_is_not_the_articles_own_is_refused(volume, editor):
    first = articles(volume)[0]
    storage, name = volume.source_file.storage, volume.source_file.name
    storage.delete(name)
    storage.save(name, ContentFile(dumped([KK_B, KK_A, KK_HEADER])))

    with pytest.raises(ArticleEditError, match="does not match"):
        article_split(article=first, at_line=9, user=editor)


def test_split_and_merge_of_a_pdf_article_follow_its_pages(editor):
    outcome = proceedings_import(
        data=build_pdf([KK_A + KK_B[:2], KK_B[2:] + KK_C], footer_numbers_from=7),
        filename="volume.pdf",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "pdf-volume", "year": 2025, "title_kk": "PDF жинағы"}),
        publish=True,
    )
    (article,) = articles(outcome.proceedings)
    lines = article_source_lines(article=article)
    second_page = next(line.number for line in lines if line.page == 2)
    assert (article.first_page, article.last_page) == (7, 8)  # as printed

    top, bottom = article_split(article=article, at_line=second_page, user=editor)

    assert [(top.first_page, top.last_page), (bottom.first_page, bottom.last_page)] == [(7, 7), (8, 8)]
    merged = articles_merge(first=top, second=bottom, user=editor)
    assert (merged.first_page, merged.last_page, merged.body) == (7, 8, article.body)
