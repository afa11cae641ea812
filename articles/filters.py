"""Filters and sorting of a volume's table of contents (django-filter).

A value the form refuses (an unknown language, topic or sort) makes the FilterSet invalid; the
view answers 400 instead of quietly showing an unfiltered list.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Left, Lower, NullIf
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Language, Topic

# Untitled articles sort by their first words, as they are shown.
SORT_TITLE = Lower(
    Coalesce(NullIf("title_display", Value("")), "title", Left("body", 200), output_field=TextField())
)
SORTS = {
    "position": ("position",),
    "title": ("sort_title", "position"),
    "language": ("language", "position"),
}
SORT_CHOICES = [
    ("position", _("Order in the volume")),
    ("title", _("Title")),
    ("language", _("Language")),
]


def topic_choice_label(topic: Topic) -> str:
    """The topic's name in the interface language, with its article count when annotated."""
    name = topic.localized_name(translation.get_language() or "kk")
    count = getattr(topic, "article_count", None)
    return name if count is None else f"{name} ({count})"


class VolumeArticleFilter(django_filters.FilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Language.choices, empty_label=_("All languages")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.none(),
        empty_label=_("All topics"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, empty_label=None, method="sort_by"
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, topics: QuerySet[Topic], **kwargs) -> None:
        """`topics` are the choices of the topic filter: those of the volume's articles."""
        super().__init__(data, queryset, **kwargs)
        self.filters["topic"].queryset = topics
        self.form.fields["topic"].label_from_instance = topic_choice_label

    def sort_by(self, queryset: QuerySet[Article], name: str, value: str) -> QuerySet[Article]:
        if value == "title":
            queryset = queryset.annotate(sort_title=SORT_TITLE)
        return queryset.order_by(*SORTS[value])
