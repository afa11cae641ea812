from django.contrib import admin

from articles.models import Article
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
