"""The bundled proceedings, as imported for real: every record valid, every article harvested once."""

import pytest

from articles.models import Article
from authors.models import Authorship, Role
from tests.oai.validation import NS, identifiers, oai_get, token

pytestmark = pytest.mark.django_db


def test_the_real_archive_harvests_whole_and_valid(client, seed_archive, oai_settings):
    oai_settings.JINAQ_OAI_PAGE_SIZE = 25
    root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc")  # each page validated
    seen, creators = identifiers(root), len(root.findall(".//dc:creator", NS))
    while token(root) is not None and token(root).text:
        root = oai_get(client, verb="ListRecords", resumptionToken=token(root).text)
        seen += identifiers(root)
        creators += len(root.findall(".//dc:creator", NS))

    published = Article.objects.filter(proceedings__status="published").values_list("pk", flat=True)
    assert sorted(seen) == sorted(f"oai:jinaq.test:article/{pk}" for pk in published)
    assert len(published) > 25
    assert creators == Authorship.objects.filter(article__in=published, role=Role.AUTHOR).count()
