"""The review's "not an article" and "make it an article again", in the admin.

Thin views over `proceedings.editorial.non_articles`. "Not an article" is asked from the review
list and an article's review page (a button that asks first, as merge does) and from the
article's admin page (a link to a page that asks, since the admin's own pages run no script of
ours); both come back to the review list, where the lines are shown as front matter.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proceedings.editorial.editing import ArticleEditError
from proceedings.editorial.hand_edit_views import hand_edits_confirmation
from proceedings.editorial.hand_edits import HandEditsLostError, lost_token
from proceedings.editorial.non_articles import (
    article_not_an_article,
    hand_edits_not_kept,
    non_article_restore,
)
from proceedings.editorial.review_views import View, _admin_context, _article_of, _confirmed
from proceedings.models import NonArticlePart


def non_article_urls(editor_view: Callable[[View], View]) -> list[URLPattern]:
    """For review_views.review_urls, which hands over its guard (editors only, in the admin)."""
    return [
        path(
            "<int:volume_id>/review/<int:article_id>/not-an-article/",
            editor_view(article_not_an_article_view),
            name="proceedings_proceedings_review_not_an_article",
        ),
        path(
            "<int:volume_id>/review/non-article/<int:part_id>/restore/",
            editor_view(require_POST(non_article_restore_view)),
            name="proceedings_proceedings_review_non_article_restore",
        ),
    ]


def review_url(volume_id: int, anchor: str = "") -> str:
    url = reverse("admin:proceedings_proceedings_review", args=[volume_id])
    return f"{url}#{anchor}" if anchor else url


def article_not_an_article_view(
    request: HttpRequest, volume_id: int, article_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    """GET: what will happen, and a button; POST: the article's lines become front matter."""
    article = _article_of(volume_id, article_id)
    if request.method != "POST":
        context = {
            **_admin_context(
                request,
                admin_site,
                article.proceedings,
                title=_("Not an article: %(article)s") % {"article": article},
                status={},
            ),
            "article": article,
            "lost": (lost := hand_edits_not_kept(article)),
            "token": lost_token(lost),
        }
        return TemplateResponse(request, "admin/proceedings/review_not_an_article.html", context)
    try:
        part = article_not_an_article(article=article, user=request.user, confirmed=_confirmed(request))
    except HandEditsLostError as asking:
        action = _("Making article %(position)s front matter") % {"position": article.position}
        return hand_edits_confirmation(
            request, admin_site=admin_site, article=article, asking=asking, action=action
        )
    except ArticleEditError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(review_url(volume_id, f"article-{article.pk}"))
    messages.success(
        request,
        _("Lines %(start)d–%(end)d are the volume’s front matter now, no longer article %(position)d.")
        % {"start": part.source_start_line, "end": part.source_end_line, "position": article.position},
    )
    return HttpResponseRedirect(review_url(volume_id, f"non-article-{part.pk}"))


def non_article_restore_view(
    request: HttpRequest, volume_id: int, part_id: int, *, admin_site: AdminSite
) -> HttpResponse:
    """POST only: the part's lines become an article again; back to it in the review list."""
    part = get_object_or_404(NonArticlePart, pk=part_id, proceedings=volume_id)
    try:
        article = non_article_restore(part=part, user=request.user)
    except ArticleEditError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(review_url(volume_id, f"non-article-{part.pk}"))
    messages.success(
        request,
        _("Lines %(start)d–%(end)d are article %(position)d again.")
        % {"start": article.source_start_line, "end": article.source_end_line, "position": article.position},
    )
    return HttpResponseRedirect(review_url(volume_id, f"article-{article.pk}"))
