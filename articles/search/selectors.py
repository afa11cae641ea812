"""The archive's search: one box across Kazakh, Russian and English.

`article_search` reads what the reader typed (articles.search.query), turns every word into
alternatives that PostgreSQL matches against the stored vectors — the Russian and English
stems, a prefix of the Kazakh stem, and a prefix of the Latin/Cyrillic skeleton — ranks head
hits (title, keywords, names, abstracts) above body hits (RankedHits), counts facets over the
whole result and highlights a snippet of each shown article in its own language. Matching and
ranking read the narrow SearchEntry table, never the wide article rows.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from functools import cached_property, partial, reduce

from django.contrib.postgres.search import SearchQuery, SearchQueryCombinable
from django.db.models import Q, QuerySet
from django.db.models.sql import Query

from articles.models import Article, SearchEntry, Topic
from articles.search.expressions import (
    CompiledQuery,
    LexemePhraseQuery,
    LexemeQuery,
    LexemesQuery,
    NegatedQuery,
    combine_clauses,
)
from articles.search.facets import search_facets
from articles.search.kazakh import kazakh_short_stem, kazakh_stem
from articles.search.matching import PHRASE_CONFIGS, excluded_condition, match_condition
from articles.search.ordering import RELEVANCE
from articles.search.planner import index_scans, search_connection  # noqa: F401 - index_scans: imported from here by callers
from articles.search.query import ParsedQuery, Term, parse_query
from articles.search.ranking import RankedHits
from articles.search.script import SKELETON_MARK, is_initial, skeleton
from articles.search.vocabulary import skeleton_lexemes
from proceedings.models import Proceedings, ProceedingsStatus

PREFIX_MIN = 4  # shorter stems are matched whole: a prefix of three letters matches too much
SKELETON_MIN = 3


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in word)


def word_query(word: str, *, initials: bool = False) -> SearchQueryCombinable:
    """Every way `word` may appear in the index; a name's initial ('G.' in 'Uzbekova G.S.') only
    with `initials`, in a query that may name someone (ParsedQuery.names_someone)."""
    cyrillic = is_cyrillic(word)
    stem = kazakh_stem(word) if cyrillic else word
    alternatives: list[SearchQueryCombinable] = [
        SearchQuery(word, config="russian"),
        SearchQuery(word, config="english"),
        LexemeQuery(stem, prefix=len(stem) >= PREFIX_MIN),
    ]
    if cyrillic and (short := kazakh_short_stem(word)):
        alternatives.append(LexemeQuery(short))  # 'киноның' is 'кино' itself, not every 'кино…'
    shape = skeleton(word)
    if len(shape) >= SKELETON_MIN:
        # People's names' skeletons in the document, every other word through the vocabulary.
        whole = len(shape) < PREFIX_MIN + 1
        alternatives.append(LexemeQuery(SKELETON_MARK + shape, prefix=not whole))
        if lexemes := skeleton_lexemes(shape, prefix=not whole):
            alternatives.append(LexemesQuery(lexemes))
        # Russian typed in Latin letters, in another case than the text ('prodyusirovanie' for
        # 'продюсирования'): a skeleton ending in -e, without its final vowels, as a prefix.
        # (Not -a: 'Uzbekova' must not turn into every 'Uzbekov'.)
        trimmed = shape.rstrip("aeiou")
        if not cyrillic and shape.endswith("e") and len(trimmed) >= PREFIX_MIN + 1:
            alternatives.append(LexemeQuery(SKELETON_MARK + trimmed, prefix=True))
            if lexemes := skeleton_lexemes(trimmed, prefix=True):
                alternatives.append(LexemesQuery(lexemes))
    elif shape and is_initial(word):
        # An initial ('G.' in 'Uzbekova G.S.', 'Zh.'): people's names keep skeletons that short,
        # other text does not. Not in 'G.S.' alone: every article of someone «Г. С.» is no answer.
        if initials:
            alternatives.append(LexemeQuery(SKELETON_MARK + shape))
    elif len(shape) == 2:
        # A short name part ('Lu' in 'Van Lu'). Never a word whose skeleton shrank to one
        # letter ('AI' is 'a', and would meet every 'А.').
        alternatives.append(LexemeQuery(SKELETON_MARK + shape))
    return reduce(operator.or_, alternatives)


def term_query(
    term: Term, *, inflected_phrases: bool = False, initials: bool = False
) -> SearchQueryCombinable:
    """A term as a tsquery (a phrase through the phrase operator: what the lead, the head and the
    snippets are checked with; whole documents are matched through articles.search.matching);
    with `inflected_phrases` a Cyrillic phrase is its words' Kazakh stems in order, and a Latin
    one its words in any order (a Cyrillic text keeps no word order for its Latin skeletons);
    `initials` as word_query's."""
    if term.is_phrase and inflected_phrases and is_cyrillic(" ".join(term.words)):
        stems = [kazakh_stem(word) for word in term.words]
        inflected = LexemePhraseQuery([(stem, len(stem) >= PREFIX_MIN) for stem in stems])
        # Or'ed with the phrase as typed: one combined query, as PostgreSQL lookups expect.
        query = inflected | SearchQuery(
            term.text or " ".join(term.words), config="simple", search_type="phrase"
        )
    elif term.is_phrase and inflected_phrases:
        query = reduce(operator.and_, [word_query(word, initials=initials) for word in term.words])
    elif term.is_phrase:
        text = term.text or " ".join(term.words)
        alternatives = [SearchQuery(text, config=config, search_type="phrase") for config in PHRASE_CONFIGS]
        query = alternatives[0] | alternatives[1] | alternatives[2]
    else:
        query = word_query(term.words[0], initials=initials)
    return NegatedQuery(query) if term.negated else query


def tsquery_for(parsed: ParsedQuery) -> SearchQueryCombinable | None:
    """The whole query as one tsquery expression; None when nothing positive is left to find."""
    return combine_clauses(parsed, partial(term_query, initials=parsed.names_someone))


class CompiledTerms:
    """term_query for one search, each term's query compiled once (CompiledQuery), however many
    of the search's statements and conditions it goes into; `whole` compiles a combination.
    `initials`: whether the query's initials meet people's (ParsedQuery.names_someone)."""

    def __init__(self, *, initials: bool = False) -> None:
        self.compiler = Query(SearchEntry).get_compiler(connection=search_connection())
        self.memo: dict[tuple[Term, str, bool], CompiledQuery] = {}
        self.initials = initials

    def __call__(self, term: Term, *, inflected_phrases: bool = False) -> SearchQueryCombinable:
        key = (term, term.text, inflected_phrases)  # a Term compares without its text
        if key not in self.memo:
            query = term_query(term, inflected_phrases=inflected_phrases, initials=self.initials)
            self.memo[key] = self.whole(query)
        return self.memo[key]

    def whole(self, query: SearchQueryCombinable | None) -> CompiledQuery | None:
        return None if query is None else CompiledQuery(query, self.compiler)


@dataclass(frozen=True)
class SearchFilters:
    language: str = ""
    topic: str = ""
    year: int | None = None
    volume: str = ""

    def apply(self, entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
        """Published entries narrowed by these filters, without joins: the volumes in question
        become a list of ids and a topic its id, so every search query reads one narrow table."""
        drafts = Proceedings.objects.exclude(status=ProceedingsStatus.PUBLISHED)
        if self.year or self.volume or drafts.exists():
            # Without this filter a count needs no table reads at all: skipped when nothing is hidden.
            volumes = Proceedings.objects.filter(status=ProceedingsStatus.PUBLISHED)
            if self.year:
                volumes = volumes.filter(year=self.year)
            if self.volume:
                volumes = volumes.filter(slug=self.volume)
            entries = entries.filter(proceedings__in=list(volumes.values_list("pk", flat=True)))
        if self.language:
            entries = entries.filter(language=self.language)
        if self.topic:
            topic = Topic.objects.filter(slug=self.topic).values_list("pk", flat=True).first()
            entries = entries.filter(topics__contains=[topic]) if topic else entries.none()
        return entries


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery
    articles: RankedHits | list[Article] = field(default_factory=list)
    highlight: SearchQueryCombinable | None = None  # what the snippets mark (search_snippets)
    # When no article had a quoted phrase as typed: the phrases were looked for in other forms
    # (Kazakh stems in order) or, typed in Latin letters, as their words.
    phrases_loosened: bool = False
    # When no article had every word: the words, any one of which the shown articles may lack.
    any_but_one: tuple[str, ...] = ()

    def found_any(self) -> bool:
        """Whether any article matched (a query with nothing to search for has a plain list)."""
        return self.articles.exists() if isinstance(self.articles, RankedHits) else bool(self.articles)

    @cached_property
    def facets(self) -> dict[str, list[tuple]]:
        """Counted on first use (the page shows them; an export or a count does not need them);
        asked for before the count, they give it too (RankedHits.total)."""
        if not isinstance(self.articles, RankedHits):
            return {}
        return search_facets(self.articles.facet_counts)


def article_search(
    *, query: str, filters: SearchFilters | None = None, with_facets: bool = False, order: str = RELEVANCE
) -> SearchResults:
    """Matching published articles, best first or in `order` (articles.search.ordering; read by
    slices), with facet counts. With `with_facets` (the page and the JSON show them) the facets
    are counted first, and the total comes from them: one pass over the hits instead of two."""
    parsed = parse_query(query)
    terms = CompiledTerms(initials=parsed.names_someone)
    tsquery = terms.whole(combine_clauses(parsed, terms))
    if tsquery is None:
        return SearchResults(query=query, parsed=parsed)
    entries = (filters or SearchFilters()).apply(SearchEntry.objects.all())
    # The excluded words the words' tsquery carries still come out of the tiers by id.
    excluded, tier_excluded = (
        excluded_condition(parsed, terms),
        excluded_condition(parsed, terms, carried=False),
    )
    hits = RankedHits(entries, tsquery, match_condition(parsed, terms), excluded, tier_excluded, order=order)

    def found_nothing(hits: RankedHits) -> bool:
        if with_facets:
            hits.facet_counts  # noqa: B018 - counted with the facets, the total costs nothing more
        return hits.count() == 0

    loosened = False
    if has_phrase(parsed) and found_nothing(hits):
        # A quoted Kazakh phrase in another form than the text has ('"бизнес коммуникациясы"' for
        # 'бизнес коммуникацияның'): its stems in order, only now, because checking word order
        # reads every candidate's vector (the word pairs spare that for the phrase as typed). A
        # Latin phrase for Cyrillic text ('"mobildi kommertsiya"'): its words.
        tsquery = terms.whole(combine_clauses(parsed, partial(terms, inflected_phrases=True)))
        hits = RankedHits(entries, tsquery, Q(document=tsquery), excluded, tier_excluded, order=order)
        loosened = True
    missing: tuple[str, ...] = ()
    spared = ONE_WORD_SPARED_FROM <= len(positive_clauses(parsed)) <= ONE_WORD_SPARED_UP_TO
    if spared and found_nothing(hits):
        # 'мультфильмдердің тәрбиелік мәні' where the article never says 'мән': rather than
        # nothing, the articles that have every word but one, and the page says so.
        tsquery = terms.whole(all_but_one(parsed, partial(combine_clauses, term_query=terms), operator.or_))
        condition = all_but_one(parsed, partial(match_condition, word_query=terms), operator.or_)
        # Each part's condition carries the excluded words only if it has words: all by id here.
        hits = RankedHits(entries, tsquery, condition, tier_excluded, order=order)
        missing = tuple(" ".join(clause[0].words) for clause in positive_clauses(parsed))
    if with_facets:
        hits.facet_counts  # noqa: B018 - before anything counts the hits
    return SearchResults(
        query=query,
        parsed=parsed,
        articles=hits,
        highlight=tsquery,
        phrases_loosened=loosened,
        any_but_one=missing,
    )


ONE_WORD_SPARED_FROM = 3  # with two words, dropping one is a different search
# Sparing each word in turn asks for n × (n - 1) terms: bounded, as every request's cost is.
ONE_WORD_SPARED_UP_TO = 6


def positive_clauses(parsed: ParsedQuery) -> list[tuple[Term, ...]]:
    return [clause for clause in parsed.clauses if not clause[0].negated]


def all_but_one(parsed: ParsedQuery, query_of, either):
    """Any article matching every clause but (at most) one: `either` of the queries (`query_of`
    a parsed query) that each leave one positive clause out; exclusions stay."""
    positives = positive_clauses(parsed)
    spared = [
        query_of(replace(parsed, clauses=tuple(c for c in parsed.clauses if c is not left_out)))
        for left_out in positives
    ]
    return reduce(either, [query for query in spared if query is not None])


def has_phrase(parsed: ParsedQuery) -> bool:
    return any(term.is_phrase and not term.negated for clause in parsed.clauses for term in clause)
