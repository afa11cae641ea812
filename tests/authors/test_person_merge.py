"""Merging two records of one person: nothing lost, everything derived follows."""

import pytest
from django.urls import reverse

from articles.search.index import article_search_refresh
from authors.models import Authorship, Person
from authors.selectors import person_search
from authors.services import person_merge, person_refresh_article_counts, person_resolve
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def authored(person: Person, *, role: str = "author", order: int = 1, **article_fields) -> Authorship:
    return Authorship.objects.create(
        article=ArticleFactory(**article_fields), person=person, role=role, order=order
    )


def test_merge_moves_every_authorship_and_keeps_every_spelling():
    keep = person_resolve(name="Г.С. Өзбекова", position="доцент")
    # A second record of her that the conservative matcher kept apart (an editor's call to merge).
    remove = PersonFactory(display_name="Ozbekova Gulnar", name_variants=[], orcid="0000-0002-1825-009X")
    supervised = authored(keep, role="supervisor")
    written = authored(remove, body="Цифрлық медиа туралы мақала.")
    other = authored(person_resolve(name="Андреева М. М."))

    merged = person_merge(keep=keep, remove=remove)

    assert Person.objects.filter(pk=remove.pk).exists() is False
    assert sorted(merged.authorships.values_list("article", "role")) == sorted(
        [(supervised.article_id, "supervisor"), (written.article_id, "author")]
    )
    assert merged.name_variants == ["Г. С. Өзбекова", "Ozbekova Gulnar"]
    assert (merged.position, merged.orcid) == ("доцент", "0000-0002-1825-009X")
    assert Authorship.objects.get(pk=other.pk).person.display_name == "Андреева М. М."


def test_merge_of_two_records_on_one_article_leaves_one_authorship():
    keep = person_resolve(name="Камзин К.")
    remove = PersonFactory(display_name="Kamzin Kairat", name_variants=[])
    both = authored(keep, role="supervisor")
    Authorship.objects.create(article=both.article, person=remove, role="supervisor", order=2)

    person_merge(keep=keep, remove=remove)

    assert list(Authorship.objects.filter(article=both.article).values_list("person", "role")) == [
        (keep.pk, "supervisor")
    ]


def test_merge_updates_counts_and_search():
    keep = person_resolve(name="Узбекова Г. С.")
    remove = PersonFactory(display_name="Uzbekova Gulnara", name_variants=[])
    written = authored(remove, body="Медиа туралы мәтін.")
    article_search_refresh(article_ids=[written.article_id])
    person_refresh_article_counts(people=[keep.pk, remove.pk])

    merged = person_merge(keep=keep, remove=remove)

    assert (merged.articles_as_author, merged.articles_as_supervisor) == (1, 0)
    assert [person.pk for person in person_search(query="Gulnara")] == [keep.pk]


def test_merge_into_oneself_is_refused():
    person = person_resolve(name="Ван Лу")
    with pytest.raises(ValueError, match="themselves"):
        person_merge(keep=person, remove=person)


def test_admin_action_merges_two_people_and_records_it(admin_client):
    from django.contrib.admin.models import LogEntry  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    keep = person_resolve(name="Узбекова Г. С.")
    authored(keep)
    person_refresh_article_counts(people=[keep.pk])
    remove = PersonFactory(display_name="Uzbekova Gulnara", name_variants=[])

    response = admin_client.post(
        reverse("admin:authors_person_changelist"),
        {"action": "merge_people", "_selected_action": [keep.pk, remove.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    assert list(Person.objects.values_list("pk", flat=True)) == [keep.pk]
    assert (
        LogEntry.objects.get(object_id=str(keep.pk)).change_message
        == "Merged Uzbekova Gulnara into this person."
    )


def test_admin_action_needs_exactly_two_people(admin_client):
    from django.urls import reverse  # noqa: PLC0415

    people = [PersonFactory(), PersonFactory(), PersonFactory()]

    admin_client.post(
        reverse("admin:authors_person_changelist"),
        {"action": "merge_people", "_selected_action": [person.pk for person in people]},
    )

    assert Person.objects.count() == 3


def test_merge_by_an_editor_is_in_both_peoples_history(django_user_model):
    from django.contrib.admin.models import CHANGE, DELETION, LogEntry  # noqa: PLC0415
    from django.utils import translation  # noqa: PLC0415

    editor = django_user_model.objects.create_user(username="editor", password="x", is_staff=True)
    keep = person_resolve(name="Узбекова Г. С.")
    remove = PersonFactory(display_name="Uzbekova Gulnara", name_variants=[])
    removed_pk = remove.pk

    with translation.override("en"):
        person_merge(keep=keep, remove=remove, user=editor)

    records = LogEntry.objects.order_by("pk").values_list("object_id", "action_flag", "user__username")
    assert list(records) == [(str(removed_pk), DELETION, "editor"), (str(keep.pk), CHANGE, "editor")]
    assert (
        LogEntry.objects.get(object_id=str(keep.pk)).change_message
        == "Merged Uzbekova Gulnara into this person."
    )


def test_merge_without_a_user_writes_no_history():
    from django.contrib.admin.models import LogEntry  # noqa: PLC0415

    person_merge(keep=person_resolve(name="Камзин К."), remove=PersonFactory())

    assert LogEntry.objects.count() == 0


def test_the_removed_persons_page_address_leads_to_the_kept_one(client):
    keep = person_resolve(name="Г.С. Өзбекова")
    remove = PersonFactory(display_name="Узбекова Г.С.", slug="uzbekova-g-s")
    earlier = PersonFactory(display_name="Uzbekova G.", slug="uzbekova-g")
    authored(keep), authored(remove), authored(earlier)
    person_refresh_article_counts(people=[keep.pk, remove.pk, earlier.pk])
    remove = person_merge(keep=remove, remove=earlier)  # 'uzbekova-g' now leads to 'uzbekova-g-s'

    merged = person_merge(keep=keep, remove=remove)

    for old in ("uzbekova-g-s", "uzbekova-g"):
        response = client.get(reverse("author_detail", args=[old]))
        assert (response.status_code, response["Location"]) == (
            301,
            reverse("author_detail", args=[merged.slug]),
        )
    # The query string goes along: the JSON twin and page numbers keep working.
    assert (
        client.get(reverse("author_detail", args=["uzbekova-g"]) + "?format=json")["Location"]
        == reverse("author_detail", args=[merged.slug]) + "?format=json"
    )
    assert client.get(reverse("author_detail", args=["nobody-ever"])).status_code == 404


def test_a_slug_changed_in_the_admin_keeps_the_old_address(admin_client, client):
    person = person_resolve(name="Андреева М. М.")
    authored(person)
    person_refresh_article_counts(people=[person.pk])
    old = person.slug
    change = reverse("admin:authors_person_change", args=[person.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {key: value for key, value in {**form.initial, "slug": "andreeva-m"}.items() if value is not None}
    data |= {"authorships-TOTAL_FORMS": 0, "authorships-INITIAL_FORMS": 0}

    assert admin_client.post(change, data).status_code == 302
    assert client.get(reverse("author_detail", args=[old]))["Location"] == reverse(
        "author_detail", args=["andreeva-m"]
    )
