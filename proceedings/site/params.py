"""One reading of the query-string values every public page shares: slugs, page numbers, format.

A value that cannot name anything (a NUL byte, a slug with spaces, `page=abc`) is the client's
mistake: `BadParameter` — Django's `BadRequest` — answers 400 with a message in the page's
language (proceedings.site.views.bad_request; JSON for the API and the `?format=json` twins). A
well-formed value that names nothing (a volume that does not exist, a page after the last) stays
a 404. Validating here, before any query, also keeps such values away from the database driver,
which refuses a NUL byte with an exception of its own.
"""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

# What Django's <slug:...> converter and SlugField accept; the longest stored slug is 200.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
PAGE_DIGITS = 9  # no list has a billion pages; longer numbers are not page numbers
FORMATS = ("html", "json")


class BadParameter(BadRequest):
    """A query-string value that cannot be read; its message is shown to the reader."""


def slug_param(params: QueryDict, name: str) -> str:
    """The slug in `name` ('' when absent or empty); BadParameter when it cannot be a slug."""
    value = params.get(name, "")
    return value and checked_slug(value, name=name)


def slug_list_param(params: QueryDict, name: str, *, limit: int) -> list[str]:
    """Every slug given as `name` (repeatable), each checked; at most `limit` of them."""
    values = params.getlist(name)
    if len(values) > limit:
        raise BadParameter(
            _("At most %(limit)d values of “%(name)s” at a time.") % {"limit": limit, "name": name}
        )
    return [checked_slug(value, name=name) for value in values]


def checked_slug(value: str, *, name: str) -> str:
    if not SLUG.fullmatch(value):
        raise BadParameter(
            _("“%(name)s” must be an address name (letters, digits, hyphens).") % {"name": name}
        )
    return value


def page_param(params: QueryDict, name: str = "page") -> int:
    """The page number asked for (1 when absent); BadParameter unless it is a whole number.

    Whether the page exists is the paginator's question (a 404 when it does not)."""
    value = params.get(name, "")
    if not value:
        return 1
    if not (value.isascii() and value.isdigit() and len(value) <= PAGE_DIGITS):
        raise BadParameter(_("A page number is a whole number, like 2."))
    return int(value)


def format_param(request: HttpRequest) -> str:
    """'json' for a page's machine-readable twin, else 'html'; any other value is a 400."""
    value = request.GET.get("format", "") or "html"
    if value not in FORMATS:
        raise BadParameter(_("Unknown format: use format=json, or leave it out for the page."))
    return value
