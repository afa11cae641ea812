"""Writes on a volume's sections: the import stores the sections its headings name.

Editors change them afterwards in the admin (the volume's inline, an article's form); the
import never touches a section an editor made or renamed, it only adds what the file brings.
"""

from __future__ import annotations

from django.db.models import Max

from proceedings.importer.types import ImportPlan
from proceedings.models import Proceedings, Section


def sections_create_from_plan(*, proceedings: Proceedings, plan: ImportPlan) -> dict[int, Section]:
    """Store the plan's sections after the volume's own; returns each article's by its first line.

    A file imported into a volume that has a section printed the same way (a second part of the
    same proceedings) puts its articles there rather than under a second heading of that name.
    """
    if not plan.sections:
        return {}
    existing = {
        section.printed_title.casefold(): section
        for section in proceedings.sections.exclude(printed_title="").order_by("-position")
    }
    position = proceedings.sections.aggregate(last=Max("position"))["last"] or 0
    out: dict[int, Section] = {}
    for draft in plan.sections:
        section = existing.get(draft.title.casefold())
        if section is None:
            position += 1
            section = existing[draft.title.casefold()] = Section.objects.create(
                proceedings=proceedings,
                position=position,
                title=draft.title_display or draft.title,
                printed_title=draft.title,
                language=draft.language,
                source_line=draft.line,
            )
        out.update(dict.fromkeys(draft.articles, section))
    return out
