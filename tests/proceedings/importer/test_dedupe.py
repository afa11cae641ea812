from proceedings.importer.dedupe import content_hash, mark_duplicates, resemblance, shingles
from proceedings.importer.types import ArticleDraft
from tests.builders import draft

BODY = (
    "Продюсер создаёт все необходимые условия для производства аудиовизуального произведения "
    "и его дальнейшего запуска в прокат или продажи на телевидение и различные медиаплатформы. "
    "Обязательные компетенции кинопродюсера включают: 1. экспертную оценку будущего произведения "
    "с позиции искусства и экономических перспектив; 2. определение концепции, общей идеи и "
    "составление тактики производства совместно с авторами проекта; 3. контроль над каждым этапом "
    "производственного процесса и мониторинг кинорынка в целом."
)
OTHER = (
    "Бизнес коммуникация ұйым ішіндегі және оның сыртқы ортамен ақпарат алмасу үдерісі болып табылады. "
    "Ол тек жұмысқа байланысты ақпаратты жеткізіп қана қоймай, сондай-ақ ұйымның ішкі мәдениетін "
    "қалыптастыруда, тиімділігін арттыруда маңызды рөл атқарады және ұжымды біріктіреді."
)


def _draft(start: int, body: str) -> ArticleDraft:
    return draft(start, body.split("\n"))


def test_shingles_ignore_list_numbering():
    renumbered = BODY.replace("1. ", "• ").replace("2. ", "• ").replace("3. ", "• ")

    assert resemblance(shingles(BODY), shingles(renumbered)) == 1.0


def test_mark_duplicates_points_a_later_copy_without_header_at_the_first():
    articles = [
        _draft(10, "СОВРЕМЕННАЯ МОДЕЛЬ ПРОДЮСИРОВАНИЯ\n\n" + BODY),
        _draft(50, OTHER),
        _draft(90, BODY),
    ]

    mark_duplicates(articles)

    assert [a.duplicate_of for a in articles] == [None, None, 10]
    assert articles[2].warnings == ["looks like a repeat of the article at line 10"]


def test_mark_duplicates_leaves_articles_on_the_same_topic_alone():
    similar = BODY.replace("мониторинг кинорынка", "анализ телерынка").replace("экспертную", "первичную")
    similar = similar.replace("контроль над каждым", "надзор за каждым").replace("концепции", "темы")
    articles = [_draft(10, BODY), _draft(90, similar + " " + OTHER)]

    mark_duplicates(articles)

    assert [a.duplicate_of for a in articles] == [None, None]


def test_content_hash_is_stable_across_whitespace_and_case():
    assert content_hash("Бір  сөз\n\nЕкі") == content_hash("бір сөз екі")
    assert len(content_hash("x")) == 64
