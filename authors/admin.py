from django.contrib import admin

from authors.models import Authorship, Person
from authors.services import person_refresh_match_key


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    fields = ["article", "role", "order", "printed_text", "position", "affiliation"]
    autocomplete_fields = ["article"]
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["display_name", "position", "affiliation", "orcid"]
    search_fields = ["display_name", "name_variants", "match_key", "slug", "orcid"]
    list_filter = ["authorships__role"]
    readonly_fields = ["match_key", "created_at", "updated_at"]
    inlines = [AuthorshipInline]

    def save_model(self, request, obj: Person, form, change: bool) -> None:
        person_refresh_match_key(person=obj)
        super().save_model(request, obj, form, change)


@admin.register(Authorship)
class AuthorshipAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "order", "article"]
    list_filter = ["role"]
    list_select_related = ["person", "article"]
    search_fields = ["person__display_name", "printed_text", "article__title"]
    autocomplete_fields = ["person", "article"]
