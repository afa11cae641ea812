"""A volume's contents under its section headings, as the volume prints them.

One read of the volume's sections and one of its articles' (id, section) pairs in printed order:
enough to put a page's articles under their headings and to say on which page of the contents
each section starts (the table of sections), without touching the wide article rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from articles.models import Article
from proceedings.models import Proceedings, Section

# Up to this many sections the headings in the list are enough; more get a table on top.
SECTION_TABLE_FROM = 4


@dataclass(frozen=True)
class SectionGroup:
    """Consecutive articles of a page under one heading; `section` None: before the first."""

    section: Section | None
    articles: list[Article]

    @property
    def title_level(self) -> int:
        """The heading level of its articles' titles: under the section's own (h3), or none."""
        return 4 if self.section else 3


@dataclass(frozen=True)
class SectionEntry:
    """A line of the table of sections: the page of the contents where the section starts."""

    section: Section
    page: int


@dataclass(frozen=True)
class VolumeSections:
    sections: list[Section]
    # Each article's section (None: in none), by article id, the articles in printed order.
    article_sections: dict[int, Section | None]

    def section_of(self, article: Article) -> Section | None:
        return self.article_sections.get(article.pk)

    def groups(self, articles: Iterable[Article], *, grouped: bool = True) -> list[SectionGroup]:
        """`articles` (a page of the contents) cut where the section changes, a page that opens
        inside a section showing its heading again; all in one group with no heading when not
        `grouped` (a list sorted otherwise than in print, where headings would mislead)."""
        out: list[SectionGroup] = []
        for article in articles:
            section = self.section_of(article) if grouped else None
            if not out or out[-1].section is not section:
                out.append(SectionGroup(section, []))
            out[-1].articles.append(article)
        return out

    def table(self, *, per_page: int) -> list[SectionEntry]:
        """The sections that hold articles, each with the contents page of its first article;
        empty when there are too few sections to need a table."""
        first: dict[int, int] = {}
        for index, section in enumerate(self.article_sections.values()):
            if section is not None:
                first.setdefault(section.pk, index)
        entries = [
            SectionEntry(section, first[section.pk] // per_page + 1)
            for section in self.sections
            if section.pk in first
        ]
        return entries if len(entries) >= SECTION_TABLE_FROM else []


NO_SECTIONS = VolumeSections([], {})


def volume_sections(*, volume: Proceedings) -> VolumeSections:
    """The volume's sections in their order and its articles' sections in printed order."""
    sections = list(Section.objects.filter(proceedings=volume).order_by("position", "id"))
    if not sections:
        return NO_SECTIONS
    by_id = {section.pk: section for section in sections}
    pairs = Article.objects.filter(proceedings=volume).order_by("position").values_list("pk", "section_id")
    return VolumeSections(sections, {pk: by_id.get(section_id) for pk, section_id in pairs})
