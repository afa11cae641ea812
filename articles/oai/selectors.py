"""Reads for the protocol: records in (datestamp, article id) order, the sets, the earliest datestamp.

Every list is a keyset page over an index of proceedings.models.OaiRecord: the whole archive
(`oai_record_datestamp`), one volume (`oai_record_volume`) or one language
(`oai_record_language`). The first condition on the datestamp gives the index its starting point;
the tie on one second is settled by the article id, in one row comparison (`after_key`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import BooleanField, Min, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import translation

from articles.models import Language
from articles.oai.metadata import LANGUAGE_NAMES, SET_LANGUAGE, SET_VOLUME
from articles.oai.tokens import ListArguments
from proceedings.models import OaiRecord, Proceedings, ProceedingsStatus


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str


def record_set_specs(record: OaiRecord) -> list[str]:
    """The sets a record is in (its volume's, while the volume exists, and its language's)."""
    specs = [f"{SET_VOLUME}:{record.proceedings.slug}"] if record.proceedings is not None else []
    return [*specs, f"{SET_LANGUAGE}:{record.language}"]


def records_matching(arguments: ListArguments) -> QuerySet[OaiRecord] | None:
    """The records of a list's arguments; None when the set names nothing (noRecordsMatch)."""
    records = OaiRecord.objects.all()
    if arguments.since is not None:
        records = records.filter(datestamp__gte=arguments.since)
    if arguments.until is not None:
        records = records.filter(datestamp__lte=arguments.until)
    kind, _, value = arguments.set_spec.partition(":")
    if not arguments.set_spec or arguments.set_spec in (SET_LANGUAGE, SET_VOLUME):
        # Every record has a language; one whose volume was deleted left the volumes' sets.
        return records.filter(proceedings__slug__isnull=False) if kind == SET_VOLUME else records
    if kind == SET_LANGUAGE and value in Language.values:
        return records.filter(language=value)
    if kind == SET_VOLUME and arguments.volume_id is not None:
        return records.filter(proceedings_id=arguments.volume_id)
    return None


def arguments_resolved(arguments: ListArguments) -> ListArguments:
    """A volume set's volume found by its slug (once, for the first page and the tokens after)."""
    kind, _, slug = arguments.set_spec.partition(":")
    if kind != SET_VOLUME or not slug or arguments.volume_id is not None:
        return arguments
    volume = Proceedings.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return replace(arguments, volume_id=volume)


def after_key(datestamp: datetime, article_id: int) -> RawSQL:
    """(datestamp, article_id) > the key, as one row comparison: PostgreSQL starts the index scan
    right after the key. Spelt as datestamp > d OR (datestamp = d AND id > i) it would read every
    record of the key's second up to the key — all of them in an archive published at once."""
    table = OaiRecord._meta.db_table
    return RawSQL(
        f'("{table}"."datestamp", "{table}"."article_id") > (%s, %s)',
        (datestamp, article_id),
        output_field=BooleanField(),
    )


def records_page(records: QuerySet[OaiRecord], *, after: tuple[datetime, int] | None, size: int) -> list:
    """Up to `size` + 1 records after the key `after` (the extra one says whether a page follows)."""
    if after is not None:
        records = records.filter(after_key(*after))
    return list(
        records.select_related("proceedings")
        .only("article_id", "datestamp", "deleted", "language", "proceedings__slug")
        .order_by("datestamp", "article_id")[: size + 1]
    )


def record_get(article_id: int) -> OaiRecord | None:
    return OaiRecord.objects.select_related("proceedings").filter(pk=article_id).first()


def earliest_datestamp() -> datetime | None:
    return OaiRecord.objects.aggregate(earliest=Min("datestamp"))["earliest"]


def sets_list() -> list[OaiSet]:
    """The published volumes, then the languages. A withdrawn volume is offered no more (its
    records still name it, as deleted ones): a title edited in draft stays unpublished."""
    volumes = (
        Proceedings.objects.filter(status=ProceedingsStatus.PUBLISHED)
        .order_by("-year", "slug")
        .only("slug", "title_kk", "title_ru", "title_en", "conference_name", "year")
    )
    with translation.override("en"):
        languages = [OaiSet(f"{SET_LANGUAGE}:{code}", str(LANGUAGE_NAMES[code])) for code in Language.values]
    return [
        OaiSet(SET_VOLUME, "Volumes of proceedings"),
        *(OaiSet(f"{SET_VOLUME}:{volume.slug}", f"{volume.title()} ({volume.year})") for volume in volumes),
        OaiSet(SET_LANGUAGE, "Articles by language"),
        *languages,
    ]
