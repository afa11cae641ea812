"""Usage statistics in the admin: per-volume and per-person reports for editors, with CSV.

Every staff member may read them (they hold no personal data); nobody edits the counts by hand.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import ArticleUsage
from articles.usage_reports import person_usage_articles, report_csv, usage_report, volume_usage_articles
from authors.models import Person
from proceedings.models import Proceedings


@admin.register(ArticleUsage)
class ArticleUsageAdmin(admin.ModelAdmin):
    list_display = ["article", "month", "metric", "count"]
    list_filter = ["metric", "month"]
    list_select_related = ["article"]
    search_fields = ["article__slug", "article__title_display"]

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        report = self.admin_site.admin_view
        return [
            path("volume/<int:pk>/", report(self.volume_report), name="articles_usage_volume"),
            path("person/<int:pk>/", report(self.person_report), name="articles_usage_person"),
            *super().get_urls(),
        ]

    def volume_report(self, request: HttpRequest, pk: int) -> HttpResponse:
        volume = get_object_or_404(Proceedings, pk=pk)
        return self._report(request, title=str(volume), articles=volume_usage_articles(volume))

    def person_report(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(Person, pk=pk)
        return self._report(request, title=person.display_name, articles=person_usage_articles(person))

    def _report(self, request: HttpRequest, *, title: str, articles) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        report = usage_report(title=title, articles=articles, today=timezone.localdate())
        if request.GET.get("format") == "csv":

            def article_url(article):
                return request.build_absolute_uri(reverse("article_detail", kwargs={"slug": article.slug}))

            response = HttpResponse(
                report_csv(report, article_url=article_url), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="usage-{slugify(title) or "report"}.csv"'
            return response
        context = {
            **self.admin_site.each_context(request),
            "title": _("Usage: %(name)s") % {"name": title},
            "report": report,
            "totals": report.totals(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/usage_report.html", context)


def usage_link(url_name: str):
    """A list column of the volumes' or people's admin linking to their usage report."""

    @admin.display(description=gettext_lazy("usage"))
    def link(obj) -> str:
        return format_html('<a href="{}">{}</a>', reverse(f"admin:{url_name}", args=[obj.pk]), _("report"))

    return link
