"""Words in the other script: documents keep skeletons for people's names only, the shared
vocabulary (SearchWord) turns a typed word's skeleton into the documents' own lexemes."""

import pytest
from django.db.models import Func

from articles.models import SearchEntry, SearchWord
from articles.search.document import text_words
from articles.search.index import article_search_refresh
from articles.search.script import skeleton
from articles.search.selectors import article_search
from tests.factories import ArticleFactory, AuthorshipFactory

pytestmark = pytest.mark.django_db


def indexed(body: str, *, language: str = "kk", title: str = "Мақала"):
    article = ArticleFactory(body=body, title=title, language=language)
    article_search_refresh(article_ids=[article.pk])
    return article


def found(query: str) -> set[int]:
    hits = article_search(query=query).articles
    return {article.pk for article in hits[0 : hits.count()]}


def lexemes(article) -> set[str]:
    entry = SearchEntry.objects.annotate(words=Func("document", function="tsvector_to_array"))
    return set(entry.get(pk=article.pk).words)


def test_text_words_are_the_distinct_words_with_their_skeletons_hyphenated_ones_whole_and_in_parts():
    assert text_words("Медиа-конвергенция, медиа және 2025 ж. COVID19") == {
        "медиа-конвергенция": "medakonvergentsa",
        "медиа": "meda",
        "конвергенция": "konvergentsa",
        "және": "zhane",
        "covid19": "kovid",
    }


def test_the_document_holds_skeletons_for_people_only():
    article = indexed("Журналистиканың болашағы туралы.", title="Медиа")
    AuthorshipFactory(article=article, person__display_name="Өзбекова Г.С.")
    article_search_refresh(article_ids=[article.pk])

    skeletons = {lexeme for lexeme in lexemes(article) if lexeme.startswith("xq")}
    assert skeletons == {"xqozbekova", "xqg", "xqs"}
    assert {"медиа", "журналистиканың"} <= lexemes(article)
    assert SearchWord.objects.filter(skeleton="zhurnalistikanin", lexeme="журналистиканың").exists()
    assert SearchWord.objects.filter(skeleton="meda", lexeme="медиа").exists()


def test_a_latin_typed_title_word_ranks_its_article_above_a_body_hit():
    in_body = indexed("Журналистика туралы ой.", title="Мақала")
    in_title = indexed("Басқа тақырып.", title="Журналистика болашағы")

    hits = list(article_search(query="zhurnalistika").articles[0:2])

    assert [article.pk for article in hits] == [in_title.pk, in_body.pk]


def test_latin_typed_words_find_body_only_cyrillic_words_in_kazakh_and_russian():
    kazakh = indexed("Журналистиканың болашағы туралы ой.")
    russian = indexed("Вопросы продюсирования документального кино.", language="ru", title="Статья")

    assert found("zhurnalistika") == {kazakh.pk}
    assert found("jurnalistika") == {kazakh.pk}
    # A Russian stem reached through the word's skeleton, in another case than the text.
    assert found("prodyusirovanie") == {russian.pk}
    assert SearchWord.objects.filter(skeleton="produsirovana", lexeme="продюсирован").exists()


def test_a_cyrillic_query_finds_a_latin_script_body():
    english = indexed("Media literacy in Kazakhstan schools.", language="en", title="Paper")

    assert found("Казахстан") == {english.pk}


def test_words_indexed_after_a_search_are_found_by_the_next_one():
    assert found("kraudsorsing") == set()

    article = indexed("Краудсорсингтің мүмкіндіктері.")

    assert found("kraudsorsing") == {article.pk}


def test_a_prefix_met_by_too_many_words_is_looked_up_whole(monkeypatch):
    from articles.search import vocabulary  # noqa: PLC0415

    indexed("Медиатека медиатекалар медиатор медиа.")
    monkeypatch.setattr(vocabulary, "MAX_LEXEMES", 2)
    vocabulary.vocabulary_forget()

    assert vocabulary.skeleton_lexemes("meda", prefix=True) == ("медиа",)


def test_a_lexeme_that_would_need_quoting_is_left_out_of_the_query():
    article = indexed("Брайен туралы.")
    SearchWord.objects.create(skeleton=skeleton("braien"), lexeme="o'braien")

    assert found("braien") == {article.pk}
