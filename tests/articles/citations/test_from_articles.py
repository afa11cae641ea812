"""Records built from saved articles (factories and the bundled seed) and `render_citations`."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from docx import Document

from articles.citations.formats import FORMATS
from articles.citations.gost import GOST_R_7_0_5, GOST_R_7_0_100, gost_reference
from articles.citations.record import CitedPerson, citation_record
from articles.citations.render import render_citations
from articles.models import Article
from articles.selectors import article_list_items
from tests.articles.citations.records import ACCESSED
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory

pytestmark = pytest.mark.django_db


def test_citation_record_from_a_saved_article_with_people_in_order():
    volume = ProceedingsFactory(place="Алматы", publisher="Қазақ университеті", editors="Өзбекова Г. С.\n\n")
    article = ArticleFactory(proceedings=volume, title="ЦИФРЛЫҚ МЕДИА", title_display="Цифрлық медиа")
    article.first_page, article.last_page, article.keywords_kk = 3, 9, ["медиа"]
    article.save()
    for order, name in [(2, "Бекова Б. Б."), (1, "Алиев А. А.")]:
        AuthorshipFactory(article=article, person=PersonFactory(display_name=name), order=order)
    AuthorshipFactory(article=article, person=PersonFactory(display_name="К. Камзин"), role="supervisor")
    record = citation_record(article_list_items().get(pk=article.pk), url=None)
    assert (record.title, record.language, record.year, record.pages) == ("Цифрлық медиа", "kk", 2025, "3–9")
    assert [p.inverted() for p in record.authors] == ["Алиев А. А.", "Бекова Б. Б."]
    assert record.supervisors == (CitedPerson(printed="К. Камзин", surname="Камзин", initials="К."),)
    assert record.editors == (CitedPerson(printed="Өзбекова Г. С.", surname="Өзбекова", initials="Г. С."),)
    assert record.volume_title() == volume.title_kk
    assert record.keywords == {"kk": ("медиа",)}


def test_citation_record_of_untitled_article_without_authors_is_still_a_reference():
    article = ArticleFactory(title=None, title_display="", body="Ақпараттық технологиялардың қарқынды дамуы.")
    record = citation_record(article, url=None)
    assert (record.title, record.authors, record.supervisors) == (None, (), ())
    assert gost_reference(record, GOST_R_7_0_5) == (
        f"[Атауы жоқ: Ақпараттық технологиялардың қарқынды дамуы] // {article.proceedings.title_kk} : "
        "Student research conference of the Faculty of Journalism (Almaty). – Almaty, 2025."
    )


def test_citation_record_takes_the_volumes_facts_in_the_list_language_where_given():
    volume = ProceedingsFactory(
        conference_name="Студенттік ғылыми конференция",
        conference_name_ru="Студенческая научная конференция",
        place="Алматы",
        place_en="Almaty",
        publisher="Қазақ университеті",
    )
    article = ArticleFactory(proceedings=volume)

    def facts(language):
        record = citation_record(article, url=None, language=language)
        return record.conference_name, record.place, record.publisher, record.volume_title()

    assert facts("ru") == (
        "Студенческая научная конференция", "Алматы", "Қазақ университеті", volume.title_ru
    )  # fmt: skip
    assert facts("en") == ("Студенттік ғылыми конференция", "Almaty", "Қазақ университеті", volume.title_en)
    assert facts(None)[:2] == ("Студенттік ғылыми конференция", "Алматы")  # the article's own: Kazakh


def test_seed_article_by_andreeva_in_gost_r_7_0_100(seed_archive):
    article = article_list_items().get(title__startswith="ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ")
    record = citation_record(article, url=None)
    assert gost_reference(record, GOST_R_7_0_100, accessed=ACCESSED) == (
        "Андреева, М. М. Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері "
        "/ М. М. Андреева. – Мәтін : тікелей // Журналистика факультеті магистранттары мен "
        "докторанттарының ғылыми мақалалар жинағы : Студенттік ғылыми конференция, журналистика "
        "факультеті (Алматы). – Алматы : Әл-Фараби атындағы Қазақ ұлттық университеті, 2025."
    )


def test_seed_volume_renders_in_every_format_in_a_few_queries(seed_archive):
    articles = article_list_items(Article.objects.filter(proceedings__slug="journalism-masters-2025"))
    with translation.override("kk"), CaptureQueriesContext(connection) as queries:
        rendered = render_citations(
            articles, "gost-r-7-0-5-2008", base_url="https://jinaq.example/", accessed=ACCESSED
        )
    assert len(queries) <= 3
    lines = rendered.content.decode("utf-8").split("\n")
    assert len(lines) == 58  # the seed's repeated article too: kept until an editor removes it
    assert all(
        " // " in line and "Әл-Фараби атындағы Қазақ ұлттық университеті, 2025" in line for line in lines
    )
    kazakh = [a.language == "kk" for a in articles]
    assert [" // Журналистика факультеті магистранттары" in line for line in lines] == kazakh
    assert "URL: https://jinaq.example/kk/articles/" in lines[0]
    assert (rendered.content_type, rendered.filename) == ("text/plain; charset=utf-8", "citations.txt")
    for slug in FORMATS:
        assert render_citations(articles, slug, base_url=None, accessed=ACCESSED).content, slug
    docx = render_citations(articles, "docx", base_url=None, filename_stem="journalism-masters-2025")
    assert docx.filename == "journalism-masters-2025.docx"
    assert len(Document(io.BytesIO(docx.content)).paragraphs) == 59


def test_render_citations_unknown_format_names_the_known_ones():
    with pytest.raises(KeyError, match="gost-r-7-0-5-2008"):
        render_citations([], "mla", base_url=None)
