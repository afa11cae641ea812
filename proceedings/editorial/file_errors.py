"""The importer's refusals of a file, said again in the editor's language.

The importer is a pipeline of pure functions that the command line runs too, and it words a
refusal once, in English (`ImportFileError`); a failed upload keeps that text with its job. Here
each refusal is recognised by its wording, as the review recognises the importer's warnings
(proceedings.editorial.review.importer_warning), and said with gettext when it is shown: on the
upload form, and for a stored failure in whichever language the editor who reads it has chosen.
A refusal this table does not know is shown as written. What the importer quotes — the file's
name, a byte offset, a reason from the PDF library — goes into the translation unchanged.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

# Refusals of a background import (proceedings.editorial.jobs), worded in English like the importer's.
VOLUME_DELETED = gettext_noop("The volume was deleted before its file was imported.")
ALREADY_IMPORTED = gettext_noop("This file was imported already, as “%(volume)s”.")

# The importer's wording (proceedings.importer.read, .pdf, .metadata, proceedings.services); a pair
# when editors read it worded otherwise.
_WORDINGS: list[str | tuple[str, str]] = [
    gettext_noop("%(file)s: the file is empty."),
    gettext_noop("%(file)s: this looks like a binary file, not text or PDF."),
    (
        "%(file)s: the file claims utf-8-sig but is damaged.",
        gettext_noop("%(file)s: the file says it is UTF-8 but is damaged."),
    ),
    gettext_noop("%(file)s: the text encoding could not be recognised; save it as UTF-8 and try again."),
    gettext_noop(
        "%(file)s: this is %(kind)s, but it stops in the middle of a character, so the end of the "
        "file is missing; upload the whole file again (or save it as UTF-8)."
    ),
    gettext_noop(
        "%(file)s: this is %(kind)s, but it is damaged (at byte %(byte)s); save it again as UTF-8 and "
        "upload that."
    ),
    gettext_noop("%(file)s: the PDF is password-protected; upload an unlocked copy."),
    gettext_noop("%(file)s: the PDF has no text layer (it is probably scanned); run OCR on it first."),
    gettext_noop(
        "%(file)s: the PDF is damaged or incomplete (%(reason)s); upload the file again, or export it "
        "once more from the original."
    ),
    gettext_noop("No articles were found in %(file)s."),
    gettext_noop("The volume needs its year (1900–2100)."),
    gettext_noop("The volume needs a title (in any language) or a conference name."),
    (
        "slug must be lower-case letters, digits and hyphens, not %(slug)s.",
        gettext_noop("The slug must be lower-case Latin letters, digits and hyphens, not %(slug)s."),
    ),
    gettext_noop("ISBN %(isbn)s is not a valid ISBN-10 or ISBN-13."),
    ("date_end is before date_start.", gettext_noop("The last day comes before the first day.")),
    VOLUME_DELETED,
    ALREADY_IMPORTED,
]
_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)s")


def _pattern(wording: str) -> re.Pattern[str]:
    """The wording with its placeholders as named groups: '%(file)s: …' matches 'a.pdf: …'."""
    return re.compile("^" + _PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(wording)) + "$", re.DOTALL)


_REFUSALS = [
    (_pattern(wording), message)
    for wording, message in (entry if isinstance(entry, tuple) else (entry, entry) for entry in _WORDINGS)
]


def refusal_in_language(text: str) -> str:
    """The importer's refusal `text` in the active language; as written when it is not known."""
    for pattern, message in _REFUSALS:
        if match := pattern.match(text):
            return gettext(message) % match.groupdict()
    return text
