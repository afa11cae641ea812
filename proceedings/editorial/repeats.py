"""The editor's decision on a suspected repeat: remove the copy, or keep it as an article of its own.

The import never drops an article on a guess: a later article whose text seems to repeat an
earlier one of the volume is stored with `Article.repeat_of` and a warning
(`proceedings.importer.dedupe`), and stays an ordinary article — on the site too once the volume
is published — until an editor decides here. Removing the copy keeps its source lines as a repeat
left out (proceedings.editorial.non_articles), listed in the review, where it can be restored;
the editing services refuse to merge across such a gap.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article
from articles.services import article_redirects_move
from proceedings.editorial.editing import ArticleEditError, article_locked
from proceedings.editorial.history import DELETION, change_record
from proceedings.editorial.non_articles import article_replaced_by_part, part_of_article
from proceedings.importer.dedupe import is_repeat_warning
from proceedings.models import NonArticleKind, NonArticlePart, RepeatReason
from proceedings.oai_records import oai_records_batched
from proceedings.site.page_cache import page_cache_invalidate


def _suspected(article: Article) -> tuple[Article, Article]:
    """The copy, fresh and locked, and the article it seems to repeat."""
    copy = article_locked(article)
    if copy.repeat_of_id is None:
        raise ArticleEditError(
            _("“%(article)s” is not marked as a repeat (any more); reload the page.") % {"article": copy}
        )
    return copy, Article.objects.get(pk=copy.repeat_of_id)


@transaction.atomic
@oai_records_batched()  # the removed copy's record, if published, becomes a deleted one
def article_repeat_confirm(*, article: Article, user) -> Article:
    """The copy is a repeat: keep its lines as a repeat left out, delete it, return the original.

    Its address leads to the original from now on; copies marked as repeats of it point at the
    original instead; the articles after it move up one position.
    """
    copy, original = _suspected(article)
    page_cache_invalidate()
    change_record(
        user=user,
        obj=copy,
        action=DELETION,
        message=_(
            "Removed as a repeat of “%(original)s” (lines %(from)d–%(to)d); its lines %(start)d–%(end)d "
            "are listed under the repeats left out, where it can be restored."
        )
        % {
            "original": original,
            "from": original.source_start_line,
            "to": original.source_end_line,
            "start": copy.source_start_line,
            "end": copy.source_end_line,
        },
    )
    change_record(
        user=user,
        obj=original,
        message=_("Its repeat at lines %(start)d–%(end)d was removed.")
        % {"start": copy.source_start_line, "end": copy.source_end_line},
    )
    part = part_of_article(copy, kind=NonArticleKind.REPEAT, repeat_of=original, reason=RepeatReason.EDITOR)
    article_redirects_move(source=copy, target=original)
    Article.objects.filter(repeat_of=copy).update(repeat_of=original)
    NonArticlePart.objects.filter(repeat_of=copy).update(repeat_of=original)
    article_replaced_by_part(copy, part)
    return original


@transaction.atomic
@oai_records_batched()
def article_repeat_dismiss(*, article: Article, user) -> Article:
    """The article is not a repeat: clear the pointer and the importer's warning, keep the article."""
    copy, original = _suspected(article)
    if copy.content_hash == original.content_hash:
        raise ArticleEditError(
            _(
                "The text of “%(article)s” is word for word that of “%(original)s”: it is a repeat. "
                "Remove this copy, or edit its text first."
            )
            % {"article": copy, "original": original}
        )
    page_cache_invalidate()
    copy.repeat_of = None
    copy.import_warnings = [warning for warning in copy.import_warnings if not is_repeat_warning(warning)]
    copy.save(update_fields=["repeat_of", "import_warnings", "updated_at"])
    change_record(
        user=user,
        obj=copy,
        message=_("Not a repeat of “%(original)s” (lines %(from)d–%(to)d): kept as an article of its own.")
        % {"original": original, "from": original.source_start_line, "to": original.source_end_line},
    )
    return copy
