"""Writes on people: finding the one Person behind a printed name, creating them when new."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from authors.aggregates import person_aggregates_refresh
from authors.models import Authorship, Person, Role
from authors.names import index_letter, names_compatible, normalise_name, person_match_key, sortable_name
from authors.search import person_search_vector
from proceedings.editorial.history import DELETION, change_record
from proceedings.models import Proceedings, ProceedingsStatus
from proceedings.site.page_cache import page_cache_invalidate
from proceedings.transliteration import former_slugs_joined, slug_from_text


def surname_part(match_key: str) -> str:
    """The folded-surname half of a match key ('uzbekova|g.s' -> 'uzbekova')."""
    return match_key.split("|", 1)[0]


def person_candidates(*, name: str) -> list[Person]:
    """People already in the archive who may be the person printed as `name`.

    One query on the indexed match key (same key, or same folded surname with other initials),
    then `names_compatible` on every spelling we have seen for each of them.
    """
    key = person_match_key(name)
    candidates = Person.objects.filter(Q(match_key=key) | Q(match_key__startswith=surname_part(key) + "|"))
    return [
        person
        for person in candidates
        if any(names_compatible(name, variant) for variant in [person.display_name, *person.name_variants])
    ]


def unique_person_slug(name: str) -> str:
    base = slug_from_text(name, max_words=6) or "person"
    taken = set(Person.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def person_resolve(*, name: str, position: str = "", affiliation: str = "") -> Person:
    """The Person printed as `name`: an existing one when exactly one compatible person exists,
    otherwise a new one. Two or more compatible people (two 'Ахметов А.' with different full
    names) are ambiguous: a new Person is safer than guessing, and an editor can merge later.
    """
    display = normalise_name(name)
    key = person_match_key(display)
    candidates = person_candidates(name=display)
    exact = [person for person in candidates if person.match_key == key]
    if len(candidates) == 1 or len(exact) == 1:
        person = candidates[0] if len(candidates) == 1 else exact[0]
        return person_record_variant(person=person, name=display, position=position, affiliation=affiliation)
    return Person.objects.create(
        display_name=display,
        name_variants=[display],
        match_key=key,
        index_letter=index_letter(display),
        sort_name=sortable_name(display),
        position=position,
        affiliation=affiliation,
        slug=unique_person_slug(display),
        search_vector=person_search_vector(display_name=display, name_variants=[display]),
    )


def person_record_variant(*, person: Person, name: str, position: str = "", affiliation: str = "") -> Person:
    """Remember a new spelling of the person's name; fill position/affiliation when still blank."""
    changed = []
    if name not in person.name_variants:
        person.name_variants = [*person.name_variants, name]
        changed.append("name_variants")
    if position and not person.position:
        person.position = position
        changed.append("position")
    if affiliation and not person.affiliation:
        person.affiliation = affiliation
        changed.append("affiliation")
    if "name_variants" in changed:
        person.search_vector = person_search_vector(
            display_name=person.display_name, name_variants=person.name_variants
        )
        changed.append("search_vector")
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
    return person


def person_refresh_match_key(*, person: Person) -> None:
    """Recompute derived fields after an editor changed the name (the admin calls this, then saves):
    the match key, the author index's letter and sortable name, and the people search vector
    (an expression the caller's save() evaluates)."""
    person.display_name = normalise_name(person.display_name)
    person.match_key = person_match_key(person.display_name)
    person.index_letter = index_letter(person.display_name)
    person.sort_name = sortable_name(person.display_name)
    if person.display_name not in person.name_variants:
        person.name_variants = [*person.name_variants, person.display_name]
    if not person.slug:
        person.slug = unique_person_slug(person.display_name)
    person.search_vector = person_search_vector(
        display_name=person.display_name, name_variants=person.name_variants
    )


def person_refresh_article_counts(*, people: Iterable[int] | QuerySet | None = None) -> int:
    """Recount the published articles of `people` (ids or a values() queryset; None: everyone),
    and what their author pages show of them (authors.aggregates: topics, co-authors, printed
    positions and affiliations).

    Call it after anything that changes which articles of whom are published, or their topics:
    an import, a volume's status, an article or authorship edited or deleted, people merged.
    Returns the number of people updated.
    """
    published = Authorship.objects.filter(
        person=OuterRef("pk"), article__proceedings__status=ProceedingsStatus.PUBLISHED
    ).order_by()

    def count(role: str) -> Coalesce:
        per_person = published.filter(role=role).values("person").annotate(total=Count("id")).values("total")
        return Coalesce(Subquery(per_person), Value(0))

    targets = Person.objects.all() if people is None else Person.objects.filter(pk__in=people)
    page_cache_invalidate()
    updated = targets.update(
        articles_as_author=count(Role.AUTHOR), articles_as_supervisor=count(Role.SUPERVISOR)
    )
    person_aggregates_refresh(
        people=None
        if people is None
        else list(Person.objects.filter(pk__in=people).values_list("pk", flat=True))
    )
    return updated


def people_of_volume(proceedings: Proceedings) -> QuerySet:
    """The ids of everyone with an article in the volume, for person_refresh_article_counts."""
    return Authorship.objects.filter(article__proceedings=proceedings).values("person")


@contextmanager
def person_article_counts_kept(*, authorships: Callable[[], QuerySet[Authorship]]) -> Iterator[None]:
    """Recount everyone in `authorships()` before and after the block: people may leave it (an
    article or authorship deleted) or join it. For admin edits of volumes, articles and people."""
    before = set(authorships().values_list("person_id", flat=True))
    yield
    after = set(authorships().values_list("person_id", flat=True))
    person_refresh_article_counts(people=before | after)


@transaction.atomic
def person_merge(*, keep: Person, remove: Person, user=None) -> Person:
    """Merge `remove` into `keep` across the whole archive ('Узбекова Г.С.' into 'Г.С. Өзбекова').

    Nothing is lost: every authorship of `remove` moves to `keep` (where both already sit on one
    article in one role, the duplicate row goes), every spelling of `remove` becomes a variant of
    `keep`, and blank position, affiliation and ORCID are filled from `remove`. The author index
    counts and the search vectors of every affected article follow. With a `user`, the history
    of `keep` says who merged whom (and the removed record's deletion is logged).
    """
    from articles.search.index import article_search_refresh  # noqa: PLC0415 - articles imports authors

    if keep.pk == remove.pk:
        raise ValueError("A person cannot be merged into themselves.")
    page_cache_invalidate()
    for authorship in Authorship.objects.filter(person=remove).select_for_update():
        twin = Authorship.objects.filter(
            article=authorship.article_id, role=authorship.role, person=keep
        ).first()
        if twin is not None:
            authorship.delete()
        else:
            authorship.person = keep
            authorship.save(update_fields=["person"])
    orcid = remove.orcid
    remove_names = [remove.display_name, *remove.name_variants]
    former_slugs = [remove.slug, *remove.former_slugs]
    removed = str(remove)
    if user is not None:
        change_record(
            user=user, obj=remove, action=DELETION, message=_("Merged into %(name)s.") % {"name": keep}
        )
    remove.delete()
    keep.name_variants = list(dict.fromkeys([*keep.name_variants, *remove_names]))
    # Links to the removed record's page lead to the kept one (authors.views.author_detail).
    keep.former_slugs = former_slugs_joined(keep.former_slugs, former_slugs, current=keep.slug)
    keep.position = keep.position or remove.position
    keep.affiliation = keep.affiliation or remove.affiliation
    keep.orcid = keep.orcid or orcid
    keep.search_vector = person_search_vector(
        display_name=keep.display_name, name_variants=keep.name_variants
    )
    keep.save()
    person_refresh_article_counts(people=[keep.pk])
    article_search_refresh(
        article_ids=Authorship.objects.filter(person=keep).values_list("article", flat=True)
    )
    keep.refresh_from_db()
    if user is not None:
        change_record(user=user, obj=keep, message=_("Merged %(name)s into this person.") % {"name": removed})
    return keep
