"""The one way an uploaded file leaves the server: a volume's source, for readers of a published
volume (and editors of a draft), with a content type fixed by us and never sniffed.

Files under imports/ (uploads waiting for their import) are never served. The name in the URL
must be the one the volume stores (proceedings/<slug>/source.<pdf|txt|bin>), so no other path
under MEDIA_ROOT can be reached.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest

from proceedings.models import Proceedings, ProceedingsStatus
from proceedings.site.http import stored_file_sealed

CONTENT_TYPES = {"pdf": "application/pdf", "txt": "text/plain; charset=utf-8"}


def volume_source(request: HttpRequest, folder: str, filename: str) -> FileResponse:
    # By the stored name, not the volume's slug: a slug edited after the import keeps its old folder.
    volumes = Proceedings.objects.filter(source_file=f"proceedings/{folder}/{filename}")
    if not request.user.has_perm("proceedings.view_proceedings"):
        volumes = volumes.filter(status=ProceedingsStatus.PUBLISHED)
    volume = volumes.first()
    if volume is None or not volume.source_file.storage.exists(volume.source_file.name):
        raise Http404
    suffix = filename.rsplit(".", 1)[-1]
    response = FileResponse(
        volume.source_file.open("rb"),
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
        as_attachment=suffix != "pdf",  # a PDF opens in the browser's viewer; anything else downloads
        filename=f"{volume.slug}.{suffix}",
    )
    return stored_file_sealed(response)
