"""Keeping proceedings.models.OaiRecord: what harvesters are told, and when it changed.

`oai_records_refresh` is the one writer: for each article it compares the record a harvester would
read now (articles.oai.metadata) with the hash stored, and moves the datestamp only when they
differ; an article that is gone, or whose volume went back to draft, becomes a deleted record
(only if it ever was published: drafts leave no trace). Calling it for an unchanged article costs
a harvester nothing, so the services call it generously, and the signals at the bottom catch
writes that go around the services (the admin, the shell).

A service that changes many rows runs inside `oai_records_batched()`: the signals then only note
the article and volume ids, and one refresh at the end of the block reads each record once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from proceedings.models import OaiRecord, Proceedings

CHUNK = 500


@dataclass
class _Pending:
    article_ids: set[int] = field(default_factory=set)
    volume_ids: set[int] = field(default_factory=set)
    person_ids: set[int] = field(default_factory=set)


_pending: ContextVar[_Pending | None] = ContextVar("oai_records_pending", default=None)


def _now():
    """Datestamps in whole seconds, the protocol's finest granularity."""
    return timezone.now().replace(microsecond=0)


def _article_ids(*, volume_ids: Iterable[int], person_ids: Iterable[int]) -> set[int]:
    from articles.models import Article  # noqa: PLC0415 - articles imports proceedings
    from authors.models import Authorship  # noqa: PLC0415

    ids: set[int] = set()
    volume_ids, person_ids = list(volume_ids), list(person_ids)
    if volume_ids:
        ids |= set(Article.objects.filter(proceedings_id__in=volume_ids).values_list("pk", flat=True))
        ids |= set(OaiRecord.objects.filter(proceedings_id__in=volume_ids).values_list("pk", flat=True))
    if person_ids:
        ids |= set(Authorship.objects.filter(person_id__in=person_ids).values_list("article_id", flat=True))
    return ids


def oai_records_refresh(
    *, article_ids: Iterable[int] = (), volume_ids: Iterable[int] = (), person_ids: Iterable[int] = ()
) -> int:
    """Bring the records of these articles (and of every article of these volumes and people) up to
    date; returns how many records were written. Inside `oai_records_batched` it only notes them."""
    pending = _pending.get()
    if pending is not None:
        pending.article_ids.update(article_ids)
        pending.volume_ids.update(volume_ids)
        pending.person_ids.update(person_ids)
        return 0
    ids = sorted({*article_ids, *_article_ids(volume_ids=volume_ids, person_ids=person_ids)})
    return sum(_refresh_chunk(ids[start : start + CHUNK]) for start in range(0, len(ids), CHUNK))


def _refresh_chunk(ids: list[int]) -> int:
    from articles.oai.metadata import published_records  # noqa: PLC0415 - articles imports proceedings

    stored = OaiRecord.objects.in_bulk(ids)
    live = published_records(ids)
    now = _now()
    created, changed, withdrawn = [], [], []
    for article_id in ids:
        record, data = stored.get(article_id), live.get(article_id)
        if data is None:
            if record is not None and not record.deleted:
                withdrawn.append(article_id)
            continue
        digest = data.digest()
        if record is None:
            created.append(
                OaiRecord(
                    article_id=article_id,
                    proceedings_id=data.proceedings_id,
                    language=data.language,
                    datestamp=now,
                    metadata_hash=digest,
                )
            )
        elif record.deleted or record.metadata_hash != digest:
            record.proceedings_id, record.language = data.proceedings_id, data.language
            record.deleted, record.datestamp, record.metadata_hash = False, now, digest
            changed.append(record)
    # An upsert: a concurrent transaction (an admin save during a publish) may create the same
    # record first; the later write then wins instead of failing the editor's request.
    OaiRecord.objects.bulk_create(
        created,
        update_conflicts=True,
        unique_fields=["article_id"],
        update_fields=["proceedings_id", "language", "deleted", "datestamp", "metadata_hash"],
    )
    OaiRecord.objects.bulk_update(
        changed, ["proceedings_id", "language", "deleted", "datestamp", "metadata_hash"]
    )
    OaiRecord.objects.filter(pk__in=withdrawn).update(deleted=True, datestamp=now, metadata_hash="")
    return len(created) + len(changed) + len(withdrawn)


def oai_records_refresh_all() -> int:
    """Every record checked against its article: after an upgrade that changed what a record says
    (articles.oai.metadata), or to fill the table of an archive written around the services.
    Writes only the records that differ."""
    from articles.models import Article  # noqa: PLC0415 - articles imports proceedings

    published = Article.objects.filter(proceedings__status="published").values_list("pk", flat=True)
    return oai_records_refresh(article_ids={*published, *OaiRecord.objects.values_list("pk", flat=True)})


@contextmanager
def oai_records_batched() -> Iterator[None]:
    """Refresh once, at the end of the block, every record the writes inside it touched. Nested
    blocks join the outermost; an exception skips the refresh (the transaction rolls back)."""
    if _pending.get() is not None:
        yield
        return
    pending = _Pending()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    oai_records_refresh(
        article_ids=pending.article_ids, volume_ids=pending.volume_ids, person_ids=pending.person_ids
    )


def oai_records_deleted(*, article_ids: Iterable[int]) -> int:
    """Mark these articles' records deleted now (the articles are gone); one statement."""
    return OaiRecord.objects.filter(Q(pk__in=list(article_ids)), deleted=False).update(
        deleted=True, datestamp=_now(), metadata_hash=""
    )


# The safety net: writes that go around the services. Connected in proceedings.apps.


def on_article_saved(sender, instance, **kwargs) -> None:
    oai_records_refresh(article_ids=[instance.pk])


def _deleting(origin, *models: type[Model]) -> bool:
    """Whether a deletion started at one of these models (Django's `origin`: an instance or a
    queryset): then the deletion of that object itself tells the records, once for all."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, models)


def on_article_deleted(sender, instance, origin=None, **kwargs) -> None:
    if _deleting(origin, Proceedings):
        return  # on_volume_deleted marks them all in one statement
    if _pending.get() is not None:
        _pending.get().article_ids.add(instance.pk)
    else:
        oai_records_deleted(article_ids=[instance.pk])


def on_authorship_changed(sender, instance, origin=None, **kwargs) -> None:
    from articles.models import Article  # noqa: PLC0415 - articles imports proceedings

    if _deleting(origin, Article, Proceedings):
        return  # the article goes too: its own deletion makes the record a deleted one
    oai_records_refresh(article_ids=[instance.article_id])


def on_volume_deleted(sender, instance, **kwargs) -> None:
    """Every record of the volume's articles, in one statement (the volume's row is gone by now;
    the records keep its id, which no set matches any more)."""
    OaiRecord.objects.filter(proceedings_id=instance.pk, deleted=False).update(
        deleted=True, datestamp=_now(), metadata_hash=""
    )


def on_person_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A new person has no articles yet; a save that leaves the name alone changes no record."""
    if created or (update_fields is not None and "display_name" not in update_fields):
        return
    oai_records_refresh(person_ids=[instance.pk])


def on_volume_saved(sender, instance, created, **kwargs) -> None:
    if not created:
        oai_records_refresh(volume_ids=[instance.pk])
