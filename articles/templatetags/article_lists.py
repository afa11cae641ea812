"""One article in a list — a volume's contents, a topic's or a person's articles, search results —
rendered in Python.

A contents page shows fifty articles. As a template each item cost about 0.4 ms (an include and
some sixty nodes, a reverse() per link, a gettext per label): two thirds of the page's time at
100,000 articles. Here the labels are translated and the addresses' shapes reversed once per page
(ItemParts, kept on the request), and an item is a handful of escapes and joins. The markup is the
template's, to the byte: `{% article_items page %}` renders a list of `<li>` items, the search
page's hits go through the same parts (articles.templatetags.search_page), and
`articles/_article_item.html` renders one item through `article_item` for a template that loops
itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from articles.addresses import SlugUrl
from articles.models import Article, Language
from articles.templatetags.citation_tags import TOGGLE_HOLE, citation_toggles_html
from authors.models import Role
from proceedings.site.page_cache import hole_marker, punching_holes

register = template.Library()

PARTS_ATTR = "_jinaq_article_item_parts"


class ItemParts:
    """What every item of one page shares: the interface language, its labels (escaped, as
    {% translate %} prints them) and the addresses' shapes."""

    def __init__(self, interface_language: str) -> None:
        self.language = get_language() or "kk"
        self.key = (self.language, interface_language)
        self.interface_language = escape(interface_language)
        self.untitled = escape(gettext("untitled"))
        self.no_authors = f'<span class="muted">{escape(gettext("authors not printed"))}</span>'
        self.supervisor = escape(gettext("supervisor"))
        self.language_title = escape(gettext("Language of the article"))
        self.pages = escape(gettext("pp."))
        # get_language_display(), without building the choices' dict per article.
        self.language_names = {code: escape(str(name)) for code, name in Language.choices}
        self.article_url = SlugUrl("article_detail")
        self.author_url = SlugUrl("author_detail")
        self.volume_url = SlugUrl("volume_detail")
        self.topic_url = SlugUrl("topic_detail")

    def people(self, authorships: list) -> str:
        return ", ".join(
            f'<a href="{self.author_url(a.person.slug)}">{escape(a.person.display_name)}</a>'
            for a in authorships
        )

    def item(self, article: Article, *, show_volume: bool, snippet, toggle: str, level: int = 3) -> str:
        """The item's markup, newlines and indentation as the template printed them; its title a
        heading of `level` (4 under a volume's section headings)."""
        code = escape(article.language)
        lang = self.interface_language
        authorships = article.authorships.all()
        authors = [a for a in authorships if a.role == Role.AUTHOR]
        supervisors = [a for a in authorships if a.role == Role.SUPERVISOR]
        untitled = (
            ""
            if article.has_title
            else f'<span class="badge badge--untitled" lang="{lang}">{self.untitled}</span>'
        )
        supervised = f" · {self.supervisor}: {self.people(supervisors)}" if supervisors else ""
        pages = ""
        if article.first_page:
            pages = f" · {self.pages} {article.first_page}"
            if article.last_page and article.last_page != article.first_page:
                pages += f"–{article.last_page}"
        volume = ""
        if show_volume:
            proceedings = article.proceedings
            volume = (
                f' · <a href="{self.volume_url(proceedings.slug)}">'
                f"{escape(proceedings.localized_name(self.language))}</a>, {proceedings.year}"
            )
        topics = article.topics.all()
        tags = ""
        if topics:
            tags = (
                f'<ul class="tag-list" lang="{lang}">'
                + "".join(
                    f'<li><a class="badge" href="{self.topic_url(topic.slug)}">'
                    f"{escape(topic.localized_name(self.language))}</a></li>"
                    for topic in topics
                )
                + "</ul>"
            )
        found = ""
        if snippet:
            found = f'<p class="search-snippet" lang="{code}">{conditional_escape(snippet)}</p>'
        return (
            f'\n<article class="article-item card" lang="{code}">\n'
            f'  <h{level} class="article-item__title">\n'
            f'    <a href="{self.article_url(article.slug)}">{escape(article.display_title)}</a>\n'
            f"    {untitled}\n"
            f"  </h{level}>\n"
            f'  <p class="article-item__meta" lang="{lang}">\n'
            f"    {self.people(authors) or self.no_authors}\n"
            f"    {supervised}\n"
            f'    · <span class="badge" title="{self.language_title}">'
            f"{self.language_names.get(article.language) or escape(article.language)}</span>\n"
            f"    {pages}\n"
            f"    {volume}\n"
            "  </p>\n"
            f"  {tags}\n"
            f"  {found}\n"
            f"  {toggle}\n"
            "</article>\n"
        )


def item_parts(context: template.Context) -> ItemParts:
    """The page's ItemParts, made on its first item and kept on the request for the others (an
    include renders in a scope of its own: the search page includes the partial per hit)."""
    interface_language = context.get("LANGUAGE_CODE") or ""
    key = (get_language() or "kk", interface_language)
    request = context.get("request")
    parts = getattr(request, PARTS_ATTR, None)
    if parts is None or parts.key != key:
        parts = ItemParts(interface_language)
        if request is not None:
            setattr(request, PARTS_ATTR, parts)
    return parts


def citation_toggles(context: template.Context, slugs: list[str]) -> dict[str, str]:
    """Each article's add-or-remove form (articles.templatetags.citation_tags.citation_toggle), all
    rendered at once when they are not holes of a cached page."""
    request = context.get("request")
    if request is None:
        return dict.fromkeys(slugs, "")
    if punching_holes(request):
        return {slug: hole_marker(TOGGLE_HOLE, slug) for slug in slugs}
    return citation_toggles_html(request, slugs)


@register.simple_tag(takes_context=True)
def article_item(context: template.Context) -> SafeString:
    """The context's `article` as `articles/_article_item.html` shows it (with its `show_volume`
    and `snippet`)."""
    article = context["article"]
    item = item_parts(context).item(
        article,
        show_volume=bool(context.get("show_volume")),
        snippet=context.get("snippet"),
        toggle=citation_toggles(context, [article.slug])[article.slug],
    )
    return mark_safe(item)  # every value in it is escaped


@register.simple_tag(takes_context=True)
def article_items(
    context: template.Context, articles: Iterable[Article], *, show_volume: bool = False, level: int = 3
) -> SafeString:
    """Each of `articles` in an `<li>`, as a loop including `articles/_article_item.html` would."""
    articles = list(articles)
    parts = item_parts(context)
    toggles = citation_toggles(context, [article.slug for article in articles])
    items = "".join(
        "<li>"
        + parts.item(
            article, show_volume=show_volume, snippet=None, toggle=toggles[article.slug], level=level
        )
        + "</li>"
        for article in articles
    )
    return mark_safe(items)  # every value in it is escaped
