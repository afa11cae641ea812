"""Stored uploads leave the server only as a published volume's source, with a content type we
chose and never one the browser guesses; waiting uploads and other paths are never served."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from proceedings.models import ProceedingsStatus
from tests.factories import ProceedingsFactory, staff_user

pytestmark = pytest.mark.django_db


def volume_with_source(slug: str, name: str, data: bytes, *, status: str = ProceedingsStatus.PUBLISHED):
    volume = ProceedingsFactory(slug=slug, status=status)
    volume.source_file.save(name, ContentFile(data))
    return volume


def test_published_pdf_is_served_as_a_pdf_never_sniffed(media_root):
    volume = volume_with_source("pdf-2026", "whatever.pdf", b"%PDF-1.7 not really")

    response = Client().get(volume.source_file.url)

    assert volume.source_file.url == "/media/proceedings/pdf-2026/source.pdf"
    assert (response.status_code, response["Content-Type"], response["X-Content-Type-Options"]) == (
        200,
        "application/pdf",
        "nosniff",
    )
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 not really"


def test_text_source_with_html_in_it_downloads_as_plain_text(media_root):
    volume = volume_with_source("text-2026", "a.html", b"<script>alert(1)</script>")

    response = Client().get(volume.source_file.url)

    assert volume.source_file.name == "proceedings/text-2026/source.bin"  # the upload's name is not kept
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/octet-stream",
        'attachment; filename="text-2026.bin"',
    )


def test_draft_source_is_hidden_from_readers_and_shown_to_editors(client, media_root):
    volume = volume_with_source("draft-2026", "v.txt", "Мәтін".encode(), status=ProceedingsStatus.DRAFT)
    reader = Client().get(volume.source_file.url).status_code
    client.force_login(staff_user("editor", editor=True))

    editor = client.get(volume.source_file.url)

    assert (reader, editor.status_code, editor["Content-Type"]) == (404, 200, "text/plain; charset=utf-8")


def test_waiting_uploads_and_other_media_paths_are_not_served(media_root):
    (media_root / "imports").mkdir(parents=True)
    (media_root / "imports" / "0123abcd.txt").write_text("waiting")
    volume = volume_with_source("pub-2026", "v.txt", b"text")
    reader = Client()

    statuses = [
        reader.get(path).status_code
        for path in [
            "/media/imports/0123abcd.txt",
            "/media/proceedings/pub-2026/other.txt",
            "/media/proceedings/pub-2026/..%2F..%2Fimports%2F0123abcd.txt",
            volume.source_file.url,
        ]
    ]

    assert statuses == [404, 404, 404, 200]


def test_source_is_still_served_after_the_volume_slug_changed(media_root):
    volume = volume_with_source("old-slug", "v.pdf", b"%PDF-1.7")
    volume.slug = "new-slug"
    volume.save()

    response = Client().get(volume.source_file.url)

    assert (volume.source_file.url, response.status_code) == ("/media/proceedings/old-slug/source.pdf", 200)
