"""Merge, split and re-cut keep what an editor changed by hand (articles.hand_edits).

The fixes rebuild articles from their source lines, and a hand edit is exactly what the source
cannot give back; so per hand-edited group (the title, the people, an abstract, …):

- **Merge**: the merged article is the first. It keeps its own hand edits; a group the second
  edited by hand and the first did not comes over from the second, except that topics and
  keywords add up (the union of both, the first's order first): they describe the joined text.
  Where both edited the same group differently, the first's stays and the second's is not on
  the merged article — the editor is asked. Whatever the second had edited is kept aside on
  the merged article (`Article.merged_hand_edits`) under the line it began at, with what the
  merge changed on the first: a split at that line gives both their hand edits back.
- **Split**: the upper part keeps the header and its hand edits; the new part is read from its
  lines, unless hand edits were kept aside at the line it begins: then it gets them back, and
  the upper part gets back what that merge changed on it (where nobody changed it since).
  On a PDF the upper part's pages are read from its lines again.
- **Re-cut** (the header/body border moved): hand-edited header groups stay; the others are read
  again from the new header.
- **Not an article, deleted, a repeat removed** (proceedings.editorial.non_articles): the part
  that keeps the lines keeps the hand edits too (`edits_kept_aside`), and the article made again
  of it gets them back (`edits_given_back`), as a split gives back what a merge kept aside.

A hand-edited body cannot be kept by any of them: an article's body is always the text of its
source lines (the editing module's invariant). Everything that cannot be kept is listed as
`LostEdit`s, and the service refuses with `HandEditsLostError` unless it is called with the token
of exactly that list, which the confirmation page posts back: if anything changed in between,
the editor is asked again, and nothing is written until they say yes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.hand_edits import (
    BODY,
    GROUPS,
    HAND_FIELDS,
    HEADER_GROUPS,
    TOPICS,
    UNION_GROUPS,
    group_label,
    group_value,
    group_values,
    group_values_set,
    hand_edited_groups,
    value_text,
)
from articles.models import Article
from proceedings.editorial.editing_source import ArticleEditError


@dataclass(frozen=True)
class LostEdit:
    """One hand-edited value a fix cannot keep, as the confirmation page shows it."""

    article: str  # "4 — “Its title”"
    field: str
    value: str
    note: str  # what becomes of it


def _lost(article: Article, group: str, value: dict, note: str) -> LostEdit:
    return LostEdit(
        article=f"{article.position} — “{article.display_title}”",
        field=group_label(group),
        value=value_text(value),
        note=note,
    )


def lost_token(lost: list[LostEdit]) -> str:
    """A fingerprint of exactly these losses: a confirmation holds for them and nothing else."""
    data = json.dumps([asdict(item) for item in lost], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


class HandEditsLostError(ArticleEditError):
    """The fix would give up hand edits the editor has not confirmed giving up."""

    def __init__(self, lost: list[LostEdit]) -> None:
        self.lost, self.token = lost, lost_token(lost)
        super().__init__(
            ngettext(
                "%(count)d value edited by hand would be lost.",
                "%(count)d values edited by hand would be lost.",
                len(lost),
            )
            % {"count": len(lost)}
        )


def losses_confirmed(lost: list[LostEdit], *, confirmed: str) -> None:
    if lost and confirmed != lost_token(lost):
        raise HandEditsLostError(lost)


def _marks(fields: set[str]) -> list[str]:
    return [name for name in HAND_FIELDS if name in fields]


def _body_lost(article: Article) -> list[LostEdit]:
    if BODY not in hand_edited_groups(article):
        return []
    note = _("The body is read again from the source lines.")
    return [_lost(article, BODY, group_value(article, BODY), note)]


def edits_note(*, kept: list[str], lost: list[LostEdit]) -> str:
    """The history's words for what a fix kept and what the editor agreed to give up."""
    parts = []
    if kept:
        labels = [group_label(group) for group in GROUPS if group in kept]  # stored JSON keeps no order
        parts.append(_("Kept as edited by hand: %(fields)s.") % {"fields": ", ".join(labels)})
    if lost:
        given = "; ".join(
            _("%(field)s of article %(article)s: “%(value)s”")
            % {"field": item.field, "article": item.article, "value": item.value}
            for item in lost
        )
        parts.append(_("Hand edits given up, as confirmed: %(edits)s.") % {"edits": given})
    return "".join(f" {part}" for part in parts)


@dataclass
class MergeEdits:
    taken: dict[str, dict]  # group -> the merged article's value, taken from the second
    marks: list[str]
    kept_aside: dict  # the merged article's merged_hand_edits
    lost: list[LostEdit]
    kept: list[str] = field(default_factory=list)


def _union(name: str, mine: list, theirs: list) -> list:
    """Both lists, the first's order first; topics, kept as sorted slugs, stay sorted."""
    joined = list(dict.fromkeys([*mine, *theirs]))
    return sorted(joined) if name == TOPICS else joined


def merge_edits(*, first: Article, second: Article) -> MergeEdits:
    """What the merged article takes of the second's hand edits, and what it cannot keep."""
    own = set(hand_edited_groups(first))
    lost = _body_lost(first) + _body_lost(second)
    values = group_values(second, [group for group in hand_edited_groups(second) if group != BODY])
    taken: dict[str, dict] = {}
    replaced: dict[str, dict] = {}
    marks = set(first.hand_edited) - {BODY}
    from_second: set[str] = set()
    for group, value in values.items():
        mine = group_value(first, group)
        if group == "pages":
            continue  # joined below, whoever edited them
        if group in UNION_GROUPS:
            merged = {name: _union(name, mine[name], value[name]) for name in value}
        elif group in own:
            if value != mine:
                note = _(
                    "The merged article keeps the value of article %(first)s; a split at line %(line)d "
                    "gives this one back."
                ) % {"first": first.position, "line": second.source_start_line}
                lost.append(_lost(second, group, value, note))
            continue
        else:
            merged = value
        marks |= set(GROUPS[group]) & set(second.hand_edited)
        from_second.add(group)
        if merged != mine:
            taken[group] = merged
            replaced[group] = {
                "before": mine,
                "after": merged,
                "marks": [name for name in GROUPS[group] if name in first.hand_edited],
            }
    pages, mine = _pages_joined(first, second), group_value(first, "pages")
    if pages != mine:
        taken["pages"] = pages
        replaced["pages"] = {
            "before": mine,
            "after": pages,
            "marks": _marks(set(first.hand_edited) & set(GROUPS["pages"])),
        }
    marks |= set(GROUPS["pages"]) & set(second.hand_edited)
    kept_aside = {**first.merged_hand_edits, **second.merged_hand_edits}
    if values or replaced:
        kept_aside[str(second.source_start_line)] = {
            "marks": [name for name in second.hand_edited if name != BODY],
            "values": values,
            "replaced": replaced,
        }
    kept = [group for group in GROUPS if group in (own - {BODY}) | from_second]
    return MergeEdits(taken=taken, marks=_marks(marks), kept_aside=kept_aside, lost=lost, kept=kept)


def _pages_joined(first: Article, second: Article) -> dict:
    """The printed pages of both: from the lowest to the highest either has."""
    pages = [p for p in (first.first_page, first.last_page, second.first_page, second.last_page) if p]
    if not pages:
        return group_value(first, "pages")
    return {"first_page": min(pages), "last_page": max(pages)}


@dataclass
class SplitEdits:
    upper: dict[str, dict]  # group -> the value the upper part gets back (a merge undone)
    upper_marks: list[str]
    upper_aside: dict
    new_values: dict[str, dict]  # hand edits kept aside at the cut: the new part's
    new_marks: list[str]
    new_aside: dict
    lost: list[LostEdit]


def split_edits(*, article: Article, at_line: int, pages: tuple[int, int] | None) -> SplitEdits:
    """What each part of `article` cut before raw line `at_line` keeps; `pages`: the upper part's
    printed pages as its lines give them (a PDF), else None.

    Whatever a merge took from an article whose lines now leave the upper part goes back to what
    it was, latest merge first, where nobody changed it since; the pages only at that article's
    own first line (elsewhere the upper part's pages are what its lines print).
    """
    aside = dict(article.merged_hand_edits)
    marks = set(article.hand_edited) - {BODY}
    upper: dict[str, dict] = {}
    for line in sorted((int(line) for line in aside if int(line) >= at_line), reverse=True):
        for group, change in aside[str(line)].get("replaced", {}).items():
            if group == "pages" and line != at_line:
                continue
            now = upper[group] if group in upper else group_value(article, group)
            if now == change["after"]:  # nobody changed it since that merge
                upper[group] = change["before"]
                marks = (marks - set(GROUPS[group])) | set(change["marks"])
    lost = _body_lost(article)
    read_pages = {"first_page": pages[0], "last_page": pages[1]} if pages else None
    if read_pages and "pages" not in upper and (edited := group_value(article, "pages")) != read_pages:
        upper["pages"] = read_pages
        if "pages" in hand_edited_groups(article):
            note = _("The upper part’s pages are read from the PDF: %(pages)s.") % {
                "pages": value_text(read_pages)
            }
            lost.append(_lost(article, "pages", edited, note))
            marks -= set(GROUPS["pages"])
    entry = aside.get(str(at_line), {})
    return SplitEdits(
        upper=upper,
        upper_marks=_marks(marks),
        upper_aside={line: kept for line, kept in aside.items() if int(line) < at_line},
        new_values=entry.get("values", {}),
        new_marks=entry.get("marks", []),
        # What those merges changed is undone on the upper part: nothing of it is the new part's.
        new_aside={line: {**kept, "replaced": {}} for line, kept in aside.items() if int(line) > at_line},
        lost=lost,
    )


def recut_edits(*, article: Article) -> tuple[list[str], list[LostEdit]]:
    """The hand-edited header groups a re-cut keeps, and what it cannot keep (an edited body)."""
    kept = [group for group in hand_edited_groups(article) if group in HEADER_GROUPS]
    return kept, _body_lost(article)


def edits_kept_aside(article: Article) -> dict:
    """The article's hand edits (and what merges kept aside on it) as a part keeps them when the
    article goes: all but an edited body, which its lines give back as they are."""
    groups = [group for group in hand_edited_groups(article) if group != BODY]
    if not groups and not article.merged_hand_edits:
        return {}
    return {
        "marks": [name for name in article.hand_edited if name != BODY],
        "values": group_values(article, groups),
        "aside": dict(article.merged_hand_edits),
    }


def edits_given_back(*, article: Article, kept: dict) -> None:
    """Give a saved article, made again of a part's lines, the hand edits the part kept
    (`edits_kept_aside`); its own fields on the instance, saved by the caller."""
    group_values_set(article=article, values=kept.get("values", {}))
    article.hand_edited = _marks(set(kept.get("marks", [])))
    article.merged_hand_edits = kept.get("aside", {})
