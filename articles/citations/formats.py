"""The registry of citation formats: stable slugs the UI and URLs use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from articles.citations.apa import format_apa
from articles.citations.bibtex import format_bibtex
from articles.citations.csljson import format_csl_json
from articles.citations.gost import format_gost_7_1, format_gost_r_7_0_5, format_gost_r_7_0_100
from articles.citations.record import CitationRecord, in_list_language
from articles.citations.ris import format_ris
from articles.citations.table import format_csv
from articles.citations.wordfile import format_docx

TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Format:
    label: str
    content_type: str
    extension: str
    function: Callable[..., str | bytes]  # (records: list[CitationRecord], **options)
    # A reference style a reader copies from the Cite box (the others are files to download).
    is_reference_style: bool = False

    @property
    def is_binary(self) -> bool:
        return self.extension == "docx"

    def render(self, records: list[CitationRecord], *, language: str | None = None, **options) -> bytes:
        """The file's bytes; text formats are UTF-8. `language` is the list's: every record's
        prescribed words and volume title in it (None: each record's own)."""
        content = self.function(in_list_language(records, language), language=language, **options)
        return content if isinstance(content, bytes) else content.encode("utf-8")


FORMATS: dict[str, Format] = {
    "gost-r-7-0-100-2018": Format("ГОСТ Р 7.0.100-2018", TEXT, "txt", format_gost_r_7_0_100, True),
    "gost-7-1-2003": Format("ГОСТ 7.1-2003", TEXT, "txt", format_gost_7_1, True),
    "gost-r-7-0-5-2008": Format("ГОСТ Р 7.0.5-2008", TEXT, "txt", format_gost_r_7_0_5, True),
    "apa-7": Format("APA 7", TEXT, "txt", format_apa, True),
    "bibtex": Format("BibTeX", "application/x-bibtex; charset=utf-8", "bib", format_bibtex),
    "ris": Format("RIS", "application/x-research-info-systems; charset=utf-8", "ris", format_ris),
    "csl-json": Format(
        "CSL-JSON", "application/vnd.citationstyles.csl+json; charset=utf-8", "json", format_csl_json
    ),
    "csv": Format("CSV", "text/csv; charset=utf-8", "csv", format_csv),
    "docx": Format(
        "Word (.docx)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        format_docx,
    ),
}
DEFAULT_FORMAT = "gost-r-7-0-5-2008"


def format_get(slug: str) -> Format:
    """The format for a slug; KeyError names the known ones, for a view to turn into a 404."""
    try:
        return FORMATS[slug]
    except KeyError:
        raise KeyError(f"Unknown citation format {slug!r}; known: {', '.join(FORMATS)}") from None


def format_records(records: list[CitationRecord], slug: str, **options) -> bytes:
    return format_get(slug).render(records, **options)
