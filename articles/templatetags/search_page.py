"""The search page's hits and facets, rendered in Python.

A broad search lists two or three hundred facet values (volumes above all); as a template loop
each link cost some twenty nodes, a third of the results page's rendering. The markup is
`articles/_facet.html`'s as it was, to the byte (tests/articles/search/test_search_views.py).
The hits are the list items of articles.templatetags.article_lists, their citation forms
rendered once for the page rather than once a hit (as including `_article_item.html` per hit
did), in the markup the search page's loop printed.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from articles.templatetags.article_lists import citation_toggles, item_parts

register = template.Library()


@register.simple_tag(takes_context=True)
def search_hits(context: template.Context, hits: list) -> SafeString:
    """Each (article, snippet) of `hits` in an `<li>`, with its volume, as the page's loop over
    `articles/_article_item.html` printed them."""
    parts = item_parts(context)
    toggles = citation_toggles(context, [article.slug for article, _ in hits])
    return mark_safe(  # every value in an item is escaped (ItemParts.item)
        "".join(
            "\n      <li>\n        "
            + parts.item(article, show_volume=True, snippet=snippet, toggle=toggles[article.slug])
            + "\n      </li>\n      "
            for article, snippet in hits
        )
    )


SELECTED = ' aria-current="true" class="facet__link--selected"'


@register.simple_tag
def facet_section(title: str, links: list) -> SafeString:
    """One facet: its title and its links (articles.search.views.FacetLink), or nothing."""
    if not links:
        return mark_safe("")
    note = escape(gettext("(selected; follow to remove)"))
    count = count_format()
    items = "".join(
        f'\n    <li><a href="{escape(link.url)}"{SELECTED if link.selected else ""}>'
        f'{escape(link.label)}</a> <span class="facet__count">{count(link.count)}</span>'
        + (f' <span class="visually-hidden">{note}</span>' if link.selected else "")
        + "</li>\n    "
        for link in links
    )
    return mark_safe(  # every value escaped above
        '\n<section class="facet">\n'
        f'  <h3 class="facet__title">{escape(title)}</h3>\n'
        f'  <ul class="facet__list">\n    {items}\n  </ul>\n</section>\n'
    )


def count_format() -> Callable[[int], str]:
    """localize() for counts, its grouping read once: `{{ count }}` in this language ('12,345',
    '12 345'), which formatted each of hundreds of counts anew (half of this tag's time)."""
    sample = 1234567
    separator = localize(sample)[1:-6]
    if localize(sample) == f"{sample:,}".replace(",", separator):
        return lambda n: f"{n:,}".replace(",", separator)
    return localize  # another grouping: each count formatted in full
