"""Keeping every article's search entry current: the one writer of SearchEntry.

Called by the import service after it stores articles, by the editing services, and by the
admin after an editor changes an article, its people or a person's name; an entry is always
rebuilt whole, with the article's volume and language copied beside its vectors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Prefetch, Value

from articles.models import Article, SearchEntry, SearchTerm, SearchWord
from articles.search.document import ArticleText, SearchDocument, indexed_part, search_document, text_words
from articles.search.ordering import title_sort_key
from articles.search.script import skeleton
from articles.search.vocabulary import vocabulary_forget
from authors.models import Authorship

WORD = re.compile(r"[^\W\d_]+")
MIN_TERM_LENGTH = 3
BODY_TERM_LENGTH, BODY_TERM_USES = 6, 3
MAX_WORD = 100  # longer 'words' of a body (a URL, a formula) stay out of the vocabulary


def article_text(article: Article) -> ArticleText:
    people: list[str] = []
    for authorship in article.authorships.all():
        for name in [authorship.person.display_name, *authorship.person.name_variants]:
            if name not in people:
                people.append(name)
    return ArticleText(
        language=article.language,
        title=" ".join(filter(None, [article.title or "", article.title_display])),
        keywords=article.keywords(),
        abstracts=article.abstracts(),
        body=indexed_part(article.body),
        people=people,
        parallel_titles=dict(article.parallel_title_list()),
    )


def search_vector_expression(document: SearchDocument):
    parts = [
        SearchVector(Value(segment.text), config=segment.config, weight=segment.weight)
        for segment in document.segments
    ]
    if not parts:
        return Value("", output_field=SearchEntry._meta.get_field("document"))
    expression = parts[0]
    for part in parts[1:]:
        expression = expression + part
    return expression


@transaction.atomic
def article_search_refresh(*, article_ids: Iterable[int]) -> int:
    """Rebuild the search entries of these articles; returns how many were rebuilt."""
    authorships = Authorship.objects.select_related("person")
    articles = Article.objects.filter(pk__in=list(article_ids)).prefetch_related(
        Prefetch("authorships", queryset=authorships), "topics"
    )
    count = 0
    vocabulary: set[str] = set()
    spellings: dict[tuple[str, str], str] = {}  # (configuration, word) -> skeleton
    for article in articles:
        entry = {
            "proceedings_id": article.proceedings_id,
            "language": article.language,
            "topics": sorted(topic.pk for topic in article.topics.all()),
            "title_key": title_sort_key(article.display_title),
        }
        # Phrases are found through the document's word pairs, which only its index holds
        # (articles.search.matching).
        text = article_text(article)
        document = search_document(text)
        vector = search_vector_expression(document)
        if not SearchEntry.objects.filter(pk=article.pk).update(**entry, document=vector):
            SearchEntry.objects.create(article_id=article.pk, **entry, document=vector)
        vocabulary |= suggestion_words(text)
        for segment in document.spelled:
            spellings.update(
                ((segment.config, word), shape) for word, shape in text_words(segment.text).items()
            )
        count += 1
    search_terms_add(vocabulary)
    search_words_add(spellings)
    return count


def suggestion_words(text: ArticleText) -> set[str]:
    """The words 'did you mean' may propose: people's names, keywords and title words, and the
    body's own terms — longer words it uses again and again — but not every word of the text."""
    phrases = [
        *text.people,
        text.title,
        *text.parallel_titles.values(),
        *(term for terms in text.keywords.values() for term in terms),
    ]
    words = {
        word.lower() for phrase in phrases for word in WORD.findall(phrase) if len(word) >= MIN_TERM_LENGTH
    }
    body = Counter(word.lower() for word in WORD.findall(text.body) if len(word) >= BODY_TERM_LENGTH)
    return words | {word for word, uses in body.items() if uses >= BODY_TERM_USES}


def search_terms_add(words: set[str]) -> None:
    terms = [
        SearchTerm(word=word[:100], skeleton=shape[:100], length=len(shape))
        for word in words
        if (shape := skeleton(word))
    ]
    SearchTerm.objects.bulk_create(terms, ignore_conflicts=True)


def search_words_add(words: dict[tuple[str, str], str]) -> None:
    """Teach the vocabulary these words: each word's skeleton with the lexemes its
    configuration gives it, as the documents hold them. A hyphenated word adds only its whole
    lexeme under its skeleton (its parts come as words of their own). Sorted, so two writers
    meeting on the same words wait for each other instead of deadlocking."""
    rows = sorted((shape, word, config) for (config, word), shape in words.items() if len(word) <= MAX_WORD)
    if not rows:  # no words, or only ones too long to keep (a text of one 2,000-letter 'word')
        return
    shapes, texts, configs = (list(column) for column in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {SearchWord._meta.db_table} (skeleton, lexeme)
            SELECT DISTINCT word.shape, lexeme.lexeme
            FROM unnest(%s::text[], %s::text[], %s::regconfig[]) AS word (shape, text, config),
                 unnest(to_tsvector(word.config, word.text)) AS lexeme
            WHERE strpos(word.text, '-') = 0 OR strpos(lexeme.lexeme, '-') > 0
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING
            """,
            [shapes, texts, configs],
        )
    vocabulary_forget()


def article_search_refresh_for_people(*, people: Iterable[int]) -> int:
    """Rebuild the vectors of every article of these people (a renamed person, a new variant)."""
    articles = Authorship.objects.filter(person__in=list(people)).values_list("article", flat=True)
    return article_search_refresh(article_ids=set(articles))


def search_reindex(*, batch: int = 2000, progress=None) -> int:
    """Rebuild every article's search entry, a batch per transaction; returns how many."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        article_search_refresh(article_ids=ids[start : start + batch])
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)
