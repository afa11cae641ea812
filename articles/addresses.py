"""Addresses of pages named by a slug, for lists that link hundreds of them.

reverse() matches the view's whole pattern every time (~10 µs); a contents page and its JSON twin
link each article, person, topic and volume. The shape of a view's address — what comes before and
after the slug in this language, script prefix and URLconf — is reversed once and the slug put in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What the `slug` path converter accepts: such a slug goes into an address as it is (no quoting).
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_STAND_IN = "jinaq-slug-stand-in"


@lru_cache(maxsize=64)
def _shape(view_name: str, language: str | None, script_prefix: str, resolver: object) -> tuple[str, str]:
    """The address of `view_name` around its slug. The arguments other than the name are the
    cache's key only: reverse() reads them from the request's thread."""
    prefix, suffix = reverse(view_name, args=[SLUG_STAND_IN]).split(SLUG_STAND_IN)
    return prefix, suffix


class SlugUrl:
    """reverse(view_name, args=[slug]) for many slugs of one page: the shape taken once. A slug the
    converter would refuse goes through reverse() itself, which raises as {% url %} would."""

    def __init__(self, view_name: str) -> None:
        self.view_name = view_name
        self.prefix, self.suffix = _shape(
            view_name, get_language(), get_script_prefix(), get_resolver(get_urlconf())
        )

    def __call__(self, slug: str) -> str:
        if PLAIN_SLUG.fullmatch(slug):
            return self.prefix + slug + self.suffix
        return reverse(self.view_name, args=[slug])


def slug_url(view_name: str, slug: str) -> str:
    """reverse(view_name, args=[slug]), the shape cached (see the module's docstring)."""
    return SlugUrl(view_name)(slug)
