"""Reads of proceedings volumes."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from proceedings.models import Proceedings, ProceedingsStatus


def proceedings_published() -> QuerySet[Proceedings]:
    """Volumes readers may see: drafts never leave the admin."""
    return Proceedings.objects.filter(status=ProceedingsStatus.PUBLISHED).annotate(
        article_count=Count("articles")
    )
