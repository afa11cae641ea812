"""Writes on articles and topics."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from articles.models import Article, Topic
from authors.models import Authorship, Role
from authors.services import person_resolve
from proceedings.importer.types import ArticleDraft, PersonDraft
from proceedings.models import Proceedings
from proceedings.transliteration import former_slugs_joined, slug_from_text

LANGUAGES = ("kk", "ru", "en")


@transaction.atomic
def topic_vocabulary_load(*, entries: Iterable[dict]) -> int:
    """Create the topics of a vocabulary whose slugs are not in the database yet.

    Existing topics are left as editors made them; returns how many were created.
    """
    existing = set(Topic.objects.values_list("slug", flat=True))
    new_topics = [
        Topic(
            slug=entry["slug"],
            name_kk=entry.get("name_kk", ""),
            name_ru=entry.get("name_ru", ""),
            name_en=entry.get("name_en", ""),
            description=entry.get("description_en", entry.get("description", "")),
            stems_kk=list(entry.get("stems", {}).get("kk", [])),
            stems_ru=list(entry.get("stems", {}).get("ru", [])),
            stems_en=list(entry.get("stems", {}).get("en", [])),
        )
        for entry in entries
        if entry["slug"] not in existing
    ]
    Topic.objects.bulk_create(new_topics)
    return len(new_topics)


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


def authorships_create(*, article: Article, people: list[PersonDraft], role: str) -> None:
    seen_people: set[int] = set()
    order = 0
    for draft in people:
        person = person_resolve(name=draft.name, position=draft.position, affiliation=draft.affiliation)
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


@transaction.atomic
def article_create_from_draft(
    *,
    proceedings: Proceedings,
    draft: ArticleDraft,
    position: int,
    topics: dict[str, Topic],
    taken_slugs: set[str],
    repeat_of_id: int | None = None,
) -> Article:
    """Store one importer draft with its people and topics; `taken_slugs` is updated.

    `repeat_of_id`: the article this one seems to repeat, set on creation because a
    word-for-word copy shares its original's content hash (unique only among non-repeats).
    """
    article = Article.objects.create(
        proceedings=proceedings,
        repeat_of_id=repeat_of_id,
        position=position,
        title=draft.title or None,
        title_display=draft.title_display or "",
        language=draft.language,
        body=draft.body,
        first_page=draft.first_page,
        last_page=draft.last_page,
        source_start_line=draft.start_line,
        source_end_line=draft.end_line,
        # The importer points a body-less draft at its last line; past the end says "no body".
        body_start_line=draft.body_start_line if draft.body else draft.end_line + 1,
        content_hash=draft.content_hash,
        slug=article_slug(draft=draft, taken=taken_slugs),
        import_warnings=list(draft.warnings),
        **{f"abstract_{code}": draft.abstracts.get(code, "") for code in LANGUAGES},
        **{f"keywords_{code}": list(draft.keywords.get(code, [])) for code in LANGUAGES},
    )
    taken_slugs.add(article.slug)
    authorships_create(article=article, people=draft.authors, role=Role.AUTHOR)
    authorships_create(article=article, people=draft.supervisors, role=Role.SUPERVISOR)
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
