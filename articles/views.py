from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from articles import body, browse, citing, presentation, scholarly, twins
from articles.filters import VolumeArticleFilter
from articles.listing import ListedArticles
from articles.models import Article
from articles.selectors import archive_counts
from articles.volume_sections import NO_SECTIONS, volume_sections
from proceedings.site.http import moved_permanently, page_json, paginate, render_page

HOME_LATEST_VOLUMES = 5
HOME_TOPICS = 12
VOLUMES_PER_PAGE = 20
CONTENTS_PER_PAGE = 50
TOPICS_PER_PAGE = 60
ARTICLES_PER_PAGE = 20


def home(request: HttpRequest) -> HttpResponse:
    volumes = list(browse.volume_list_items()[:HOME_LATEST_VOLUMES])
    counts = archive_counts()
    topics = list(browse.topics_with_counts()[:HOME_TOPICS])
    context = {
        "volumes": volumes,
        "counts": counts,
        "languages": browse.language_counts(counts.languages),
        "topics": topics,
    }
    return render_page(
        request,
        "articles/home.html",
        context,
        json=lambda: {
            "counts": {"articles": counts.articles, "authors": counts.authors, "languages": counts.languages},
            "latest_volumes": [twins.volume_json(volume) for volume in volumes],
            "topics": [twins.topic_json(topic) for topic in topics],
        },
    )


def volume_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, browse.volume_list_items(), per_page=VOLUMES_PER_PAGE)
    return render_page(
        request,
        "articles/volume_list.html",
        {"page": page, "nav": "volumes"},
        json=lambda: {**page_json(page), "volumes": [twins.volume_json(volume) for volume in page]},
    )


def volume_detail(request: HttpRequest, slug: str) -> HttpResponse:
    volume = browse.volume_get(slug=slug)
    filterset = VolumeArticleFilter(
        request.GET,
        queryset=browse.volume_articles(volume=volume),
        topics=browse.volume_topics(volume=volume),
    )
    context = {
        "volume": volume,
        "volume_titles": presentation.volume_titles(volume, language=translation.get_language() or "kk"),
        "filterset": filterset,
        "nav": "volumes",
    }
    if not filterset.is_valid():
        response = render_page(
            request,
            "articles/volume_detail.html",
            context,
            json=lambda: {"volume": twins.volume_json(volume), "errors": filterset.errors},
        )
        response.status_code = 400
        return response
    page = paginate(request, ListedArticles(filterset.qs), per_page=CONTENTS_PER_PAGE)
    filtered = any(filterset.form.cleaned_data.get(f) for f in ("language", "topic"))
    # An empty list (an empty volume, a filter that finds nothing) has nothing to put under headings.
    sections = volume_sections(volume=volume) if page.paginator.count else NO_SECTIONS
    # Under their section headings while in printed order: sorted otherwise, a heading would lie.
    printed_order = filterset.form.cleaned_data.get("sort") in {None, "", "position"}
    return render_page(
        request,
        "articles/volume_detail.html",
        {
            **context,
            "page": page,
            "filtered": filtered,
            "section_groups": sections.groups(page, grouped=printed_order),
            "section_table": sections.table(per_page=CONTENTS_PER_PAGE)
            if printed_order and not filtered
            else [],
        },
        json=lambda: {
            "volume": twins.volume_json(volume),
            "filters": {key: request.GET.get(key) or None for key in ("language", "topic", "sort")},
            **page_json(page),
            "sections": [twins.section_json(section) for section in sections.sections],
            "articles": [
                {
                    **twins.article_item_json(article),
                    "section": twins.section_title(sections.section_of(article)),
                }
                for article in page
            ],
        },
    )


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = browse.article_page(slug=slug)
    except Http404:
        # An address the article had before a merge or a new slug: links and citations stay good.
        if moved := browse.article_moved_to(slug=slug):
            return moved_permanently(request, "article_detail", moved)
        raise
    article, neighbours, related = page.article, page.neighbours, page.related
    # Scholar's, OpenGraph's and schema.org's address is the one canonical address.
    url = request.build_absolute_uri(presentation.canonical_path(article))
    pdf = presentation.pdf_url(article)
    pdf = pdf and request.build_absolute_uri(pdf)
    blocks = body.body_blocks(article.body, article.body_structure)
    context = {
        "article": article,
        "volume": article.proceedings,
        "blocks": blocks,
        "contents": body.contents(blocks),
        "abstracts": presentation.abstracts(article),
        "keywords": presentation.keywords(article),
        "parallel_titles": presentation.parallel_titles(article),
        "neighbours": neighbours,
        "related": related,
        "canonical_url": url,
        "head_tags": presentation.head_tags(article, url=url, pdf=pdf),
        "structured_data": scholarly.json_ld(scholarly.scholarly_article(article, url=url, pdf=pdf)),
        "description": presentation.description(article, language=translation.get_language() or "kk"),
        "nav": "volumes",
        "cite": cite_box(request, article),
    }
    return render_page(
        request,
        "articles/article_detail.html",
        context,
        json=lambda: {
            **twins.article_json(article),
            "canonical_url": url,
            "pdf_url": pdf,
            "previous": twins.article_link_json(neighbours.previous),
            "next": twins.article_link_json(neighbours.next),
            "related": [twins.article_item_json(item, with_topics=False) for item in related],
        },
    )


def cite_box(request: HttpRequest, article: Article) -> dict:
    """The Cite box: the article in the reference style `?cite=` names (the default otherwise),
    its prescribed words in the interface language, as its downloads are."""
    style = citing.reference_style(request.GET.get("cite"))
    base_url = request.build_absolute_uri("/").rstrip("/")
    language = translation.get_language()
    return {
        "style": style,
        "styles": citing.style_choices(style),
        "text": citing.reference_texts([article], style, base_url=base_url, language=language)[0],
    }


def topic_list(request: HttpRequest) -> HttpResponse:
    topics = browse.topic_list_items(language=translation.get_language() or "kk")
    page = paginate(request, topics, per_page=TOPICS_PER_PAGE)
    return render_page(
        request,
        "articles/topic_list.html",
        {"page": page, "nav": "topics"},
        json=lambda: {**page_json(page), "topics": [twins.topic_json(topic) for topic in page]},
    )


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = browse.topic_get(slug=slug)
    page = paginate(request, browse.topic_articles(topic=topic), per_page=ARTICLES_PER_PAGE)
    return render_page(
        request,
        "articles/topic_detail.html",
        {"topic": topic, "page": page, "nav": "topics", "max_export": citing.MAX_TOPIC_ARTICLES},
        json=lambda: {
            "topic": {
                **twins.topic_json(topic),
                "description": topic.localized("description", translation.get_language() or "kk"),
                "descriptions": twins.names(topic, "description"),
            },
            **page_json(page),
            "articles": [twins.article_item_json(article) for article in page],
        },
    )
