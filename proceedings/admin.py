from django.contrib import admin

from articles.models import Article
from authors.models import Authorship
from authors.services import person_article_counts_kept
from proceedings.models import Proceedings


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ["position", "title", "language", "first_page", "last_page", "source_start_line"]
    readonly_fields = ["source_start_line"]
    extra = 0
    show_change_link = True
    ordering = ["position"]


@admin.register(Proceedings)
class ProceedingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "conference_name", "place", "status", "updated_at"]
    list_filter = ["status", "year"]
    search_fields = ["title_kk", "title_ru", "title_en", "conference_name", "place", "slug", "isbn"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["source_sha256", "created_at", "updated_at"]
    date_hierarchy = "date_start"
    inlines = [ArticleInline]
    fieldsets = [
        (None, {"fields": ["title_kk", "title_ru", "title_en", "conference_name", "slug", "status"]}),
        (
            "Publication",
            {"fields": ["year", "date_start", "date_end", "place", "publisher", "isbn", "editors"]},
        ),
        ("Source", {"fields": ["source_file", "source_sha256", "created_at", "updated_at"]}),
    ]

    # The status and deleted articles change who has published articles: the author index's
    # stored counts follow (authors.services.person_article_counts_kept).
    def save_related(self, request, form, formsets, change: bool) -> None:
        volume = form.instance.pk
        with person_article_counts_kept(
            authorships=lambda: Authorship.objects.filter(article__proceedings=volume)
        ):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj: Proceedings) -> None:
        volume = obj.pk
        with person_article_counts_kept(
            authorships=lambda: Authorship.objects.filter(article__proceedings=volume)
        ):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        volumes = list(queryset.values_list("pk", flat=True))
        with person_article_counts_kept(
            authorships=lambda: Authorship.objects.filter(article__proceedings__in=volumes)
        ):
            super().delete_queryset(request, queryset)
