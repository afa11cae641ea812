"""The editors' review of an imported volume, in the admin: the list of articles with what the
importer found, one article's source beside its fields, the fixes that need the source
(merge with the next article, split at a line, move the header/body boundary), and the answer
to a suspected repeat (remove the copy, or keep it as an article of its own).

Thin views: the reads are `proceedings.editorial.review`, the writes `proceedings.editorial.editing` and
`proceedings.editorial.repeats`; an edit the service refuses comes back as an admin message, never as a
500. Field edits, people and topics stay in the article's own change form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.hand_edits import hand_edited_labels
from articles.models import Article
from proceedings.editorial.editing import (
    ArticleEditError,
    article_body_start_set,
    article_source_lines,
    article_split,
    articles_merge,
    volume_set_aside,
)
from proceedings.editorial.hand_edit_views import hand_edits_confirmation
from proceedings.editorial.hand_edits import HandEditsLostError
from proceedings.editorial.jobs import import_job_status
from proceedings.editorial.repeats import article_repeat_confirm, article_repeat_dismiss
from proceedings.editorial.review import (
    article_neighbours,
    non_article_json,
    review_articles,
    review_row_json,
    review_rows,
    review_summary,
    set_aside_groups,
    set_aside_json,
    volume_lookalikes,
    volume_non_articles,
)
from proceedings.importer.types import SetAside
from proceedings.models import Proceedings

# What an editor needs for every review action; staff outside the Editors group lack them and
# get 403, as everywhere else in the archive's admin.
EDITOR_PERMISSIONS = ("proceedings.change_proceedings", "articles.change_article")
ROWS_PER_PAGE = 100

View = Callable[..., HttpResponse]


def review_urls(admin_site: AdminSite) -> list[URLPattern]:
    """The review's URLs, for ProceedingsAdmin.get_urls (names under the admin namespace)."""
    from proceedings.editorial.non_article_views import non_article_urls  # noqa: PLC0415 - it imports this module

    def editor_view(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_perms(EDITOR_PERMISSIONS):
                raise PermissionDenied
            return view(request, *args, admin_site=admin_site, **kwargs)

        return admin_site.admin_view(guarded)

    return [
        path("<int:volume_id>/review/", editor_view(review_page), name="proceedings_proceedings_review"),
        path(
            "<int:volume_id>/review/<int:article_id>/",
            editor_view(article_review_page),
            name="proceedings_proceedings_review_article",
        ),
        path(
            "<int:volume_id>/review/<int:article_id>/merge-next/",
            editor_view(article_merge_next),
            name="proceedings_proceedings_review_merge",
        ),
        path(
            "<int:volume_id>/review/<int:article_id>/split/",
            editor_view(article_split_at),
            name="proceedings_proceedings_review_split",
        ),
        path(
            "<int:volume_id>/review/<int:article_id>/body-start/",
            editor_view(article_body_start),
            name="proceedings_proceedings_review_body_start",
        ),
        path(
            "<int:volume_id>/review/<int:article_id>/repeat/confirm/",
            editor_view(article_repeat_remove),
            name="proceedings_proceedings_review_repeat_confirm",
        ),
        path(
            "<int:volume_id>/review/<int:article_id>/repeat/dismiss/",
            editor_view(article_repeat_keep),
            name="proceedings_proceedings_review_repeat_dismiss",
        ),
        *non_article_urls(editor_view),
    ]


@admin.display(description=gettext_lazy("review"))
def review_link(volume: Proceedings) -> str:
    """A column of the volumes' list (ProceedingsAdmin.list_display): the way to a volume's review."""
    url = reverse("admin:proceedings_proceedings_review", args=[volume.pk])
    return format_html('<a href="{}">{}</a>', url, _("Review"))


def _admin_context(
    request: HttpRequest, admin_site: AdminSite, volume: Proceedings, *, title: str, status: dict
) -> dict:
    return {
        **admin_site.each_context(request),
        "opts": Proceedings._meta,
        "volume": volume,
        "title": title,
        "import_status": status,
    }


def _set_aside(volume: Proceedings, status: dict) -> tuple[list[SetAside], str]:
    """The lines the import set aside, read again from the stored source; or why they cannot be."""
    if status.get("finished") is False:
        return [], ""
    try:
        return volume_set_aside(proceedings=volume), ""
    except ArticleEditError as error:
        return [], str(error)


def review_page(request: HttpRequest, volume_id: int, *, admin_site: AdminSite) -> HttpResponse:
    volume = Proceedings.objects.filter(pk=volume_id).first()
    status = import_job_status(volume or volume_id)
    if volume is None:
        # A failed import deletes the draft volume it was filling; the editor who was watching
        # it still lands here and learns why.
        if status["status"] == "none":
            raise Http404
        context = {**admin_site.each_context(request), "opts": Proceedings._meta, "import_status": status}
        context["title"] = _("The import failed")
        return TemplateResponse(request, "admin/proceedings/review_failed.html", context, status=404)
    rows = review_rows(articles=review_articles(volume=volume), lookalikes=volume_lookalikes(volume=volume))
    non_articles = volume_non_articles(volume=volume)
    summary = review_summary(
        rows=rows, duplicates_skipped=volume.duplicates_skipped, non_articles=non_articles
    )
    only_warnings = request.GET.get("warnings") == "1"
    shown = [row for row in rows if row.warnings] if only_warnings else rows
    set_aside, set_aside_error = _set_aside(volume, status)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "volume": volume.slug,
                "status": volume.status,
                "import": status,
                "summary": asdict(summary),
                "articles": [review_row_json(row) for row in shown],
                "set_aside": [set_aside_json(line) for line in set_aside],
                "non_articles": [non_article_json(part) for part in non_articles],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    page = Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        **_admin_context(
            request, admin_site, volume, title=_("Review: %(volume)s") % {"volume": volume}, status=status
        ),
        "summary": summary,
        "page": page,
        "only_warnings": only_warnings,
        "set_aside_groups": set_aside_groups(set_aside),
        "set_aside_error": set_aside_error,
        "non_articles": non_articles,
    }
    return TemplateResponse(request, "admin/proceedings/review.html", context)


def _article_of(volume_id: int, article_id: int) -> Article:
    return get_object_or_404(
        Article.objects.select_related("proceedings"), pk=article_id, proceedings=volume_id
    )


def article_review_page(
    request: HttpRequest, volume_id: int, article_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    article = _article_of(volume_id, article_id)
    volume = article.proceedings
    (row,) = review_rows(
        articles=review_articles(volume=volume).filter(pk=article.pk),
        lookalikes=volume_lookalikes(volume=volume),
    )
    before, after = article_neighbours(article=article)
    try:
        source_lines = article_source_lines(article=article)
        source_error = ""
    except ArticleEditError as error:
        source_lines, source_error = [], str(error)
    context = {
        **_admin_context(
            request,
            admin_site,
            volume,
            title=_("Article %(position)s of %(volume)s") % {"position": article.position, "volume": volume},
            status=import_job_status(volume),
        ),
        "row": row,
        "article": row.article,
        "hand_edited": hand_edited_labels(article),
        "source_lines": source_lines,
        "source_error": source_error,
        "before": before,
        "after": after,
    }
    return TemplateResponse(request, "admin/proceedings/review_article.html", context)


def _line_number(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("line", ""))
    except ValueError:
        return None


def _confirmed(request: HttpRequest) -> str:
    """The token of the hand edits the editor agreed to lose (review_confirm_loss.html)."""
    return request.POST.get("confirm", "")


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Back to where the form was (the review list or the article), else to `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _article_url(article: Article) -> str:
    return reverse("admin:proceedings_proceedings_review_article", args=[article.proceedings_id, article.pk])


@require_POST
def article_merge_next(
    request: HttpRequest, volume_id: int, article_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    article = _article_of(volume_id, article_id)
    after = article_neighbours(article=article)[1]
    if after is None:
        messages.error(
            request, _("This is the volume's last article: there is no next one to merge it with.")
        )
        return _back(request, _article_url(article))
    try:
        merged = articles_merge(first=article, second=after, user=request.user, confirmed=_confirmed(request))
    except HandEditsLostError as asking:
        action = _("Merging article %(first)s with article %(second)s") % {
            "first": article.position,
            "second": after.position,
        }
        return hand_edits_confirmation(
            request, admin_site=admin_site, article=article, asking=asking, action=action
        )
    except ArticleEditError as error:
        messages.error(request, str(error))
        return _back(request, _article_url(article))
    messages.success(
        request,
        _("Articles %(first)s and %(second)s are now one: article %(first)s.")
        % {"first": article.position, "second": after.position},
    )
    return _back(request, _article_url(merged))


@require_POST
def article_split_at(
    request: HttpRequest, volume_id: int, article_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    article = _article_of(volume_id, article_id)
    line = _line_number(request)
    if line is None:
        messages.error(request, _("Choose the line where the new article starts."))
        return HttpResponseRedirect(_article_url(article))
    try:
        first, second = article_split(
            article=article, at_line=line, user=request.user, confirmed=_confirmed(request)
        )
    except HandEditsLostError as asking:
        action = _("Splitting the article at line %(line)s") % {"line": line}
        return hand_edits_confirmation(
            request, admin_site=admin_site, article=article, asking=asking, action=action
        )
    except ArticleEditError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(_article_url(article))
    messages.success(
        request,
        _("Split at line %(line)s: article %(second)s now starts there.")
        % {"line": line, "second": second.position},
    )
    return HttpResponseRedirect(_article_url(first))


@require_POST
def article_body_start(
    request: HttpRequest, volume_id: int, article_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    article = _article_of(volume_id, article_id)
    line = _line_number(request)
    if line is None:
        messages.error(request, _("Choose the line where the text starts."))
        return HttpResponseRedirect(_article_url(article))
    try:
        article = article_body_start_set(
            article=article, body_start_line=line, user=request.user, confirmed=_confirmed(request)
        )
    except HandEditsLostError as asking:
        action = _("Starting the text at line %(line)s") % {"line": line}
        return hand_edits_confirmation(
            request, admin_site=admin_site, article=article, asking=asking, action=action
        )
    except ArticleEditError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(_article_url(article))
    messages.success(
        request, _("The text now starts at line %(line)s; the lines above are the header.") % {"line": line}
    )
    return HttpResponseRedirect(_article_url(article))


def _review_url(volume_id: int, anchor: Article | None = None) -> str:
    url = reverse("admin:proceedings_proceedings_review", args=[volume_id])
    return f"{url}#article-{anchor.pk}" if anchor is not None else url


@require_POST
def article_repeat_remove(
    request: HttpRequest, volume_id: int, article_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    """ "It is a repeat": the copy goes; back to the review list at the original."""
    article = _article_of(volume_id, article_id)
    try:
        original = article_repeat_confirm(article=article, user=request.user)
    except ArticleEditError as error:
        messages.error(request, str(error))
        return _back(request, _article_url(article))
    messages.success(
        request,
        _("The repeat at lines %(start)s–%(end)s was removed; article %(position)s is the one kept.")
        % {"start": article.source_start_line, "end": article.source_end_line, "position": original.position},
    )
    return _back(request, _review_url(volume_id, original))


@require_POST
def article_repeat_keep(
    request: HttpRequest, volume_id: int, article_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    """ "Not a repeat": the pointer and the warning go, the article stays."""
    article = _article_of(volume_id, article_id)
    try:
        article = article_repeat_dismiss(article=article, user=request.user)
    except ArticleEditError as error:
        messages.error(request, str(error))
        return _back(request, _article_url(article))
    messages.success(
        request, _("Article %(position)s is kept as an article of its own.") % {"position": article.position}
    )
    return _back(request, _article_url(article))
