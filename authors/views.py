from django.http import Http404, HttpRequest, HttpResponse


# Being built (issue 4); each raises 404 until its page exists.
def author_index(request: HttpRequest) -> HttpResponse:
    raise Http404


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404
