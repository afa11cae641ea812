"""Merge, split and re-cut keep what an editor changed by hand, or ask first, naming each value.

Every edit goes through the admin's change form and every fix through the review's buttons, as
an editor's browser does; the test volume is `editing_texts.VOLUME`:

    1  lines  1–15  no header, Kazakh
    2  lines 17–45  title, author Есқали Т., abstract, keywords; body from line 29
    3  lines 47–61  no header, Russian
    4  lines 63–85  title, author Есқали Т., keywords; body from line 71
"""

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.hand_edits import GROUPS, group_values
from articles.models import Article, Topic
from proceedings.editorial.editing import article_source_lines
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import Proceedings
from proceedings.services import proceedings_import
from tests.admin_forms import article_change_data
from tests.factories import PersonFactory
from tests.proceedings.editing_texts import VOLUME, dumped
from tests.proceedings.test_article_pdfs import import_pdf
from tests.proceedings.test_non_articles import assert_stored_counts_right

pytestmark = pytest.mark.django_db

EDITED_TITLE = "Жасанды интеллект және фейк жаңалықтар"
EDITED_ABSTRACT = "Мақала фейк жаңалықтарды анықтаудың жолдарын қарастырады."


@pytest.fixture
def volume() -> Proceedings:
    outcome = proceedings_import(
        data=dumped(VOLUME),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "hand-edits", "year": 2025, "title_kk": "Сынақ"}),
    )
    return outcome.proceedings


def at(volume: Proceedings, position: int) -> Article:
    return volume.articles.get(position=position)


def state(article: Article) -> dict:
    """Everything an editor can change on the article, as plain data."""
    return {**group_values(article, GROUPS), "marks": list(article.hand_edited)}


def people_data(article: Article, *, supervisor=None, printed: dict | None = None) -> dict:
    """The authorship inline as the form posts it: the article's rows (printed text changed where
    `printed` says, by person id), plus a new supervisor."""
    rows = list(article.authorships.order_by("role", "order"))
    data = {"authorships-INITIAL_FORMS": str(len(rows)), "authorships-TOTAL_FORMS": str(len(rows))}
    for n, row in enumerate(rows):
        data |= {
            f"authorships-{n}-id": row.pk,
            f"authorships-{n}-article": article.pk,
            f"authorships-{n}-role": row.role,
            f"authorships-{n}-order": row.order,
            f"authorships-{n}-person": row.person_id,
            f"authorships-{n}-printed_text": (printed or {}).get(row.person_id, row.printed_text),
            f"authorships-{n}-position": row.position,
            f"authorships-{n}-affiliation": row.affiliation,
        }
    if supervisor is not None:
        n = len(rows)
        data |= {
            "authorships-TOTAL_FORMS": str(n + 1),
            f"authorships-{n}-article": article.pk,
            f"authorships-{n}-role": "supervisor",
            f"authorships-{n}-order": 1,
            f"authorships-{n}-person": supervisor.pk,
            f"authorships-{n}-printed_text": supervisor.display_name,
            f"authorships-{n}-position": "",
            f"authorships-{n}-affiliation": "",
        }
    return data


def edit_in_admin(client, article: Article, *, people: dict | None = None, **changes) -> None:
    """Save the article's change form with `changes`, its other fields as they are."""
    unchanged = {
        "topics": [str(pk) for pk in article.topics.values_list("pk", flat=True)],
        **{f"keywords_{code}": ",".join(getattr(article, f"keywords_{code}")) for code in ("kk", "ru", "en")},
    }
    data = article_change_data(client, article, **(unchanged | changes))
    # The browser posts what a list field held when the form was drawn; Django compares with it.
    data |= {f"initial-{name}": value for name, value in unchanged.items() if name.startswith("keywords_")}
    data |= people if people is not None else people_data(article)
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def edit_second_article(client, volume: Proceedings) -> Article:
    """Article 2 with its title, abstract, people and topics changed by hand."""
    article = at(volume, 2)
    supervisor = PersonFactory(display_name="Сейткали А.Б.")
    topic = Topic.objects.exclude(articles=article).order_by("slug").first()
    edit_in_admin(
        client,
        article,
        title=EDITED_TITLE,
        title_display=EDITED_TITLE,
        abstract_kk=EDITED_ABSTRACT,
        topics=[str(pk) for pk in article.topics.values_list("pk", flat=True)] + [str(topic.pk)],
        people=people_data(article, supervisor=supervisor),
    )
    return Article.objects.get(pk=article.pk)


def fix(client, name: str, article: Article, **data):
    url = reverse(f"admin:proceedings_proceedings_review_{name}", args=[article.proceedings_id, article.pk])
    return client.post(url, data)


def history(article: Article) -> list[str]:
    entries = LogEntry.objects.filter(object_id=str(article.pk), content_type__model="article")
    return [entry.change_message for entry in entries.order_by("pk")]


def test_admin_records_exactly_the_fields_an_editor_changed(editor_client, volume):
    edited = edit_second_article(editor_client, volume)

    assert edited.hand_edited == ["title", "title_display", "people", "abstract_kk", "topics"]
    assert edited.title == EDITED_TITLE
    assert [(a.person.display_name, a.role) for a in edited.authorships.order_by("role")] == [
        ("Есқали Т.", "author"),
        ("Сейткали А.Б.", "supervisor"),
    ]
    assert at(volume, 3).hand_edited == []


def test_saving_the_form_unchanged_marks_nothing(editor_client, volume):
    article = at(volume, 4)

    edit_in_admin(editor_client, article)

    assert Article.objects.get(pk=article.pk).hand_edited == []


def test_merge_with_the_next_then_split_at_the_old_border_gives_every_edit_back(editor_client, volume):
    edited = edit_second_article(editor_client, volume)
    second, third = state(edited), state(at(volume, 3))

    merged = fix(editor_client, "merge", edited)
    split = fix(editor_client, "split", at(volume, 2), line=47)

    assert (merged.status_code, split.status_code) == (302, 302)
    assert (state(at(volume, 2)), state(at(volume, 3))) == (second, third)
    assert volume.articles.count() == 4


def test_merged_into_the_previous_article_its_edits_come_over_and_a_split_gives_both_back(
    editor_client, volume
):
    edited = edit_second_article(editor_client, volume)
    first, second = state(at(volume, 1)), state(edited)

    fix(editor_client, "merge", at(volume, 1))
    merged = at(volume, 1)
    merged_title, merged_people = merged.title, [a.person.display_name for a in merged.authorships.all()]
    fix(editor_client, "split", merged, line=17)

    # The untitled first article had no hand edits: the merged one shows the second's.
    assert (merged_title, sorted(merged_people)) == (EDITED_TITLE, ["Есқали Т.", "Сейткали А.Б."])
    assert merged.hand_edited == ["title", "title_display", "people", "abstract_kk", "topics"]
    assert (state(at(volume, 1)), state(at(volume, 2))) == (first, second)


def test_merge_adds_up_topics_and_keywords_edited_on_both(editor_client, volume):
    second, third = at(volume, 2), at(volume, 3)
    topics = list(Topic.objects.order_by("slug")[:2])
    edit_in_admin(editor_client, second, topics=[str(topics[0].pk)], keywords_kk="медиа,фейк")
    edit_in_admin(editor_client, third, topics=[str(topics[1].pk)], keywords_kk="фейк,телевидение")

    response = fix(editor_client, "merge", second)

    merged = at(volume, 2)
    assert response.status_code == 302
    assert sorted(merged.topics.values_list("slug", flat=True)) == sorted(t.slug for t in topics)
    assert merged.keywords_kk == ["медиа", "фейк", "телевидение"]


def test_recut_keeps_the_hand_edited_header_fields_and_reads_the_others_again(editor_client, volume):
    edited = edit_second_article(editor_client, volume)
    kept = {key: value for key, value in state(edited).items() if key in ("title", "people", "abstract_kk")}

    fix(editor_client, "body_start", edited, line=27)  # the keywords line becomes text
    recut = state(at(volume, 2))
    fix(editor_client, "body_start", edited, line=29)  # and back

    assert {key: recut[key] for key in kept} == kept
    assert recut["keywords_kk"] == {"keywords_kk": []}  # not edited: read again from the header
    assert recut["marks"] == ["title", "title_display", "people", "abstract_kk", "topics"]
    assert state(at(volume, 2)) == state(edited) | {"marks": recut["marks"]}


def test_merging_two_hand_edited_titles_asks_naming_the_value_and_changes_nothing_until_yes(
    editor_client, volume
):
    edit_second_article(editor_client, volume)
    edit_in_admin(editor_client, at(volume, 3), title="Региональное телевидение", title_display="")
    before = [state(article) for article in volume.articles.order_by("position")]
    logged = LogEntry.objects.count()

    asked = fix(editor_client, "merge", at(volume, 2))

    lost = [(item.article, item.field, item.value) for item in asked.context["lost"]]
    assert asked.status_code == 200
    assert lost == [("3 — “Региональное телевидение”", "title", "Региональное телевидение")]
    assert "Региональное телевидение" in asked.content.decode()
    assert [state(article) for article in volume.articles.order_by("position")] == before
    assert LogEntry.objects.count() == logged

    stale = fix(editor_client, "merge", at(volume, 2), confirm="0123456789abcdef")
    done = fix(editor_client, "merge", at(volume, 2), confirm=asked.context["token"])

    assert (stale.status_code, done.status_code) == (200, 302)
    assert volume.articles.count() == 3
    assert at(volume, 2).title == EDITED_TITLE
    assert (
        "Hand edits given up, as confirmed: title of article 3 — “Региональное телевидение”"
        in (history(at(volume, 2))[-1])
    )


def test_a_title_lost_in_a_merge_comes_back_with_a_split_at_its_line(editor_client, volume):
    edit_second_article(editor_client, volume)
    edit_in_admin(editor_client, at(volume, 3), title="Региональное телевидение", title_display="")
    third = state(at(volume, 3))
    token = fix(editor_client, "merge", at(volume, 2)).context["token"]
    fix(editor_client, "merge", at(volume, 2), confirm=token)

    fix(editor_client, "split", at(volume, 2), line=47)

    assert state(at(volume, 3)) == third


def test_a_hand_edited_body_cannot_survive_a_recut_so_the_editor_is_asked(editor_client, volume):
    article = at(volume, 2)
    source_body = article.body
    edit_in_admin(editor_client, article, body=source_body + "\n\nТүзетілген сөйлем.")

    asked = fix(editor_client, "body_start", article, line=27)
    unchanged = Article.objects.get(pk=article.pk)
    fix(editor_client, "body_start", article, line=27, confirm=asked.context["token"])
    recut = Article.objects.get(pk=article.pk)

    assert [item.field for item in asked.context["lost"]] == ["body text"]
    assert asked.context["lost"][0].value.endswith("Түзетілген сөйлем.")
    assert (unchanged.body_start_line, unchanged.body.endswith("Түзетілген сөйлем.")) == (29, True)
    assert (recut.body_start_line, "Түзетілген" in recut.body, recut.hand_edited) == (27, False, [])


def test_history_says_which_hand_edits_each_fix_kept(editor_client, volume):
    edit_second_article(editor_client, volume)

    fix(editor_client, "merge", at(volume, 1))
    fix(editor_client, "split", at(volume, 1), line=17)
    fix(editor_client, "body_start", at(volume, 2), line=27)

    kept = "Kept as edited by hand: title, people (authors and supervisors), abstract (Kazakh), topics."
    assert history(at(volume, 1))[-2:] == [
        f"Merged with the next article, “{EDITED_TITLE}” (lines 17–45); now lines 1–45. {kept}",
        f"Split at line 17: lines 17–45 became the new article “{EDITED_TITLE}”.",
    ]
    assert history(at(volume, 2))[-2:] == [
        f"Split from “{at(volume, 1).display_title}” at line 17 (lines 17–45). {kept}",
        # Topics are no header field: a re-cut leaves them alone whoever chose them.
        "Header set to lines 17–25; title, people, abstracts and keywords re-read from it. "
        "Kept as edited by hand: title, people (authors and supervisors), abstract (Kazakh).",
    ]


def test_reimport_leaves_the_marks_alone(editor_client, volume):
    edited = edit_second_article(editor_client, volume)

    outcome = proceedings_import(
        data=dumped(VOLUME) + b"\n",  # another file, the same articles
        filename="again.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        volume=volume,
    )

    assert (outcome.created, outcome.already_present) == (0, 4)
    assert state(at(volume, 2)) == state(edited)


def test_pdf_pages_edited_by_hand_come_back_after_merge_and_split(editor_client):
    volume = import_pdf(slug="hand-edited-pages")
    first, second = volume.articles.order_by("position")
    edit_in_admin(editor_client, first, first_page=121, last_page=122)
    edit_in_admin(editor_client, second, first_page=123, last_page=124)

    merged = fix(editor_client, "merge", first)
    joined = at(volume, 1)
    split = fix(editor_client, "split", joined, line=second.source_start_line)

    assert (merged.status_code, split.status_code) == (302, 302)
    assert (joined.first_page, joined.last_page) == (121, 124)
    pages = list(volume.articles.order_by("position").values_list("first_page", "last_page", "hand_edited"))
    assert pages == [(121, 122, ["first_page", "last_page"]), (123, 124, ["first_page", "last_page"])]


def test_a_split_that_reads_hand_edited_pages_from_the_pdf_again_asks_first(editor_client):
    volume = import_pdf(slug="hand-edited-split")
    first = at(volume, 1)
    edit_in_admin(editor_client, first, first_page=121, last_page=122)
    inside_first_sheet = [line.number for line in article_source_lines(article=first) if line.page == 1][6]

    asked = fix(editor_client, "split", first, line=inside_first_sheet)
    untouched = at(volume, 1)
    fix(editor_client, "split", first, line=inside_first_sheet, confirm=asked.context["token"])

    lost = [(item.field, item.value, item.note) for item in asked.context["lost"]]
    assert lost == [("pages", "121–122", "The upper part’s pages are read from the PDF: 21.")]
    assert (untouched.source_end_line, untouched.first_page, untouched.last_page) == (
        first.source_end_line,
        121,
        122,
    )
    assert list(
        volume.articles.order_by("position").values_list("first_page", "last_page", "hand_edited")
    ) == [
        (21, 21, []),
        (21, 22, []),
        (23, 24, []),
    ]


def test_hand_edits_kept_aside_travel_with_their_lines_through_a_split_elsewhere(editor_client, volume):
    edited = edit_second_article(editor_client, volume)
    first, second = state(at(volume, 1)), state(edited)
    fix(editor_client, "merge", at(volume, 1))

    fix(editor_client, "split", at(volume, 1), line=9)  # inside the first article's lines
    upper = state(at(volume, 1))
    fix(editor_client, "split", at(volume, 2), line=17)

    # Lines 17–45 left the upper part at once, and what the merge took from them with them.
    headed = ("title", "people", "abstract_kk", "topics", "marks")
    assert {key: upper[key] for key in headed} == {key: first[key] for key in headed}
    assert state(at(volume, 3)) == second
    assert at(volume, 2).hand_edited == []


def test_the_articles_review_page_names_its_fields_edited_by_hand(editor_client, volume):
    edited = edit_second_article(editor_client, volume)

    page = editor_client.get(
        reverse("admin:proceedings_proceedings_review_article", args=[volume.pk, edited.pk])
    )

    assert page.context["hand_edited"] == [
        "title",
        "people (authors and supervisors)",
        "abstract (Kazakh)",
        "topics",
    ]
    assert (
        "Edited by hand, kept by merge, split and re-cut: title, people (authors and supervisors), "
        "abstract (Kazakh), topics." in page.content.decode()
    )


def restore(client, part) -> None:
    url = reverse(
        "admin:proceedings_proceedings_review_non_article_restore", args=[part.proceedings_id, part.pk]
    )
    assert client.post(url).status_code == 302


def test_not_an_article_and_back_gives_every_hand_edit_back_without_asking(editor_client, volume):
    edited = edit_second_article(editor_client, volume)
    before = state(edited)

    made = fix(editor_client, "not_an_article", edited)
    part = volume.non_article_parts.get()
    assert_stored_counts_right()
    restore(editor_client, part)
    article = at(volume, 2)

    assert made.status_code == 302  # no question: nothing is lost
    assert (part.kind, part.hand_edits["values"]["title"]["title"]) == ("front_matter", EDITED_TITLE)
    assert state(article) == before
    assert [a.person.display_name for a in article.authorships.order_by("role")] == [
        "Есқали Т.",
        "Сейткали А.Б.",
    ]
    assert_stored_counts_right()
    assert history(article)[-1].endswith(
        "Kept as edited by hand: title, people (authors and supervisors), abstract (Kazakh), topics."
    )


def test_an_article_deleted_in_the_admin_comes_back_with_its_hand_edits(editor_client, volume):
    edited = edit_second_article(editor_client, volume)
    before = state(edited)

    editor_client.post(reverse("admin:articles_article_delete", args=[edited.pk]), {"post": "yes"})
    restore(editor_client, volume.non_article_parts.get(kind="removed"))

    assert state(at(volume, 2)) == before
    assert_stored_counts_right()
