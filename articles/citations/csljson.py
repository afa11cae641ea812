"""CSL-JSON items of type `paper-conference`, valid against the official csl-data.json schema
(vendored in tests/articles/citations/csl-data.json)."""

from __future__ import annotations

import json
from datetime import date

from articles.citations.keys import citation_keys
from articles.citations.record import CitationRecord, CitedPerson, citation_title
from articles.citations.words import EN_DASH, supervisor_note


def csl_name(person: CitedPerson) -> dict[str, str]:
    """family/given when the surname is known; a literal name otherwise ('Ван Лу')."""
    if person.has_initials:
        return {"family": person.surname, "given": person.initials}
    return {"literal": person.printed}


def csl_item(record: CitationRecord, item_id: str, *, accessed: date | None = None) -> dict:  # noqa: PLR0912 - one branch per optional field
    item: dict = {
        "id": item_id,
        "type": "paper-conference",
        "title": citation_title(record),
        "container-title": record.volume_title(),
        "issued": {"date-parts": [[record.year]]},
        "language": record.language,
    }
    if record.authors:
        item["author"] = [csl_name(person) for person in record.authors]
    if record.editors:
        item["editor"] = [csl_name(person) for person in record.editors]
    if record.conference_name:
        item["event-title"] = record.conference_name
    if record.place:
        item["event-place"] = record.place
        item["publisher-place"] = record.place
    if record.date_start:
        parts = [[record.date_start.year, record.date_start.month, record.date_start.day]]
        if record.date_end and record.date_end != record.date_start:
            parts.append([record.date_end.year, record.date_end.month, record.date_end.day])
        item["event-date"] = {"date-parts": parts}
    if record.publisher:
        item["publisher"] = record.publisher
    if record.pages:
        item["page"] = record.pages.replace(EN_DASH, "-")
    if record.isbn:
        item["ISBN"] = record.isbn
    if keywords := record.all_keywords:
        item["keyword"] = ", ".join(keywords)  # the schema has one string
    if record.abstract:
        item["abstract"] = record.abstract
    if record.supervisors:
        item["note"] = supervisor_note(record)
    if record.doi:
        item["DOI"] = record.doi
    if record.url:
        item["URL"] = record.url
        day = accessed or date.today()
        item["accessed"] = {"date-parts": [[day.year, day.month, day.day]]}
    return item


def csl_items(records: list[CitationRecord], *, accessed: date | None = None) -> list[dict]:
    keys = citation_keys(records)
    return [csl_item(record, key, accessed=accessed) for record, key in zip(records, keys, strict=True)]


def format_csl_json(records: list[CitationRecord], *, accessed: date | None = None, **_options) -> str:
    return json.dumps(csl_items(records, accessed=accessed), ensure_ascii=False, indent=2) + "\n"
