"""An article as schema.org `ScholarlyArticle` JSON-LD, for search engines' structured data.

Pure over an article fetched by `articles.browse.article_page` (no queries); the page embeds it
in a `<script type="application/ld+json">` block, escaped so no text can close the block.
"""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from articles.models import Article

# What may not appear raw inside a <script> block (Django's json_script escapes the same).
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def person(name: str) -> dict:
    return {"@type": "Person", "name": name}


def scholarly_article(article: Article, *, url: str, pdf: str | None) -> dict:
    """The JSON-LD object; `url` and `pdf` are absolute. An untitled article has no headline:
    the first words the page shows are not its title."""
    volume = article.proceedings
    data: dict = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "url": url,
        "inLanguage": article.language,
        "datePublished": str(volume.year),
    }
    if article.has_title:
        data["headline"] = data["name"] = article.display_title
    if authors := [person(authorship.person.display_name) for authorship in article.authors]:
        data["author"] = authors
    # A supervisor (ғылыми жетекші / научный руководитель) contributed, but did not write it.
    if supervisors := [person(authorship.person.display_name) for authorship in article.supervisors]:
        data["contributor"] = supervisors
    if abstracts := article.abstracts():
        data["abstract"] = abstracts.get(article.language) or next(iter(abstracts.values()))
    if terms := article.keyword_terms():
        data["keywords"] = terms
    if article.first_page:
        data["pageStart"] = article.first_page
    if article.last_page:
        data["pageEnd"] = article.last_page
    book: dict = {"@type": "Book", "name": volume.title(article.language)}
    if volume.isbn:
        book["isbn"] = volume.isbn
    if volume.publisher:
        book["publisher"] = {"@type": "Organization", "name": volume.publisher}
    data["isPartOf"] = book
    if pdf:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"}
    return data


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)
    # Every "<", ">" and "&" of the texts is escaped above: nothing in them can close the block.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
