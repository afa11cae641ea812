"""A Kazakh article's trilingual header: ӘОЖ, the title, names, «Ғылыми жетекші», an abstract
(«Аңдатпа») and «Түйін сөздер», then the same in Russian and in English — one article, the
Kazakh title its title, the others parallel, abstracts and keywords by language."""

from proceedings.importer.pipeline import parse_proceedings

BODY_KK = [
    "Қазіргі таңда цифрлық медиа қоғамның барлық саласына терең еніп, ақпарат тарату мен",
    "қабылдау тәсілдерін түбегейлі өзгертті. Бұл үдеріс журналистердің жұмысына да ықпал етіп,",
    "олардың кәсіби дағдыларына жаңа талаптар қойып отыр және бұл өзгерістер жалғаса береді.",
]
HEADER = [
    "ӘОЖ 070.1",
    "ЦИФРЛЫҚ МЕДИА ЖӘНЕ ЖУРНАЛИСТИКА",
    "Сейітов Асқар Нұрланұлы",
    "Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан",
    "Ғылыми жетекші: ф.ғ.к., доцент Г.С. Өзбекова",
    "Аңдатпа. Мақалада цифрлық медианың журналистика саласына әсері қарастырылады.",
    "Түйін сөздер: цифрлық медиа, журналистика, әлеуметтік желі.",
    "ЦИФРОВЫЕ МЕДИА И ЖУРНАЛИСТИКА",
    "Сейитов Аскар Нурланович",
    "Научный руководитель: к.ф.н., доцент Г.С. Узбекова",
    "Аннотация. В статье рассматривается влияние цифровых медиа на журналистику.",
    "Ключевые слова: цифровые медиа, журналистика, социальная сеть.",
    "DIGITAL MEDIA AND JOURNALISM",
    "Seitov Askar Nurlanuly",
    "Supervisor: Cand. of Philology, Associate Professor G.S. Uzbekova",
    "Abstract. The article examines the influence of digital media on journalism.",
    "Keywords: digital media, journalism, social network.",
]


def test_a_trilingual_kazakh_header_is_one_article_with_parallel_titles():
    (article,) = parse_proceedings("\n".join([*HEADER, *BODY_KK * 6]).encode(), filename="v.txt").articles

    assert (article.title, [p.name for p in article.authors], [p.name for p in article.supervisors]) == (
        "ЦИФРЛЫҚ МЕДИА ЖӘНЕ ЖУРНАЛИСТИКА",
        ["Сейітов Асқар Нұрланұлы"],
        ["Г.С. Өзбекова"],
    )
    assert article.parallel_titles == {
        "ru": "ЦИФРОВЫЕ МЕДИА И ЖУРНАЛИСТИКА",
        "en": "DIGITAL MEDIA AND JOURNALISM",
    }
    assert [p.name for p in article.parallel_people] == [
        "Сейитов Аскар Нурланович",
        "Г.С. Узбекова",
        "Seitov Askar Nurlanuly",
        "G.S. Uzbekova",
    ]
    assert set(article.abstracts) == {"kk", "ru", "en"}
    assert article.keywords == {
        "kk": ["цифрлық медиа", "журналистика", "әлеуметтік желі"],
        "ru": ["цифровые медиа", "журналистика", "социальная сеть"],
        "en": ["digital media", "journalism", "social network"],
    }
    assert (article.language, article.body.split()[:2]) == ("kk", ["Қазіргі", "таңда"])
