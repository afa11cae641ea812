"""One article in a list (articles/templatetags/article_lists.py): the markup every list shows."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.template import RequestContext, Template
from django.utils import translation

from articles.citation_list import citation_list_add
from articles.listing import listed_articles
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


def items(html: str) -> list[str]:
    return re.findall(r'<article class="article-item card".*?</article>', html, flags=re.DOTALL)


@pytest.fixture
def volume():
    """A titled article with two authors, a supervisor, a page range and two topics; an untitled
    one with nobody printed on one page."""
    volume = ProceedingsFactory(slug="media-2025", title_en="Media & society", year=2025)
    titled = ArticleFactory(
        proceedings=volume,
        position=1,
        language="ru",
        title_display="Медиа <b>и</b> общество",
        slug="titled",
        first_page=3,
        last_page=9,
    )
    titled.topics.add(
        TopicFactory(slug="ethics", name_en="Ethics"), TopicFactory(slug="ai", name_en="AI & media")
    )
    for order, (name, slug) in enumerate([("Иванова А.", "ivanova"), ("O'Brien J.", "obrien")], start=1):
        AuthorshipFactory(article=titled, person=PersonFactory(display_name=name, slug=slug), order=order)
    AuthorshipFactory(
        article=titled, person=PersonFactory(display_name="Смит Б.", slug="smith"), role="supervisor"
    )
    ArticleFactory(
        proceedings=volume, position=2, title=None, title_display="", body="Alpha beta.", slug="untitled",
        first_page=12, last_page=12,
    )  # fmt: skip
    stored_counts_refresh()
    return volume


def test_item_shows_people_pages_topics_with_values_escaped(client, volume):
    html = client.get("/en/proceedings/media-2025/").content.decode()

    titled, untitled = items(html)
    assert '<article class="article-item card" lang="ru">' in titled
    assert '<a href="/en/articles/titled/">Медиа &lt;b&gt;и&lt;/b&gt; общество</a>' in titled
    assert (
        '<a href="/en/authors/ivanova/">Иванова А.</a>, <a href="/en/authors/obrien/">O&#x27;Brien J.</a>\n'
        '     · supervisor: <a href="/en/authors/smith/">Смит Б.</a>'
    ) in titled
    assert '<span class="badge" title="Language of the article">Russian</span>' in titled
    assert " · pp. 3–9\n" in titled
    assert (
        '<ul class="tag-list" lang="en"><li><a class="badge" href="/en/topics/ai/">AI &amp; media</a></li>'
        '<li><a class="badge" href="/en/topics/ethics/">Ethics</a></li></ul>'
    ) in titled
    assert "badge--untitled" not in titled
    assert "Media &amp; society" not in html.split('class="card-list"')[1]  # the volume's own page
    assert '<a href="/en/articles/untitled/">Alpha beta.</a>' in untitled
    assert '<span class="badge badge--untitled" lang="en">untitled</span>' in untitled
    assert '<span class="muted">authors not printed</span>' in untitled
    assert " · pp. 12\n" in untitled


def test_item_on_a_topic_page_names_its_volume_in_the_interface_language(client, volume):
    html = client.get("/kk/topics/ethics/").content.decode()

    (item,) = items(html)
    assert '<a href="/kk/proceedings/media-2025/">Журналистика және медиа: жинақ' in item
    assert "</a>, 2025\n" in item
    assert '<span class="badge" title="Мақаланың тілі">Орысша</span>' in item
    assert '<a href="/kk/authors/ivanova/">Иванова А.</a>' in item


def test_item_offers_the_citation_list_form_for_each_reader(client, volume):
    client.post("/en/citations/add/", {"article": "titled", "next": "/en/"})

    html = client.get("/en/proceedings/media-2025/").content.decode()

    titled, untitled = items(html)
    assert 'name="article" value="titled"' in titled
    assert "Remove from citation list" in titled
    assert 'name="article" value="untitled"' in untitled
    assert "Add to citation list" in untitled


def test_items_included_one_at_a_time_offer_each_its_own_form(rf, volume):
    """The search page includes the partial per hit, outside the page cache: the forms are rendered
    once per state for the request, each with its article's slug."""
    request = rf.get("/en/search/?q=media")
    request.session = SessionStore()
    citation_list_add(request.session, slug="untitled")
    articles = listed_articles(list(volume.articles.order_by("position").values_list("pk", flat=True)))
    page = Template(
        '{% for article in articles %}{% include "articles/_article_item.html" with show_volume=True %}'
        "{% endfor %}"
    )

    with translation.override("en"):
        html = page.render(RequestContext(request, {"articles": articles}))

    titled, untitled = items(html)
    assert 'name="article" value="titled"' in titled
    assert "Add to citation list" in titled
    assert 'name="article" value="untitled"' in untitled
    assert "Remove from citation list" in untitled
    assert '<input type="hidden" name="next" value="/en/search/?q=media">' in html


def test_an_empty_volume_lists_nothing_without_reading_items(client, django_assert_num_queries):
    ProceedingsFactory(slug="empty")

    # volume, count, topic choices: no page of ids or items for an empty list
    with django_assert_num_queries(3):
        html = client.get("/en/proceedings/empty/").content.decode()

    assert items(html) == []
    assert "0 articles" in html
