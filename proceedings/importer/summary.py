"""The numbers an editor wants after an import: what was found, and what is missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from proceedings.importer.types import ImportPlan


@dataclass(frozen=True)
class PlanSummary:
    articles: int
    # (first line of the copy, first line of the article it seems to repeat), in file order
    repeats: list[tuple[int, int]]
    with_title: int
    with_authors: int
    with_supervisors: int
    with_keywords: int
    without_header: int
    languages: dict[str, int]
    topics: Counter[str]
    # Each section's title (in sentence case) and how many articles it holds, in file order.
    sections: list[tuple[str, int]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Human-readable report lines (the command prints them, the admin shows them)."""
        return [
            f"articles found: {self.articles} (all kept; suspected repeats among them: {len(self.repeats)})",
            f"with title: {self.with_title}, without: {self.articles - self.with_title}",
            f"with authors: {self.with_authors}, without: {self.articles - self.with_authors}",
            f"with supervisors: {self.with_supervisors}, without: {self.articles - self.with_supervisors}",
            f"with keywords: {self.with_keywords}; no header at all: {self.without_header}",
            "languages: " + ", ".join(f"{code} {count}" for code, count in sorted(self.languages.items())),
            "topics: " + ", ".join(f"{slug} {count}" for slug, count in self.topics.most_common()),
            *(repeat_line(line=line, repeat_of=original) for line, original in self.repeats),
            *(
                ["sections: " + ", ".join(f"{title} ({count})" for title, count in self.sections)]
                if self.sections
                else []
            ),
        ]

    def repeats_json(self) -> list[dict[str, int | bool]]:
        return [
            {"start_line": line, "duplicate_of": original, "kept": True} for line, original in self.repeats
        ]


def repeat_line(*, line: int, repeat_of: int) -> str:
    return (
        f"article at line {line} looks like a repeat of the one at line {repeat_of}: "
        "kept; confirm or undo it in the review"
    )


def plan_summary(plan: ImportPlan) -> PlanSummary:
    """Counts over every article found; a suspected repeat is one of them (the import keeps it)."""
    articles = plan.articles
    return PlanSummary(
        articles=len(articles),
        repeats=[(a.start_line, a.duplicate_of) for a in articles if a.duplicate_of is not None],
        with_title=sum(1 for a in articles if a.title),
        with_authors=sum(1 for a in articles if a.authors),
        with_supervisors=sum(1 for a in articles if a.supervisors),
        with_keywords=sum(1 for a in articles if a.keywords),
        without_header=sum(1 for a in articles if "no header found" in a.warnings),
        languages=dict(Counter(a.language for a in articles)),
        topics=Counter(slug for a in articles for slug in a.topics),
        sections=[(section.title_display, len(section.articles)) for section in plan.sections],
    )
