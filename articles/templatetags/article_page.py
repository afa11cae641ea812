"""Pieces of the article page rendered in Python: its people, its related articles and the
metadata tags of its <head>.

Every article page is made for its first reader (at 100,000 articles most are asked for rarely),
so what it costs to render is what the site costs. As templates these pieces were a third of the
page's rendering: an include per related article and per list of people, a reverse() per link,
a node per tag attribute (~0.9 ms of ~2.9 ms). The markup is the templates' to the byte (pages of
jinaq_bench diffed before and after), addresses through articles.addresses.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import quote

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from articles.addresses import SlugUrl
from articles.models import Article
from articles.presentation import HeadTag

register = template.Library()


@register.simple_tag
def person_list(authorships: Iterable) -> SafeString:
    """Authors or supervisors with their position and affiliation at the time of the article."""
    author_url = SlugUrl("author_detail")
    items = []
    for authorship in authorships:
        person = authorship.person
        position, affiliation = authorship.position, authorship.affiliation
        details = ""
        if position or affiliation:
            comma = ", " if position and affiliation else ""
            details = f'<span class="people__details">{escape(position)}{comma}{escape(affiliation)}</span>'
        items.append(
            "\n"
            '  <li class="people__item">\n'
            f'    <a class="people__name" href="{author_url(person.slug)}">'
            f"{escape(person.display_name)}</a>\n"
            f"    {details}\n"
            "  </li>\n"
            "  "
        )
    return mark_safe('\n<ul class="people">\n  ' + "".join(items) + "\n</ul>\n")


@register.simple_tag
def related_links(related: Iterable[Article]) -> SafeString:
    """The related articles' `<li>` links: title (or first words, marked untitled), people, year."""
    article_url = SlugUrl("article_detail")
    untitled = f'<span class="badge badge--untitled">{escape(gettext("untitled"))}</span>'
    items = []
    for article in related:
        names = ", ".join(escape(authorship.person.display_name) for authorship in article.authors)
        items.append(
            "<li>\n"
            f'<a class="article-link__title" href="{article_url(article.slug)}" '
            f'lang="{escape(article.language)}">{escape(article.display_title)}</a>\n'
            f"{'' if article.has_title else untitled}\n"
            f'<span class="article-link__meta">{names}{" · " if names else ""}'
            f"{article.proceedings.year}</span>\n"
            "</li>"
        )
    return mark_safe("".join(items))


@register.simple_tag
def keyword_links(terms: Iterable[str], search_url: str) -> SafeString:
    """Each keyword a link to a search for it as a phrase (`?q="медиа сауаттылығы"`)."""
    return mark_safe(
        "".join(
            f'<li><a class="keyword" href="{escape(search_url)}?q={quote(chr(34) + term + chr(34))}">'
            f"{escape(term)}</a></li>"
            for term in terms
        )
    )


@register.simple_tag
def meta_tags(tags: Iterable[HeadTag]) -> SafeString:
    """Scholar, Dublin Core and OpenGraph <meta> tags, one a line."""
    return mark_safe(
        "".join(
            f'<meta {escape(tag.attribute)}="{escape(tag.key)}" content="{escape(tag.content)}">\n  '
            for tag in tags
        )
    )
