from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from articles.selectors import archive_counts
from proceedings.selectors import proceedings_published

HOME_LATEST_VOLUMES = 5


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "volumes": proceedings_published()[:HOME_LATEST_VOLUMES],
        "counts": archive_counts(),
    }
    return render(request, "articles/home.html", context)


# Being built (issue 4); each raises 404 until its page exists.
def volume_list(request: HttpRequest) -> HttpResponse:
    raise Http404


def volume_detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def topic_list(request: HttpRequest) -> HttpResponse:
    raise Http404


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def search(request: HttpRequest) -> HttpResponse:
    raise Http404
