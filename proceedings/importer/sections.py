"""A volume's sections: its section headings as titles, and the articles under each (pure functions).

`headings.section_heading_groups` finds the headings and furniture sets them aside; here each
becomes a `SectionDraft`. Headings with nothing but furniture between them are one section: a
heading printed over two lines ('СЕКЦИЯ 2' over 'ГРАЖДАНСКОЕ ПРАВО И ПРОЦЕСС') reaches us as
two, and a section with no article of its own would only be an empty heading on the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from proceedings.importer.contents import SECTION_WORD
from proceedings.importer.display import title_display
from proceedings.importer.furniture import Furniture
from proceedings.importer.language import detect_language
from proceedings.importer.types import ArticleDraft, Line, SectionDraft

# 'СЕКЦИЯ 2', '1-СЕКЦИЯ', 'SECTION II': a label whose name follows on the next line.
_BARE_LABEL = re.compile(rf"{SECTION_WORD.pattern}\s*(?:\d{{1,2}}|[IVXІ]{{1,4}})?$", re.IGNORECASE)


def volume_sections(lines: list[Line], furniture: Furniture) -> list[SectionDraft]:
    """The sections whose headings furniture set aside, in file order, with no articles yet."""
    headings: list[list[int]] = []
    for group in furniture.sections:
        if headings and all(k in furniture.set_aside for k in range(headings[-1][-1] + 1, group[0])):
            headings[-1].extend(group)
        else:
            headings.append(list(group))
    out = []
    for heading in headings:
        title = heading_title([lines[k].text for k in heading])
        out.append(
            SectionDraft(
                title=title,
                title_display=title_display(title),
                line=lines[heading[0]].raw,
                end_line=lines[heading[-1]].raw,
                language=detect_language(title),
            )
        )
    return out


def heading_title(parts: list[str]) -> str:
    """A heading's lines as one title: 'СЕКЦИЯ 2' and 'ГРАЖДАНСКОЕ ПРАВО' as 'СЕКЦИЯ 2. ГРАЖДАНСКОЕ
    ПРАВО' (the label and its name), wrapped lines joined by a space."""
    title = ""
    for part in (text.strip() for text in parts):
        if not title:
            title = part
        elif _BARE_LABEL.match(title):
            title = f"{title}. {part}"
        else:
            title = f"{title} {part}"
    return title


def sections_attach(sections: list[SectionDraft], articles: list[ArticleDraft]) -> None:
    """Each article goes under the last heading above its first line (none before the first)."""
    starts = [section.line for section in sections]
    for article in articles:
        index = bisect_right(starts, article.start_line) - 1
        if index >= 0:
            sections[index].articles.append(article.start_line)
