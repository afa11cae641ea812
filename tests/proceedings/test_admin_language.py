"""The admin in the editor's language: their choice kept across pages, and what the admin shows of
the archive — topics, volumes, the import's messages — in that language, whoever wrote it."""

import pytest
from django.urls import reverse
from django.utils import translation

from proceedings.editorial.review import importer_warning
from proceedings.importer.dedupe import REPEAT_WARNING
from proceedings.models import ImportJobStatus
from tests.factories import ArticleFactory, ImportJobFactory, ProceedingsFactory, TopicFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    """An editor whose browser asks for Kazakh (the archive's default) until they choose."""
    client.force_login(staff_user("editor", editor=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "kk"
    return client


def review_html(client, volume) -> str:
    return client.get(reverse("admin:proceedings_proceedings_review", args=[volume.pk])).content.decode()


def test_editor_chooses_the_admins_language_and_it_stays(editor):
    index = reverse("admin:index")
    kazakh = editor.get(index).content.decode()

    response = editor.post(reverse("set_language"), {"language": "ru", "next": index})
    russian = editor.get(index).content.decode()

    assert response["Location"] == index
    assert 'value="ru" lang="ru" title="Русский" aria-current="true"' in russian
    assert ("Jinaq: басқару" in kazakh, "Jinaq: управление" in russian) == (True, True)
    assert "Последние действия" in russian
    assert "Recent actions" not in kazakh  # Django's own Kazakh catalogue lacks it; ours has it


def test_review_names_topics_and_the_volume_in_the_admins_language(editor):
    volume = ProceedingsFactory(title_kk="Жас ғалымдар", title_en="Young scientists")
    article = ArticleFactory(proceedings=volume)
    article.topics.add(TopicFactory(name_kk="Спорт журналистикасы", name_en="Sports journalism"))
    editor.post(reverse("set_language"), {"language": "en", "next": "/admin/"})

    english = review_html(editor, volume)

    assert "Sports journalism" in english
    assert "Спорт журналистикасы" not in english
    assert '<h2 id="review-volume-heading">Young scientists</h2>' in english


def test_finished_import_is_reported_in_the_readers_language_not_the_uploaders(editor):
    with translation.override("kk"):  # the uploader's language, stored with the job
        job = ImportJobFactory(status=ImportJobStatus.DONE, created=2, done=2, total=2, language="kk")
    job.message = "2 мақала импортталды; сіз жарияламайынша жинақ жоба болып қалады."
    job.save()
    editor.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    status = editor.get(reverse("admin:proceedings_proceedings_import_status", args=[job.volume_key])).json()
    page = review_html(editor, job.volume)

    assert status["message"] == "2 articles imported; the volume is a draft until you publish it."
    assert "2 articles imported" in page
    assert "мақала импортталды" not in page


def test_topic_names_in_the_admins_filters_follow_its_language(editor):
    TopicFactory(name_kk="Спорт журналистикасы", name_ru="Спортивная журналистика", name_en="Sports")
    editor.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"

    page = editor.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "Спортивная журналистика" in page  # the topics filter
    assert "Sports" not in page


@pytest.mark.parametrize("text", ["no header found", REPEAT_WARNING.format(line=120)])
def test_every_stored_warning_the_article_form_shows_is_in_the_editors_language(text):
    with translation.override("en"):
        english = importer_warning(text)
    with translation.override("ru"):
        russian = importer_warning(text)

    assert english.kind == russian.kind != "importer"
    assert english.message != russian.message
