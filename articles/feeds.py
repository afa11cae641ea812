"""RSS 2.0 and Atom feeds of new articles and new volumes (django.contrib.syndication): the whole
archive's, a volume's, a topic's and a person's, each in the interface language of its address.

A feed item is an article as a reader would cite it: its printed title (or the marked first
words of an untitled one), its authors in printed order, its topics, and its abstract in the
reader's language where there is one. Items come newest first, a bounded number of them.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from articles.models import Article, Topic
from articles.selectors import article_list_items, article_published
from authors.models import LISTED, Authorship, Person
from proceedings.models import Proceedings
from proceedings.selectors import proceedings_published
from proceedings.site.page_cache import cached_page

FEED_ITEMS = 50
# A volume's feed lists its whole table of contents (a volume is published at once).
VOLUME_FEED_ITEMS = 1_000


def interface_language() -> str:
    return translation.get_language() or "kk"


class ArticleFeed(Feed):
    """Articles as feed items; subclasses say which articles and what the feed is called."""

    feed_type = Rss201rev2Feed  # the feed's language is the interface language (Django's default)

    def articles(self, obj) -> QuerySet[Article]:
        raise NotImplementedError

    def items(self, obj=None) -> list[Article]:
        return list(article_list_items(self.articles(obj)))

    def item_title(self, article: Article) -> str:
        if article.has_title:
            return article.display_title
        return f"{article.display_title} [{_('untitled')}]"

    def item_link(self, article: Article) -> str:
        return reverse("article_detail", kwargs={"slug": article.slug})

    def item_description(self, article: Article) -> str:
        abstracts = article.abstracts()
        return abstracts.get(interface_language()) or abstracts.get(article.language) or ""

    def item_author_name(self, article: Article) -> str:
        return ", ".join(authorship.person.display_name for authorship in article.authors)

    def item_categories(self, article: Article) -> list[str]:
        return [topic.name(interface_language()) for topic in article.topics.all()]

    def item_pubdate(self, article: Article):
        return article.created_at

    def item_updateddate(self, article: Article):
        return article.updated_at


class LatestArticles(ArticleFeed):
    def title(self) -> str:
        return _("New articles — Jinaq")

    def link(self) -> str:
        return reverse("volume_list")

    def description(self) -> str:
        return _("The latest articles published in the archive.")

    def articles(self, obj) -> QuerySet[Article]:
        return article_published().order_by("-pk")[:FEED_ITEMS]


class VolumeArticles(ArticleFeed):
    def get_object(self, request, slug: str) -> Proceedings:
        return get_object_or_404(proceedings_published(), slug=slug)

    def title(self, volume: Proceedings) -> str:
        return volume_title(volume)

    def link(self, volume: Proceedings) -> str:
        return reverse("volume_detail", kwargs={"slug": volume.slug})

    def description(self, volume: Proceedings) -> str:
        return _("The articles of this volume, in printed order.")

    def articles(self, volume: Proceedings) -> QuerySet[Article]:
        return Article.objects.filter(proceedings=volume).order_by("position")[:VOLUME_FEED_ITEMS]


class TopicArticles(ArticleFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic: Topic) -> str:
        return _("New articles on “%(topic)s” — Jinaq") % {"topic": topic.name(interface_language())}

    def link(self, topic: Topic) -> str:
        return reverse("topic_detail", kwargs={"slug": topic.slug})

    def description(self, topic: Topic) -> str:
        return self.title(topic)

    def articles(self, topic: Topic) -> QuerySet[Article]:
        return article_published().filter(topics=topic).order_by("-pk")[:FEED_ITEMS]


class PersonArticles(ArticleFeed):
    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person.objects.filter(LISTED), slug=slug)

    def title(self, person: Person) -> str:
        return _("New articles of %(name)s — Jinaq") % {"name": person.display_name}

    def link(self, person: Person) -> str:
        return reverse("author_detail", kwargs={"slug": person.slug})

    def description(self, person: Person) -> str:
        return _("Articles written or supervised by %(name)s.") % {"name": person.display_name}

    def articles(self, person: Person) -> QuerySet[Article]:
        theirs = Authorship.objects.filter(person=person).values("article_id")
        return article_published().filter(pk__in=theirs).order_by("-pk")[:FEED_ITEMS]


class LatestVolumes(Feed):
    feed_type = Rss201rev2Feed

    def title(self) -> str:
        return _("New proceedings — Jinaq")

    def link(self) -> str:
        return reverse("volume_list")

    def description(self) -> str:
        return _("The latest proceedings volumes published in the archive.")

    def items(self) -> list[Proceedings]:
        return list(proceedings_published().order_by("-pk")[:FEED_ITEMS])

    def item_title(self, volume: Proceedings) -> str:
        return volume_title(volume)

    def item_link(self, volume: Proceedings) -> str:
        return reverse("volume_detail", kwargs={"slug": volume.slug})

    def item_description(self, volume: Proceedings) -> str:
        facts = [volume.conference_name, volume.place, str(volume.year)]
        return " · ".join(fact for fact in facts if fact)

    def item_pubdate(self, volume: Proceedings):
        return volume.created_at

    def item_updateddate(self, volume: Proceedings):
        return volume.updated_at


def volume_title(volume: Proceedings) -> str:
    """The volume's title in the interface language (Proceedings.title falls back to the others)."""
    return volume.title(interface_language()) or volume.slug


def atom(feed: type[Feed]) -> type[Feed]:
    """The same feed as Atom 1.0 (its description becomes the subtitle)."""

    def subtitle(self, obj=None):
        return self.description(obj) if obj is not None else self.description()

    return type(f"{feed.__name__}Atom", (feed,), {"feed_type": Atom1Feed, "subtitle": subtitle})


def feed_paths(prefix: str, feed: type[Feed], name: str) -> list:
    """`<prefix>.rss` and `<prefix>.atom` for a feed, named `<name>_rss` and `<name>_atom`; kept
    in the page cache, as feed readers ask again and again for what rarely changes."""
    return [
        path(f"{prefix}.rss", cached_page(feed()), name=f"{name}_rss"),
        path(f"{prefix}.atom", cached_page(atom(feed)()), name=f"{name}_atom"),
    ]
