from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.counts import article_counts_kept
from articles.models import Article
from articles.usage_admin import usage_link
from authors.models import Authorship
from authors.services import person_article_counts_kept
from proceedings.article_pdfs import article_pdfs_recut, is_pdf_source
from proceedings.editorial.editing_source import ArticleEditError
from proceedings.editorial.job_messages import import_job_message
from proceedings.editorial.jobs import import_job_create, import_job_status, import_jobs_fail_stale
from proceedings.editorial.publishing import PublishError, proceedings_publish, proceedings_unpublish
from proceedings.editorial.review_views import review_link, review_urls
from proceedings.editorial.uploads import VolumeUploadForm, volume_slug_from_title
from proceedings.models import LOCALIZED_FACTS, ImportJob, ImportJobStatus, Proceedings
from proceedings.section_admin import SectionInline

RECENT_FAILURES = 5  # failed uploads listed on the upload page (their volumes are gone)

# The archive's name at the top of every admin page, in the editor's language.
admin.site.site_header = gettext_lazy("Jinaq administration")
admin.site.site_title = gettext_lazy("Jinaq administration")


class ArticleInline(admin.TabularInline):
    """The volume's contents as a short read-only list, each title a way to the article's form and
    to its row of the review, where articles are edited: as a table of text boxes it made the
    volume's form 1,510 px wide in a 1,366 px window."""

    model = Article
    fields = ["position", "title_links", "language", "pages"]
    readonly_fields = fields
    extra = 0
    ordering = ["position"]

    class Media:
        css = {"all": ["css/admin-volume.css"]}

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # an article is made by an import or a split, with its source lines

    @admin.display(description=gettext_lazy("title"))
    def title_links(self, article: Article) -> str:
        change = reverse("admin:articles_article_change", args=[article.pk])
        review = reverse("admin:proceedings_proceedings_review", args=[article.proceedings_id])
        return format_html(
            '<a href="{}" lang="{}">{}</a> · <a href="{}#article-{}" class="inline-review-link">{}</a>',
            change, article.language, article.display_title,
            review, article.pk, _("review"),
        )  # fmt: skip

    @admin.display(description=gettext_lazy("pages"))
    def pages(self, article: Article) -> str:
        if article.first_page and article.last_page and article.first_page != article.last_page:
            return f"{article.first_page}–{article.last_page}"
        return str(article.first_page or "")

    # An article is deleted on its own page (or from the articles' list), which keeps its source
    # lines with the volume (proceedings.editorial.non_articles); a formset's delete would drop them.
    can_delete = False


@admin.register(Proceedings)
class ProceedingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__", "year_plain", "conference_name", "place", "status", "updated_at", review_link,
        usage_link("articles_usage_volume"),
    ]  # fmt: skip
    list_filter = ["status", "year"]
    search_fields = [
        "title_kk", "title_ru", "title_en", "conference_name", "conference_name_kk", "conference_name_ru",
        "conference_name_en", "place", "slug", "isbn",
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["source_sha256", "created_at", "updated_at"]
    date_hierarchy = "date_start"
    inlines = [SectionInline, ArticleInline]
    actions = ["publish_selected", "unpublish_selected", "cut_article_pdfs"]

    @admin.display(description=gettext_lazy("year"), ordering="year")
    def year_plain(self, volume: Proceedings) -> str:
        return str(volume.year)  # a year is not a quantity: no thousands separator ('2 025')

    change_list_template = "admin/proceedings/upload_change_list.html"
    fieldsets = [
        (None, {"fields": ["title_kk", "title_ru", "title_en", "conference_name", "slug", "status"]}),
        (
            gettext_lazy("Publication"),
            {"fields": ["year", "date_start", "date_end", "place", "publisher", "isbn", "editors"]},
        ),
        # Shown (and cited) in the page's or the list's language where given; blank: as printed.
        (
            gettext_lazy("In each language"),
            {
                "fields": [f"{fact}_{code}" for fact in LOCALIZED_FACTS for code in ("kk", "ru", "en")],
                "classes": ["collapse"],
                "description": gettext_lazy(
                    "The conference, place and publisher in each language, where they differ from"
                    " the printed ones; pages and reference lists in that language show them."
                ),
            },
        ),
        (
            gettext_lazy("Source file"),
            {"fields": ["source_file", "source_sha256", "created_at", "updated_at"]},
        ),
    ]

    # The status and deleted articles change who has published articles: the author index's
    # stored counts follow (authors.services.person_article_counts_kept).
    def save_related(self, request, form, formsets, change: bool) -> None:
        volume = form.instance.pk
        with (
            person_article_counts_kept(
                authorships=lambda: Authorship.objects.filter(article__proceedings=volume)
            ),
            article_counts_kept(articles=lambda: Article.objects.filter(proceedings=volume)),
        ):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj: Proceedings) -> None:
        volume = obj.pk
        with (
            person_article_counts_kept(
                authorships=lambda: Authorship.objects.filter(article__proceedings=volume)
            ),
            article_counts_kept(articles=lambda: Article.objects.filter(proceedings=volume)),
        ):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        volumes = list(queryset.values_list("pk", flat=True))
        with (
            person_article_counts_kept(
                authorships=lambda: Authorship.objects.filter(article__proceedings__in=volumes)
            ),
            article_counts_kept(articles=lambda: Article.objects.filter(proceedings__in=volumes)),
        ):
            super().delete_queryset(request, queryset)

    # The editor's way in for a new volume: upload, background import, status, publish.
    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("upload/", view(self.upload_view), name="proceedings_proceedings_upload"),
            path("upload/slug/", view(self.upload_slug_view), name="proceedings_proceedings_upload_slug"),
            path(
                "<int:volume_id>/import-status/",
                view(self.import_status_view),
                name="proceedings_proceedings_import_status",
            ),
            path("<int:volume_id>/publish/", view(self.publish_view), name="proceedings_proceedings_publish"),
            path(
                "<int:volume_id>/unpublish/",
                view(self.unpublish_view),
                name="proceedings_proceedings_unpublish",
            ),
            *review_urls(self.admin_site),
            *super().get_urls(),
        ]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        import_jobs_fail_stale()  # frees the files of imports that died with their worker
        form = VolumeUploadForm(
            request.POST or None, request.FILES or None, max_bytes=settings.JINAQ_IMPORT_MAX_BYTES
        )
        if request.method == "POST" and form.is_valid():
            try:
                job = import_job_create(
                    metadata=form.metadata,
                    data=form.source_data,
                    filename=form.cleaned_data["source"].name,
                    kind=form.source_kind,
                    user=request.user,
                    language=translation.get_language() or "",
                )
            except IntegrityError:  # the same file or slug, submitted twice at the same moment
                form.add_error(None, _("This file or slug was uploaded a moment ago; look in the list."))
            else:
                self.message_user(
                    request, _("The file is uploaded; its import runs in the background."), messages.SUCCESS
                )
                return HttpResponseRedirect(volume_page_url(job.volume_key))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Upload a proceedings volume"),
            "form": form,
            "max_bytes": settings.JINAQ_IMPORT_MAX_BYTES,
            # Each failure's reason in this editor's language, whoever uploaded the file.
            "failures": [
                (job, import_job_message(job))
                for job in ImportJob.objects.filter(status=ImportJobStatus.FAILED)[:RECENT_FAILURES]
            ],
        }
        return TemplateResponse(request, "admin/proceedings/upload.html", context)

    def upload_slug_view(self, request: HttpRequest) -> JsonResponse:
        """The slug the upload form would make of these titles: its script fills the field as the
        editor types (Django's prepopulated fields would drop Kazakh letters)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        year = request.GET.get("year", "")
        slug = volume_slug_from_title(
            titles=request.GET.getlist("title"), year=int(year) if year.isdigit() else None
        )
        return JsonResponse({"slug": slug})

    def import_status_view(self, request: HttpRequest, volume_id: int) -> JsonResponse:
        """The latest upload's state; still answers after a failed import removed the volume."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        # admin_view marks it never to be cached: the bar must show the present state.
        return JsonResponse(import_job_status(volume_id), json_dumps_params={"ensure_ascii": False})

    @staticmethod
    def back(request: HttpRequest, volume: Proceedings) -> HttpResponseRedirect:
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(volume_page_url(volume.pk))

    @method_decorator(require_POST)
    def publish_view(self, request: HttpRequest, volume_id: int) -> HttpResponse:
        volume = get_object_or_404(Proceedings, pk=volume_id)
        if not self.has_change_permission(request, volume):
            raise PermissionDenied
        try:
            if proceedings_publish(volume=volume, user=request.user):
                self.message_user(request, _("“%(volume)s” is on the public site.") % {"volume": volume})
        except PublishError as refusal:
            self.message_user(request, str(refusal), level=messages.ERROR)
        return self.back(request, volume)

    @method_decorator(require_POST)
    def unpublish_view(self, request: HttpRequest, volume_id: int) -> HttpResponse:
        volume = get_object_or_404(Proceedings, pk=volume_id)
        if not self.has_change_permission(request, volume):
            raise PermissionDenied
        if proceedings_unpublish(volume=volume, user=request.user):
            self.message_user(
                request, _("“%(volume)s” is a draft again; readers no longer see it.") % {"volume": volume}
            )
        return self.back(request, volume)

    @admin.action(description=gettext_lazy("Publish the selected volumes"), permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset) -> None:
        changed = 0
        for volume in queryset:
            try:
                changed += proceedings_publish(volume=volume, user=request.user)
            except PublishError as refusal:
                self.message_user(request, str(refusal), level=messages.ERROR)
        self.message_user(request, _("Volumes published: %(count)d.") % {"count": changed})

    @admin.action(description=gettext_lazy("Unpublish the selected volumes"), permissions=["change"])
    def unpublish_selected(self, request: HttpRequest, queryset) -> None:
        changed = sum(proceedings_unpublish(volume=volume, user=request.user) for volume in queryset)
        self.message_user(request, _("Volumes back to draft: %(count)d.") % {"count": changed})

    @admin.action(
        description=gettext_lazy("Cut the articles’ PDFs again from the volume’s PDF"), permissions=["change"]
    )
    def cut_article_pdfs(self, request: HttpRequest, queryset) -> None:
        for volume in queryset:
            try:
                cut = article_pdfs_recut(proceedings=volume)
            except ArticleEditError as refusal:
                self.message_user(request, f"{volume}: {refusal}", level=messages.ERROR)
                continue
            if is_pdf_source(volume):
                self.message_user(
                    request,
                    _("“%(volume)s”: %(cut)d of %(total)d articles have a PDF of their own.")
                    % {"volume": volume, "cut": cut, "total": volume.articles.count()},
                )
            else:
                self.message_user(
                    request,
                    _("“%(volume)s” came as text, not as a PDF: its articles have no PDFs to cut.")
                    % {"volume": volume},
                    level=messages.WARNING,
                )


def volume_page_url(volume_id: int) -> str:
    """The volume's review page: the import's progress, its articles, publish and unpublish."""
    return reverse("admin:proceedings_proceedings_review", args=[volume_id])
