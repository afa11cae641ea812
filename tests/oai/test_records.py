"""What harvesters are told as editors work: records appear on publishing, become deleted records
(persistently) on unpublishing, merging, removing a repeat or deleting, and their datestamps move
only when what a harvester reads changes."""

import io
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from authors.models import Person
from authors.services import person_refresh_match_key
from proceedings.editorial.editing import article_split, articles_merge
from proceedings.editorial.publishing import proceedings_publish, proceedings_unpublish
from proceedings.editorial.repeats import article_repeat_confirm
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import OaiRecord, Proceedings
from proceedings.oai_records import oai_records_refresh
from proceedings.services import proceedings_import
from tests.factories import ArticleFactory, staff_user
from tests.oai.validation import NS, dublin_core, errors, identifiers, oai_get
from tests.proceedings.editing_texts import VOLUME, VOLUME_WITH_REPEAT, dumped

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def editor():
    return staff_user("editor", editor=True)


def imported(blocks, *, publish: bool = True) -> Proceedings:
    return proceedings_import(
        data=dumped(blocks),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "editing-test", "year": 2025, "title_kk": "Сынақ"}),
        publish=publish,
    ).proceedings


def records(volume: Proceedings | None = None) -> dict[int, bool]:
    """Article id -> deleted, of every record (of the volume's set)."""
    rows = OaiRecord.objects.all() if volume is None else OaiRecord.objects.filter(proceedings=volume)
    return dict(rows.values_list("article_id", "deleted"))


def get_record(client, article_id: int):
    return oai_get(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:jinaq.test:article/{article_id}"
    )


def is_deleted(root) -> bool:
    return (
        root.find(".//oai:header", NS).get("status") == "deleted" and root.find(".//oai:metadata", NS) is None
    )


def test_a_published_import_gives_every_article_a_record_and_a_draft_import_none(oai_settings):
    draft = imported(VOLUME, publish=False)
    assert records() == {}

    draft.delete()
    volume = imported(VOLUME)

    assert records() == dict.fromkeys(volume.articles.values_list("pk", flat=True), False)


def test_unpublishing_turns_the_records_into_deleted_ones_and_publishing_back(client, oai_settings, editor):
    oai_settings.JINAQ_OAI_PAGE_SIZE = 10
    volume = imported(VOLUME)
    ids = sorted(volume.articles.values_list("pk", flat=True))
    OaiRecord.objects.update(datestamp=LONG_AGO)

    proceedings_unpublish(volume=volume, user=editor)

    assert records() == dict.fromkeys(ids, True)
    assert is_deleted(get_record(client, ids[0]))
    listed = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="volume:editing-test")
    assert (identifiers(listed), listed.findall(".//oai:metadata", NS)) == (
        [f"oai:jinaq.test:article/{pk}" for pk in ids],
        [],
    )
    assert not OaiRecord.objects.filter(datestamp=LONG_AGO).exists()
    sets = oai_get(client, verb="ListSets").iterfind(".//oai:setSpec", NS)
    assert "volume:editing-test" not in [element.text for element in sets]

    proceedings_publish(volume=volume, user=editor)

    assert records() == dict.fromkeys(ids, False)
    assert ("type", "info:eu-repo/semantics/conferenceObject", None) in dublin_core(
        get_record(client, ids[0])
    )


def test_a_merged_away_article_is_a_deleted_record(client, oai_settings, editor):
    volume = imported(VOLUME)
    _, _, third, fourth = volume.articles.order_by("position")
    OaiRecord.objects.update(datestamp=LONG_AGO)

    articles_merge(first=third, second=fourth, user=editor)

    assert records() == {
        **dict.fromkeys(volume.articles.values_list("pk", flat=True), False),
        fourth.pk: True,
    }
    assert is_deleted(get_record(client, fourth.pk))
    changed = set(OaiRecord.objects.exclude(datestamp=LONG_AGO).values_list("article_id", flat=True))
    assert changed == {fourth.pk}  # the first keeps its metadata (and this file prints no pages)


def test_a_split_gives_the_new_article_a_record(oai_settings, editor):
    volume = imported(VOLUME)
    first = volume.articles.order_by("position").first()

    _, bottom = article_split(article=first, at_line=9, user=editor)

    assert records()[bottom.pk] is False


def test_a_removed_repeat_is_a_deleted_record(client, oai_settings, editor):
    volume = imported(VOLUME_WITH_REPEAT)
    copy = volume.articles.get(repeat_of__isnull=False)

    article_repeat_confirm(article=copy, user=editor)

    assert records()[copy.pk] is True
    assert is_deleted(get_record(client, copy.pk))


@pytest.mark.django_db(transaction=True)  # committed: the records' volume may go before them
def test_a_deleted_article_or_volume_stays_a_deleted_record_for_good(client, paper):
    other = ArticleFactory(proceedings=paper.proceedings, language="ru")
    article_id = other.pk

    other.delete()  # as the admin does
    assert is_deleted(get_record(client, article_id))

    paper_id = paper.pk
    paper.proceedings.delete()

    assert records() == {article_id: True, paper_id: True}
    assert is_deleted(get_record(client, paper_id))
    # Out of the deleted volume's set, still in its language's.
    assert get_record(client, paper_id).find(".//oai:setSpec", NS).text == "language:kk"
    by_language = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="language:ru")
    assert identifiers(by_language) == [f"oai:jinaq.test:article/{article_id}"]


def test_an_unchanged_record_keeps_its_datestamp(paper):
    OaiRecord.objects.filter(pk=paper.pk).update(datestamp=LONG_AGO)

    written = oai_records_refresh(article_ids=[paper.pk], volume_ids=[paper.proceedings_id])
    paper.body = "A body harvesters never read."
    paper.save()

    assert (written, OaiRecord.objects.get(pk=paper.pk).datestamp) == (0, LONG_AGO)


def test_renaming_a_person_moves_the_datestamps_of_their_records(client, paper):
    OaiRecord.objects.filter(pk=paper.pk).update(datestamp=LONG_AGO)
    person = Person.objects.get(display_name="Ахметов Е. Ж.")

    person.name_variants = [*person.name_variants, "Akhmetov E."]
    person.save(update_fields=["name_variants"])
    assert OaiRecord.objects.get(pk=paper.pk).datestamp == LONG_AGO

    person.display_name = "Ахметов Ерлан Жанұлы"
    person_refresh_match_key(person=person)
    person.save()

    assert OaiRecord.objects.get(pk=paper.pk).datestamp > LONG_AGO
    creators = [text for name, text, _ in dublin_core(get_record(client, paper.pk)) if name == "creator"]
    assert creators == ["Сапарова А. Б.", "Ахметов Ерлан Жанұлы"]


def test_editing_a_volume_moves_its_records_datestamps(paper):
    OaiRecord.objects.filter(pk=paper.pk).update(datestamp=LONG_AGO)

    paper.proceedings.title_kk = "Медиа 2025: екінші басылым"
    paper.proceedings.save()

    assert OaiRecord.objects.get(pk=paper.pk).datestamp > LONG_AGO


def test_an_edited_draft_article_leaves_no_record(client, draft_article):
    draft_article.title_display = "Still a draft"
    draft_article.save()

    assert records() == {}
    assert errors(get_record(client, draft_article.pk)) == ["idDoesNotExist"]
    assert Article.objects.filter(pk=draft_article.pk).exists()


def test_the_refresh_command_writes_only_records_that_differ(paper):
    OaiRecord.objects.filter(pk=paper.pk).update(metadata_hash="", datestamp=LONG_AGO)
    other = ArticleFactory(proceedings=paper.proceedings)
    out = io.StringIO()

    call_command("oai_records_refresh", stdout=out)
    call_command("oai_records_refresh", stdout=out)

    assert out.getvalue().splitlines() == ["1 OAI-PMH records written.", "0 OAI-PMH records written."]
    assert OaiRecord.objects.get(pk=paper.pk).datestamp > LONG_AGO
    assert records() == {paper.pk: False, other.pk: False}
