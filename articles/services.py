"""Writes on articles and topics."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from articles.models import Article, Topic
from authors.models import Authorship, Person, Role
from authors.names import names_compatible, normalise_name
from authors.services import person_record_variant, person_resolve
from proceedings.importer.types import ArticleDraft, PersonDraft
from proceedings.models import Proceedings, Section
from proceedings.site.page_cache import page_cache_invalidate
from proceedings.transliteration import former_slugs_joined, slug_from_text

LANGUAGES = ("kk", "ru", "en")
# The import's warning for the people of a parallel block that do not line up with the header's
# (proceedings.editorial.review turns it into the editors' words): their names are kept nowhere else.
PARALLEL_UNMATCHED = "parallel names not matched: "


@transaction.atomic
def topic_vocabulary_load(*, entries: Iterable[dict]) -> int:
    """Create the topics of a vocabulary whose slugs are not in the database yet.

    Existing topics are left as editors made them, except that a description in a language they
    lack is taken from the vocabulary; returns how many were created.
    """
    entries = list(entries)
    existing = set(Topic.objects.values_list("slug", flat=True))
    _topic_descriptions_fill(entries=[entry for entry in entries if entry["slug"] in existing])
    new_topics = [
        Topic(
            slug=entry["slug"],
            name_kk=entry.get("name_kk", ""),
            name_ru=entry.get("name_ru", ""),
            name_en=entry.get("name_en", ""),
            description=entry.get("description_en", entry.get("description", "")),
            **{f"description_{code}": entry.get(f"description_{code}", "") for code in LANGUAGES},
            stems_kk=list(entry.get("stems", {}).get("kk", [])),
            stems_ru=list(entry.get("stems", {}).get("ru", [])),
            stems_en=list(entry.get("stems", {}).get("en", [])),
        )
        for entry in entries
        if entry["slug"] not in existing
    ]
    Topic.objects.bulk_create(new_topics)
    page_cache_invalidate()
    return len(new_topics)


def _topic_descriptions_fill(*, entries: list[dict]) -> None:
    """Stored topics get the vocabulary's description in each language they have none in (the
    per-language descriptions came after the topics): an editor's text is never replaced."""
    by_slug = {entry["slug"]: entry for entry in entries}
    changed = []
    for topic in Topic.objects.filter(slug__in=by_slug):
        filled = False
        for code in LANGUAGES:
            given = by_slug[topic.slug].get(f"description_{code}", "")
            if given and not getattr(topic, f"description_{code}"):
                setattr(topic, f"description_{code}", given)
                filled = True
        if filled:
            changed.append(topic)
    Topic.objects.bulk_update(changed, [f"description_{code}" for code in LANGUAGES])


def article_slug(*, draft: ArticleDraft, taken: set[str]) -> str:
    """Readable and stable: words of the title (or of the text, for untitled articles) plus the
    start of the content hash, so re-imports of the same text give the same address. `taken`
    holds slugs given earlier in the same import."""
    words = slug_from_text(draft.title_display or draft.title or draft.body, max_words=8, max_length=70)
    base = f"{words}-{draft.content_hash[:6]}" if words else draft.content_hash[:12]
    slug, suffix = base, 2
    while slug in taken or Article.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def authorships_create(*, article: Article, people: list[PersonDraft], role: str) -> list[Person]:
    """Resolve and link the people of one role; returns the person of each draft, in order."""
    seen_people: set[int] = set()
    resolved: list[Person] = []
    order = 0
    for draft in people:
        person = person_resolve(name=draft.name, position=draft.position, affiliation=draft.affiliation)
        resolved.append(person)
        if person.pk in seen_people:
            continue  # printed twice in one header: one authorship
        seen_people.add(person.pk)
        order += 1
        Authorship.objects.create(
            article=article,
            person=person,
            role=role,
            order=order,
            printed_text=draft.printed,
            position=draft.position,
            affiliation=draft.affiliation,
        )
    return resolved


def parallel_people_line_up(*, printed: list[PersonDraft], parallel: list[PersonDraft]) -> bool:
    """Whether a parallel block's people are the header's authors and supervisors, one for one.

    The same count and the same roles in the same order, and no name there that reads as
    another person of the header rather than as its own (a block listing the authors in another
    order). Only then is each spelling a variant of its person: a wrong variant would later
    link someone else's papers to them.
    """
    if not parallel or [p.role for p in parallel] != [p.role for p in printed]:
        return False
    for n, (own, spelling) in enumerate(zip(printed, parallel, strict=True)):
        if names_compatible(spelling.name, own.name):
            continue
        if any(names_compatible(spelling.name, other.name) for m, other in enumerate(printed) if m != n):
            return False
    return True


def parallel_people_warnings(
    *, authors: list[PersonDraft], supervisors: list[PersonDraft], parallel: list[PersonDraft]
) -> list[str]:
    """The import warning naming a parallel block's people that do not line up; none when they do."""
    if not parallel or parallel_people_line_up(printed=[*authors, *supervisors], parallel=parallel):
        return []
    return [PARALLEL_UNMATCHED + "; ".join(person.name for person in parallel)]


def article_people_create(
    *,
    article: Article,
    authors: list[PersonDraft],
    supervisors: list[PersonDraft],
    parallel: list[PersonDraft],
) -> None:
    """The article's authorships; where the parallel block lines up (`parallel_people_line_up`),
    each parallel spelling becomes a name variant of its person — never a person of its own."""
    people = [
        *authorships_create(article=article, people=authors, role=Role.AUTHOR),
        *authorships_create(article=article, people=supervisors, role=Role.SUPERVISOR),
    ]
    if not parallel_people_line_up(printed=[*authors, *supervisors], parallel=parallel):
        return
    latest: dict[int, Person] = {}  # one person printed twice: the instance saved last
    for resolved, spelling in zip(people, parallel, strict=True):
        person = latest.get(resolved.pk, resolved)
        latest[person.pk] = person_record_variant(person=person, name=normalise_name(spelling.name))


@transaction.atomic
def article_create_from_draft(
    *,
    proceedings: Proceedings,
    draft: ArticleDraft,
    position: int,
    topics: dict[str, Topic],
    taken_slugs: set[str],
    repeat_of_id: int | None = None,
    section: Section | None = None,
) -> Article:
    """Store one importer draft with its people and topics; `taken_slugs` is updated.

    `repeat_of_id`: the article this one seems to repeat, set on creation because a
    word-for-word copy shares its original's content hash (unique only among non-repeats).
    The people of a parallel block that do not line up with the header's are kept only in the
    article's import warnings.
    """
    warnings = list(draft.warnings) + parallel_people_warnings(
        authors=draft.authors, supervisors=draft.supervisors, parallel=draft.parallel_people
    )
    article = Article.objects.create(
        proceedings=proceedings,
        repeat_of_id=repeat_of_id,
        section=section,
        position=position,
        title=draft.title or None,
        title_display=draft.title_display or "",
        parallel_titles=dict(draft.parallel_titles),
        language=draft.language,
        body=draft.body,
        body_structure=draft.structure,
        first_page=draft.first_page,
        last_page=draft.last_page,
        source_start_line=draft.start_line,
        source_end_line=draft.end_line,
        # The importer points a body-less draft at its last line; past the end says "no body".
        body_start_line=draft.body_start_line if draft.body else draft.end_line + 1,
        content_hash=draft.content_hash,
        slug=article_slug(draft=draft, taken=taken_slugs),
        import_warnings=warnings,
        **{f"abstract_{code}": draft.abstracts.get(code, "") for code in LANGUAGES},
        **{f"keywords_{code}": list(draft.keywords.get(code, [])) for code in LANGUAGES},
    )
    taken_slugs.add(article.slug)
    article_people_create(
        article=article, authors=draft.authors, supervisors=draft.supervisors, parallel=draft.parallel_people
    )
    article.topics.set([topics[slug] for slug in draft.topics if slug in topics])
    return article


def article_redirect_add(*, old_slug: str, article: Article) -> None:
    """Let the address `old_slug` lead to `article` from now on (a changed slug)."""
    article.former_slugs = former_slugs_joined(article.former_slugs, [old_slug], current=article.slug)
    Article.objects.filter(pk=article.pk).update(former_slugs=article.former_slugs)


def article_redirects_move(*, source: Article, target: Article) -> None:
    """Every old address of `source`, and its own, lead to `target` (before `source` goes)."""
    article_redirect_add(old_slug=source.slug, article=target)
    for slug in source.former_slugs:
        article_redirect_add(old_slug=slug, article=target)
