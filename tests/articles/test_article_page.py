import json
import re

import pytest

from tests.articles.helpers import meta_tags, volume_with_articles
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    """The second of three articles: two authors, a supervisor, two abstracts, pages, a PDF volume."""
    volume = ProceedingsFactory(
        slug="media-2025",
        title_kk="Медиа 2025",
        title_en="Media 2025",
        conference_name="Student conference",
        year=2025,
        publisher="Kazakh University",
        source_file="proceedings/media-2025/source.pdf",
    )
    ethics = TopicFactory(slug="ethics", name_en="Media ethics", name_kk="Медиа этикасы")
    ArticleFactory(proceedings=volume, position=1, slug="before", title_display="Before")
    article = ArticleFactory(
        proceedings=volume,
        position=2,
        slug="deepfakes",
        title="ДИПФЕЙКТЕР",
        title_display="Дипфейктер",
        language="kk",
        abstract_kk="Қазақша аңдатпа.",
        abstract_en="An English abstract.",
        keywords_kk=["дипфейк", "медиа"],
        keywords_en=["deepfake"],
        body="Бірінші абзац\nжалғасы.\n\nЕкінші абзац.\n \nҮшінші.",
        first_page=12,
        last_page=15,
        pdf="proceedings/media-2025/articles/2-0123456789abcdef.pdf",
        pdf_pages=4,
        pdf_size=317_440,
    )
    article.topics.add(ethics)
    ArticleFactory(
        proceedings=volume, position=3, slug="after", title=None, title_display="", body="Кейінгі мәтін"
    )
    for order, (name, slug) in enumerate([("Өзбекова Г.", "ozbekova"), ("Ли А.", "li")], start=1):
        AuthorshipFactory(
            article=article,
            person=PersonFactory(display_name=name, slug=slug),
            order=order,
            position="магистрант",
            affiliation="ҚазҰУ",
        )
    AuthorshipFactory(
        article=article, person=PersonFactory(display_name="Сейт Б.", slug="seit"), role="supervisor"
    )
    return article


def test_article_page_shows_title_people_details_and_text(client, article):
    response = client.get("/en/articles/deepfakes/")
    html = response.content.decode()

    assert '<h1 id="article-title" lang="kk">Дипфейктер</h1>' in html
    assert '<a class="people__name" href="/en/authors/ozbekova/">Өзбекова Г.</a>' in html
    assert '<span class="people__details">магистрант, ҚазҰУ</span>' in html
    assert '<a class="people__name" href="/en/authors/seit/">Сейт Б.</a>' in html
    assert "<dt>Pages</dt><dd>12–15</dd>" in html
    assert '<a class="badge" href="/en/topics/ethics/">Media ethics</a>' in html
    assert [block.text for block in response.context["blocks"]] == [
        "Бірінші абзац жалғасы.",
        "Екінші абзац.",
        "Үшінші.",
    ]
    assert '<div class="article-text" lang="kk">' in html
    assert "<p>Бірінші абзац жалғасы.</p>" in html
    assert '<p lang="kk">Қазақша аңдатпа.</p>' in html
    assert '<p lang="en">An English abstract.</p>' in html
    # Each keyword searches for itself as a phrase.
    assert (
        '<ul class="tag-list" lang="en"><li><a class="keyword" href="/en/search/?q=%22deepfake%22">'
        "deepfake</a></li></ul>"
    ) in html
    # The Cite box comes before the full text, not after it.
    assert html.index('<section id="cite"') < html.index('id="text-heading"')
    # The article's own PDF, with its size, near the top; never the whole volume's file for it.
    pdf_link = '<a class="button" href="/articles/deepfakes.pdf" type="application/pdf">'
    assert f"{pdf_link}PDF, 4 pages, 310.0\xa0KB</a>" in html


def structured_data(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return json.loads(block)


def test_article_page_carries_scholarly_article_json_ld(client, article):
    data = structured_data(client.get("/en/articles/deepfakes/").content.decode())

    assert (data["@context"], data["@type"]) == ("https://schema.org", "ScholarlyArticle")
    assert data["headline"] == data["name"] == "Дипфейктер"
    assert [author["name"] for author in data["author"]] == ["Өзбекова Г.", "Ли А."]
    assert [person["name"] for person in data["contributor"]] == ["Сейт Б."]
    assert (data["inLanguage"], data["datePublished"]) == ("kk", "2025")
    assert data["abstract"] == "Қазақша аңдатпа."
    assert data["keywords"] == ["дипфейк", "медиа", "deepfake"]
    assert (data["pageStart"], data["pageEnd"]) == (12, 15)
    assert data["isPartOf"] == {
        "@type": "Book",
        "name": "Медиа 2025",
        "publisher": {"@type": "Organization", "name": "Kazakh University"},
    }
    assert data["encoding"]["contentUrl"] == "http://testserver/articles/deepfakes.pdf"
    assert data["url"] == "http://testserver/kk/articles/deepfakes/"


def test_json_ld_cannot_be_closed_by_an_articles_text(client):
    ArticleFactory(
        slug="script", title="</script><script>alert(1)</script>", title_display="x </script> & <b>"
    )
    html = client.get("/en/articles/script/").content.decode()

    assert "alert(1)</script>" not in html.split("<body")[0]
    assert structured_data(html)["headline"] == "x </script> & <b>"


def test_article_page_links_previous_and_next_in_the_volume(client, article):
    response = client.get("/en/articles/deepfakes/")
    html = response.content.decode()

    assert (response.context["neighbours"].previous.slug, response.context["neighbours"].next.slug) == (
        "before",
        "after",
    )
    assert 'href="/en/articles/before/" rel="prev"' in html
    assert 'href="/en/articles/after/" rel="next"' in html


def test_article_page_head_has_scholar_dublin_core_and_opengraph_tags(client, article):
    html = client.get("/en/articles/deepfakes/").content.decode()
    tags = meta_tags(html)

    assert [content for key, content in tags if key == "citation_author"] == ["Өзбекова Г.", "Ли А."]
    assert [content for key, content in tags if key == "DC.creator"] == ["Өзбекова Г.", "Ли А."]
    single = {
        key: content
        for key, content in tags
        if key not in {"citation_author", "citation_keywords", "DC.creator", "DC.subject"}
    }
    assert [content for key, content in tags if key == "citation_keywords"] == [
        "дипфейк",
        "медиа",
        "deepfake",
    ]
    assert single["citation_title"] == "Дипфейктер"
    # Read in English, the Kazakh article's one address is its Kazakh page.
    assert single["citation_abstract_html_url"] == "http://testserver/kk/articles/deepfakes/"
    assert single["citation_publication_date"] == "2025"
    assert single["citation_conference_title"] == "Student conference"
    assert single["citation_language"] == "kk"
    assert (single["citation_firstpage"], single["citation_lastpage"]) == ("12", "15")
    assert single["citation_pdf_url"] == "http://testserver/articles/deepfakes.pdf"
    assert (single["DC.title"], single["DC.date"], single["DC.language"]) == ("Дипфейктер", "2025", "kk")
    assert single["DC.source"] == "Медиа 2025"
    assert single["og:type"] == "article"
    assert single["og:url"] == "http://testserver/kk/articles/deepfakes/"
    assert (single["og:site_name"], single["og:locale"]) == ("Jinaq", "kk_KZ")
    assert '<link rel="canonical" href="http://testserver/kk/articles/deepfakes/">' in html


def test_untitled_article_is_marked_shows_its_first_words_and_claims_no_title(client, article):
    response = client.get("/en/articles/after/")
    html = response.content.decode()
    tags = dict(meta_tags(html))

    assert '<h1 id="article-title" lang="kk" class="is-untitled">Кейінгі мәтін</h1>' in html
    assert '<span class="badge badge--untitled">untitled</span>' in html
    # The first words preview a shared link; to Scholar and Dublin Core they are no title.
    assert tags["og:title"] == "Кейінгі мәтін"
    assert "citation_title" not in tags
    assert "DC.title" not in tags
    assert "headline" not in structured_data(html)
    assert "citation_firstpage" not in tags
    assert "citation_author" not in tags
    assert response.context["neighbours"].next is None


def test_article_page_without_pdf_has_no_pdf_tag(client):
    ArticleFactory(slug="plain", proceedings=ProceedingsFactory(source_file="proceedings/x/source.txt"))
    # A PDF volume whose article has no PDF of its own: the whole volume is not its full text.
    ArticleFactory(slug="uncut", proceedings=ProceedingsFactory(source_file="proceedings/y/source.pdf"))

    for slug in ("plain", "uncut"):
        html = client.get(f"/en/articles/{slug}/").content.decode()
        assert "citation_pdf_url" not in dict(meta_tags(html))
        assert 'type="application/pdf"' not in html


def test_article_related_ranks_shared_people_above_shared_topics(client, article):
    ethics = article.topics.get()
    same_topic = ArticleFactory(slug="same-topic", proceedings=ProceedingsFactory(year=2024))
    same_topic.topics.add(ethics)
    same_person = ArticleFactory(slug="same-person", proceedings=ProceedingsFactory(year=2020))
    AuthorshipFactory(article=same_person, person=article.authors[0].person)
    hidden = ArticleFactory(slug="hidden", proceedings=ProceedingsFactory(status="draft"))
    hidden.topics.add(ethics)
    ArticleFactory(slug="unrelated")

    response = client.get("/en/articles/deepfakes/")

    assert [related.slug for related in response.context["related"]] == ["same-person", "same-topic"]


def test_article_json_twin_has_the_page_data(client, article):
    data = client.get("/ru/articles/deepfakes/?format=json").json()

    assert (data["title"], data["display_title"], data["has_title"]) == ("ДИПФЕЙКТЕР", "Дипфейктер", True)
    assert [person["slug"] for person in data["authors"]] == ["ozbekova", "li"]
    assert data["authors"][0] == {
        "name": "Өзбекова Г.",
        "slug": "ozbekova",
        "url": "/ru/authors/ozbekova/",
        "as_printed": "",
        "position": "магистрант",
        "affiliation": "ҚазҰУ",
    }
    assert [person["slug"] for person in data["supervisors"]] == ["seit"]
    assert data["abstracts"] == {"kk": "Қазақша аңдатпа.", "en": "An English abstract."}
    assert data["keywords"] == {"kk": ["дипфейк", "медиа"], "en": ["deepfake"]}
    assert data["paragraphs"] == ["Бірінші абзац жалғасы.", "Екінші абзац.", "Үшінші."]
    assert (data["first_page"], data["last_page"]) == (12, 15)
    assert (data["previous"]["slug"], data["next"]["slug"]) == ("before", "after")
    assert data["next"]["has_title"] is False
    assert data["volume"]["slug"] == "media-2025"
    assert data["canonical_url"] == "http://testserver/kk/articles/deepfakes/"


@pytest.mark.parametrize("slug", ["nope", "in-a-draft"])
def test_article_page_unknown_or_in_a_draft_volume_is_404(client, slug):
    ArticleFactory(slug="in-a-draft", proceedings=ProceedingsFactory(status="draft"))

    assert client.get(f"/en/articles/{slug}/").status_code == 404
    assert client.get(f"/en/articles/{slug}/?format=json").status_code == 404


@pytest.mark.parametrize("articles", [2, 20])
def test_article_page_query_count_does_not_grow_with_articles(client, django_assert_num_queries, articles):
    volume = volume_with_articles(articles)
    middle = volume.articles.get(position=2)

    # The article with its volume, topics, previous and next; related ranked with their volumes;
    # the people of both (articles.browse.article_page); its use by month, read at most once an
    # hour (articles.usage_shown).
    with django_assert_num_queries(4):
        response = client.get(f"/en/articles/{middle.slug}/")

    assert len(response.context["related"]) == min(articles - 1, 5)


def test_untitled_neighbour_link_shows_its_first_words_however_long_its_text(client):
    volume = ProceedingsFactory()
    ArticleFactory(
        proceedings=volume, position=1, slug="first", title=None, title_display="", body="сөз " * 5000
    )
    ArticleFactory(proceedings=volume, position=2, slug="second")

    html = client.get("/kk/articles/second/").content.decode()
    data = client.get("/kk/articles/second/?format=json").json()

    first_words = " ".join(["сөз"] * 12) + "…"
    assert data["previous"]["display_title"] == first_words
    assert f'<span lang="kk">{first_words}</span></a>' in html
