"""Putting a volume online and taking it off: the only writes that change what readers see.

Published volumes' articles are public (articles.selectors.article_published); a draft's never
are. The author index stores how many published articles each person has, so both services
recount the volume's people, and both leave a line in the volume's admin history.
"""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from articles.counts import article_counts_refresh, count_scope
from articles.models import Article
from authors.models import Authorship
from authors.services import person_article_counts_kept
from proceedings.models import ImportJobStatus, Proceedings, ProceedingsStatus
from proceedings.oai_records import oai_records_batched, oai_records_refresh
from proceedings.site.page_cache import page_cache_invalidate


class PublishError(ValueError):
    """A volume that cannot go online yet; the message is for the editor, as is."""


def proceedings_set_status(*, volume: Proceedings, user: AbstractBaseUser, status: str, note: str) -> bool:
    """Give `volume` the `status`; returns False (and writes nothing) when it had it already."""
    volume = Proceedings.objects.select_for_update().get(pk=volume.pk)
    if volume.status == status:
        return False
    page_cache_invalidate()
    with (
        person_article_counts_kept(
            authorships=lambda: Authorship.objects.filter(article__proceedings=volume)
        ),
        oai_records_batched(),
    ):
        volume.status = status
        volume.save(update_fields=["status", "updated_at"])
        # Harvesters see the articles appear, or learn that they are withdrawn (deleted records).
        oai_records_refresh(volume_ids=[volume.pk])
    article_counts_refresh(count_scope(Article.objects.filter(proceedings=volume)))  # its topics' counts
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[volume], action_flag=CHANGE, change_message=note, single_object=True
    )
    return True


@transaction.atomic
def proceedings_publish(*, volume: Proceedings, user: AbstractBaseUser) -> bool:
    """Put the volume online; True when it was a draft. Refused while its import still runs:
    readers would see a volume whose articles are still arriving."""
    importing = volume.import_jobs.filter(status__in=[ImportJobStatus.QUEUED, ImportJobStatus.RUNNING])
    if importing.exists():
        raise PublishError(
            _("“%(volume)s” is still being imported; publish it once the import has finished.")
            % {"volume": volume}
        )
    return proceedings_set_status(
        volume=volume, user=user, status=ProceedingsStatus.PUBLISHED, note=_("Published the volume.")
    )


@transaction.atomic
def proceedings_unpublish(*, volume: Proceedings, user: AbstractBaseUser) -> bool:
    """Take the volume off the site (back to draft); True when it was published."""
    return proceedings_set_status(
        volume=volume,
        user=user,
        status=ProceedingsStatus.DRAFT,
        note=_("Unpublished the volume (back to draft)."),
    )
