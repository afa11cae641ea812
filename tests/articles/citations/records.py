"""Hand-made citation records: a Kazakh, a Russian and an English paper, and people to vary."""

from dataclasses import replace
from datetime import date

from articles.citations.record import CitationRecord, CitedPerson

ACCESSED = date(2025, 4, 1)


def people(*names: str) -> tuple[CitedPerson, ...]:
    return tuple(CitedPerson.from_name(name) for name in names)


KAZAKH = CitationRecord(
    title="Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері",
    display_title="Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері",
    language="kk",
    year=2025,
    authors=people("Андреева М. М."),
    supervisors=people("Г. С. Өзбекова"),
    volume_titles={
        "kk": "Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы",
        "ru": "Сборник научных статей магистрантов и докторантов факультета журналистики",
    },
    conference_name="Студенттік ғылыми конференция",
    date_start=date(2025, 4, 10),
    date_end=date(2025, 4, 11),
    place="Алматы",
    publisher="Қазақ университеті",
    first_page=125,
    last_page=128,
    keywords={"kk": ("жасанды интеллект", "журналистика"), "en": ("artificial intelligence",)},
    slug="zhasandy-intellekt",
)

RUSSIAN = CitationRecord(
    title="Цифровая трансформация региональных СМИ Казахстана",
    display_title="Цифровая трансформация региональных СМИ Казахстана",
    language="ru",
    year=2025,
    authors=people("Иванова А. Б.", "Петров В. Г.", "Сидорова Д. Е."),
    supervisors=people("С. Х. Барлыбаева"),
    volume_titles={"ru": "Сборник научных статей магистрантов и докторантов факультета журналистики"},
    conference_name="материалы Международной научно-практической конференции «Медиа и общество»",
    date_start=date(2025, 3, 12),
    date_end=date(2025, 3, 13),
    place="Москва",
    publisher="Издательство МГУ",
    isbn="978-5-00-000000-0",
    first_page=10,
    last_page=13,
    keywords={"ru": ("региональные СМИ", "цифровизация")},
    abstract="Статья о 100% цифровых редакциях.",
    url="https://jinaq.example/ru/articles/tsifrovaya/",
    slug="tsifrovaya",
)

ENGLISH = CitationRecord(
    title="Fact-checking & AI: newsroom practice in Central Asia",
    display_title="Fact-checking & AI: newsroom practice in Central Asia",
    language="en",
    year=2025,
    authors=people("Zh. Abdikarimov", "John A. Smith", "Brown K.", "S. Lee"),
    volume_titles={"en": "Collected papers of master's and doctoral students of the Faculty of Journalism"},
    conference_name="Student research conference of the Faculty of Journalism",
    place="Almaty",
    publisher="Al-Farabi Kazakh National University",
    editors=people("G. S. Uzbekova"),
    first_page=7,
    last_page=7,
    slug="fact-checking",
)

UNTITLED_ANONYMOUS = CitationRecord(
    title=None,
    display_title="Кіріспе Ақпараттық технологиялардың қарқынды дамуы…",
    language="kk",
    year=2025,
    volume_titles={"kk": "Ғылыми мақалалар жинағы"},
    place="Алматы",
)

FIVE = people("Алиев А. А.", "Бекова Б. Б.", "Ванов В. В.", "Гаев Г. Г.", "Дина Д. Д.")


def with_authors(record: CitationRecord, count: int) -> CitationRecord:
    return replace(record, authors=FIVE[:count], supervisors=())
