"""Citation downloads and the session's citation list. The list is changed by POST forms that
redirect back, so everything works without JavaScript; cite.js only adds a Copy button."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles import citation_list, citing, twins
from articles.citations.formats import FORMATS
from articles.citations.order import alphabetical_order
from articles.citations.render import render_citations
from articles.search.views import filters_from
from articles.selectors import article_published
from proceedings.site.http import render_page
from proceedings.site.params import BadParameter
from proceedings.site.throttle import throttled

POSITION_DIGITS = 3  # a list holds at most citation_list.MAX_ITEMS (500)


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@throttled("export", rate="JINAQ_EXPORT_RATE")
def citation_download(request: HttpRequest, format_slug: str) -> HttpResponse:
    """The file of one format for a scope (see articles.citing); 404 for an unknown format,
    400 when the scope is missing, malformed or has no articles."""
    if format_slug not in FORMATS:
        raise Http404(_("Unknown citation format."))
    filters = filters_from(request) if "q" in request.GET else None
    scope = citing.citation_scope(
        request.GET, session_slugs=citation_list.citation_list_slugs(request.session), filters=filters
    )
    if not scope.articles:
        raise BadParameter(_("There is nothing to cite: the selection has no articles."))
    options = {"style": citing.export_style(request.GET)} if FORMATS[format_slug].is_binary else {}
    rendered = render_citations(
        scope.articles,
        format_slug,
        base_url=site_url(request),
        filename_stem=scope.filename_stem,
        language=citing.list_language(request.GET),
        **options,
    )
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=rendered.filename
    )
    return response


def citation_list_page(request: HttpRequest) -> HttpResponse:
    """The list previewed in a reference style (`?style=`) and language (`?lang=`), each entry
    with its controls; the downloads offered are in the same style and language."""
    style = citing.reference_style(request.GET.get("style"))
    language = citing.list_language(request.GET)
    articles = citation_list.articles_in_order(citation_list.citation_list_slugs(request.session))
    references = citing.reference_texts(articles, style, base_url=site_url(request), language=language)
    entries = list(zip(articles, references, strict=True))
    context = {
        "entries": entries,
        "list_text": citing.list_text(articles, style, base_url=site_url(request), language=language),
        "style": style,
        "styles": citing.style_choices(style),
        "language": language,
        "languages": citing.language_choices(language),
        "export_query": urlencode({"list": 1, "style": style, "lang": language}),
        "nav": "citations",
    }
    return render_page(
        request,
        "articles/citation_list.html",
        context,
        json=lambda: {
            "style": style,
            "language": language,
            "entries": [
                {**twins.article_item_json(article), "reference": reference} for article, reference in entries
            ],
        },
    )


def redirect_back(request: HttpRequest) -> HttpResponseRedirect:
    """Back where the form was (`next`), if that is on this site; else the list page."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("citation_list")
    return HttpResponseRedirect(target)


def posted_slug(request: HttpRequest) -> str:
    slug = request.POST.get("article", "")
    if not slug:
        raise Http404(_("No article given."))
    return slug


@require_POST
def citation_list_add(request: HttpRequest) -> HttpResponse:
    slug = posted_slug(request)
    if not article_published().filter(slug=slug).exists():
        raise Http404(_("There is no such article."))
    citation_list.citation_list_add(request.session, slug=slug)
    return redirect_back(request)


@require_POST
def citation_list_remove(request: HttpRequest) -> HttpResponse:
    citation_list.citation_list_remove(request.session, slug=posted_slug(request))
    return redirect_back(request)


@require_POST
def citation_list_move(request: HttpRequest) -> HttpResponse:
    offsets = {"up": -1, "down": 1}
    direction = request.POST.get("direction", "")
    if direction not in offsets:
        raise BadParameter(_("Move up or down."))
    citation_list.citation_list_move(request.session, slug=posted_slug(request), offset=offsets[direction])
    return redirect_back(request)


@require_POST
def citation_list_move_to(request: HttpRequest) -> HttpResponse:
    position = request.POST.get("position", "").strip()
    if not (position.isascii() and position.isdigit() and 0 < len(position) <= POSITION_DIGITS):
        raise BadParameter(_("A position in the list is a whole number, like 3."))
    citation_list.citation_list_move_to(request.session, slug=posted_slug(request), position=int(position))
    return redirect_back(request)


@require_POST
def citation_list_sort(request: HttpRequest) -> HttpResponse:
    """The list in alphabetical order of its references as the page shows them (the posted style
    and language): Cyrillic in the Kazakh alphabet, then Latin (articles.citations.order)."""
    style = citing.reference_style(request.POST.get("style"))
    language = citing.list_language(request.POST)
    articles = citation_list.articles_in_order(citation_list.citation_list_slugs(request.session))
    references = citing.reference_texts(articles, style, base_url=site_url(request), language=language)
    ordered = alphabetical_order(list(zip(references, (article.slug for article in articles), strict=True)))
    citation_list.citation_list_reorder(request.session, slugs_in_order=[slug for _text, slug in ordered])
    return redirect_back(request)


@require_POST
def citation_list_clear(request: HttpRequest) -> HttpResponse:
    citation_list.citation_list_clear(request.session)
    return redirect_back(request)
