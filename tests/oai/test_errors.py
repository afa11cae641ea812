"""Every error code of OAI-PMH 2.0 the archive can meet, each response still valid against the schemas.

`noMetadataFormats` cannot occur (every record has oai_dc) and `noSetHierarchy` neither (the
archive has sets): ListSets answers with them instead.
"""

import pytest

from tests.factories import ArticleFactory
from tests.oai.validation import NS, errors, oai_get

pytestmark = pytest.mark.django_db

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


def echoed(root) -> dict[str, str]:
    return dict(root.find("oai:request", NS).attrib)


@pytest.mark.parametrize(
    "query",
    [{}, {"verb": "ListEverything"}, {"verb": ["Identify", "Identify"]}, {"verb": "identify"}],
    ids=["missing", "unknown", "repeated", "wrong-case"],
)
def test_a_missing_unknown_or_repeated_verb_is_bad_verb(client, paper, query):
    root = oai_get(client, **query)

    assert (errors(root), echoed(root)) == (["badVerb"], {})


@pytest.mark.parametrize(
    "query",
    [
        {"verb": "ListRecords"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "Identify", "set": "language:kk"},
        {**LIST, "metadataPrefix": ["oai_dc", "oai_dc"]},
        {**LIST, "from": "2026-13-01"},
        {**LIST, "from": "yesterday"},
        {**LIST, "until": "2026-01-01T10:00:00"},
        {**LIST, "from": "2026-01-01", "until": "2026-02-01T00:00:00Z"},
        {**LIST, "from": "2026-02-01", "until": "2026-01-01"},
        {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
        {**LIST, "set": "volume: spaces"},
        {**LIST, "metadataPrefix": "not a prefix"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:jinaq.test:article/1\x0c"},
    ],
    ids=[
        "prefix-missing",
        "identifier-missing",
        "foreign-argument",
        "repeated-argument",
        "impossible-date",
        "not-a-date",
        "datetime-without-z",
        "mixed-granularity",
        "from-after-until",
        "token-not-exclusive",
        "set-not-a-set-spec",
        "prefix-not-a-prefix",
        "not-xml-text",
    ],
)
def test_arguments_a_verb_cannot_take_are_bad_arguments_and_not_echoed(client, paper, query):
    root = oai_get(client, **query)

    assert (errors(root), echoed(root)) == (["badArgument"], {})


def test_an_undecodable_token_or_another_verbs_token_is_a_bad_resumption_token(client, oai_settings, paper):
    oai_settings.JINAQ_OAI_PAGE_SIZE = 1
    ArticleFactory.create_batch(2, proceedings=paper.proceedings)
    first = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", NS).text

    assert errors(oai_get(client, verb="ListRecords", resumptionToken=token)) == ["badResumptionToken"]
    assert errors(oai_get(client, verb="ListRecords", resumptionToken="not-a-token")) == [
        "badResumptionToken"
    ]
    assert errors(oai_get(client, verb="ListSets", resumptionToken=token)) == ["badResumptionToken"]
    assert errors(oai_get(client, verb="ListIdentifiers", resumptionToken=token)) == []


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers", "GetRecord"])
def test_a_format_other_than_oai_dc_cannot_be_disseminated(client, paper, verb):
    identifier = {"identifier": f"oai:jinaq.test:article/{paper.pk}"} if verb == "GetRecord" else {}

    root = oai_get(client, verb=verb, metadataPrefix="marc21", **identifier)

    assert (errors(root), echoed(root)["metadataPrefix"]) == (["cannotDisseminateFormat"], "marc21")


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:jinaq.test:article/999999",
        "oai:elsewhere.org:article/1",
        "cifrlyq-media",
        "oai:jinaq.test:article/01",
        "not an identifier <at all>",
    ],
)
def test_an_identifier_of_no_record_does_not_exist(client, paper, identifier):
    for query in (
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "ListMetadataFormats"},
    ):
        assert errors(oai_get(client, identifier=identifier, **query)) == ["idDoesNotExist"]


def test_an_article_never_published_does_not_exist_for_harvesters(client, draft_article):
    root = oai_get(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:jinaq.test:article/{draft_article.pk}",
    )

    assert errors(root) == ["idDoesNotExist"]


@pytest.mark.parametrize(
    "narrowing",
    [
        {"set": "volume:no-such-volume"},
        {"set": "topic:media"},
        {"set": "language:de"},
        {"from": "2999-01-01"},
        {"until": "2000-01-01T00:00:00Z"},
    ],
)
def test_a_list_that_matches_nothing_says_no_records_match(client, paper, narrowing):
    for verb in ("ListRecords", "ListIdentifiers"):
        assert errors(oai_get(client, verb=verb, metadataPrefix="oai_dc", **narrowing)) == ["noRecordsMatch"]


def test_an_empty_archive_matches_no_records(client, draft_article):
    assert errors(oai_get(client, **LIST)) == ["noRecordsMatch"]
