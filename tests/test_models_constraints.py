"""The database itself refuses rows that break the archive's invariants."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    ArticleFactory,
    AuthorshipFactory,
    PersonFactory,
    ProceedingsFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def rejected(factory, **fields) -> bool:
    try:
        with transaction.atomic():
            factory(**fields)
    except IntegrityError:
        return True
    return False


def test_article_language_outside_kk_ru_en_is_rejected():
    assert rejected(ArticleFactory, language="de")


def test_article_valid_languages_are_accepted():
    languages = [ArticleFactory(language=code).language for code in ("kk", "ru", "en")]
    assert languages == ["kk", "ru", "en"]


def test_article_empty_title_is_rejected_but_null_is_allowed():
    untitled = ArticleFactory(title=None)
    assert untitled.title is None
    assert rejected(ArticleFactory, title="")


def test_article_source_lines_must_be_ordered():
    assert rejected(ArticleFactory, source_start_line=50, source_end_line=10)


def test_article_pages_must_be_ordered():
    assert rejected(ArticleFactory, first_page=12, last_page=3)


def test_article_content_hash_must_be_sha256_hex():
    assert rejected(ArticleFactory, content_hash="not-a-hash")


def test_article_position_unique_within_volume():
    volume = ProceedingsFactory()
    ArticleFactory(proceedings=volume, position=1)
    assert rejected(ArticleFactory, proceedings=volume, position=1)
    assert ArticleFactory(position=1).position == 1  # same position in another volume is fine


def test_article_same_content_twice_in_one_volume_is_rejected():
    first = ArticleFactory()
    assert rejected(ArticleFactory, proceedings=first.proceedings, content_hash=first.content_hash)


def test_article_slug_unique():
    ArticleFactory(slug="crowdsourcing")
    assert rejected(ArticleFactory, slug="crowdsourcing")


def test_authorship_role_must_be_author_or_supervisor():
    assert rejected(AuthorshipFactory, role="editor")


def test_authorship_person_once_per_role_but_may_author_and_supervise():
    authorship = AuthorshipFactory(role="author")
    assert rejected(
        AuthorshipFactory, article=authorship.article, person=authorship.person, role="author", order=2
    )
    supervised = AuthorshipFactory(article=authorship.article, person=authorship.person, role="supervisor")
    assert supervised.role == "supervisor"


def test_authorship_order_unique_per_role():
    authorship = AuthorshipFactory(order=1)
    assert rejected(AuthorshipFactory, article=authorship.article, order=1)


def test_person_orcid_format_checked():
    assert rejected(PersonFactory, orcid="1234")
    assert PersonFactory(orcid="0000-0002-1825-009X").orcid == "0000-0002-1825-009X"


def test_person_empty_name_rejected():
    assert rejected(PersonFactory, display_name="")


def test_proceedings_status_and_year_checked():
    assert rejected(ProceedingsFactory, status="hidden")
    assert rejected(ProceedingsFactory, year=1492)


def test_proceedings_needs_some_name():
    assert rejected(ProceedingsFactory, title_kk="", title_ru="", title_en="", conference_name="")


def test_proceedings_end_date_not_before_start():
    assert rejected(
        ProceedingsFactory, date_start=datetime.date(2025, 4, 10), date_end=datetime.date(2025, 4, 9)
    )


def test_topic_needs_a_name_in_some_language():
    assert rejected(TopicFactory, name_kk="", name_ru="", name_en="")
