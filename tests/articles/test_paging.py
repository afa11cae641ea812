"""Page links keep filters and the other lists' pages; one partial serves every list."""

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from articles.templatetags.paging import page_url


def test_page_url_moves_one_list_and_keeps_the_rest():
    request = RequestFactory().get("/kk/authors/x/", {"page": "2", "supervised_page": "3", "format": "json"})
    context = Context({"request": request})

    assert page_url(context, 4, "supervised_page") == "?page=2&supervised_page=4"
    assert page_url(context, 1, "supervised_page") == "?page=2"
    assert page_url(context, 5) == "?page=5&supervised_page=3"


def test_pagination_partial_uses_the_list_parameter_and_anchor():
    request = RequestFactory().get("/kk/authors/x/", {"page": "2"})
    page = Paginator(list(range(100)), 10).page(3)
    html = Template(
        '{% include "articles/_pagination.html" with page=page param="coauthors_page" anchor="coauthors" %}'
    ).render(Context({"request": request, "page": page}))

    assert 'href="?page=2&amp;coauthors_page=4#coauthors" rel="next"' in html
    assert 'href="?page=2&amp;coauthors_page=3#coauthors" aria-current="page"' in html
