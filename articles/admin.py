from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles.counts import article_counts_kept, volume_counts_refresh
from articles.models import Article, Topic
from articles.search.index import article_search_refresh
from articles.services import article_redirect_add
from articles.usage_admin import ArticleUsageAdmin  # noqa: F401 - registers the usage reports
from authors.models import Authorship
from authors.services import person_article_counts_kept


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    fields = ["role", "order", "person", "printed_text", "position", "affiliation"]
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proceedings", "position", "language", "first_page", "has_title"]
    list_filter = ["language", "proceedings", "topics"]
    list_select_related = ["proceedings"]
    search_fields = ["title", "title_display", "slug", "authorships__person__display_name"]
    autocomplete_fields = ["proceedings"]
    filter_horizontal = ["topics"]
    readonly_fields = [
        "content_hash", "source_start_line", "source_end_line", "created_at", "updated_at", "pdf_link",
    ]  # fmt: skip
    inlines = [AuthorshipInline]
    fieldsets = [
        (
            None,
            {"fields": ["proceedings", "position", "title", "title_display", "language", "slug", "topics"]},
        ),
        ("Abstracts", {"fields": ["abstract_kk", "abstract_ru", "abstract_en"]}),
        ("Keywords", {"fields": ["keywords_kk", "keywords_ru", "keywords_en"]}),
        ("Text", {"fields": ["body", "first_page", "last_page", "pdf_link"]}),
        (
            "Import",
            {
                "fields": [
                    "source_start_line",
                    "source_end_line",
                    "content_hash",
                    "import_warnings",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=gettext_lazy("PDF of the article"))
    def pdf_link(self, article: Article) -> str:
        if not article.pdf:
            return _("none: the volume came as text, or its PDF could not be cut")
        size = filesizeformat(article.pdf_size)
        label = ngettext("%(count)d page, %(size)s", "%(count)d pages, %(size)s", article.pdf_pages or 0)
        return format_html(
            '<a href="{}">{}</a>',
            reverse("article_pdf", args=[article.slug]),
            label % {"count": article.pdf_pages or 0, "size": size},
        )

    @admin.display(boolean=True, description="Titled")
    def has_title(self, article: Article) -> bool:
        return article.has_title

    # Authorship edits, a move to another volume and deletion change who has published articles:
    # the author index's stored counts follow (authors.services.person_article_counts_kept), and
    # so do the volumes' and topics' (articles.counts).
    def save_model(self, request, obj: Article, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "proceedings" in form.changed_data:
            volume_counts_refresh(volumes=[form.initial["proceedings"]])  # the volume it left
        if change and "slug" in form.changed_data:
            article_redirect_add(old_slug=form.initial["slug"], article=obj)  # old links keep working

    def save_related(self, request, form, formsets, change: bool) -> None:
        article = form.instance.pk
        with (
            person_article_counts_kept(authorships=lambda: Authorship.objects.filter(article=article)),
            article_counts_kept(articles=lambda: Article.objects.filter(pk=article)),
        ):
            super().save_related(request, form, formsets, change)
        # The search vector is rebuilt whole after every edit, people included: never stale.
        article_search_refresh(article_ids=[article])

    def delete_model(self, request, obj: Article) -> None:
        article = obj.pk
        with (
            person_article_counts_kept(authorships=lambda: Authorship.objects.filter(article=article)),
            article_counts_kept(articles=lambda: Article.objects.filter(pk=article)),
        ):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        articles = list(queryset.values_list("pk", flat=True))
        with (
            person_article_counts_kept(authorships=lambda: Authorship.objects.filter(article__in=articles)),
            article_counts_kept(articles=lambda: Article.objects.filter(pk__in=articles)),
        ):
            super().delete_queryset(request, queryset)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_kk", "name_ru", "name_en"]
    search_fields = [
        "slug", "name_kk", "name_ru", "name_en", "description", "description_kk", "description_ru",
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["name_en"]}
