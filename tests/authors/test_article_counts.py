"""The published-article counts stored on Person follow imports, publication and deletions."""

import pytest

from authors.models import Authorship, Person, Role
from authors.selectors import person_published
from authors.services import person_article_counts_kept, person_refresh_article_counts
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory

pytestmark = pytest.mark.django_db


def counts(person):
    person.refresh_from_db()
    return (person.articles_as_author, person.articles_as_supervisor)


def test_refresh_counts_published_articles_per_role():
    person = PersonFactory()
    AuthorshipFactory(person=person)
    AuthorshipFactory(person=person)
    AuthorshipFactory(person=person, role=Role.SUPERVISOR)
    AuthorshipFactory(person=person, article=ArticleFactory(proceedings=ProceedingsFactory(status="draft")))

    updated = person_refresh_article_counts(people=[person.pk])

    assert (updated, counts(person)) == (1, (2, 1))


def test_refresh_of_some_people_leaves_the_others():
    counted, other = PersonFactory(), PersonFactory()
    AuthorshipFactory(person=counted)
    AuthorshipFactory(person=other)

    person_refresh_article_counts(people=[counted.pk])

    assert (counts(counted), counts(other)) == ((1, 0), (0, 0))


def test_publishing_a_volume_inside_kept_counts_lists_its_people():
    volume = ProceedingsFactory(status="draft")
    authorship = AuthorshipFactory(article=ArticleFactory(proceedings=volume), role=Role.SUPERVISOR)

    with person_article_counts_kept(
        authorships=lambda: Authorship.objects.filter(article__proceedings=volume)
    ):
        volume.status = "published"
        volume.save()

    assert counts(authorship.person) == (0, 1)


def test_deleting_an_article_inside_kept_counts_unlists_its_only_author():
    article = ArticleFactory()
    authorship = AuthorshipFactory(article=article)
    person_refresh_article_counts()
    article_id = article.pk

    with person_article_counts_kept(authorships=lambda: Authorship.objects.filter(article=article_id)):
        article.delete()

    assert counts(authorship.person) == (0, 0)


def test_seed_import_stores_counts_that_match_the_live_check(seed_archive):
    listed = set(Person.objects.filter(articles_as_author__gt=0).values_list("pk", flat=True)) | set(
        Person.objects.filter(articles_as_supervisor__gt=0).values_list("pk", flat=True)
    )

    assert listed == set(person_published().values_list("pk", flat=True))
    assert len(listed) > 0
