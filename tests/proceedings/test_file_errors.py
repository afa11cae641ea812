"""The importer's refusals of a file, as the importer words them today, said again in the editor's
language (proceedings.editorial.file_errors); the upload form and a stored failure show them so."""

import codecs

import pytest
from django.urls import reverse
from django.utils import translation

from proceedings.editorial.file_errors import refusal_in_language
from proceedings.editorial.jobs import import_job_status
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.importer.read import read_source
from proceedings.importer.types import ImportFileError
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_image_only_pdf, build_pdf
from tests.factories import ImportJobFactory
from tests.proceedings.upload_samples import VOLUME_FIELDS, upload

TEXT = "\n\n".join(FIRST_ARTICLE)
FILES = {
    "empty": b"  \n\n  ",
    "binary": bytes(range(256)) * 64,
    "utf-8-sig damaged": codecs.BOM_UTF8 + "Журналистика".encode() + b"\xff\xfe\xfa",
    "unknown encoding": "Журналистика".encode() * 40 + b"\x81\x98" * 3,
    "utf-16 cut mid-character": TEXT.encode("utf-16-le")[:-1],
    "utf-16 damaged": TEXT.encode("utf-16-le") + b"\x00\xd8" + TEXT.encode("utf-16-le"),
    "locked pdf": build_pdf([FIRST_ARTICLE], encrypt=True),
    "scanned pdf": build_image_only_pdf(),
    "half a pdf": build_pdf([FIRST_ARTICLE, SECOND_ARTICLE])[:20_000],
}
METADATA = {
    "no year": {"title_en": "Volume"},
    "no title": {"year": 2025},
    "bad slug": {"year": 2025, "title_en": "Volume", "slug": "Bad_Slug"},
    "bad isbn": {"year": 2025, "title_en": "Volume", "slug": "v", "isbn": "123"},
    "dates": {
        "year": 2025,
        "title_en": "Volume",
        "slug": "v",
        "date_start": "2025-05-02",
        "date_end": "2025-05-01",
    },
}


def refusal(case: str) -> str:
    name = "volume.pdf" if "pdf" in case else "volume.txt"
    with pytest.raises(ImportFileError) as error:
        read_source(FILES[case], filename=name, max_bytes=10_000_000)
    return str(error.value)


def metadata_refusal(case: str) -> str:
    with pytest.raises(ImportFileError) as error:
        volume_metadata_from_mapping({"slug": "volume", **METADATA[case]})
    return str(error.value)


@pytest.mark.parametrize("case", FILES)
def test_every_refusal_of_a_file_is_said_in_russian_and_kazakh(case):
    english = refusal(case)

    with translation.override("ru"):
        russian = refusal_in_language(english)
    with translation.override("kk"):
        kazakh = refusal_in_language(english)

    assert english.startswith(("volume.txt: ", "volume.pdf: "))
    assert len({english, russian, kazakh}) == 3
    assert russian.startswith(english.split(":")[0])  # the file's name, as the editor called it


@pytest.mark.parametrize("case", METADATA)
def test_every_refusal_of_a_volumes_details_is_said_in_russian(case):
    english = metadata_refusal(case)

    with translation.override("ru"):
        russian = refusal_in_language(english)

    assert russian != english


def test_a_refusal_not_in_the_table_is_shown_as_written():
    with translation.override("ru"):
        assert (
            refusal_in_language("volume.txt: something new went wrong.")
            == "volume.txt: something new went wrong."
        )


@pytest.mark.django_db
def test_a_stored_failure_reads_in_the_language_of_whoever_opens_it():
    job = ImportJobFactory(status="failed", message=refusal("locked pdf"), volume=None, volume_key=9999)

    with translation.override("ru"):
        status = import_job_status(job.volume_key)

    assert status["message"] == ("volume.pdf: PDF-файл защищён паролем; загрузите копию без пароля.")


@pytest.mark.django_db
def test_upload_form_refuses_a_bad_file_in_the_editors_language(editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"

    response = editor_client.post(
        reverse("admin:proceedings_proceedings_upload"),
        {**VOLUME_FIELDS, "source": upload("volume.pdf", FILES["locked pdf"])},
    )

    assert response.status_code == 200
    assert "volume.pdf: PDF-файл защищён паролем; загрузите копию без пароля." in response.content.decode()
