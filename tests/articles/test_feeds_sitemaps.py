"""What crawlers and feed readers get: robots.txt, the sitemap (index, files, hreflang alternates,
lastmod) and the RSS/Atom feeds, each read back as its reader would (XML parser, feedparser)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import feedparser
import pytest
from django.utils import timezone

from articles.sitemaps import LanguageVersions
from proceedings.models import ProceedingsStatus
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def xml(client, address: str) -> ET.Element:
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def entries(root: ET.Element) -> dict[str, dict]:
    """Each <url>'s address -> its lastmod and {hreflang: address} alternates (paths only)."""
    found = {}
    for url in root.iter(f"{SITEMAP}url"):
        lastmod = url.find(f"{SITEMAP}lastmod")
        found[urlsplit(url.find(f"{SITEMAP}loc").text).path] = {
            "lastmod": lastmod.text if lastmod is not None else None,
            "alternates": {
                link.get("hreflang"): urlsplit(link.get("href")).path for link in url.iter(f"{XHTML}link")
            },
        }
    return found


def sitemap_files(client) -> list[str]:
    # The articles' files are paged by the volumes' stored counts, which the services keep and
    # factories do not.
    stored_counts_refresh()
    index = xml(client, "/sitemap.xml")
    return [urlsplit(loc.text).path + (f"?{urlsplit(loc.text).query}" if urlsplit(loc.text).query else "")
            for loc in index.iter(f"{SITEMAP}loc")]  # fmt: skip


def whole_sitemap(client) -> dict[str, dict]:
    found = {}
    for address in sitemap_files(client):
        found.update(entries(xml(client, address)))
    return found


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_off_searches(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /*/search/" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405


def test_sitemap_lists_published_pages_in_three_languages_with_alternates():
    from django.test import Client  # noqa: PLC0415 - a fresh client per call keeps no cookies

    client = Client()
    article = ArticleFactory(slug="published-paper", language="ru")
    ArticleFactory(slug="draft-paper", proceedings=ProceedingsFactory(status=ProceedingsStatus.DRAFT))
    topic = TopicFactory(slug="media", published_articles=1)
    article.topics.add(topic)
    AuthorshipFactory(article=article, person=PersonFactory(slug="uzbekova", articles_as_author=1))

    found = whole_sitemap(client)
    for language in ("kk", "ru", "en"):
        assert f"/{language}/proceedings/{article.proceedings.slug}/" in found
        assert f"/{language}/topics/media/" in found
        assert f"/{language}/authors/uzbekova/" in found
        assert f"/{language}/" in found
    assert not any("draft-paper" in address for address in found)
    assert not any("/search/" in address for address in found)
    # An article once, at the canonical address its page names (its own language), the others
    # its alternates.
    assert [address for address in found if "/articles/" in address] == ["/ru/articles/published-paper/"]
    page = client.get("/en/articles/published-paper/").content.decode()
    assert '<link rel="canonical" href="http://testserver/ru/articles/published-paper/">' in page
    entry = found["/ru/articles/published-paper/"]
    assert entry["alternates"] == {
        "kk": "/kk/articles/published-paper/",
        "ru": "/ru/articles/published-paper/",
        "en": "/en/articles/published-paper/",
        "x-default": "/articles/published-paper/",
    }
    assert entry["lastmod"] == timezone.localdate().isoformat()
    # x-default sends a browser to its own language.
    response = client.get("/articles/published-paper/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/articles/published-paper/"


def test_an_article_changes_lastmod_when_its_volume_is_published_later():
    from django.test import Client  # noqa: PLC0415

    article = ArticleFactory(slug="late")
    old = timezone.now() - timedelta(days=30)
    type(article).objects.filter(pk=article.pk).update(updated_at=old)
    type(article.proceedings).objects.filter(pk=article.proceedings.pk).update(updated_at=old)
    assert whole_sitemap(Client())["/kk/articles/late/"]["lastmod"] == timezone.localdate(old).isoformat()

    article.proceedings.save()  # publishing, or any change to the volume, saves it
    assert whole_sitemap(Client())["/kk/articles/late/"]["lastmod"] == timezone.localdate().isoformat()


def test_sitemap_files_split_every_article_exactly_once(client, settings, monkeypatch):
    from articles import sitemaps  # noqa: PLC0415

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 3)
    volume = ProceedingsFactory()
    languages = {f"paper-{n}": ["kk", "ru", "en"][n % 3] for n in range(10)}
    for slug, language in languages.items():
        ArticleFactory(proceedings=volume, slug=slug, language=language)
    files = [address for address in sitemap_files(client) if "sitemap-articles" in address]
    assert len(files) == 4  # 10 addresses, 3 a file
    seen = []
    for address in files:
        seen += [path for path in entries(xml(client, address)) if "/articles/" in path]
    assert len(seen) == len(set(seen)) == 10
    assert {path.split("/")[3]: path.split("/")[1] for path in seen} == languages


def test_language_versions_slices_like_the_list_it_stands_for():
    volume = ProceedingsFactory()
    articles = [ArticleFactory(proceedings=volume) for _ in range(5)]
    model = type(articles[0])
    versions = LanguageVersions(model.objects.order_by("pk"), ["kk", "ru", "en"])
    expected = [(article.pk, language) for article in articles for language in ("kk", "ru", "en")]
    assert len(versions) == 15
    for start, stop in [(0, 15), (0, 4), (4, 11), (13, 15), (14, 30), (5, 5)]:
        assert [(row.pk, language) for row, language in versions[start:stop]] == expected[start:stop]
    assert (versions[7][0].pk, versions[7][1]) == expected[7]
    assert (versions[-1][0].pk, versions[-1][1]) == expected[-1]
    with pytest.raises(IndexError):
        versions[15]
    one_each = LanguageVersions(
        model.objects.order_by("pk"), ["kk", "ru", "en"], language_of=lambda row: "ru"
    )
    assert len(one_each) == 5
    assert [(row.pk, language) for row, language in one_each[1:4]] == [(a.pk, "ru") for a in articles[1:4]]


def parsed_feed(client, address: str):
    response = client.get(address)
    assert response.status_code == 200, address
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_new_articles_reads_back_in_the_interface_language(client, kind):
    topic = TopicFactory(name_ru="Медиа", name_kk="Медиа кк")
    old = ArticleFactory(title="Старая статья", title_display="Старая статья", language="ru")
    new = ArticleFactory(
        title="Новая статья", title_display="Новая статья", language="ru", abstract_ru="О медиа.",
        abstract_en="On media.",
    )  # fmt: skip
    new.topics.add(topic)
    AuthorshipFactory(article=new, person=PersonFactory(display_name="Узбекова Г. С."), order=1)
    AuthorshipFactory(article=new, person=PersonFactory(display_name="Иванов И. И."), order=2)
    ArticleFactory(title="Черновик", proceedings=ProceedingsFactory(status=ProceedingsStatus.DRAFT))

    feed = parsed_feed(client, f"/ru/feeds/articles.{kind}")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.language == "ru"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Новая статья", "Старая статья"]  # newest first, no draft
    first = feed.entries[0]
    assert urlsplit(first.link).path == f"/ru/articles/{new.slug}/"
    assert first.summary == "О медиа."
    assert first.author == "Узбекова Г. С., Иванов И. И."
    assert [tag.term for tag in first.tags] == ["Медиа"]
    assert titles[1] == old.title

    assert feed.feed.title == "Новые статьи — Jinaq"
    english = parsed_feed(client, f"/en/feeds/articles.{kind}")
    assert english.entries[0].summary == "On media."
    assert urlsplit(english.entries[0].link).path == f"/en/articles/{new.slug}/"


def test_untitled_article_is_marked_not_given_a_made_up_title(client):
    ArticleFactory(title=None, title_display="", body="Ақпараттық технологиялардың дамуы туралы мәтін.")
    feed = parsed_feed(client, "/en/feeds/articles.atom")
    assert feed.entries[0].title.startswith("Ақпараттық технологиялардың")
    assert feed.entries[0].title.endswith("[untitled]")


def test_volume_topic_and_person_feeds(client):
    volume = ProceedingsFactory(slug="vol-2025")
    first = ArticleFactory(proceedings=volume, position=1, title_display="Бірінші")
    second = ArticleFactory(proceedings=volume, position=2, title_display="Екінші")
    elsewhere = ArticleFactory(title_display="Басқа")
    topic = TopicFactory(slug="media")
    second.topics.add(topic)
    elsewhere.topics.add(topic)
    person = PersonFactory(slug="uzbekova", articles_as_supervisor=1)
    AuthorshipFactory(article=first, person=person, role="supervisor")

    def titles(address):
        return [entry.title for entry in parsed_feed(client, address).entries]

    assert titles("/kk/proceedings/vol-2025/feed.rss") == ["Бірінші", "Екінші"]  # printed order
    assert titles("/kk/topics/media/feed.atom") == ["Басқа", "Екінші"]
    assert titles("/kk/authors/uzbekova/feed.rss") == ["Бірінші"]
    volumes = parsed_feed(client, "/en/feeds/proceedings.atom")
    assert [entry.title for entry in volumes.entries] == [elsewhere.proceedings.title_en, volume.title_en]
    assert urlsplit(volumes.entries[1].link).path == "/en/proceedings/vol-2025/"


def test_feeds_of_what_readers_cannot_see_are_not_found(client):
    draft = ProceedingsFactory(slug="draft-vol", status=ProceedingsStatus.DRAFT)
    ArticleFactory(proceedings=draft)
    assert client.get("/kk/proceedings/draft-vol/feed.rss").status_code == 404
    assert client.get("/kk/topics/no-such-topic/feed.atom").status_code == 404
    PersonFactory(slug="nobody-listed")  # no published article: not in the author index either
    assert client.get("/kk/authors/nobody-listed/feed.rss").status_code == 404


@pytest.mark.django_db(transaction=True)  # the page cache stores only what has committed
def test_feeds_and_sitemap_come_from_the_page_cache_and_an_edit_shows_at_once(client, settings):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    settings.JINAQ_PAGE_CACHE = True
    article = ArticleFactory(title="Бірінші нұсқа", title_display="Бірінші нұсқа")
    for address in ("/kk/feeds/articles.atom", "/sitemap-articles.xml"):
        client.get(address)
        with CaptureQueriesContext(connection) as again:
            assert client.get(address).status_code == 200
        assert len(again) == 1, address  # the content token only

    article.title_display = "Екінші нұсқа"
    article.save()  # the signals' safety net renews the token, as every service does
    entries = parsed_feed(client, "/kk/feeds/articles.atom").entries
    assert [entry.title for entry in entries] == ["Екінші нұсқа"]


def test_pages_announce_their_feeds_and_each_announced_feed_answers(client):
    import re  # noqa: PLC0415

    volume = ProceedingsFactory(slug="vol-2025")
    article = ArticleFactory(proceedings=volume)
    topic = TopicFactory(slug="media", published_articles=1)
    article.topics.add(topic)
    AuthorshipFactory(article=article, person=PersonFactory(slug="uzbekova", articles_as_author=1))
    announced = re.compile(
        rb'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">'
    )
    for page, own in [
        ("/kk/", None),
        ("/kk/proceedings/vol-2025/", "/kk/proceedings/vol-2025/feed.atom"),
        ("/kk/topics/media/", "/kk/topics/media/feed.atom"),
        ("/kk/authors/uzbekova/", "/kk/authors/uzbekova/feed.atom"),
    ]:
        feeds = [href.decode() for href in announced.findall(client.get(page).content)]
        assert feeds[-2:] == ["/kk/feeds/articles.atom", "/kk/feeds/proceedings.atom"], page
        assert feeds[:-2] == ([own] if own else []), page
        for feed in feeds:
            assert parsed_feed(client, feed).version == "atom10"
