"""A real harvester (Sickle) harvests the whole archive from the live server, page after page."""

import pytest
from sickle import Sickle

from authors.models import Role
from proceedings.editorial.publishing import proceedings_unpublish
from proceedings.models import ProceedingsStatus
from tests.factories import ArticleFactory, AuthorshipFactory, ProceedingsFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_harvester_gets_every_published_article_exactly_once(live_server, oai_settings, django_user_model):
    oai_settings.JINAQ_OAI_PAGE_SIZE = 4
    published = [ProceedingsFactory(slug=f"volume-{n}") for n in range(3)]
    articles = [
        ArticleFactory(proceedings=volume, language=language)
        for volume in published
        for language in ("kk", "ru", "en", "kk")
    ]
    for article in articles[::3]:
        AuthorshipFactory(article=article, role=Role.SUPERVISOR)
    ArticleFactory.create_batch(2, proceedings=ProceedingsFactory(status=ProceedingsStatus.DRAFT))
    withdrawn = ProceedingsFactory(slug="withdrawn")
    gone = ArticleFactory.create_batch(2, proceedings=withdrawn)
    # A plain account: an earlier transactional test's flush took the migrations' Editors group.
    proceedings_unpublish(volume=withdrawn, user=django_user_model.objects.create_user("editor"))
    harvester = Sickle(f"{live_server.url}/oai", max_retries=0)

    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))

    live = [record for record in records if not record.deleted]
    assert sorted(record.header.identifier for record in live) == sorted(
        f"oai:jinaq.test:article/{article.pk}" for article in articles
    )
    assert sorted(record.header.identifier for record in records if record.deleted) == sorted(
        f"oai:jinaq.test:article/{article.pk}" for article in gone
    )
    assert {tuple(record.metadata["type"]) for record in live} == {
        ("info:eu-repo/semantics/conferenceObject",)
    }
    by_language = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="language:ru"))
    assert len(by_language) == 3
