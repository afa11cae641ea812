"""An import job's message is read in the reader's language, not the uploader's: the job keeps
what it says (a code and its figures), and every page that shows it words it when it is read."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from proceedings.editorial.job_messages import JOB_MESSAGE_CODES, JobMessage, import_job_message
from proceedings.editorial.jobs import import_job_fail, import_job_finish, import_jobs_fail_stale
from proceedings.models import ImportJob, ImportJobStatus
from proceedings.services import ImportOutcome
from tests.factories import ImportJobFactory, staff_user

pytestmark = pytest.mark.django_db

# Figures for every code: a file's name, and numbers big enough to be grouped.
SAMPLE_PARAMS = {
    "imported": {"count": 21},
    "too_many_pages": {"file": "big.pdf", "found": 12_345, "allowed": 2_000},
    "too_many_bytes": {"file": "big.pdf", "found": 12_345_678, "allowed": 1_000_000},
    "too_slow": {"file": "big.pdf", "allowed": 1_200},
    "too_much_memory": {"file": "big.pdf", "allowed": 1_024},
    "stopped_abnormally": {"file": "big.pdf", "allowed": 1_024},
    "refused": {"text": "No articles were found in big.pdf."},
    "unexpected": {},
    "database_stopped": {"count": 3},
    "stale": {},
}
BYTES_LIMIT = JobMessage("too_many_bytes", SAMPLE_PARAMS["too_many_bytes"])


def worded(message: JobMessage, language: str) -> str:
    with translation.override(language):
        return message.text()


def test_every_code_has_sample_figures():
    assert set(SAMPLE_PARAMS) == JOB_MESSAGE_CODES


@pytest.mark.parametrize("code", sorted(SAMPLE_PARAMS))
def test_every_code_reads_in_each_language_with_its_figures_filled_in(code):
    message = JobMessage(code, SAMPLE_PARAMS[code])
    texts = {language: worded(message, language) for language in ("en", "ru", "kk")}

    for text in texts.values():
        assert not re.search(r"%\(\w+\)|%[sd]\b", text), text  # no placeholder left unfilled
        for value in SAMPLE_PARAMS[code].values():
            if isinstance(value, str) and code != "refused":
                assert value in text
    assert texts["en"] != texts["ru"] != texts["kk"] != texts["en"]  # translated, not English
    assert message.english() == texts["en"]


def test_figures_are_grouped_as_the_readers_language_groups_them():
    assert "12,345,678" in worded(BYTES_LIMIT, "en")
    assert "12\xa0345\xa0678" in worded(BYTES_LIMIT, "ru")


def test_an_unknown_code_is_refused_when_written():
    with pytest.raises(ValueError, match="unknown"):
        JobMessage("no such code")


def failed_job(message: JobMessage, *, language: str = "kk") -> ImportJob:
    """A job failed while its uploader read the admin in `language`."""
    job = ImportJobFactory(status=ImportJobStatus.RUNNING, language=language)
    with translation.override(language):
        import_job_fail(job, message=message)
    job.refresh_from_db()
    return job


def seen_by(client, job: ImportJob, language: str) -> tuple[str, str, str]:
    """The job's message on the status endpoint, the failed import's page, the upload page."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    status = client.get(reverse("admin:proceedings_proceedings_import_status", args=[job.volume_key]))
    review = client.get(reverse("admin:proceedings_proceedings_review", args=[job.volume_key]))
    upload = client.get(reverse("admin:proceedings_proceedings_upload"))
    return status.json()["message"], review.content.decode(), upload.content.decode()


@pytest.fixture
def editor(client):
    client.force_login(staff_user("editor", editor=True))
    return client


def test_a_failure_written_in_kazakh_reads_in_each_editors_language(editor):
    job = failed_job(BYTES_LIMIT, language="kk")
    texts = {language: worded(BYTES_LIMIT, language) for language in ("en", "ru", "kk")}

    assert (job.message_code, job.message_params) == ("too_many_bytes", SAMPLE_PARAMS["too_many_bytes"])
    assert job.message == texts["en"]  # the log's and the command line's
    for language in ("en", "ru"):
        status, review, upload = seen_by(editor, job, language)
        assert status == texts[language]
        assert escape(texts[language]) in review
        assert escape(texts[language]) in upload
        for other in {"en", "ru", "kk"} - {language}:
            assert escape(texts[other]) not in review + upload


def test_a_stale_job_given_up_in_russian_reads_in_english_for_an_english_editor(editor):
    job = ImportJobFactory(status=ImportJobStatus.QUEUED, language="ru")
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=2))

    assert import_jobs_fail_stale() == 1
    status, review, upload = seen_by(editor, ImportJob.objects.get(pk=job.pk), "en")

    english = (
        "The import did not finish: no background worker took it up, or it stopped. Upload the file again."
    )
    assert status == english
    assert english in review
    assert english in upload


def test_a_finished_import_reads_in_the_readers_language(editor):
    job = ImportJobFactory(status=ImportJobStatus.RUNNING, language="kk")
    with translation.override("kk"):
        import_job_finish(job, outcome=ImportOutcome(proceedings=job.volume, plan=None, created=3))
    job.refresh_from_db()

    editor.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    status = editor.get(reverse("admin:proceedings_proceedings_import_status", args=[job.volume_key])).json()

    assert (job.message_code, job.message_params) == ("imported", {"count": 3})
    assert job.message == "3 articles imported; the volume is a draft until you publish it."
    assert status["message"] == worded(JobMessage("imported", {"count": 3}), "ru") != job.message


@pytest.mark.parametrize(
    ("stored", "english"),
    [
        # A refusal of the importer the table knows: said again in the reader's language.
        ("No articles were found in old.pdf.", "No articles were found in old.pdf."),
        # Anything else stored before the codes: shown as it was written.
        ("Файл сломан.", "Файл сломан."),
    ],
)
def test_a_failure_stored_before_the_codes_still_shows(editor, stored, english):
    job = ImportJobFactory(status=ImportJobStatus.FAILED, message=stored, language="ru")

    status, review, upload = seen_by(editor, job, "en")

    assert job.message_code == ""
    assert status == english
    assert english in review
    assert english in upload


def test_a_finished_import_stored_before_the_codes_is_worded_from_its_count():
    job = ImportJobFactory(status=ImportJobStatus.DONE, created=2, message="2 мақала импортталды…")

    with translation.override("en"):
        assert import_job_message(job) == "2 articles imported; the volume is a draft until you publish it."
