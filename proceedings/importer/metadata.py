"""A volume's metadata, from command-line options or a sidecar JSON file next to the source.

The sidecar for `volume.txt` is `volume.json`: {"title_kk", "title_ru", "title_en",
"conference_name", "year", "date_start", "date_end", "place", "publisher", "isbn", "editors",
"slug"}. Only `year` and one title or conference name are required.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from proceedings.importer.types import ImportFileError

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISBN_PATTERN = re.compile(r"^(?:97[89])?\d{9}[\dX]$")


@dataclass(frozen=True)
class VolumeMetadata:
    slug: str
    year: int
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    conference_name: str = ""
    date_start: datetime.date | None = None
    date_end: datetime.date | None = None
    place: str = ""
    publisher: str = ""
    isbn: str = ""
    editors: str = ""

    def merged(self, overrides: dict[str, Any]) -> VolumeMetadata:
        """These metadata with the non-empty `overrides` (command-line options win over the sidecar)."""
        return volume_metadata_from_mapping(
            {**self.as_mapping(), **{k: v for k, v in overrides.items() if v}}
        )

    def as_mapping(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


FIELD_NAMES = {field.name for field in fields(VolumeMetadata)}


def parse_date(value: Any, *, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ImportFileError(f"{name} must be a date like 2025-04-18, not {value!r}.") from None


def volume_metadata_from_mapping(data: dict[str, Any]) -> VolumeMetadata:
    """Validate metadata; raises ImportFileError with a message an editor can act on."""
    unknown = sorted(set(data) - FIELD_NAMES - {"description"})
    if unknown:
        raise ImportFileError(f"Unknown volume metadata: {', '.join(unknown)}.")
    try:
        year = int(data.get("year") or 0)
    except (TypeError, ValueError):
        raise ImportFileError(f"year must be a number, not {data.get('year')!r}.") from None
    if not 1900 <= year <= 2100:
        raise ImportFileError("The volume needs its year (1900–2100).")
    text = {
        name: str(data.get(name) or "").strip() for name in FIELD_NAMES - {"year", "date_start", "date_end"}
    }
    if not any(text[name] for name in ("title_kk", "title_ru", "title_en", "conference_name")):
        raise ImportFileError("The volume needs a title (in any language) or a conference name.")
    if not SLUG_PATTERN.match(text["slug"]):
        raise ImportFileError(f"slug must be lower-case letters, digits and hyphens, not {text['slug']!r}.")
    isbn = text["isbn"].replace("-", "").replace(" ", "").upper()
    if isbn and not ISBN_PATTERN.match(isbn):
        raise ImportFileError(f"ISBN {text['isbn']!r} is not a valid ISBN-10 or ISBN-13.")
    start = parse_date(data.get("date_start"), name="date_start")
    end = parse_date(data.get("date_end"), name="date_end")
    if start and end and end < start:
        raise ImportFileError("date_end is before date_start.")
    metadata = VolumeMetadata(slug=text["slug"], year=year, date_start=start, date_end=end)
    return replace(metadata, **{name: text[name] for name in text if name != "slug"})


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".json")


def read_sidecar(source: Path) -> dict[str, Any]:
    """The sidecar's content, or {} when there is none."""
    path = sidecar_path(source)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(f"The sidecar {path.name} is not valid JSON: {error}.") from None
    if not isinstance(data, dict):
        raise ImportFileError(f"The sidecar {path.name} must hold one JSON object.")
    return data
