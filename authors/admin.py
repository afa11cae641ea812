from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.search.index import article_search_refresh, article_search_refresh_for_people
from articles.usage_admin import usage_link
from authors.models import Authorship, Person
from authors.services import (
    person_article_counts_kept,
    person_merge,
    person_refresh_article_counts,
    person_refresh_match_key,
)
from proceedings.transliteration import former_slugs_joined


class AuthorshipInline(admin.StackedInline):
    """One block per article, as on the article's form: as a table row the printed text, position
    and affiliation made the person's form 2,860 px wide in a 1,366 px window."""

    model = Authorship
    fields = [("article", "role", "order"), "printed_text", ("position", "affiliation")]
    autocomplete_fields = ["article"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 36})}}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["display_name", "position", "affiliation", "orcid", usage_link("articles_usage_person")]
    search_fields = ["display_name", "name_variants", "match_key", "slug", "orcid"]
    list_filter = ["authorships__role"]
    readonly_fields = [
        "match_key",
        "former_slugs",
        "articles_as_author",
        "articles_as_supervisor",
        "created_at",
        "updated_at",
    ]
    inlines = [AuthorshipInline]
    actions = ["merge_people"]

    @admin.action(description=_("Merge the two selected people (the one with more articles is kept)"))
    def merge_people(self, request, queryset) -> None:
        people = sorted(
            queryset,
            key=lambda person: (-(person.articles_as_author + person.articles_as_supervisor), person.pk),
        )
        if len(people) != 2:
            self.message_user(request, _("Select exactly two people to merge."), level=messages.ERROR)
            return
        keep, remove = people
        removed = str(remove)
        # The service writes the history: the kept person's records who merged whom, and when.
        person_merge(keep=keep, remove=remove, user=request.user)
        self.message_user(
            request, _("%(removed)s was merged into %(kept)s.") % {"removed": removed, "kept": keep}
        )

    def save_model(self, request, obj: Person, form, change: bool) -> None:
        person_refresh_match_key(person=obj)
        if change and "slug" in form.changed_data and form.initial.get("slug"):
            # The old address keeps leading here (authors.views.author_detail).
            obj.former_slugs = former_slugs_joined(obj.former_slugs, [form.initial["slug"]], current=obj.slug)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        person_refresh_article_counts(people=[form.instance.pk])
        article_search_refresh_for_people(people=[form.instance.pk])  # names are searchable


@admin.register(Authorship)
class AuthorshipAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "order", "article"]
    list_filter = ["role"]
    list_select_related = ["person", "article"]
    search_fields = ["person__display_name", "printed_text", "article__title"]
    autocomplete_fields = ["person", "article"]

    def save_model(self, request, obj: Authorship, form, change: bool) -> None:
        before = {form.initial.get("person"), obj.person_id} - {None}
        articles = {form.initial.get("article"), obj.article_id} - {None}
        super().save_model(request, obj, form, change)
        person_refresh_article_counts(people=before)
        article_search_refresh(article_ids=articles)

    def delete_model(self, request, obj: Authorship) -> None:
        person, article = obj.person_id, obj.article_id
        super().delete_model(request, obj)
        person_refresh_article_counts(people=[person])
        article_search_refresh(article_ids=[article])

    def delete_queryset(self, request, queryset) -> None:
        articles = set(queryset.values_list("article", flat=True))
        with person_article_counts_kept(authorships=lambda: Authorship.objects.filter(pk__in=queryset)):
            super().delete_queryset(request, queryset)
        article_search_refresh(article_ids=articles)
