"""The page that asks before a fix gives up values an editor changed by hand.

A merge, split or re-cut that cannot keep every hand edit (proceedings.editorial.hand_edits)
is refused by its service with the exact list; the review's view shows it here, and the form
posts the same fix again with the token of that list. Nothing is written until then, and a
list that changed in between (someone edited the article meanwhile) is asked about again.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from articles.models import Article
from proceedings.editorial.hand_edits import HandEditsLostError
from proceedings.models import Proceedings

# What the fix's own form posted that must go back with the confirmation.
REPOSTED = ("line", "next")


def hand_edits_confirmation(
    request: HttpRequest, *, admin_site: AdminSite, article: Article, asking: HandEditsLostError, action: str
) -> TemplateResponse:
    context = {
        **admin_site.each_context(request),
        "opts": Proceedings._meta,
        "volume": article.proceedings,
        "article": article,
        "title": _("Values edited by hand would be lost"),
        "action": action,
        "lost": asking.lost,
        "token": asking.token,
        "reposted": [(name, request.POST[name]) for name in REPOSTED if name in request.POST],
    }
    return TemplateResponse(request, "admin/proceedings/review_confirm_loss.html", context)
