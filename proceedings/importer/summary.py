"""The numbers an editor wants after an import: what was found, and what is missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from proceedings.importer.types import ImportPlan


@dataclass(frozen=True)
class PlanSummary:
    articles: int
    duplicates: int
    with_title: int
    with_authors: int
    with_supervisors: int
    with_keywords: int
    without_header: int
    languages: dict[str, int]
    topics: Counter[str]

    def lines(self) -> list[str]:
        """Human-readable report lines (the command prints them, the admin shows them)."""
        distinct = self.articles - self.duplicates
        return [
            f"articles found: {self.articles} "
            f"({distinct} distinct, {self.duplicates} repeated copies skipped)",
            f"with title: {self.with_title}, without: {distinct - self.with_title}",
            f"with authors: {self.with_authors}, without: {distinct - self.with_authors}",
            f"with supervisors: {self.with_supervisors}, without: {distinct - self.with_supervisors}",
            f"with keywords: {self.with_keywords}; no header at all: {self.without_header}",
            "languages: " + ", ".join(f"{code} {count}" for code, count in sorted(self.languages.items())),
            "topics: " + ", ".join(f"{slug} {count}" for slug, count in self.topics.most_common()),
        ]


def plan_summary(plan: ImportPlan) -> PlanSummary:
    """Counts over the distinct articles (repeated copies are counted once, as duplicates)."""
    distinct = [article for article in plan.articles if article.duplicate_of is None]
    return PlanSummary(
        articles=len(plan.articles),
        duplicates=len(plan.articles) - len(distinct),
        with_title=sum(1 for a in distinct if a.title),
        with_authors=sum(1 for a in distinct if a.authors),
        with_supervisors=sum(1 for a in distinct if a.supervisors),
        with_keywords=sum(1 for a in distinct if a.keywords),
        without_header=sum(1 for a in distinct if "no header found" in a.warnings),
        languages=dict(Counter(a.language for a in distinct)),
        topics=Counter(slug for a in distinct for slug in a.topics),
    )
