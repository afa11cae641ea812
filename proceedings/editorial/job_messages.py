"""What an import job says to the editors, stored as what it means and worded when it is read.

A job finishes or fails in the background, in no editor's language; several editors, each in
their own language, read its message afterwards (the upload status the browser polls, the page
of a failed import, the list of recent failures). So a job keeps a short code and its figures
(ImportJob.message_code, .message_params) and `import_job_message` words them with gettext in
the language of whoever reads the page, numbers grouped as that language groups them.
ImportJob.message keeps the English too, for the log, the command line and older readers; rows
written before the codes existed have only that text, said again through the importer's
refusals (file_errors.refusal_in_language) as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from proceedings.editorial.file_errors import refusal_in_language
from proceedings.importer.limits import ImportLimitError
from proceedings.importer.types import ImportFileError
from proceedings.models import ImportJob, ImportJobStatus
from proceedings.site.bounded import OverLimitError


def _grouped(value: int) -> str:
    return number_format(value, force_grouping=True)


def _imported(params: Mapping[str, Any]) -> str:
    return ngettext(
        "%(count)d article imported; the volume is a draft until you publish it.",
        "%(count)d articles imported; the volume is a draft until you publish it.",
        params["count"],
    ) % {"count": params["count"]}


def _worded(wording: str) -> Callable[[Mapping[str, Any]], str]:
    """A message that quotes its figures as they are, numbers grouped (`wording` is marked with
    gettext_noop and translated when read)."""

    def word(params: Mapping[str, Any]) -> str:
        return _(wording) % {name: _grouped(v) if isinstance(v, int) else v for name, v in params.items()}

    return word


def _database_stopped(params: Mapping[str, Any]) -> str:
    return _(
        "The database stopped during this import %(count)d times; the import was given up. "
        "Try the upload again later, and tell the administrators."
    ) % {"count": params["count"]}


# code -> how to word it. A code is stored in rows: rename none, only add.
_WORDERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "imported": _imported,
    "too_many_pages": _worded(
        gettext_noop(
            "%(file)s has %(found)s pages, more than the %(allowed)s pages an import may read. Split the "
            "PDF into parts of at most %(allowed)s pages and upload each, or ask an administrator to "
            "raise the limit."
        )
    ),
    "too_many_bytes": _worded(
        gettext_noop("%(file)s: the file is %(found)s bytes, more than the %(allowed)s bytes allowed.")
    ),
    "too_slow": _worded(
        gettext_noop(
            "Reading %(file)s took longer than the %(allowed)s seconds an import may take, so it was "
            "stopped and nothing was imported. Split the file into smaller parts and upload each, or "
            "export it again from the original: a file this slow to read is often built unusually."
        )
    ),
    "too_much_memory": _worded(
        gettext_noop(
            "Reading %(file)s needed more than the %(allowed)s MB of memory an import may take, so it "
            "was stopped and nothing was imported. Split the file into smaller parts and upload each, "
            "or export it again from the original."
        )
    ),
    "stopped_abnormally": _worded(
        gettext_noop(
            "Reading %(file)s stopped abnormally, most likely for want of memory (an import may take "
            "%(allowed)s MB), and nothing was imported. Split the file into smaller parts and upload "
            "each, or export it again from the original."
        )
    ),
    # The importer's refusal, kept in its English wording and said again when read.
    "refused": lambda params: refusal_in_language(params["text"]),
    "unexpected": _worded(
        gettext_noop("The import failed unexpectedly; the administrators can see why in the log.")
    ),
    "database_stopped": _database_stopped,
    "stale": _worded(
        gettext_noop(
            "The import did not finish: no background worker took it up, or it stopped. "
            "Upload the file again."
        )
    ),
}
JOB_MESSAGE_CODES = frozenset(_WORDERS)


@dataclass(frozen=True)
class JobMessage:
    """A job's message as stored: its code and the figures and names it quotes (JSON values)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in _WORDERS:
            raise ValueError(f"unknown import job message code {self.code!r}")

    def text(self) -> str:
        """The message in the active language."""
        return _WORDERS[self.code](self.params)

    def english(self) -> str:
        """The message in English, as ImportJob.message keeps it for the log and the command line."""
        with translation.override("en"):
            return self.text()


def import_job_message(job: ImportJob) -> str:
    """The job's message in the active language, whoever's language it was written in."""
    if job.message_code in _WORDERS:
        return JobMessage(job.message_code, job.message_params or {}).text()
    # A row from before the codes: a finished import's message is worded again from its count,
    # a failure through the importer's known refusals (else as it was stored).
    if job.status == ImportJobStatus.DONE:
        return JobMessage("imported", {"count": job.created}).text()
    return refusal_in_language(job.message)


def import_failure(error: ImportFileError | OverLimitError, *, filename: str) -> JobMessage:
    """Why an import failed: a limit with its figures (to word with what to do), or the importer's
    refusal as it worded it."""
    if isinstance(error, ImportLimitError):
        code = "too_many_pages" if error.limit == "pages" else "too_many_bytes"
        return JobMessage(code, {"file": error.filename, "found": error.found, "allowed": error.allowed})
    if not isinstance(error, OverLimitError):
        return JobMessage("refused", {"text": str(error)})
    code = {"seconds": "too_slow", "memory": "too_much_memory"}.get(error.limit, "stopped_abnormally")
    return JobMessage(code, {"file": filename, "allowed": error.allowed})


def import_failure_message(error: ImportFileError | OverLimitError, *, filename: str) -> str:
    """Why an import failed, in the active language (the upload form refuses a file with it)."""
    return import_failure(error, filename=filename).text()
