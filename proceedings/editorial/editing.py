"""Editors' fixes of the importer's split: merge two articles, split one, move the header's end.

Every fix works on the volume's stored source file, not on the stored body text: the source
is read and normalised as the import read it, the affected lines are cut where the editor
says, and the importer's own steps (header, language, hash, topics) run over the result. So
an article's body is always the text of its source lines, and the articles of a volume keep
covering the same source lines, each line in exactly one article. What an editor changed by
hand in the other fields is kept (proceedings.editorial.hand_edits); a body edited by hand
cannot be, and the fix asks before it gives the edit up.

An article remembers its lines as raw line numbers of the file (`source_start_line`,
`body_start_line`, `source_end_line`); those always point at non-empty lines, except a
`body_start_line` one past the end, which means "no body".
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from articles.counts import article_counts_refresh, count_scope
from articles.hand_edits import BODY, PEOPLE, group_values_set, hand_edited_groups
from articles.models import NO_TEXT_HASH, Article, Topic
from articles.search.index import article_search_refresh, article_search_refresh_for_people
from articles.selectors import topic_vocabulary
from articles.services import (
    LANGUAGES,
    PARALLEL_UNMATCHED,
    article_create_from_draft,
    article_people_create,
    article_redirects_move,
    parallel_people_warnings,
)
from authors.services import person_refresh_article_counts
from proceedings.article_pdfs import article_pdfs_cut, line_sheets
from proceedings.editorial.editing_source import (
    ArticleEditError,
    SourceLine,
    VolumeSource,
    article_lines,
    article_source_lines,
    volume_set_aside,
    volume_source,
)
from proceedings.editorial.hand_edits import (
    edits_note,
    losses_confirmed,
    merge_edits,
    recut_edits,
    split_edits,
)
from proceedings.editorial.history import ADDITION, DELETION, change_record
from proceedings.importer.dedupe import content_hash
from proceedings.importer.display import title_display
from proceedings.importer.header import parse_header
from proceedings.importer.pipeline import build_article
from proceedings.importer.structure import text_structure_json
from proceedings.importer.topics import assign_topics
from proceedings.importer.types import ArticleDraft, Header, Line
from proceedings.models import NonArticlePart, Proceedings
from proceedings.oai_records import oai_records_batched
from proceedings.site.page_cache import page_cache_invalidate

__all__ = [
    "ArticleEditError",
    "SourceLine",
    "article_body_start_set",
    "article_lines",
    "article_source_lines",
    "article_split",
    "articles_merge",
    "header_from_lines",
    "volume_set_aside",
    "volume_source",
]

# As many lines as the header parser takes for a title (header._MAX_TITLE_LINES).
MAX_TITLE_LINES = 4
NO_HEADER = "no header found"  # build_article's warning, kept true when editors move the header


def article_locked(article: Article) -> Article:
    """The article fresh from the database, its volume locked so fixes of one volume queue up."""
    Proceedings.objects.select_for_update().filter(pk=article.proceedings_id).first()
    try:
        return Article.objects.select_for_update().select_related("proceedings").get(pk=article.pk)
    except Article.DoesNotExist as exc:
        raise ArticleEditError(_("This article no longer exists; reload the page.")) from exc


def positions_shift(*, proceedings_id: int, after: int, by: int) -> None:
    """Move the articles after position `after` by `by` without two ever sharing a position.

    The unique position is checked row by row, in whatever order the UPDATE visits the rows, so
    the block goes past every position in use — and past every position it will take (by `top`
    alone, moving the first article forward collided with itself) — and comes back shifted.
    """
    articles = Article.objects.filter(proceedings_id=proceedings_id)
    top = articles.aggregate(top=Max("position"))["top"] or 0
    away = top + abs(by)
    articles.filter(position__gt=after).update(position=F("position") + away)
    articles.filter(position__gt=top).update(position=F("position") - away + by)


def _body_set(article: Article, lines: list[Line], *, end: int, source: VolumeSource) -> None:
    """Body, body start and hash of `article` from its body `lines`; `end` is its last line."""
    article.body = source.body_text(lines)
    # Read from the new body's text (a PDF's rebuilt tables are not re-read here), and stored, so
    # the page does not read it again on every render (articles/body.py).
    article.body_structure = text_structure_json(article.body)
    article.body_start_line = lines[0].raw if lines else end + 1
    article.content_hash = content_hash(article.body)
    clash = (
        Article.objects.filter(proceedings_id=article.proceedings_id, content_hash=article.content_hash)
        .exclude(pk=article.pk)
        .exclude(content_hash=NO_TEXT_HASH)  # an article with no text repeats none
        .first()
    )
    if clash is not None:
        raise ArticleEditError(
            _("The result would repeat the text of “%(other)s” in this volume.") % {"other": clash}
        )


def _printed_pages(lines: list[Line]) -> tuple[int, int] | None:
    """First and last printed page of these lines when the source has them (a PDF), else None."""
    pages = [line.printed_page for line in lines if line.printed_page is not None]
    return (min(pages), max(pages)) if pages else None


def article_people(article: Article) -> set[int]:
    return set(article.authorships.values_list("person_id", flat=True))


@transaction.atomic
@oai_records_batched()  # the merged-away article's record becomes a deleted one
def articles_merge(*, first: Article, second: Article, user, confirmed: str = "") -> Article:
    """Join `second` onto `first`, which it directly follows; `first` keeps its metadata and hand
    edits, and takes the second's where it has none (proceedings.editorial.hand_edits).
    `confirmed`: the token of the hand edits the editor agreed to give up, if any must go."""
    first, second = article_locked(first), article_locked(second)
    if first.pk == second.pk:
        raise ArticleEditError(_("An article cannot be merged with itself."))
    if first.proceedings_id != second.proceedings_id:
        raise ArticleEditError(_("Only articles of the same volume can be merged."))
    if second.position != first.position + 1 or second.source_start_line <= first.source_end_line:
        raise ArticleEditError(
            _("“%(second)s” does not directly follow “%(first)s”; only neighbours can be merged.")
            % {"first": first, "second": second}
        )
    source = volume_source(proceedings=first.proceedings)
    top, bottom = article_lines(article=first, source=source), article_lines(article=second, source=source)
    if gap := source.between(first.source_end_line + 1, second.source_start_line - 1):
        raise ArticleEditError(
            _(
                "Lines %(start)d–%(end)d lie between these articles and belong to neither (front matter "
                "or a repeat left out, listed on the review page); they cannot be merged."
            )
            % {"start": gap[0].raw, "end": gap[-1].raw}
        )
    edits = merge_edits(first=first, second=second)
    losses_confirmed(edits.lost, confirmed=confirmed)
    lost_people = article_people(second) | article_people(first)
    counted = count_scope(Article.objects.filter(pk__in=[first.pk, second.pk]))
    position = second.position
    page_cache_invalidate()
    change_record(
        user=user,
        obj=second,
        action=DELETION,
        message=_("Merged into “%(first)s”: its lines %(start)d–%(end)d became that article’s body.")
        % {"first": first, "start": second.source_start_line, "end": second.source_end_line},
    )
    article_redirects_move(source=second, target=first)  # its address keeps leading to the text
    Article.objects.filter(repeat_of=second).update(repeat_of=first)  # so do its suspected repeats
    NonArticlePart.objects.filter(repeat_of=second).update(repeat_of=first)  # and its repeats left out
    second.delete()
    positions_shift(proceedings_id=first.proceedings_id, after=position, by=-1)
    end = second.source_end_line
    first.source_end_line = end
    _body_set(first, top.body + bottom.lines, end=end, source=source)
    group_values_set(article=first, values=edits.taken)  # its pages too: from both articles
    first.hand_edited, first.merged_hand_edits = edits.marks, edits.kept_aside
    first.save()
    change_record(
        user=user,
        obj=first,
        message=_(
            "Merged with the next article, “%(second)s” (lines %(start)d–%(end)d); now lines %(from)d–%(to)d."
        )
        % {
            "second": second,
            "start": second.source_start_line,
            "end": end,
            "from": first.source_start_line,
            "to": end,
        }
        + edits_note(kept=edits.kept, lost=edits.lost),
    )
    article_pdfs_cut(
        proceedings=first.proceedings,
        articles=[first],
        sheets={first.pk: line_sheets(top.lines + bottom.lines)},
    )
    article_search_refresh(article_ids=[first.pk])
    person_refresh_article_counts(people=lost_people | article_people(first))
    article_counts_refresh(counted)
    return first


def _draft_from_lines(
    lines: list[Line], *, source: VolumeSource, header: Header | None = None
) -> ArticleDraft:
    """What the importer makes of a segment starting at `lines[0]`, topics included; `header`:
    one an editor drew (`header_from_lines`) instead of the parser's."""
    if header is None:
        header = parse_header(lines, width=source.width)
        header.body_start = min(header.body_start, len(lines))
    draft = build_article(lines, header, reasons=(), width=source.width, vocab=source.vocab)
    draft.topics = assign_topics(
        title=draft.title,
        keywords=[term for terms in draft.keywords.values() for term in terms],
        abstracts=list(draft.abstracts.values()),
        body=draft.body,
        vocabulary=topic_vocabulary(),
    )
    return draft


@transaction.atomic
@oai_records_batched()
def article_split(*, article: Article, at_line: int, user, confirmed: str = "") -> tuple[Article, Article]:
    """Cut `article` before raw line `at_line`; the lines from there become a new article after it.

    The upper part keeps its hand edits; the new one is read from its lines, or gets back the hand
    edits a merge kept aside at its first line (proceedings.editorial.hand_edits). `confirmed`:
    as for `articles_merge`.
    """
    article = article_locked(article)
    if not article.source_start_line < at_line <= article.source_end_line:
        raise ArticleEditError(
            _("Line %(line)d is not inside “%(article)s” (lines %(start)d–%(end)d, the first excluded).")
            % {
                "line": at_line,
                "article": article,
                "start": article.source_start_line,
                "end": article.source_end_line,
            }
        )
    page_cache_invalidate()
    source = volume_source(proceedings=article.proceedings)
    cut = article_lines(article=article, source=source)
    at = bisect_left([line.raw for line in cut.lines], at_line)  # a blank line: the next text line
    top, rest = cut.lines[:at], cut.lines[at:]
    edits = split_edits(article=article, at_line=rest[0].raw, pages=_printed_pages(top))
    losses_confirmed(edits.lost, confirmed=confirmed)
    draft = _draft_from_lines(rest, source=source)
    if PEOPLE in edits.new_values:  # its people come back as edited: resolve none from the lines
        draft = replace(draft, authors=[], supervisors=[], parallel_people=[])
    counted, people = count_scope(Article.objects.filter(pk=article.pk)), article_people(article)
    article.source_end_line = top[-1].raw
    _body_set(article, top[min(cut.body_index, at) :], end=top[-1].raw, source=source)
    group_values_set(article=article, values=edits.upper)  # its pages from a PDF; a merge undone
    article.hand_edited, article.merged_hand_edits = edits.upper_marks, edits.upper_aside
    article.save()
    if (
        clash := Article.objects.filter(proceedings=article.proceedings, content_hash=draft.content_hash)
        .exclude(content_hash=NO_TEXT_HASH)
        .first()
    ):
        raise ArticleEditError(
            _("The text from line %(line)d would repeat “%(other)s” in this volume.")
            % {"line": rest[0].raw, "other": clash}
        )
    positions_shift(proceedings_id=article.proceedings_id, after=article.position, by=1)
    new = article_create_from_draft(
        proceedings=article.proceedings,
        draft=draft,
        position=article.position + 1,
        topics={topic.slug: topic for topic in Topic.objects.filter(slug__in=draft.topics)},
        taken_slugs=set(),
        section=article.section,  # the piece cut off was printed in the same section
    )
    group_values_set(article=new, values=edits.new_values)
    new.hand_edited, new.merged_hand_edits = edits.new_marks, edits.new_aside
    new.save()
    change_record(
        user=user,
        obj=article,
        message=_("Split at line %(line)d: lines %(line)d–%(end)d became the new article “%(new)s”.")
        % {"line": rest[0].raw, "end": rest[-1].raw, "new": new}
        + edits_note(kept=hand_edited_groups(article), lost=edits.lost),
    )
    change_record(
        user=user,
        obj=new,
        action=ADDITION,
        message=_("Split from “%(article)s” at line %(line)d (lines %(line)d–%(end)d).")
        % {"article": article, "line": rest[0].raw, "end": rest[-1].raw}
        + edits_note(kept=list(edits.new_values), lost=[]),
    )
    article_pdfs_cut(
        proceedings=article.proceedings,
        articles=[article, new],
        sheets={article.pk: line_sheets(top), new.pk: line_sheets(rest)},
    )
    new_people = article_people(new)
    article_search_refresh(article_ids=[article.pk, new.pk])
    article_search_refresh_for_people(people=new_people)  # a new spelling is searchable everywhere
    person_refresh_article_counts(people=new_people | people | article_people(article))
    article_counts_refresh(counted, count_scope(Article.objects.filter(pk__in=[article.pk, new.pk])))
    return article, new


def header_from_lines(lines: list[Line], *, source: VolumeSource) -> Header:
    """The header of exactly these lines, as the editor drew it.

    Lines the parser reads as nothing at all are the title, the editor's word against the
    parser's (a title printed in sentence case with no names below it). A line it cannot place
    after a recognised part is refused rather than silently dropped from the text.
    """
    if not lines:
        return Header()
    header = parse_header(lines, width=source.width)
    if header.body_start == 0 and len(lines) <= MAX_TITLE_LINES:
        title = " ".join(line.text for line in lines)
        return Header(title=title, title_display=title_display(title), body_start=len(lines))
    if header.body_start < len(lines):
        line = lines[header.body_start]
        raise ArticleEditError(
            _(
                "Line %(line)d (“%(text)s”) does not read as a title, a name, an abstract or keywords, "
                "so it cannot end the header; leave it in the body and edit the fields by hand."
            )
            % {"line": line.raw, "text": line.text[:80]}
        )
    return header


def _header_set(article: Article, header: Header, *, kept: list[str]) -> None:
    """The header's fields as `header` reads them, but for the groups edited by hand (`kept`)."""
    if "title" not in kept:
        article.title = header.title or None
        # As the import does (build_article): a title in capitals is sentence-cased against the body.
        article.title_display = title_display(header.title, context=article.body) if header.title else ""
    if "parallel_titles" not in kept:
        article.parallel_titles = dict(header.parallel_titles)
    for code in LANGUAGES:
        if f"abstract_{code}" not in kept:
            setattr(article, f"abstract_{code}", header.abstracts.get(code, ""))
        if f"keywords_{code}" not in kept:
            setattr(article, f"keywords_{code}", list(header.keywords.get(code, [])))


@transaction.atomic
@oai_records_batched()
def article_body_start_set(*, article: Article, body_start_line: int, user, confirmed: str = "") -> Article:
    """Move the border between header and body; the header's fields are read again from its lines,
    but for those edited by hand (proceedings.editorial.hand_edits). `confirmed`: as for
    `articles_merge`."""
    article = article_locked(article)
    start, end = article.source_start_line, article.source_end_line
    if not start <= body_start_line <= end + 1:
        raise ArticleEditError(
            _("The body of “%(article)s” must start between lines %(start)d and %(end)d.")
            % {"article": article, "start": start, "end": end + 1}
        )
    source = volume_source(proceedings=article.proceedings)
    cut = article_lines(article=article, source=source)
    body_index = bisect_left([line.raw for line in cut.lines], body_start_line)
    if body_index == cut.body_index and article.body_start_line is not None:
        return article
    kept, lost = recut_edits(article=article)
    losses_confirmed(lost, confirmed=confirmed)
    page_cache_invalidate()
    header = header_from_lines(cut.lines[:body_index], source=source)
    before = article_people(article)
    _body_set(article, cut.lines[body_index:], end=end, source=source)
    _header_set(article, header, kept=kept)
    people_read = PEOPLE not in kept
    found = header.title or header.authors or header.supervisors or header.abstracts
    warnings = [
        warning
        for warning in article.import_warnings
        if warning != NO_HEADER and not (people_read and warning.startswith(PARALLEL_UNMATCHED))
    ]
    if people_read:
        warnings += parallel_people_warnings(
            authors=header.authors, supervisors=header.supervisors, parallel=header.parallel_people
        )
    article.import_warnings = warnings if found else [NO_HEADER, *warnings]
    article.hand_edited = [name for name in article.hand_edited if name != BODY]  # given up, as confirmed
    article.save()
    if people_read:
        article.authorships.all().delete()
        article_people_create(
            article=article,
            authors=header.authors,
            supervisors=header.supervisors,
            parallel=header.parallel_people,
        )
    after = article_people(article)
    if body_index:
        message = _(
            "Header set to lines %(start)d–%(end)d; title, people, abstracts and keywords re-read from it."
        ) % {"start": start, "end": cut.lines[body_index - 1].raw}
    else:
        message = _(
            "Header removed, the body starts at line %(start)d: title, people, abstracts, keywords cleared."
        ) % {"start": start}
    change_record(user=user, obj=article, message=message + edits_note(kept=kept, lost=lost))
    article_search_refresh(article_ids=[article.pk])
    article_search_refresh_for_people(people=after)
    person_refresh_article_counts(people=before | after)
    return article
