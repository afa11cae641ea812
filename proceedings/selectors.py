"""Reads of proceedings volumes."""

from __future__ import annotations

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce

from proceedings.models import Proceedings, ProceedingsStatus

LANGUAGES = ("kk", "ru", "en")


def proceedings_published() -> QuerySet[Proceedings]:
    """Volumes readers may see (drafts never leave the admin), each with `article_count` and
    `count_kk`, `count_ru`, `count_en`: its articles per language, stored by articles.counts so
    a list of volumes never counts their articles."""
    per_language = {
        f"count_{code}": Coalesce(F(f"article_counts__articles_{code}"), Value(0))
        for code in ("kk", "ru", "en")
    }
    return (
        Proceedings.objects.filter(status=ProceedingsStatus.PUBLISHED)
        .annotate(**per_language)
        .annotate(article_count=F("count_kk") + F("count_ru") + F("count_en"))
    )
