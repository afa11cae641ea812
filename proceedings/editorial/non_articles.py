"""Lines kept out of a volume's articles on purpose, and the way back: no source line is lost.

"Not an article" turns an article the importer made of front matter (a foreword, a committee
list, a contents page) into a `NonArticlePart` holding exactly its lines; a repeat the import
left out, or one an editor removed (proceedings.editorial.repeats), is kept the same way. Either
can become an article again: the lines are read from the stored source and built by the code
the split uses (`editing._draft_from_lines`, with the header/text border the article had), at
the position its lines give it among the articles, with the addresses it had. Readers never see
a part: the site shows articles only, and the stored counts follow each change.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from articles.counts import article_counts_refresh, count_scope
from articles.hand_edits import PEOPLE
from articles.models import NO_TEXT_HASH, Article, Topic
from articles.search.index import article_search_refresh, article_search_refresh_for_people
from articles.services import article_create_from_draft
from authors.services import person_refresh_article_counts
from proceedings.article_pdfs import article_pdfs_cut, line_sheets
from proceedings.editorial.editing import (
    ArticleEditError,
    _draft_from_lines,
    article_lines,
    article_locked,
    article_people,
    header_from_lines,
    positions_shift,
    volume_source,
)
from proceedings.editorial.editing_source import VolumeSource
from proceedings.editorial.hand_edits import (
    LostEdit,
    _body_lost,
    edits_given_back,
    edits_kept_aside,
    edits_note,
    losses_confirmed,
)
from proceedings.editorial.history import ADDITION, DELETION, change_record
from proceedings.importer.types import ArticleDraft, Line
from proceedings.models import NonArticleKind, NonArticlePart, Proceedings, Section
from proceedings.oai_records import oai_records_batched
from proceedings.site.page_cache import page_cache_invalidate
from proceedings.transliteration import former_slugs_joined

FIRST_WORDS = 12  # as many as an untitled article shows of its text (articles.models)


def text_key(content_hash: str, title: str | None) -> str:
    """What tells an article's text from another's: its content hash, or for an article with no
    text (all header: a one-page abstract) its title, since all of those share one hash."""
    return f"no text: {title or ''}" if content_hash == NO_TEXT_HASH else content_hash


def first_words(text: str) -> str:
    words = text.split(maxsplit=FIRST_WORDS)
    return " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")


def part_of_article(
    article: Article, *, kind: str, repeat_of: Article | None = None, reason: str = ""
) -> NonArticlePart:
    """An unsaved part with exactly the article's lines, what it showed and its addresses."""
    return NonArticlePart(
        proceedings_id=article.proceedings_id,
        kind=kind,
        source_start_line=article.source_start_line,
        source_end_line=article.source_end_line,
        body_start_line=article.body_start_line,
        first_page=article.first_page,
        last_page=article.last_page,
        title=article.title or "",
        first_words=first_words(article.body),
        repeat_of=repeat_of,
        repeat_reason=reason,
        slug=article.slug,
        former_slugs=list(article.former_slugs),
        hand_edits=edits_kept_aside(article),
    )


def hand_edits_not_kept(article: Article) -> list[LostEdit]:
    """What a part cannot keep of the article's hand edits: an edited body (its lines give the
    text back as printed). The rest the part keeps, and restoring gives it back."""
    return _body_lost(article)


@transaction.atomic
@oai_records_batched()  # a published article's record becomes a deleted one
def article_not_an_article(*, article: Article, user, confirmed: str = "") -> NonArticlePart:
    """The article is front matter: its lines become the volume's, the article goes.

    Its lines must be the stored source's (as for a split), so the part points at its text. The
    part keeps its hand edits for a restore; an edited body cannot be kept: refused
    (HandEditsLostError) unless `confirmed` is the token of exactly that
    (proceedings.editorial.hand_edits).
    """
    article = article_locked(article)
    article_lines(article=article, source=volume_source(proceedings=article.proceedings))
    lost = hand_edits_not_kept(article)
    losses_confirmed(lost, confirmed=confirmed)
    page_cache_invalidate()
    part = part_of_article(article, kind=NonArticleKind.FRONT_MATTER)
    kept = list(part.hand_edits.get("values", {}))
    lines = {"start": article.source_start_line, "end": article.source_end_line, "article": article}
    change_record(
        user=user,
        obj=article,
        action=DELETION,
        message=_("Not an article: its lines %(start)d–%(end)d are now the volume’s front matter.") % lines
        + edits_note(kept=kept, lost=lost),
    )
    change_record(
        user=user,
        obj=article.proceedings,
        message=_("Lines %(start)d–%(end)d (“%(article)s”) moved from the articles to the front matter.")
        % lines,
    )
    article_replaced_by_part(article, part)
    return part


@transaction.atomic
@oai_records_batched()
def articles_deleted_keeping_lines(*, articles: Iterable[Article], user) -> list[NonArticlePart]:
    """Articles an editor deletes in the admin: each goes as by "Not an article", its lines
    kept as a part the review lists (kind "deleted by an editor") and can make an article again.

    Unlike "Not an article" the lines are not checked against the stored source: a delete is
    never refused; a part whose source no longer matches is refused when restored instead.
    Lines some part holds already (a broken volume) are not kept twice.
    """
    parts = []
    for chosen in sorted(articles, key=lambda article: article.position, reverse=True):
        article = article_locked(chosen)
        page_cache_invalidate()
        part = part_of_article(article, kind=NonArticleKind.REMOVED)
        lines = {"start": article.source_start_line, "end": article.source_end_line, "article": article}
        change_record(
            user=user,
            obj=article.proceedings,
            message=_("Article “%(article)s” deleted; its lines %(start)d–%(end)d are kept with the volume.")
            % lines,
        )
        held = NonArticlePart.objects.filter(
            proceedings_id=article.proceedings_id, source_start_line=article.source_start_line
        ).exists()
        article_replaced_by_part(article, None if held else part)
        parts += [] if held else [part]
    return parts


def article_replaced_by_part(article: Article, part: NonArticlePart | None) -> None:
    """The article goes and the part holds its lines; the articles after it move up one position,
    and its people's, volume's and topics' stored counts follow."""
    people = article_people(article)
    counted = count_scope(Article.objects.filter(pk=article.pk))
    position = article.position
    article.delete()
    if part is not None:
        part.save()
    positions_shift(proceedings_id=article.proceedings_id, after=position, by=-1)
    person_refresh_article_counts(people=people)
    article_counts_refresh(counted)


def _part_locked(part: NonArticlePart) -> NonArticlePart:
    Proceedings.objects.select_for_update().filter(pk=part.proceedings_id).first()
    try:
        return NonArticlePart.objects.select_for_update().select_related("proceedings").get(pk=part.pk)
    except NonArticlePart.DoesNotExist as exc:
        raise ArticleEditError(_("These lines are an article already; reload the page.")) from exc


def _part_lines(part: NonArticlePart, source: VolumeSource) -> list[Line]:
    """The part's lines in the stored source; refused when the source or the articles disagree."""
    lines = source.between(part.source_start_line, part.source_end_line)
    span = {"start": part.source_start_line, "end": part.source_end_line}
    if not lines or lines[0].raw != part.source_start_line or lines[-1].raw != part.source_end_line:
        raise ArticleEditError(
            _(
                "The stored source file has no text at lines %(start)d–%(end)d: it is probably not the "
                "file these lines came from."
            )
            % span
        )
    overlapping = Article.objects.filter(
        proceedings_id=part.proceedings_id,
        source_start_line__lte=part.source_end_line,
        source_end_line__gte=part.source_start_line,
    ).first()
    if overlapping is not None:
        raise ArticleEditError(
            _("Lines %(start)d–%(end)d are partly in “%(article)s” already.")
            % {**span, "article": overlapping}
        )
    return lines


def _draft_of(lines: list[Line], *, body_start_line: int | None, source: VolumeSource) -> ArticleDraft:
    """The article these lines make, its header ending where it ended before when that still reads
    as a header (an editor may have moved it); else where the parser ends it, as for a split."""
    draft = _draft_from_lines(lines, source=source)
    found = draft.body_start_line if draft.body else draft.end_line + 1
    if body_start_line is None or body_start_line == found:
        return draft
    body_index = bisect_left([line.raw for line in lines], body_start_line)
    try:
        header = header_from_lines(lines[:body_index], source=source)
    except ArticleEditError:
        return draft
    header.body_start = body_index
    return _draft_from_lines(lines, source=source, header=header)


def _section_at(part: NonArticlePart, *, before: Article | None) -> Section | None:
    """The section the part's lines are printed in: a heading between the article before and
    them opens it, else they are in that article's."""
    headings = Section.objects.filter(
        proceedings_id=part.proceedings_id, source_line__lt=part.source_start_line
    )
    if before is not None:
        headings = headings.filter(source_line__gt=before.source_start_line)
    return headings.order_by("-source_line").first() or (before.section if before else None)


def _addresses_given_back(article: Article, part: NonArticlePart) -> None:
    """The part's old addresses lead to the article again: taken from an article they were
    moved to (a removed repeat's went to its original), its own slug back when free."""
    addresses = [slug for slug in (part.slug, *part.former_slugs) if slug]
    for holder in Article.objects.filter(former_slugs__overlap=addresses).exclude(pk=article.pk):
        holder.former_slugs = [slug for slug in holder.former_slugs if slug not in addresses]
        Article.objects.filter(pk=holder.pk).update(former_slugs=holder.former_slugs)
    slug_free = not Article.objects.filter(slug=part.slug).exclude(pk=article.pk).exists()
    if part.slug and slug_free:
        article.slug = part.slug  # the generated one was never public
    taken = set(
        Article.objects.filter(slug__in=addresses).exclude(pk=article.pk).values_list("slug", flat=True)
    )
    article.former_slugs = former_slugs_joined(
        [slug for slug in addresses if slug not in taken], current=article.slug
    )
    article.save(update_fields=["slug", "former_slugs", "updated_at"])


def _restored_message(part: NonArticlePart) -> str:
    span = {"start": part.source_start_line, "end": part.source_end_line}
    if part.kind == NonArticleKind.FRONT_MATTER:
        return _("Made an article again from the front matter at lines %(start)d–%(end)d.") % span
    if part.kind == NonArticleKind.REMOVED:
        return _("Made an article again from the deleted article’s lines %(start)d–%(end)d.") % span
    return _("Restored from the repeats left out: lines %(start)d–%(end)d.") % span


@transaction.atomic
@oai_records_batched()
def non_article_restore(*, part: NonArticlePart, user) -> Article:
    """Make the part's lines an article again, where they lie among the volume's articles.

    A text word for word the same as an article's of the volume comes back as a suspected
    repeat of it (a volume holds each text once otherwise): the editor decides again.
    """
    part = _part_locked(part)
    source = volume_source(proceedings=part.proceedings)
    lines = _part_lines(part, source)
    draft = _draft_of(lines, body_start_line=part.body_start_line, source=source)
    kept = part.hand_edits
    if PEOPLE in kept.get("values", {}):  # its people come back as edited: resolve none from the lines
        draft = replace(draft, authors=[], supervisors=[], parallel_people=[])
    twin = Article.objects.filter(
        proceedings_id=part.proceedings_id, content_hash=draft.content_hash, repeat_of__isnull=True
    )
    if not draft.body:
        twin = twin.filter(title=draft.title)
    twin = twin.first()
    before = (
        Article.objects.filter(
            proceedings_id=part.proceedings_id, source_start_line__lt=part.source_start_line
        )
        .order_by("-position")
        .first()
    )
    position = before.position if before else 0
    page_cache_invalidate()
    positions_shift(proceedings_id=part.proceedings_id, after=position, by=1)
    article = article_create_from_draft(
        proceedings=part.proceedings,
        draft=draft,
        position=position + 1,
        topics={topic.slug: topic for topic in Topic.objects.filter(slug__in=draft.topics)},
        taken_slugs=set(),
        repeat_of_id=twin.pk if twin else None,
        section=_section_at(part, before=before),
    )
    if kept:
        edits_given_back(article=article, kept=kept)
        article.save()
    _addresses_given_back(article, part)
    message = _restored_message(part) + edits_note(kept=list(kept.get("values", {})), lost=[])
    change_record(user=user, obj=article, action=ADDITION, message=message)
    change_record(
        user=user,
        obj=part.proceedings,
        message=_("Lines %(start)d–%(end)d are the article “%(article)s” again.")
        % {"start": part.source_start_line, "end": part.source_end_line, "article": article},
    )
    part.delete()
    article_pdfs_cut(
        proceedings=article.proceedings, articles=[article], sheets={article.pk: line_sheets(lines)}
    )
    people = article_people(article)
    article_search_refresh(article_ids=[article.pk])
    article_search_refresh_for_people(people=people)
    person_refresh_article_counts(people=people)
    article_counts_refresh(count_scope(Article.objects.filter(pk=article.pk)))
    return article
