"""The answer to a sign-in that django-axes refuses (AXES_LOCKOUT_CALLABLE in settings): the
admin's own sign-in page, saying why and for how long, with status 429 and Retry-After — not
axes' bare line of English text."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

TOO_MANY_REQUESTS = 429
# django-axes' names in the admin (its "Access attempts" list, where an administrator lifts a
# lockout), kept here so `makemessages` keeps their Kazakh and Russian translations in our catalogs.
AXES_ADMIN_STRINGS = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("Attempt Time"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("Path"),
    gettext_noop("Failed Logins"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The sign-in form again (empty: nothing typed is sent back), under the lockout's reason."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "form": AdminAuthenticationForm(request),
        # Where the admin would have gone; the login view checks it again when it is used.
        "next": request.POST.get(REDIRECT_FIELD_NAME) or reverse("admin:index"),
        "lockout_minutes": math.ceil(cool_off.total_seconds() / 60),
    }
    response = render(request, "admin/login_locked_out.html", context, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
