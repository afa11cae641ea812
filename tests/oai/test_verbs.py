"""The six verbs of OAI-PMH 2.0 at /oai, each response valid against the official schemas."""

from datetime import UTC, datetime

import pytest

from proceedings.models import OaiRecord
from tests.oai.validation import NS, dublin_core, errors, identifiers, oai_get, validated

pytestmark = pytest.mark.django_db


def texts(root, path: str) -> list[str]:
    return [element.text for element in root.iterfind(path, NS)]


def test_identify_names_the_repository_its_earliest_datestamp_and_granularity(client, paper):
    OaiRecord.objects.filter(pk=paper.pk).update(datestamp=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))

    root = oai_get(client, verb="Identify")

    assert texts(root, "oai:Identify/*") == [
        "Jinaq",
        "https://jinaq.test/oai",
        "2.0",
        "admin@jinaq.local",
        "2026-01-02T03:04:05Z",
        "persistent",
        "YYYY-MM-DDThh:mm:ssZ",
    ]


def test_list_metadata_formats_offers_oai_dc_for_the_archive_and_for_a_record(client, paper):
    whole = oai_get(client, verb="ListMetadataFormats")
    one = oai_get(client, verb="ListMetadataFormats", identifier=f"oai:jinaq.test:article/{paper.pk}")

    expected = ["oai_dc"]
    assert texts(whole, ".//oai:metadataPrefix") == expected
    assert texts(one, ".//oai:metadataPrefix") == expected
    assert texts(one, ".//oai:metadataNamespace") == ["http://www.openarchives.org/OAI/2.0/oai_dc/"]


def test_list_sets_names_the_volumes_with_records_and_the_languages(client, paper, draft_article):
    root = oai_get(client, verb="ListSets")

    assert texts(root, ".//oai:setSpec") == [
        "volume",
        "volume:media-2025",
        "language",
        "language:kk",
        "language:ru",
        "language:en",
    ]
    assert texts(root, ".//oai:setName")[1] == "Медиа 2025 (2025)"


def test_get_record_gives_the_fifteen_element_dublin_core_of_the_article(client, paper):
    root = oai_get(
        client, verb="GetRecord", identifier=f"oai:jinaq.test:article/{paper.pk}", metadataPrefix="oai_dc"
    )

    assert identifiers(root) == [f"oai:jinaq.test:article/{paper.pk}"]
    assert texts(root, ".//oai:header/oai:setSpec") == ["volume:media-2025", "language:kk"]
    assert dublin_core(root) == [
        ("title", "Цифрлық медиа", "kk"),
        ("title", "Digital media", "en"),
        ("creator", "Сапарова А. Б.", None),
        ("creator", "Ахметов Е. Ж.", None),
        ("subject", "медиа", "kk"),
        ("subject", "цифр", "kk"),
        ("description", "Мақалада цифрлық медиа қарастырылады.", "kk"),
        ("description", "The paper looks at digital media.", "en"),
        ("publisher", "Al-Farabi KazNU", None),
        ("contributor", "Узбекова Г. С.", None),
        ("date", "2025", None),
        ("type", "info:eu-repo/semantics/conferenceObject", None),
        ("identifier", "https://jinaq.test/kk/articles/cifrlyq-media/", None),
        (
            "source",
            "Медиа 2025. Student research conference of the Faculty of Journalism. Almaty, 2025. pp. 12–15",
            None,
        ),
        ("language", "kaz", None),
        ("relation", "https://jinaq.test/kk/proceedings/media-2025/", None),
        ("rights", "info:eu-repo/semantics/openAccess", None),
    ]


def test_get_record_of_an_article_without_a_printed_title_invents_none(client, paper):
    paper.title = None
    paper.parallel_titles = {}
    paper.save()

    root = oai_get(
        client, verb="GetRecord", identifier=f"oai:jinaq.test:article/{paper.pk}", metadataPrefix="oai_dc"
    )

    assert [name for name, _, _ in dublin_core(root)][:2] == ["creator", "creator"]


def test_list_identifiers_and_list_records_give_the_published_articles_only(client, paper, draft_article):
    headers = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    records = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc")

    expected = [f"oai:jinaq.test:article/{paper.pk}"]
    assert identifiers(headers) == expected
    assert identifiers(records) == expected
    assert headers.find(".//oai:metadata", NS) is None
    assert len(records.findall(".//oai_dc:dc", NS)) == 1


def test_arguments_may_come_by_post(client, paper):
    response = client.post("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})

    assert identifiers(validated(response.content)) == [f"oai:jinaq.test:article/{paper.pk}"]


def test_the_request_is_echoed_with_its_arguments(client, paper):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="language:kk")

    request = root.find("oai:request", NS)
    assert (dict(request.attrib), request.text, errors(root)) == (
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "language:kk"},
        "https://jinaq.test/oai",
        [],
    )


def test_characters_xml_cannot_carry_are_left_out_of_a_record(client, paper):
    paper.abstract_en = "The paper looks\x0c at digital media.\x0b"
    paper.save()

    root = oai_get(
        client, verb="GetRecord", identifier=f"oai:jinaq.test:article/{paper.pk}", metadataPrefix="oai_dc"
    )

    assert ("description", "The paper looks at digital media.", "en") in dublin_core(root)
