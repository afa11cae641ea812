"""An article's own PDF (proceedings.article_pdfs cuts it), at one address whatever the interface
language: /articles/<slug>.pdf, which Google Scholar's `citation_pdf_url` and the JSON-LD name.

Served only while its volume is published (editors see drafts' files too); an address the article
had before (a merge, a new slug) is sent on to the current one. The content type is ours, never
sniffed, and nothing in the file may run in the browser's context.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from articles import browse
from articles.models import Article
from proceedings.models import ProceedingsStatus
from proceedings.site.http import moved_permanently, stored_file_sealed

# Short: a volume withdrawn by its editors must not stay available from caches for long.
PDF_MAX_AGE = 600


def article_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    articles = (
        Article.objects.filter(slug=slug)
        .select_related("proceedings")
        .only("slug", "pdf", "updated_at", "proceedings__status")
    )
    if not request.user.has_perm("proceedings.view_proceedings"):
        articles = articles.filter(proceedings__status=ProceedingsStatus.PUBLISHED)
    article = articles.first()
    if article is None:
        if moved := browse.article_moved_to(slug=slug):
            return moved_permanently(request, "article_pdf", moved)
        raise Http404
    if not article.pdf or not article.pdf.storage.exists(article.pdf.name):
        raise Http404
    # The stored name carries the content's digest: a new cut is a new validator.
    etag = f'"{article.pdf.name.rsplit("/", 1)[-1]}"'
    last_modified = int(article.updated_at.timestamp())
    if (unchanged := get_conditional_response(request, etag=etag, last_modified=last_modified)) is not None:
        return unchanged
    response = FileResponse(
        article.pdf.open("rb"), content_type="application/pdf", filename=f"{article.slug}.pdf"
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    stored_file_sealed(response)
    if article.proceedings.status == ProceedingsStatus.PUBLISHED:
        patch_cache_control(response, public=True, max_age=PDF_MAX_AGE)
    else:  # an editor's look at a draft: no cache may keep it
        patch_cache_control(response, private=True, no_store=True)
    return response


def article_pdf_slug(request: HttpRequest, kwargs: dict) -> list[str]:
    """The article whose PDF a download is, for the usage counts."""
    return [kwargs["slug"]]
