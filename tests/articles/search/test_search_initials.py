"""Single letters and initials meet people only inside a query that may name someone (issue 16):
'ИИ' (AI) found papers by «И. И. Someone» first and listed everyone with that initial."""

import pytest

from articles.search.index import article_search_refresh
from articles.search.query import parse_query
from articles.search.selectors import article_search
from authors.selectors import person_search
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initials_archive():
    """A paper about AI ('ИИ' in its text) and two business papers by «И. И. Исаев», a paper by
    «Исаев П. С.» and one by «Абаев А.», every article indexed as the importer would."""
    ai = ArticleFactory(
        language="ru",
        title="ИСКУССТВЕННЫЙ ИНТЕЛЛЕКТ В РЕДАКЦИЯХ",
        title_display="Искусственный интеллект в редакциях",
        body="Искусственный интеллект (ИИ) меняет работу редакций: ИИ пишет заметки и проверяет факты.",
    )
    isaev = PersonFactory(display_name="Исаев И. И.", name_variants=["И. И. Исаев"])
    business = []
    for title in ("БИЗНЕС-СРЕДА КОМПАНИИ", "ОЦЕНКА ЭФФЕКТИВНОСТИ РЕКЛАМНЫХ МЕРОПРИЯТИЙ"):
        article = ArticleFactory(
            language="ru", title=title, title_display=title.capitalize(), body="Конкуренты и партнёры фирмы."
        )
        AuthorshipFactory(article=article, person=isaev)
        business.append(article)
    namesake = ArticleFactory(language="ru", title="МАРКЕТИНГ", title_display="Маркетинг", body="Рынок.")
    AuthorshipFactory(article=namesake, person=PersonFactory(display_name="Исаев П. С."))
    a_paper = ArticleFactory(language="en", title="MEDIA", title_display="Media", body="Newsrooms.")
    AuthorshipFactory(article=a_paper, person=PersonFactory(display_name="Абаев А."))
    article_search_refresh(article_ids=[ai.pk, *(a.pk for a in business), namesake.pk, a_paper.pk])
    stored_counts_refresh()
    return {"ai": ai, "business": business, "namesake": namesake, "isaev": isaev}


def hit_ids(query: str) -> list[int]:
    return [article.pk for article in article_search(query=query).articles[:10]]


def test_ii_finds_the_paper_about_ai_and_not_the_papers_of_an_i_i_author(initials_archive):
    assert hit_ids("ИИ") == [initials_archive["ai"].pk]


def test_ii_and_ai_list_nobody_whose_initial_is_that_letter(client, initials_archive):
    found = client.get("/api/search", {"q": "ИИ"}).json()

    assert found["people"] == []
    assert person_search(query="ИИ") == []
    assert person_search(query="AI") == []  # «Абаев А.»: 'ai' folds to the skeleton of «А.»


def test_initials_alone_name_nobody(initials_archive):
    assert hit_ids("И. Е.") == hit_ids("G.S.") == []
    assert person_search(query="П. С.") == []


def test_a_surname_with_initials_still_finds_its_person_and_papers(initials_archive):
    business = sorted(article.pk for article in initials_archive["business"])

    assert sorted(hit_ids("Исаев И. И.")) == sorted([*business, initials_archive["namesake"].pk])
    # Latin initials ('i' for И) next to a surname are a name: only the «И.» Исаев's papers.
    assert sorted(hit_ids("Isaev I.")) == business
    assert sorted(hit_ids("Isaev P.")) == [initials_archive["namesake"].pk]
    # People: the one whose initial it is first (an initial is also a prefix of a given name).
    assert person_search(query="Isaev I.")[0].display_name == "Исаев И. И."


@pytest.mark.parametrize(
    ("query", "names_someone"),
    [
        ("ИИ", False),
        ("AI", False),
        ("G.S.", False),
        ("2025", False),
        ("Uzbekova G.S.", True),
        ("Ван Лу", True),
    ],
)
def test_a_query_names_someone_only_with_a_word_longer_than_an_initial(query, names_someone):
    assert parse_query(query).names_someone is names_someone
