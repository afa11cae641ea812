"""Front matter and repeats left out: kept out of the articles, never lost, and made articles again.

The volume of editing_texts.VOLUME: lines 1–15 (no header, Kazakh), 17–45 (titled, by Есқали Т.;
text from line 29), 47–61 (no header, Russian), 63–85 (titled, by Есқали Т.; text from line 71).
"""

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Topic, VolumeCounts
from articles.search.selectors import article_search
from authors.models import Person
from proceedings.editorial.editing import (
    ArticleEditError,
    article_body_start_set,
    article_split,
    articles_merge,
    volume_source,
)
from proceedings.editorial.non_articles import article_not_an_article, non_article_restore
from proceedings.editorial.repeats import article_repeat_confirm
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import NonArticlePart, OaiRecord, Proceedings
from proceedings.services import ImportOutcome, proceedings_import, proceedings_import_bundled
from tests.articles.helpers import stored_counts_refresh
from tests.proceedings.editing_texts import (
    KK_A,
    KK_C,
    KK_D,
    KK_HEADER,
    RU_C,
    RU_D,
    RU_HEADER,
    VOLUME,
    VOLUME_WITH_NEAR_COPY,
    VOLUME_WITH_REPEAT,
    dumped,
)
from tests.proceedings.section_volumes import sectioned_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

# Articles 1 and 3 are the same title, author and short text (35 words): too short for the
# importer to compare by shingles, and word for word the same, so the import keeps one.
VOLUME_WITH_SHORT_REPEAT = [RU_HEADER, KK_A, KK_HEADER, KK_C, KK_D, RU_HEADER, KK_A]


# One-page abstracts: title, name, abstract, keywords and no text, as a symposium prints them.
ABSTRACT_1 = [
    "ЦИФРОВАЯ ГРАМОТНОСТЬ ШКОЛЬНИКОВ СЕЛА",
    "Иванова А. Б.,",
    "магистрант 1 курса",
    "Аннотация: В статье рассматривается цифровая грамотность сельских школьников и способы её развития.",
    "Ключевые слова: грамотность, школа, село.",
]
ABSTRACT_2 = [
    "ПОДКАСТЫ В РЕГИОНАЛЬНЫХ РЕДАКЦИЯХ",
    "Петров В. Г.,",
    "магистрант 2 курса",
    "Аннотация: В статье описан опыт региональных редакций, запустивших собственные подкасты.",
    "Ключевые слова: подкаст, редакция, регион.",
]
VOLUME_OF_ABSTRACTS = [ABSTRACT_1, ABSTRACT_2, RU_HEADER, RU_C, RU_D]


def imported(blocks: list[list[str]], *, publish: bool = True) -> ImportOutcome:
    return proceedings_import(
        data=dumped(blocks),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "front-matter", "year": 2025, "title_kk": "Жинақ"}),
        publish=publish,
    )


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="x", is_staff=True)


def owners(volume: Proceedings) -> dict[int, str]:
    """Who holds each non-empty line of the stored source: an article or a part kept out of the
    articles, each line exactly once; the importer's page furniture holds the rest. A line held
    twice, or by nothing, fails the test."""
    source = volume_source(proceedings=volume)
    held: dict[int, str] = {}
    holders = [(a.source_start_line, a.source_end_line, "article") for a in volume.articles.all()]
    holders += [(p.source_start_line, p.source_end_line, p.kind) for p in volume.non_article_parts.all()]
    for start, end, holder in holders:
        for line in source.between(start, end):
            assert line.raw not in held, f"line {line.raw} is in {held[line.raw]} and in {holder}"
            held[line.raw] = f"{holder} from line {start}"
    furniture = {line.line for line in source.set_aside}
    assert [line.raw for line in source.lines if line.raw not in held and line.raw not in furniture] == []
    return held


def shape(article: Article) -> tuple:
    """What makes an article the same one: lines, title, people, fields from its header, text."""
    people = [
        (a.role, a.order, a.person_id, a.printed_text) for a in article.authorships.order_by("role", "order")
    ]
    return (
        article.position,
        article.source_start_line,
        article.body_start_line,
        article.source_end_line,
        article.title,
        article.title_display,
        people,
        article.keywords(),
        article.abstracts(),
        article.language,
        article.body,
        article.content_hash,
        article.slug,
        sorted(article.topics.values_list("slug", flat=True)),
    )


def stored_counts() -> tuple:
    return (
        sorted(VolumeCounts.objects.values_list("proceedings", "articles_kk", "articles_ru", "articles_en")),
        sorted(Topic.objects.values_list("slug", "published_articles")),
        sorted(Person.objects.values_list("pk", "articles_as_author", "articles_as_supervisor")),
    )


def assert_stored_counts_right() -> None:
    kept = stored_counts()
    stored_counts_refresh()  # what a full recount finds
    assert kept == stored_counts()


def test_not_an_article_then_restore_gives_back_the_same_article(editor, client):
    volume = imported(VOLUME).proceedings
    second = volume.articles.get(position=2)
    before, held = shape(second), owners(volume)

    part = article_not_an_article(article=second, user=editor)

    assert not Article.objects.filter(pk=second.pk).exists()
    assert list(volume.articles.order_by("position").values_list("position", "source_start_line")) == [
        (1, 1),
        (2, 47),
        (3, 63),
    ]
    assert (part.kind, part.source_start_line, part.body_start_line, part.source_end_line) == (
        "front_matter",
        17,
        29,
        45,
    )
    assert part.title == second.title
    assert part.first_words.startswith(" ".join(KK_HEADER[-1:] + KK_C[0].split()[:3]))
    assert owners(volume) == {**held, **dict.fromkeys(range(17, 46, 2), "front_matter from line 17")}
    assert_stored_counts_right()
    # Readers no longer find it: no page, not in the volume's contents.
    assert client.get(reverse("article_detail", args=[second.slug])).status_code == 404
    contents = client.get(reverse("volume_detail", args=[volume.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert second.display_title not in contents.content.decode()
    assert OaiRecord.objects.get(article_id=second.pk).deleted is True
    assert list(article_search(query="алгоритмдік").articles) == []  # a word of its text only

    article = non_article_restore(part=part, user=editor)

    assert shape(article) == before
    assert owners(volume) == held
    assert not NonArticlePart.objects.exists()
    assert_stored_counts_right()
    assert client.get(reverse("article_detail", args=[article.slug])).status_code == 200
    assert [found.pk for found in article_search(query="алгоритмдік").articles] == [article.pk]


def test_the_history_tells_both_moves(editor):
    volume = imported(VOLUME).proceedings
    first = volume.articles.get(position=1)

    part = article_not_an_article(article=first, user=editor)
    article = non_article_restore(part=part, user=editor)

    entries = [
        (entry.content_type.model, entry.action_flag, entry.change_message)
        for entry in LogEntry.objects.order_by("pk")
    ]
    assert entries == [
        ("article", DELETION, "Not an article: its lines 1–15 are now the volume’s front matter."),
        ("proceedings", CHANGE, f"Lines 1–15 (“{first}”) moved from the articles to the front matter."),
        ("article", ADDITION, "Made an article again from the front matter at lines 1–15."),
        ("proceedings", CHANGE, f"Lines 1–15 are the article “{article}” again."),
    ]


def test_restore_keeps_the_header_border_an_editor_drew(editor):
    volume = imported(VOLUME).proceedings
    second = article_body_start_set(article=volume.articles.get(position=2), body_start_line=21, user=editor)
    assert (second.title, second.body_start_line) is not None
    before = shape(second)

    article = non_article_restore(part=article_not_an_article(article=second, user=editor), user=editor)

    assert shape(article) == before


def test_an_article_that_keeps_its_former_addresses_gets_them_back(editor, client):
    volume = imported(VOLUME).proceedings
    first = volume.articles.get(position=1)
    Article.objects.filter(pk=first.pk).update(former_slugs=["an-older-address"])

    article = non_article_restore(
        part=article_not_an_article(article=Article.objects.get(pk=first.pk), user=editor), user=editor
    )

    assert (article.slug, article.former_slugs) == (first.slug, ["an-older-address"])
    response = client.get(reverse("article_detail", args=["an-older-address"]))
    assert response["Location"] == reverse("article_detail", args=[first.slug])


def test_a_part_whose_lines_an_article_took_meanwhile_is_not_restored(editor):
    volume = imported(VOLUME).proceedings
    part = article_not_an_article(article=volume.articles.get(position=2), user=editor)
    NonArticlePart.objects.filter(pk=part.pk).update(source_end_line=49)  # as if it reached into 47–61

    with pytest.raises(ArticleEditError, match="Lines 17–49 are partly in"):
        non_article_restore(part=part, user=editor)

    assert volume.articles.count() == 3


def test_the_import_lists_a_short_word_for_word_repeat_it_leaves_out():
    outcome = imported(VOLUME_WITH_SHORT_REPEAT)
    volume = outcome.proceedings
    first = volume.articles.get(position=1)

    left_out = volume.non_article_parts.get()

    assert (outcome.created, outcome.already_present, outcome.duplicates_skipped) == (2, 0, 1)
    assert (left_out.kind, left_out.source_start_line, left_out.source_end_line) == ("repeat", 47, 61)
    assert (left_out.repeat_of, left_out.repeat_reason) == (first, "same_text")
    assert (left_out.title, left_out.first_words) == (first.title, " ".join(KK_A[0].split()[:12]) + "…")
    owners(volume)


def test_a_repeat_left_out_by_the_import_is_restored_at_its_place_as_a_suspected_repeat(editor):
    volume = imported(VOLUME_WITH_SHORT_REPEAT).proceedings

    article = non_article_restore(part=volume.non_article_parts.get(), user=editor)

    # Word for word the first article's text: back, and marked as its repeat for the editor.
    assert (article.position, article.source_start_line, article.repeat_of.position) == (3, 47, 1)
    assert article.title == volume.articles.get(position=1).title
    assert not volume.non_article_parts.exists()
    owners(volume)
    assert_stored_counts_right()


def test_a_removed_repeat_is_listed_and_restored_in_its_place_with_its_address(editor, client):
    volume = imported(VOLUME_WITH_NEAR_COPY).proceedings
    original, copy = volume.articles.get(position=1), volume.articles.get(position=3)
    before = shape(copy)

    article_repeat_confirm(article=copy, user=editor)
    part = volume.non_article_parts.get()
    owners(volume)
    assert copy.slug in Article.objects.get(pk=original.pk).former_slugs

    article = non_article_restore(part=part, user=editor)

    # Not word for word its original's text: an article of its own again.
    assert shape(article) == before
    assert article.repeat_of is None
    assert copy.slug not in Article.objects.get(pk=original.pk).former_slugs
    assert client.get(reverse("article_detail", args=[copy.slug])).status_code == 200
    owners(volume)
    assert_stored_counts_right()


def test_a_word_for_word_repeat_restored_comes_back_marked_as_one(editor):
    volume = imported(VOLUME_WITH_REPEAT).proceedings
    copy = volume.articles.get(position=3)
    article_repeat_confirm(article=copy, user=editor)

    article = non_article_restore(part=volume.non_article_parts.get(), user=editor)

    assert (article.position, article.source_start_line, article.repeat_of.position) == (3, 33, 1)


def test_a_repeats_pointer_follows_its_original_into_a_merge(editor):
    volume = imported(
        [KK_HEADER, KK_C, KK_D, *VOLUME_WITH_SHORT_REPEAT[-2:], *VOLUME_WITH_SHORT_REPEAT[-2:]]
    ).proceedings
    first, original = volume.articles.order_by("position")
    assert volume.non_article_parts.get().repeat_of == original

    articles_merge(first=first, second=original, user=editor)

    assert volume.non_article_parts.get().repeat_of == first
    owners(volume)


def test_not_an_article_on_a_draft_volume_keeps_counts_and_lines(editor):
    volume = imported(VOLUME, publish=False).proceedings
    held = owners(volume)

    part = article_not_an_article(article=volume.articles.get(position=4), user=editor)

    assert owners(volume) == {**held, **dict.fromkeys(range(63, 86, 2), "front_matter from line 63")}
    assert VolumeCounts.objects.get(proceedings=volume).articles_ru == 1
    assert_stored_counts_right()
    non_article_restore(part=part, user=editor)
    assert VolumeCounts.objects.get(proceedings=volume).articles_ru == 2


def test_a_restored_article_is_back_in_its_section(editor):
    volume = proceedings_import(
        data=sectioned_text(),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "sectioned", "year": 2025, "title_ru": "Секции"}),
    ).proceedings
    sections = list(volume.articles.order_by("position").values_list("section__title", flat=True))
    parts = [
        article_not_an_article(article=volume.articles.get(position=position), user=editor)
        for position in (4, 2)
    ]

    for part in parts:
        non_article_restore(part=part, user=editor)

    assert list(volume.articles.order_by("position").values_list("section__title", flat=True)) == sections
    assert sections == [
        None,
        "Юридические науки",
        "Юридические науки",
        "Номинация «История науки и технологий»",
    ]


def test_articles_without_text_are_no_repeats_of_each_other(editor):
    outcome = imported(VOLUME_OF_ABSTRACTS)
    volume = outcome.proceedings

    titles = list(volume.articles.order_by("position").values_list("title", "body"))
    again = proceedings_import(
        data=dumped(VOLUME_OF_ABSTRACTS) + b"\n",  # another file, the same articles
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        volume=volume,
    )

    assert (outcome.created, outcome.duplicates_skipped) == (3, 0)
    assert titles == [(ABSTRACT_1[0], ""), (ABSTRACT_2[0], ""), (RU_HEADER[0], titles[2][1])]
    assert (again.created, again.already_present, again.duplicates_skipped) == (0, 3, 0)
    owners(volume)
    # Made front matter and an article again, it is no repeat of the other abstract either.
    second = volume.articles.get(position=2)
    article = non_article_restore(part=article_not_an_article(article=second, user=editor), user=editor)
    assert (article.title, article.repeat_of) == (ABSTRACT_2[0], None)
    # An editor may leave a third article without text: its header cut off from its text.
    third = volume.articles.get(position=3)
    header, text = article_split(article=third, at_line=third.body_start_line, user=editor)
    assert (header.title, header.body, text.title) == (RU_HEADER[0], "", None)
    owners(volume)


def test_articles_on_either_side_of_front_matter_are_not_merged_across_it(editor):
    volume = imported(VOLUME).proceedings
    article_not_an_article(article=volume.articles.get(position=2), user=editor)
    first, second = volume.articles.order_by("position")[:2]

    with pytest.raises(ArticleEditError) as refused:
        articles_merge(first=first, second=second, user=editor)

    assert str(refused.value) == (
        "Lines 17–45 lie between these articles and belong to neither (front matter or a repeat left "
        "out, listed on the review page); they cannot be merged."
    )


def test_the_command_says_how_many_repeats_it_left_out_and_where_they_are(tmp_path):
    source = tmp_path / "volume.txt"
    source.write_bytes(dumped(VOLUME_WITH_SHORT_REPEAT))
    out = StringIO()

    call_command("import_proceedings", str(source), "--title-en", "Short", "--year", "2025", stdout=out)

    assert (
        out.getvalue()
        .splitlines()[0]
        .endswith(
            "2 articles stored, 0 already there; suspected repeats kept: 0; word-for-word repeats left out, "
            "listed in the review: 1"
        )
    )


def test_the_bundled_volume_loses_no_line_to_front_matter_or_a_removed_repeat(editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (outcome,) = proceedings_import_bundled()
    volume = outcome.proceedings
    held = owners(volume)
    before = [shape(article) for article in volume.articles.order_by("position")]
    copy = volume.articles.get(repeat_of__isnull=False)

    article_repeat_confirm(article=copy, user=editor)
    front = article_not_an_article(article=volume.articles.get(position=1), user=editor)
    assert len(owners(volume)) == len(held)
    for part in [front, volume.non_article_parts.get(kind="repeat")]:
        non_article_restore(part=part, user=editor)

    assert owners(volume) == held
    assert [shape(article) for article in volume.articles.order_by("position")] == before
    assert_stored_counts_right()
