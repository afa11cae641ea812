"""Assigning topics from a multilingual vocabulary of word stems (fixtures/topics.json).

A topic is signalled by lower-case word beginnings in Kazakh, Russian and English: 'телевиз'
matches 'телевизиялық' and 'телевизор'. All three languages are tried on every text, because
the seed's Kazakh articles write 'deepfake' and 'PR' in Latin letters and its English ones quote
Russian names. Surprises worth knowing:

* A stem of one or two characters ('pr', 'ai', 'жи', 'ии', 'vr') must match a whole word;
  as a prefix it would match half the dictionary.
* A stem with spaces or hyphens is a phrase: each part is a word beginning, in order
  ('связ с общественност' matches 'связи с общественностью').

Scoring is deliberately simple and explainable: hits in the title and keywords count most, body
hits count per thousand words (so a long article does not win by length), and a topic must reach
an absolute and a relative threshold; the best topic is kept even below them, so an article with
any hit at all gets one topic.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("kk", "ru", "en")

TITLE_WEIGHT = 3.0  # per hit, at most TITLE_HITS_CAP hits
TITLE_HITS_CAP = 2
KEYWORD_WEIGHT = 2.0  # per keyword that contains a hit, at most KEYWORDS_CAP keywords
KEYWORDS_CAP = 3
ABSTRACT_WEIGHT = 0.5  # per hit, at most ABSTRACT_HITS_CAP hits
ABSTRACT_HITS_CAP = 4
BODY_WEIGHT = 0.2  # per hit per thousand words
BODY_CAP = 4.0
BODY_MIN_WORDS = 300  # a short body is treated as this long, so three hits do not look dense
MIN_SCORE = 1.0
RELATIVE_SCORE = 0.35  # of the best topic's score

_WORD = re.compile(r"[^\W_]+")
_EXACT_MAX_LEN = 2
_PREFIX_KEY_LEN = _EXACT_MAX_LEN + 1

_Candidate = tuple[int, tuple[str, ...]]  # topic index, stem parts


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    names: dict[str, str]
    stems: dict[str, tuple[str, ...]]


def load_vocabulary(data: list[dict]) -> list[TopicSpec]:
    """Turn the JSON vocabulary into specs, refusing entries the matcher would misread."""
    specs: list[TopicSpec] = []
    seen: set[str] = set()
    for entry in data:
        slug = entry.get("slug", "")
        if not slug or slug in seen:
            raise ValueError(f"topic without a slug or with a repeated one: {slug!r}")
        seen.add(slug)
        names = {lang: entry.get(f"name_{lang}", "").strip() for lang in LANGUAGES}
        if not all(names.values()):
            raise ValueError(f"topic {slug!r} needs a name in each of {', '.join(LANGUAGES)}")
        stems = {
            lang: tuple(stem.strip().lower() for stem in entry.get("stems", {}).get(lang, ()))
            for lang in LANGUAGES
        }
        if not any(stems.values()) or any(not s for group in stems.values() for s in group):
            raise ValueError(f"topic {slug!r} has no stems or an empty one")
        specs.append(TopicSpec(slug=slug, names=names, stems=stems))
    return specs


def assign_topics(
    *,
    title: str | None,
    keywords: list[str],
    abstracts: list[str],
    body: str,
    vocabulary: list[TopicSpec],
    limit: int = 3,
) -> list[str]:
    """Slugs of the best-fitting topics, best first; empty only when no stem matches at all."""
    matcher = _matcher(_vocabulary_key(vocabulary))
    scores = [0.0] * len(vocabulary)

    for topic, hits in matcher.count(title or "").items():
        scores[topic] += TITLE_WEIGHT * min(hits, TITLE_HITS_CAP)
    keyword_hits: dict[int, int] = defaultdict(int)
    for keyword in keywords:
        for topic in matcher.count(keyword):
            keyword_hits[topic] += 1
    for topic, hits in keyword_hits.items():
        scores[topic] += KEYWORD_WEIGHT * min(hits, KEYWORDS_CAP)
    for topic, hits in matcher.count(" ".join(abstracts)).items():
        scores[topic] += ABSTRACT_WEIGHT * min(hits, ABSTRACT_HITS_CAP)
    body_words = _WORD.findall(body.lower())
    per_thousand = 1000 / max(len(body_words), BODY_MIN_WORDS)
    for topic, hits in matcher.count_words(body_words).items():
        scores[topic] += min(BODY_CAP, BODY_WEIGHT * hits * per_thousand)

    ranked = sorted((i for i, score in enumerate(scores) if score > 0), key=lambda i: -scores[i])
    if not ranked:
        return []
    best = scores[ranked[0]]
    kept = [i for i in ranked if scores[i] >= MIN_SCORE and scores[i] >= RELATIVE_SCORE * best]
    return [vocabulary[i].slug for i in (kept or ranked[:1])[:limit]]


# --- matching ----------------------------------------------------------------------------


def _vocabulary_key(vocabulary: Sequence[TopicSpec]) -> tuple:
    return tuple(
        (spec.slug, tuple(stem for lang in sorted(spec.stems) for stem in spec.stems[lang]))
        for spec in vocabulary
    )


@lru_cache(maxsize=8)
def _matcher(key: tuple) -> _Matcher:
    return _Matcher([stems for _slug, stems in key])


class _Matcher:
    """Finds stems through two dictionaries: whole short words, and the first three letters.

    Each distinct word is looked up once (its candidates are remembered) and counted with a
    `Counter`, so the whole seed (58 articles) takes a small fraction of the time budget; a
    regular expression per topic was several times slower on the long English articles.
    """

    def __init__(self, stems_per_topic: Iterable[Iterable[str]]) -> None:
        self._exact: dict[str, list[_Candidate]] = defaultdict(list)
        self._prefix: dict[str, list[_Candidate]] = defaultdict(list)
        for topic, stems in enumerate(stems_per_topic):
            for stem in set(stems):
                parts = tuple(_WORD.findall(stem))
                if not parts:
                    continue
                first = parts[0]
                index = self._exact if len(first) <= _EXACT_MAX_LEN else self._prefix
                index[first[:_PREFIX_KEY_LEN]].append((topic, parts))
        self._candidates: dict[str, tuple[_Candidate, ...]] = {}

    def count(self, text: str) -> dict[int, int]:
        return self.count_words(_WORD.findall(text.lower()))

    def count_words(self, words: list[str]) -> dict[int, int]:
        """Hits per topic; a word counts once per topic even if two of its stems match."""
        hits: dict[int, int] = defaultdict(int)
        phrase_starts: dict[str, tuple[_Candidate, ...]] = {}
        for word, times in Counter(words).items():
            candidates = self._candidates.get(word)
            if candidates is None:
                candidates = self._remember(word)
            if not candidates:
                continue
            single = {topic for topic, parts in candidates if len(parts) == 1}
            for topic in single:
                hits[topic] += times
            phrases = tuple(c for c in candidates if len(c[1]) > 1 and c[0] not in single)
            if phrases:
                phrase_starts[word] = phrases
        if phrase_starts:
            for position, word in enumerate(words):
                phrases = phrase_starts.get(word)
                if phrases:
                    for topic in {t for t, parts in phrases if _phrase_at(words, position, parts)}:
                        hits[topic] += 1
        return hits

    def _remember(self, word: str) -> tuple[_Candidate, ...]:
        if len(self._candidates) > 500_000:  # an unbounded cache would grow with every import
            self._candidates.clear()
        found = tuple(self._exact.get(word, ())) + tuple(
            c for c in self._prefix.get(word[:_PREFIX_KEY_LEN], ()) if word.startswith(c[1][0])
        )
        self._candidates[word] = found
        return found


def _part_matches(word: str, part: str) -> bool:
    if len(part) <= _EXACT_MAX_LEN:
        return word == part
    return word.startswith(part)


def _phrase_at(words: list[str], position: int, parts: tuple[str, ...]) -> bool:
    following = words[position + 1 : position + len(parts)]
    return len(following) == len(parts) - 1 and all(
        _part_matches(word, part) for word, part in zip(following, parts[1:], strict=True)
    )
