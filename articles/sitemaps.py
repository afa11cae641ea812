"""What crawlers read: robots.txt, and the sitemap (django.contrib.sitemaps) of every public page in
the three interface languages — an article only at its one canonical address — each address with
its `hreflang` alternates and an x-default, and when it last changed.

Search, citation lists and exports are left out, and robots.txt keeps crawlers off them: each
query or selection is another address of pages the sitemap already lists. Django's
i18n sitemaps expand every item into (item, language) pairs in one list before paginating, which
at 100,000 articles means reading every article for every page of the sitemap and for its index;
`LanguageVersions` gives the paginator the same pairs a page at a time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, QuerySet
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from articles.addresses import SlugUrl
from articles.listing import published_article_total
from articles.models import Article, Topic
from articles.presentation import canonical_language
from articles.selectors import article_published
from authors.models import LISTED, Person
from proceedings.models import Proceedings
from proceedings.selectors import proceedings_published

# Addresses per sitemap file (the protocol allows 50,000, each with its alternates): a file then
# renders in about the time of a page, and an index of a few hundred files is nothing to a crawler.
URLS_PER_FILE = 500


class LanguageVersions(Sequence):
    """The (item, language) pairs of an ordered queryset, read from the database a slice at a time:
    each item in every language, or with `language_of` in that one language only."""

    def __init__(
        self,
        items: QuerySet,
        languages: list[str],
        *,
        count: Callable[[], int] | None = None,
        language_of: Callable[[Any], str] | None = None,
    ) -> None:
        self.items = items
        self.language_of = language_of
        self.languages = languages if language_of is None else [""]  # one pair per item
        # How many items: a stored count where one is kept. (Not `count`: Django's Paginator
        # would take that for the number of pairs.)
        self._item_count = count or items.count
        self._length: int | None = None

    def __len__(self) -> int:
        if self._length is None:
            self._length = self._item_count() * len(self.languages)
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            index = index + len(self) if index < 0 else index
            if not 0 <= index < len(self):
                raise IndexError(index)
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        per_item = len(self.languages)
        first = start // per_item
        # The ids first, then their rows: skipping 99,000 ids reads the primary key's index,
        # skipping 99,000 whole rows read the wide table (0.3 s for the last file at 100,000).
        ids = list(self.items.values_list("pk", flat=True)[first : math.ceil(stop / per_item)])
        order = {pk: place for place, pk in enumerate(ids)}
        rows = sorted(self.items.filter(pk__in=ids), key=lambda row: order[row.pk])
        if self.language_of is not None:
            pairs = [(row, self.language_of(row)) for row in rows]
        else:
            pairs = [(row, language) for row in rows for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class LanguageSitemap(Sitemap):
    """A queryset's pages in every interface language, newest change last-modified."""

    i18n = True
    alternates = True
    x_default = True
    limit = URLS_PER_FILE
    url_name = ""

    def items(self) -> QuerySet:
        raise NotImplementedError

    def _items(self):
        # Django's own builds the whole (item, language) list for every page (module docstring).
        return LanguageVersions(self.items(), self._languages(), count=self.item_count)

    # How many items there are, when something cheaper than counting them keeps it.
    item_count: Callable[[], int] | None = None

    def _location(self, item, force_lang_code=None) -> str:
        # Django's own switches the active language and reverses the URL for each of the five
        # addresses of every item (half the time of a file); the address differs only by slug.
        obj, language = item
        language = force_lang_code or language
        if language not in self._addresses:
            with translation.override(language):
                self._addresses[language] = SlugUrl(self.url_name)
        return self._addresses[language](obj.slug)

    @cached_property
    def _addresses(self) -> dict[str, SlugUrl]:
        """Per language, the address of `url_name` with a slug put in (articles.addresses)."""
        return {}

    def lastmod(self, item):
        return item.changed_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("changed_at"))["latest"]


class ArticleSitemap(LanguageSitemap):
    """Each article once, at its canonical address (its own language: the page names that one
    canonical whatever the interface language), with the other languages as its alternates —
    a sitemap lists canonical addresses only, or crawlers are told two things at once."""

    url_name = "article_detail"

    # Counting 100,000 published articles took 50-65 ms of every index and file; the volumes'
    # stored counts (articles.counts keeps them) add up to the same number.
    item_count = staticmethod(published_article_total)

    def _items(self):
        return LanguageVersions(
            self.items(), self._languages(), count=self.item_count, language_of=canonical_language
        )

    def get_latest_lastmod(self):
        # The newest change of 100,000 articles is a pass over all of them, for every reading of
        # the index; each address in the files keeps its own date, which is what crawlers use.
        return None

    def items(self) -> QuerySet[Article]:
        # Publishing the volume changes what an article page shows as much as editing it does.
        changed = Greatest("updated_at", "proceedings__updated_at")
        return article_published().annotate(changed_at=changed).only("slug", "language").order_by("pk")


class VolumeSitemap(LanguageSitemap):
    url_name = "volume_detail"

    def items(self) -> QuerySet[Proceedings]:
        return proceedings_published().annotate(changed_at=F("updated_at")).only("slug").order_by("pk")


class UndatedSitemap(LanguageSitemap):
    """Pages that change with their articles: their rows keep no time of change, and a crawler
    is better told nothing than a wrong date."""

    def lastmod(self, item):
        return None

    def get_latest_lastmod(self):
        return None


class TopicSitemap(UndatedSitemap):
    url_name = "topic_detail"

    def items(self) -> QuerySet[Topic]:
        return Topic.objects.filter(published_articles__gt=0).only("slug").order_by("pk")


class AuthorSitemap(UndatedSitemap):
    url_name = "author_detail"

    def items(self) -> QuerySet[Person]:
        return Person.objects.filter(LISTED).only("slug").order_by("pk")


class ListingSitemap(UndatedSitemap):
    """The archive's own entry pages: home, volumes, topics, authors."""

    def items(self) -> list[str]:
        return ["home", "volume_list", "topic_list", "author_index"]

    def _items(self):
        return [(name, language) for name in self.items() for language in self._languages()]

    def _location(self, item, force_lang_code=None) -> str:
        name, language = item
        with translation.override(force_lang_code or language):
            return reverse(name)


SITEMAPS = {
    "pages": ListingSitemap,
    "proceedings": VolumeSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
}

# Paths crawlers should leave alone (`*` as Google, Bing and Yandex read it): searches, the
# reader's citation list and exports, the API, language switching, the admin and the health check.
ROBOTS_DISALLOWED = (
    "/admin/", "/api/", "/i18n/", "/*/search/", "/*/citations/", "/*/cite/", "/healthz",
)  # fmt: skip


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
