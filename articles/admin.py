from django import forms
from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles.counts import article_counts_kept, volume_counts_refresh
from articles.hand_edits import article_hand_edits_record, hand_edited_in_form
from articles.models import Article, Language, Topic
from articles.search.index import article_search_refresh
from articles.services import article_redirect_add
from articles.usage_admin import ArticleUsageAdmin  # noqa: F401 - registers the usage reports
from authors.models import Authorship
from authors.services import person_article_counts_kept
from proceedings.editorial.non_articles import articles_deleted_keeping_lines
from proceedings.editorial.review import importer_warning
from proceedings.section_admin import article_form_with_sections


class AuthorshipInline(admin.StackedInline):
    """One block per person, its fields in three rows: as a table row the printed text, position
    and affiliation made the form 2,860 px wide in a 1,366 px window."""

    model = Authorship
    fields = [("role", "order", "person"), "printed_text", ("position", "affiliation")]
    autocomplete_fields = ["person"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 36})}}


class ArticleAdminForm(forms.ModelForm):
    """Text boxes as tall as what they usually hold: a title is a line or two, not ten."""

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
            "title_display": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
            **{
                f"abstract_{code}": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"})
                for code in Language.values
            },
            "body": forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField"}),
        }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proceedings", "position", "language", "first_page", "has_title"]
    list_filter = ["language", "proceedings", "topics"]
    list_select_related = ["proceedings"]
    search_fields = ["title", "title_display", "slug", "authorships__person__display_name"]
    autocomplete_fields = ["proceedings"]
    filter_horizontal = ["topics"]
    form = ArticleAdminForm
    # What the import and the services keep for themselves: shown, never edited here.
    readonly_fields = [
        "source_start_line", "body_start_line", "source_end_line", "content_hash", "warnings_shown",
        "repeat_of", "former_slugs", "created_at", "updated_at", "pdf_link",
    ]  # fmt: skip
    inlines = [AuthorshipInline]
    # The people (the inline) come right after the first fieldset: change_form.html of this model.
    fieldsets = [
        (None, {"fields": ["title", "title_display", ("proceedings", "position", "section"), "slug"]}),
        (
            gettext_lazy("Abstracts and keywords"),
            {
                "fields": [
                    field for code in Language.values for field in (f"abstract_{code}", f"keywords_{code}")
                ]
            },
        ),
        (gettext_lazy("Language and topics"), {"fields": ["language", "topics"]}),
        (gettext_lazy("Pages"), {"fields": [("first_page", "last_page"), "pdf_link"]}),
        (gettext_lazy("Text"), {"fields": ["body"]}),
        (
            gettext_lazy("Technical"),
            {
                "fields": [
                    ("source_start_line", "body_start_line", "source_end_line"),
                    "content_hash",
                    "warnings_shown",
                    "repeat_of",
                    "former_slugs",
                    ("created_at", "updated_at"),
                ],
                "classes": ["collapse"],
                "description": gettext_lazy(
                    "Kept by the import and the review's fixes; change them there, not here."
                ),
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-article.css"]}

    @admin.display(description=gettext_lazy("importer warnings"))
    def warnings_shown(self, article: Article) -> str:
        """The importer's warnings as the review shows them, in the editor's language."""
        messages = [importer_warning(text).message for text in article.import_warnings]
        if not messages:
            return "—"
        return format_html_join("", "<p>{}</p>", ((message,) for message in messages))

    def get_form(self, request, obj: Article | None = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return article_form_with_sections(form, volume_id=obj.proceedings_id if obj else None)

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

    @admin.display(boolean=True, description=gettext_lazy("Titled"))
    def has_title(self, article: Article) -> bool:
        return article.has_title

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "title":  # an empty box is "none printed" (null), never "" (a constraint)
            kwargs["empty_value"] = None
        return super().formfield_for_dbfield(db_field, request, **kwargs)

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
        # What the editor changed here, merge, split and re-cut keep (articles.hand_edits).
        people_changed = any(formset.has_changed() for formset in formsets if formset.model is Authorship)
        fields = hand_edited_in_form(changed=form.changed_data, people_changed=people_changed)
        article_hand_edits_record(article=form.instance, fields=fields)
        # The search vector is rebuilt whole after every edit, people included: never stale.
        article_search_refresh(article_ids=[article])

    # A deleted article's source lines stay with its volume, listed on the review page with
    # "make it an article again" (proceedings.editorial.non_articles): no line is ever lost.
    # The service keeps the stored counts, the search and the OAI records as "Not an article" does.
    def delete_model(self, request, obj: Article) -> None:
        articles_deleted_keeping_lines(articles=[obj], user=request.user)

    def delete_queryset(self, request, queryset) -> None:
        articles_deleted_keeping_lines(articles=list(queryset), user=request.user)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_kk", "name_ru", "name_en"]
    search_fields = [
        "slug", "name_kk", "name_ru", "name_en", "description", "description_kk", "description_ru",
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["name_en"]}
