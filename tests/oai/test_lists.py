"""ListIdentifiers and ListRecords: from/until in both granularities, sets, and resumption tokens
that survive editors' changes during a harvest."""

from datetime import UTC, datetime

import pytest

from proceedings.models import OaiRecord
from tests.factories import ArticleFactory, ProceedingsFactory
from tests.oai.validation import NS, identifiers, oai_get, token

pytestmark = pytest.mark.django_db


def stamped(article, *when: int) -> None:
    OaiRecord.objects.filter(pk=article.pk).update(datestamp=datetime(*when, tzinfo=UTC))


def oai_id(article) -> str:
    return f"oai:jinaq.test:article/{article.pk}"


@pytest.fixture
def dated(oai_settings):
    """Three articles changed at known moments (two of them on one day)."""
    oai_settings.JINAQ_OAI_PAGE_SIZE = 10
    early, noon, late = ArticleFactory.create_batch(3)
    stamped(early, 2026, 3, 1, 8, 0, 0)
    stamped(noon, 2026, 3, 2, 12, 0, 0)
    stamped(late, 2026, 3, 2, 18, 30, 15)
    return early, noon, late


@pytest.mark.parametrize(
    ("narrowing", "expected"),
    [
        ({"from": "2026-03-02"}, [1, 2]),
        ({"until": "2026-03-01"}, [0]),
        ({"from": "2026-03-02", "until": "2026-03-02"}, [1, 2]),
        ({"from": "2026-03-02T12:00:00Z"}, [1, 2]),
        ({"from": "2026-03-02T12:00:01Z"}, [2]),
        ({"until": "2026-03-02T18:30:14Z"}, [0, 1]),
        ({"until": "2026-03-02T18:30:15Z"}, [0, 1, 2]),
        ({"from": "2026-03-01T08:00:00Z", "until": "2026-03-01T08:00:00Z"}, [0]),
    ],
)
def test_from_and_until_bound_the_datestamps_inclusively_in_utc(client, dated, narrowing, expected):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **narrowing)

    assert identifiers(root) == [oai_id(dated[n]) for n in expected]


def test_sets_narrow_a_list_to_a_volume_or_a_language(client, oai_settings):
    spring, autumn = ProceedingsFactory(slug="spring-2026"), ProceedingsFactory(slug="autumn-2026")
    kazakh = ArticleFactory(proceedings=spring, language="kk")
    russian = ArticleFactory(proceedings=spring, language="ru")
    english = ArticleFactory(proceedings=autumn, language="en")

    def listed(spec: str) -> list[str]:
        return identifiers(oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec))

    assert listed("volume:spring-2026") == [oai_id(kazakh), oai_id(russian)]
    assert listed("volume:autumn-2026") == [oai_id(english)]
    assert listed("language:ru") == [oai_id(russian)]
    assert listed("language") == listed("volume") == [oai_id(kazakh), oai_id(russian), oai_id(english)]


def harvest(client, verb: str = "ListIdentifiers", **arguments) -> tuple[list[str], list[tuple]]:
    """Follow the tokens to the end: every identifier, and each page's (cursor, completeListSize, token?)."""
    root = oai_get(client, verb=verb, metadataPrefix="oai_dc", **arguments)
    seen, pages = identifiers(root), []
    while (element := token(root)) is not None:
        pages.append((element.get("cursor"), element.get("completeListSize"), bool(element.text)))
        if not element.text:
            break
        root = oai_get(client, verb=verb, resumptionToken=element.text)
        seen += identifiers(root)
    return seen, pages


def test_a_long_list_comes_in_pages_with_cursor_and_complete_list_size(client, oai_settings):
    oai_settings.JINAQ_OAI_PAGE_SIZE = 3
    articles = ArticleFactory.create_batch(7)

    for verb in ("ListIdentifiers", "ListRecords"):
        seen, pages = harvest(client, verb)

        assert seen == [oai_id(article) for article in articles]
        assert pages == [("0", "7", True), ("3", "7", True), ("6", "7", False)]


def test_a_list_that_fits_one_page_has_no_token(client, oai_settings):
    ArticleFactory.create_batch(3)

    assert token(oai_get(client, verb="ListRecords", metadataPrefix="oai_dc")) is None


def test_a_token_keeps_the_sets_and_dates_of_the_first_request(client, oai_settings):
    oai_settings.JINAQ_OAI_PAGE_SIZE = 1
    volume = ProceedingsFactory(slug="kept")
    inside = ArticleFactory.create_batch(3, proceedings=volume)
    ArticleFactory.create_batch(2)

    seen, _ = harvest(client, set="volume:kept")

    assert seen == [oai_id(article) for article in inside]


def test_a_volume_set_harvest_goes_on_when_the_volume_changes_its_slug(client, oai_settings):
    """The records move on (their set changed), and the harvest follows them under the new slug."""
    oai_settings.JINAQ_OAI_PAGE_SIZE = 2
    volume = ProceedingsFactory(slug="before")
    articles = ArticleFactory.create_batch(3, proceedings=volume)
    for article in articles:
        stamped(article, 2026, 1, 1, 0, 0, 0)
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="volume:before")

    volume.slug = "after"
    volume.save()
    later, sets = [], set()
    while token(root) is not None and token(root).text:
        root = oai_get(client, verb="ListIdentifiers", resumptionToken=token(root).text)
        later += identifiers(root)
        sets |= {element.text for element in root.iterfind(".//oai:setSpec", NS)}

    assert later == [oai_id(article) for article in articles]
    assert sets == {"volume:after", "language:kk"}


def test_records_changed_during_a_harvest_are_neither_missed_nor_lost(client, oai_settings):
    """Keyset tokens: an article edited after its page was sent comes again at the end; one edited
    before its page comes (once) at the end; deleting one sends its tombstone."""
    oai_settings.JINAQ_OAI_PAGE_SIZE = 2
    articles = ArticleFactory.create_batch(6)
    for n, article in enumerate(articles):
        stamped(article, 2026, 1, 1, 0, 0, n)
    ids = [oai_id(article) for article in articles]
    first = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    articles[0].title_display = "Edited after it was harvested"
    articles[0].save()
    articles[4].title_display = "Edited before it was harvested"
    articles[4].save()
    articles[3].delete()
    seen, deleted, root = identifiers(first), [], first
    while token(root) is not None and token(root).text:
        root = oai_get(client, verb="ListIdentifiers", resumptionToken=token(root).text)
        seen += identifiers(root)
        deleted += [e.text for e in root.iterfind(".//oai:header[@status='deleted']/oai:identifier", NS)]

    assert set(seen) == set(ids)
    assert seen[-3:] == [ids[0], ids[3], ids[4]]  # changed in one second: in id order
    assert deleted == [ids[3]]
