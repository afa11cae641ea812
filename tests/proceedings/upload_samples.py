"""What the upload and publish tests send: a volume's form fields and small proceedings files."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf

VOLUME_FIELDS = {
    "title_kk": "Студенттік ғылыми конференция",
    "title_en": "Student research conference",
    "year": "2026",
    "place": "Алматы",
    "slug": "student-conference-2026",
}


def proceedings_text() -> bytes:
    return "\n".join([*FIRST_ARTICLE, "", *SECOND_ARTICLE]).encode()


def proceedings_pdf() -> bytes:
    return build_pdf([FIRST_ARTICLE, SECOND_ARTICLE])


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
