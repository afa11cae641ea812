"""Reads for the editors' review of an imported volume: what the importer found, and where it was unsure.

Plain selectors over the stored articles; nothing here parses the source file again (the
per-article source view comes from `proceedings.editorial.editing.article_source_lines`, the lines set
aside from `proceedings.editorial.editing_source.volume_set_aside`; here they are only grouped). A suspected
repeat is an article like the others, with `repeat_of` set: its warning comes from that pointer
(the editor decides in `proceedings.editorial.repeats`), not from the importer's text. Imports before it
skipped repeats and counted them in the volume (`Proceedings.duplicates_skipped`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Language, Topic
from articles.search.script import skeleton
from authors.models import Authorship, Person, Role
from authors.names import initials_of, surname_of
from authors.services import surname_part
from proceedings.importer.dedupe import is_repeat_warning
from proceedings.importer.furniture import KINDS
from proceedings.importer.types import SetAside
from proceedings.models import NonArticleKind, NonArticlePart, Proceedings

# The importer's warnings (proceedings.importer.pipeline.build_article), in its own words.
_LANGUAGE_BOUNDARY = re.compile(r"^boundary decided by a language change (?P<before>\w+)→(?P<after>\w+)$")
# articles.services.PARALLEL_UNMATCHED: the parallel block's names, kept nowhere else.
_PARALLEL_UNMATCHED = re.compile(r"^parallel names not matched: (?P<names>.*)$", re.DOTALL)
# The kinds of furniture.KINDS as editors read them, in that order.
SET_ASIDE_KINDS: dict[str, Promise] = {
    "running header": gettext_lazy("Running headers and footers"),
    "page number": gettext_lazy("Page numbers"),
    "cover": gettext_lazy("Cover"),
    "imprint": gettext_lazy("Imprint"),
    "front matter": gettext_lazy("Front matter (foreword, committee)"),
    "contents": gettext_lazy("Contents"),
    "section heading": gettext_lazy("Section headings"),
    "back matter": gettext_lazy("Back matter (index of authors, colophon)"),
}
# Folded surnames sharing this many first letters are compared further; the prefix keeps the
# candidate query on the match key's index.
_LOOKALIKE_PREFIX = 3


@dataclass(frozen=True)
class ReviewWarning:
    """One thing the editor should look at; `kind` is stable (CSS, tests, JSON), `message` translated."""

    kind: str
    message: str
    people: tuple[int, ...] = ()  # people to compare (and merge) in the people admin
    repeat_of: Article | None = None  # the article a suspected repeat seems to repeat


@dataclass(frozen=True)
class Lookalike:
    """A person new to the archive with this volume, and an existing one they may be."""

    person: Person
    resembles: Person


@dataclass(frozen=True)
class SetAsideGroup:
    """The set-aside lines of one kind; `kind` is stable (furniture.KINDS), `label` translated."""

    kind: str
    label: str
    lines: list[SetAside]


def set_aside_groups(set_aside: Iterable[SetAside]) -> list[SetAsideGroup]:
    """Lines the import set aside, grouped by kind in `furniture.KINDS` order, each in file order."""
    by_kind: dict[str, list[SetAside]] = defaultdict(list)
    for line in set_aside:
        by_kind[line.kind].append(line)
    order = [*KINDS, *sorted(kind for kind in by_kind if kind not in KINDS)]
    return [
        SetAsideGroup(kind=kind, label=str(SET_ASIDE_KINDS.get(kind, kind)), lines=by_kind[kind])
        for kind in order
        if by_kind.get(kind)
    ]


def set_aside_json(line: SetAside) -> dict:
    return {"line": line.line, "text": line.text, "kind": line.kind, "page": line.page}


@dataclass
class ReviewRow:
    article: Article
    authors: list[Authorship]
    supervisors: list[Authorship]
    keywords: list[tuple[str, list[str]]]
    topics: list[Topic]
    warnings: list[ReviewWarning] = field(default_factory=list)

    @property
    def pages(self) -> str:
        first, last = self.article.first_page, self.article.last_page
        if first is None:
            return ""
        return str(first) if last in (None, first) else f"{first}–{last}"


@dataclass(frozen=True)
class ReviewSummary:
    articles: int
    with_warnings: int
    untitled: int
    suspected_repeats: int
    duplicates_skipped: int | None  # by imports that skipped repeats unlisted; None: no record
    front_matter: int = 0  # parts an editor said are no articles (NonArticlePart)
    deleted: int = 0  # articles an editor deleted in the admin, their lines kept (NonArticlePart)
    repeats_left_out: int = 0  # listed, each restorable: by the import or an editor


def importer_warning(text: str) -> ReviewWarning:
    """An importer warning as the editor reads it; an unknown one is shown as written."""
    if text == "no header found":
        return ReviewWarning("no-header", _("No header found: title and authors may be missing."))
    if is_repeat_warning(text):  # the review reads `repeat_of` instead; the article's form shows this
        return ReviewWarning(
            "repeat",
            _("Looks like a repeat of the article at line %(line)s.") % {"line": text.rsplit(maxsplit=1)[-1]},
        )
    if text == "boundary decided by the layout alone":
        return ReviewWarning("layout-boundary", _("Start decided by the page layout alone."))
    if match := _LANGUAGE_BOUNDARY.match(text):
        return ReviewWarning(
            "language-boundary",
            _("Start decided by a change of language (%(before)s → %(after)s).")
            % {"before": _language_name(match["before"]), "after": _language_name(match["after"])},
        )
    if match := _PARALLEL_UNMATCHED.match(text):
        return ReviewWarning(
            "parallel-names",
            _(
                "The names printed again in another language do not line up with the authors and "
                "supervisors, so they were not added to anyone's spellings: %(names)s"
            )
            % {"names": match["names"]},
        )
    return ReviewWarning("importer", text)


def _language_name(code: str) -> str:
    return str(dict(Language.choices).get(code, code))


def repeat_warning(original: Article) -> ReviewWarning:
    return ReviewWarning(
        "repeat",
        _(
            "Looks like a repeat of article %(position)s (lines %(start)s–%(end)s); "
            "it stays an article until you decide."
        )
        % {
            "position": original.position,
            "start": original.source_start_line,
            "end": original.source_end_line,
        },
        repeat_of=original,
    )


def lookalike_warning(lookalike: Lookalike) -> ReviewWarning:
    return ReviewWarning(
        "lookalike",
        _("%(person)s is new to the archive and looks like %(other)s: the same person?")
        % {"person": lookalike.person.display_name, "other": lookalike.resembles.display_name},
        people=(lookalike.person.pk, lookalike.resembles.pk),
    )


def review_articles(*, volume: Proceedings) -> QuerySet[Article]:
    """The volume's articles in order, with everything a review row shows, in four queries."""
    return (
        Article.objects.filter(proceedings=volume)
        .order_by("position")
        .select_related("repeat_of", "section")
        .prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("person").order_by("role", "order"),
            ),
            Prefetch("topics", queryset=Topic.objects.order_by("slug")),
        )
    )


def _looks_alike(name: str, other: str) -> bool:
    """The same surname skeleton ('Абдуллаев', 'Абдулаев', 'Abdullayev') and the same first
    initial, or no initials on one side: worth an editor's look, never merged automatically."""
    surname = skeleton(surname_of(name))
    if not surname or surname != skeleton(surname_of(other)):
        return False
    mine, theirs = initials_of(name)[:1], initials_of(other)[:1]
    return not mine or not theirs or skeleton(mine) == skeleton(theirs)


def _spellings(person: Person) -> list[str]:
    return list(dict.fromkeys([person.display_name, *person.name_variants]))


def volume_lookalikes(*, volume: Proceedings) -> dict[int, list[Lookalike]]:
    """People met first in this volume who resemble someone else in the archive, by person id.

    The import links a printed name to an existing person only when exactly one compatible
    person exists (authors.services.person_resolve); otherwise, or when a spelling differs more
    than the match key forgives, it creates a new person. Those are the duplicates an editor
    merges by hand. Two new people of the volume who resemble each other are reported too.
    """
    elsewhere = Authorship.objects.filter(person=OuterRef("pk")).exclude(article__proceedings=volume)
    newcomers = list(
        Person.objects.filter(authorships__article__proceedings=volume)
        .filter(~Exists(elsewhere))
        .distinct()
        .order_by("pk")
    )
    prefixes = {surname_part(person.match_key)[:_LOOKALIKE_PREFIX] for person in newcomers}
    if not prefixes:
        return {}
    query = Q()
    for prefix in prefixes:
        query |= Q(match_key__startswith=prefix)
    candidates = list(Person.objects.filter(query).annotate(article_count=Count("authorships")))
    found: dict[int, list[Lookalike]] = defaultdict(list)
    for person in newcomers:
        for other in candidates:
            if other.pk == person.pk:
                continue
            if any(_looks_alike(a, b) for a in _spellings(person) for b in _spellings(other)):
                found[person.pk].append(Lookalike(person=person, resembles=other))
    return dict(found)


def review_rows(
    *, articles: Iterable[Article], lookalikes: dict[int, list[Lookalike]] | None = None
) -> list[ReviewRow]:
    """One row per article (from `review_articles`): people, keywords, topics and warnings."""
    lookalikes = lookalikes or {}
    rows = []
    for article in articles:
        authorships = list(article.authorships.all())
        warnings = [importer_warning(text) for text in article.import_warnings if not is_repeat_warning(text)]
        if article.repeat_of is not None:
            warnings.insert(0, repeat_warning(article.repeat_of))
        for authorship in authorships:
            warnings.extend(lookalike_warning(found) for found in lookalikes.get(authorship.person_id, []))
        rows.append(
            ReviewRow(
                article=article,
                authors=[a for a in authorships if a.role == Role.AUTHOR],
                supervisors=[a for a in authorships if a.role == Role.SUPERVISOR],
                keywords=list(article.keywords().items()),
                topics=list(article.topics.all()),
                warnings=warnings,
            )
        )
    return rows


def review_summary(
    *, rows: list[ReviewRow], duplicates_skipped: int | None, non_articles: Iterable[NonArticlePart] = ()
) -> ReviewSummary:
    kinds = [part.kind for part in non_articles]
    return ReviewSummary(
        articles=len(rows),
        with_warnings=sum(1 for row in rows if row.warnings),
        untitled=sum(1 for row in rows if not row.article.has_title),
        suspected_repeats=sum(1 for row in rows if row.article.repeat_of_id is not None),
        duplicates_skipped=duplicates_skipped,
        front_matter=kinds.count(NonArticleKind.FRONT_MATTER),
        deleted=kinds.count(NonArticleKind.REMOVED),
        repeats_left_out=kinds.count(NonArticleKind.REPEAT),
    )


def volume_non_articles(*, volume: Proceedings) -> list[NonArticlePart]:
    """The volume's front matter and repeats left out, in the order of the source."""
    return list(
        NonArticlePart.objects.filter(proceedings=volume)
        .select_related("repeat_of")
        .order_by("source_start_line")
    )


def non_article_json(part: NonArticlePart) -> dict:
    """A part that is no article, for the review page's JSON twin."""
    return {
        "id": part.pk,
        "kind": part.kind,
        "source_lines": [part.source_start_line, part.source_end_line],
        "pages": [part.first_page, part.last_page],
        "title": part.title,
        "first_words": part.first_words,
        "repeat_of": _repeat_json(part.repeat_of),
        "repeat_reason": part.repeat_reason,
    }


def article_neighbours(*, article: Article) -> tuple[Article | None, Article | None]:
    """The articles before and after `article` in its volume, for review navigation and merging."""
    siblings = Article.objects.filter(proceedings=article.proceedings_id).only("pk", "position", "title")
    before = siblings.filter(position__lt=article.position).order_by("-position").first()
    after = siblings.filter(position__gt=article.position).order_by("position").first()
    return before, after


def review_row_json(row: ReviewRow) -> dict:
    """A review row for the page's JSON twin."""
    article = row.article
    return {
        "position": article.position,
        "id": article.pk,
        "title": article.title,
        "display_title": article.display_title,
        "authors": [a.person.display_name for a in row.authors],
        "supervisors": [a.person.display_name for a in row.supervisors],
        "language": article.language,
        "parallel_titles": dict(article.parallel_title_list()),
        "abstracts": article.abstracts(),
        "keywords": dict(row.keywords),
        "topics": [topic.slug for topic in row.topics],
        "pages": [article.first_page, article.last_page],
        "source_lines": [article.source_start_line, article.source_end_line],
        "warnings": [{"kind": w.kind, "message": w.message} for w in row.warnings],
        "repeat_of": _repeat_json(article.repeat_of),
        "section": article.section.title if article.section else None,
    }


def _repeat_json(original: Article | None) -> dict | None:
    if original is None:
        return None
    return {
        "id": original.pk,
        "position": original.position,
        "source_lines": [original.source_start_line, original.source_end_line],
    }
