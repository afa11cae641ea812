import json
from pathlib import Path

import pytest

from proceedings.importer.topics import TopicSpec, assign_topics, load_vocabulary

TOPICS_JSON = Path(__file__).resolve().parents[3] / "fixtures" / "topics.json"


def _topic(slug, **stems):
    return {
        "slug": slug,
        "name_kk": f"{slug} kk",
        "name_ru": f"{slug} ru",
        "name_en": f"{slug} en",
        "stems": stems,
    }


VOCABULARY = load_vocabulary(
    [
        _topic("ai", kk=["жасанды интеллект", "жи"], ru=["искусственн интеллект", "ии"], en=["ai"]),
        _topic("fakes", kk=["фейк", "жалған ақпарат"], ru=["фейк", "дезинформац"], en=["fake", "deepfake"]),
        _topic("pr", kk=["жарнам"], ru=["связ с общественност", "реклам"], en=["pr", "advertis"]),
        _topic("tv", kk=["телеарна"], ru=["телевиден"], en=["television"]),
    ]
)


def _assign(*, title=None, keywords=(), abstracts=(), body="", limit=3):
    return assign_topics(
        title=title,
        keywords=list(keywords),
        abstracts=list(abstracts),
        body=body,
        vocabulary=VOCABULARY,
        limit=limit,
    )


def test_load_vocabulary_builds_specs():
    specs = load_vocabulary([_topic("tv", kk=["Телеарна "], ru=["телевиден"], en=[])])

    assert specs == [
        TopicSpec(
            slug="tv",
            names={"kk": "tv kk", "ru": "tv ru", "en": "tv en"},
            stems={"kk": ("телеарна",), "ru": ("телевиден",), "en": ()},
        )
    ]


def test_load_vocabulary_repeated_slug_refused():
    with pytest.raises(ValueError, match="repeated"):
        load_vocabulary([_topic("tv", en=["television"]), _topic("tv", en=["tv"])])


def test_load_vocabulary_missing_name_refused():
    entry = _topic("tv", en=["television"])
    del entry["name_kk"]

    with pytest.raises(ValueError, match="needs a name"):
        load_vocabulary([entry])


def test_assign_topics_kazakh_inflected_words_match_stems():
    body = "Жасанды интеллект фейк жаңалықтарды анықтайды. Фейктердің саны артты, ЖИ-ге фейкке қарсы күрес."

    assert _assign(body=body) == ["fakes", "ai"]


def test_assign_topics_title_outweighs_body():
    body = "Реклама и реклама, рекламные кампании и рекламодатели. " * 3 + "Телевидение."

    assert _assign(title="Телевидение в Казахстане", body=body) == ["pr", "tv"]
    assert _assign(title="Телевидение в Казахстане", body=body, limit=1) == ["pr"]


def test_assign_topics_keywords_count_per_keyword():
    keywords = ["телевидение", "телевизионные новости", "телевидение и общество"]

    assert _assign(keywords=keywords, body="Реклама.") == ["tv"]


def test_assign_topics_short_stem_matches_whole_word_only():
    # 'pr' must not match 'press' or 'problem', 'ai' must not match 'aim'.
    body = "The press aims to solve the problem of paid content."

    assert _assign(body=body) == []


def test_assign_topics_short_stem_after_hyphen_matches():
    body = "ЖИ-дің мүмкіндіктері, ЖИ-ге сенім; PR-мероприятия и PR-служба."

    assert _assign(body=body) == ["ai", "pr"]


def test_assign_topics_phrase_stem_needs_all_parts_in_order():
    assert _assign(body="Связи с общественностью важны.") == ["pr"]
    assert _assign(body="Связи важны, с общественностью тоже.") == []


def test_assign_topics_body_hits_normalised_by_length():
    filler = " ".join(["мақала"] * 3000)

    stray = _assign(body=f"{filler} фейк {filler} телеарна")
    dense = _assign(body="Фейк, фейк және фейк. Телеарна, телеарналар.")

    assert stray == ["fakes"]  # below every threshold, but the best one is always kept
    assert dense == ["fakes", "tv"]


def test_assign_topics_weak_topic_below_relative_threshold_dropped():
    body = "Deepfake videos and fake news; fake accounts; the fake economy. " * 5 + "Television."

    assert _assign(body=body) == ["fakes"]


def test_assign_topics_no_hit_returns_empty():
    assert _assign(title="Қорытынды", body="Мәтін ешбір тақырыпқа сәйкес келмейді.") == []


def test_assign_topics_counts_abstracts():
    abstracts = ["The article studies deepfake detection.", "Мақала фейк жаңалықтарды зерттейді."]

    assert _assign(abstracts=abstracts, body="") == ["fakes"]


def test_topics_json_loads_and_covers_three_languages():
    vocabulary = load_vocabulary(json.loads(TOPICS_JSON.read_text(encoding="utf-8")))

    assert 15 <= len(vocabulary) <= 30
    assert [spec.slug for spec in vocabulary if not all(spec.stems.values())] == []


def test_topics_json_assigns_real_titles():
    vocabulary = load_vocabulary(json.loads(TOPICS_JSON.read_text(encoding="utf-8")))

    def best(title):
        return assign_topics(title=title, keywords=[], abstracts=[], body="", vocabulary=vocabulary)[0]

    assert [
        best("ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ"),
        best("УКРЕПЛЕНИЕ СОТРУДНИЧЕСТВА КИТАЙСКО-КАЗАХСТАНСКИХ СМИ"),
        best("Түрік және қазақ анимациялық фильмдерінің салыстырмасы"),
        best("ОЦЕНКА ЭФФЕКТИВНОСТИ РЕКЛАМНЫХ И PR-МЕРОПРИЯТИЙ"),
        best("BETWEEN CHINA AND KAZAKHSTAN DURING THE EPIDEMIC"),
        best("БИЗНЕСТЕГІ КРЕАТИВТІЛІК"),
    ] == [
        "ai-in-media",
        "chinese-media-and-china-kazakhstan",
        "cinema-and-film-production",
        "pr-and-advertising",
        "crisis-and-health-communication",
        "media-economics-and-business",
    ]


def test_topics_json_title_tie_keeps_both_topics_in_vocabulary_order():
    vocabulary = load_vocabulary(json.loads(TOPICS_JSON.read_text(encoding="utf-8")))

    topics = assign_topics(
        title="ЖАСӨСПІРІМДЕРДІҢ МЕДИАДА БЕЙНЕКОНТЕНТТІ ТҰТЫНУЫ",
        keywords=[],
        abstracts=[],
        body="",
        vocabulary=vocabulary,
    )

    assert topics == ["media-audiences-and-consumption", "children-and-youth-media"]
