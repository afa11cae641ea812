"""A volume's metadata, from command-line options or a sidecar JSON file next to the source.

The sidecar for `volume.txt` is `volume.json`: {"title_kk", "title_ru", "title_en",
"conference_name", "year", "date_start", "date_end", "place", "publisher", "isbn", "editors",
"slug"}. Only `year` and one title or conference name are required.

A sidecar is written by hand, so any field may hold any JSON value. `metadata_checked` gives
every field its type (or says which field is wrong and what it should be) before anything
else — the default slug, the rules below, the database — touches the values.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from proceedings.importer.types import ImportFileError

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISBN_PATTERN = re.compile(r"^(?:97[89])?\d{9}[\dX]$")
_YEAR_TEXT = re.compile(r"[0-9]{1,6}")
# PostgreSQL stores no NUL; the other C0 controls are debris no title needs (tab and line ends
# stay: `editors` is one name a line).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The columns of proceedings.models.Proceedings (a test holds the two together): a longer value
# would pass every check here and fail in the database, as a traceback instead of a message.
MAX_LENGTHS = {
    "slug": 120,
    "title_kk": 500,
    "title_ru": 500,
    "title_en": 500,
    "conference_name": 500,
    "place": 200,
    "publisher": 300,
    "isbn": 20,
}


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
TEXT_FIELDS = sorted(FIELD_NAMES - {"year", "date_start", "date_end"})
_IGNORED = {"description"}  # the bundled sidecars describe themselves; nothing stores it


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else "text" if isinstance(value, str) else type(value).__name__


def _shown(value: Any) -> str:
    """The value as it stands in the JSON file, cut short: a nested object may be any size."""
    try:
        return _cut(json.dumps(value, ensure_ascii=False), 40)
    except (TypeError, ValueError, RecursionError):
        return "…"


def _cut(text: str, limit: int) -> str:
    """Short, and printable: a lone surrogate from JSON's "\\ud800" would break the terminal's output."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _wrong(name: str, expected: str, value: Any) -> ImportFileError:
    return ImportFileError(f"{name} must be {expected}, not {_kind(value)} ({_shown(value)}).")


def _text(name: str, value: Any) -> str:
    if value is None:  # JSON's way of leaving a field out
        return ""
    if not isinstance(value, str):
        raise _wrong(name, "text", value)
    return _storable(name, value)


def _storable(name: str, value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, as JSON's "\ud800" gives
        raise ImportFileError(f"{name} is not valid Unicode text.") from None
    control = _CONTROL.search(value)
    if control:
        raise ImportFileError(f"{name} holds a control character (U+{ord(control.group()):04X}).")
    value = value.strip()
    limit = MAX_LENGTHS.get(name)
    if limit and len(value) > limit:
        raise ImportFileError(f"{name} is {len(value)} characters long, more than the {limit} allowed.")
    return value


def _editors(name: str, value: Any) -> str:
    """Text, one editor a line, or the natural JSON for it: a list of names."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n".join(filter(None, (_storable(name, item) for item in value)))
    if value is not None and not isinstance(value, str):
        raise _wrong(name, "text or a list of names", value)
    return _text(name, value)


def _year(name: str, value: Any) -> int | None:
    """A whole number, or text of digits ("2025" is what a form or a hand sends)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _wrong(name, "a whole number like 2025", value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _YEAR_TEXT.fullmatch(value.strip()):
        return int(value)
    raise ImportFileError(f"{name} must be a whole number like 2025, not {_shown(value)}.")


def _date(name: str, value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise _wrong(name, "a date like 2025-04-18 (text)", value)
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ImportFileError(f"{name} must be a date like 2025-04-18, not {_shown(value)}.") from None


_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    **dict.fromkeys([*TEXT_FIELDS, *_IGNORED], _text),
    "editors": _editors,
    "year": _year,
    "date_start": _date,
    "date_end": _date,
}


def metadata_checked(data: Mapping[str, Any]) -> dict[str, Any]:
    """The given fields, each as its type: text stripped, `year` an int, dates dates, null
    for "not given" ("" or None). Raises ImportFileError naming the first wrong field."""
    unknown = sorted(str(name) for name in data if name not in _CHECKS)
    if unknown:
        raise ImportFileError(f"Unknown volume metadata: {_cut(', '.join(unknown), 200)}.")
    return {name: _CHECKS[name](name, value) for name, value in data.items()}


def volume_metadata_from_mapping(data: Mapping[str, Any]) -> VolumeMetadata:
    """Validate metadata; raises ImportFileError with a message an editor can act on."""
    checked = metadata_checked(data)
    year = checked.get("year") or 0
    if not 1900 <= year <= 2100:
        raise ImportFileError("The volume needs its year (1900–2100).")
    text = {name: checked.get(name, "") for name in TEXT_FIELDS}
    if not any(text[name] for name in ("title_kk", "title_ru", "title_en", "conference_name")):
        raise ImportFileError("The volume needs a title (in any language) or a conference name.")
    if not SLUG_PATTERN.match(text["slug"]):
        raise ImportFileError(f"slug must be lower-case letters, digits and hyphens, not {text['slug']!r}.")
    isbn = text["isbn"].replace("-", "").replace(" ", "").upper()
    if isbn and not ISBN_PATTERN.match(isbn):
        raise ImportFileError(f"ISBN {text['isbn']!r} is not a valid ISBN-10 or ISBN-13.")
    start, end = checked.get("date_start"), checked.get("date_end")
    if start and end and end < start:
        raise ImportFileError("date_end is before date_start.")
    metadata = VolumeMetadata(slug=text["slug"], year=year, date_start=start, date_end=end)
    return replace(metadata, **{name: text[name] for name in text if name != "slug"})


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".json")


def read_sidecar(source: Path) -> dict[str, Any]:
    """The sidecar's fields, type-checked by `metadata_checked`, or {} when there is none."""
    path = sidecar_path(source)
    if not path.exists():
        return {}
    name = f"The sidecar {path.name}"
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{name} is not valid JSON: it is not UTF-8 ({error.reason}).") from None
    except OSError as error:
        raise ImportFileError(f"{name} cannot be read ({error.strerror or error}).") from None
    try:
        data = json.loads(content)
    except RecursionError:
        raise ImportFileError(f"{name} is not valid JSON (nested too deep).") from None
    except ValueError as error:  # JSONDecodeError, and an integer of thousands of digits
        raise ImportFileError(f"{name} is not valid JSON: {error}.") from None
    if not isinstance(data, dict):
        raise ImportFileError(f"{name} must hold one JSON object, not {_kind(data)} ({_shown(data)}).")
    try:
        return metadata_checked(data)
    except ImportFileError as error:
        raise ImportFileError(f"{name}: {error}") from None
