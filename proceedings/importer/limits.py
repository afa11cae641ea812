"""The import's limits on a file, checked before the work they bound: its size in bytes (before
it is read) and a PDF's pages (before any page is read: a count mupdf has at opening).

The error carries the figures rather than a sentence: the importer speaks English, to the command
line, and proceedings/editorial says the same in the editor's language (`import_limit_message`).
"""

from __future__ import annotations

from typing import Literal

from proceedings.importer.types import ImportFileError

FileLimit = Literal["bytes", "pages"]


class ImportLimitError(ImportFileError):
    """A file over one of the limits: which (`limit`), what is allowed and what the file has."""

    def __init__(self, filename: str, limit: FileLimit, allowed: int, found: int) -> None:
        super().__init__(filename, limit, allowed, found)  # as args, so that it pickles back whole
        self.filename, self.limit, self.allowed, self.found = filename, limit, allowed, found

    def __str__(self) -> str:
        if self.limit == "pages":
            return (
                f"{self.filename}: the PDF has {self.found:,} pages, more than the {self.allowed:,} "
                "pages allowed; split it into parts and import each."
            )
        return (
            f"{self.filename}: the file is {self.found:,} bytes, "
            f"more than the {self.allowed:,} bytes allowed."
        )


def check_limit(*, filename: str, limit: FileLimit, allowed: int | None, found: int) -> None:
    """Raise ImportLimitError when `found` is over `allowed` (None: no limit)."""
    if allowed is not None and found > allowed:
        raise ImportLimitError(filename, limit, allowed, found)
