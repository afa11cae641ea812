"""Filters and sorting of a volume's table of contents (django-filter).

A value the form refuses (an unknown language, topic or sort) makes the FilterSet invalid; the
view answers 400 instead of quietly showing an unfiltered list.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Left, Lower, NullIf
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from articles.models import Article, Language, Topic

# By title as search sorts titles (SearchEntry.title_key, articles.search.ordering.title_sort_key):
# the Kazakh alphabet's order, Ә after А, where lower-casing sorted Kazakh letters after Я. An
# article the search has not indexed (none once imported) comes after, by its lower-cased title;
# untitled articles by their first words, as they are shown.
SORT_TITLE = Lower(
    Coalesce(NullIf("title_display", Value("")), "title", Left("body", 200), output_field=TextField())
)
SORTS = {
    "position": ("position",),
    "title": (F("search_entry__title_key").asc(nulls_last=True), "sort_title", "position"),
    "language": ("language", "position"),
}
SORT_CHOICES = [
    ("position", _("Order in the volume")),
    ("title", _("Title")),
    ("language", _("Language")),
]


def html_attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False left out, True as a bare name."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(f"{value}")}"'
        for name, value in attrs.items()
        if value is not False
    )


class ListSelect(forms.Select):
    """Django's Select with the markup of its templates (django/forms/widgets/select.html,
    select_option.html, attrs.html) written out here: through the templates each option cost an
    include, and a volume's topic filter has a few dozen options on every contents page."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{html_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts += [
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{html_attributes(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                for option in options
            ]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value in it is escaped


class ListedChoices(ModelChoiceIterator):
    """A VolumeTopicField's options from its one reading of the topics."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)


class VolumeTopicField(ModelChoiceField):
    """The volume's topics read once, in one plain query, for both the check of the chosen one and
    the select's options. Django's field asks the database for each — the check another grouping
    over the volume's articles, the options through QuerySet.iterator(), which on PostgreSQL is a
    server-side cursor (DECLARE, FETCH, CLOSE: three round trips for a few dozen topics)."""

    iterator = ListedChoices

    def listed(self) -> list[Topic]:
        # Kept with the queryset it was read from: a copied field (each form's) has a new one.
        if getattr(self, "_listed", (None,))[0] is not self.queryset:
            self._listed = (self.queryset, list(self.queryset))
        return self._listed[1]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        for topic in self.listed():
            if str(getattr(topic, key)) == str(value):
                return topic
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class VolumeTopicFilter(django_filters.ModelChoiceFilter):
    field_class = VolumeTopicField


def topic_choice_label(topic: Topic) -> str:
    """The topic's name in the interface language, with its article count when annotated."""
    name = topic.localized_name(translation.get_language() or "kk")
    count = getattr(topic, "article_count", None)
    return name if count is None else f"{name} ({count})"


class VolumeArticleFilter(django_filters.FilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Language.choices, empty_label=_("All languages"), widget=ListSelect
    )
    topic = VolumeTopicFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.none(),
        empty_label=_("All topics"),
        widget=ListSelect,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, empty_label=None, method="sort_by", widget=ListSelect
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
