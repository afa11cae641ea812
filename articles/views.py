from django.http import HttpRequest, HttpResponse
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
