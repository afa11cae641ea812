import pytest

from authors.models import Role
from proceedings.models import ProceedingsStatus
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory


@pytest.fixture
def oai_settings(settings):
    settings.JINAQ_OAI_REPOSITORY_IDENTIFIER = "jinaq.test"
    settings.JINAQ_BASE_URL = "https://jinaq.test"
    settings.JINAQ_OAI_PAGE_SIZE = 3
    return settings


@pytest.fixture
def paper(oai_settings):
    """A published Kazakh paper with two authors, a supervisor, abstracts and keywords."""
    volume = ProceedingsFactory(
        slug="media-2025", title_kk="Медиа 2025", title_en="Media 2025", publisher="Al-Farabi KazNU"
    )
    article = ArticleFactory(
        proceedings=volume,
        slug="cifrlyq-media",
        title="ЦИФРЛЫҚ МЕДИА",
        title_display="Цифрлық медиа",
        parallel_titles={"en": "Digital media"},
        abstract_kk="Мақалада цифрлық медиа қарастырылады.",
        abstract_en="The paper looks at digital media.",
        keywords_kk=["медиа", "цифр"],
        first_page=12,
        last_page=15,
    )
    for order, name in enumerate(["Сапарова А. Б.", "Ахметов Е. Ж."], start=1):
        AuthorshipFactory(article=article, person=PersonFactory(display_name=name), order=order)
    AuthorshipFactory(
        article=article, person=PersonFactory(display_name="Узбекова Г. С."), role=Role.SUPERVISOR, order=1
    )
    return article


@pytest.fixture
def draft_article(oai_settings):
    volume = ProceedingsFactory(slug="draft-2026", status=ProceedingsStatus.DRAFT)
    return ArticleFactory(proceedings=volume, slug="draft-article")
