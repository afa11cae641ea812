"""The bundled proceedings file imported into PostgreSQL, as `manage.py start` does it."""

from collections import Counter

import pytest
from django.conf import settings

from articles.models import Article
from authors.models import Authorship, Person
from proceedings.models import Proceedings
from proceedings.services import SuspectedRepeat

pytestmark = pytest.mark.django_db


def people_of(article: Article, role: str) -> list[str]:
    return [a.person.display_name for a in article.authorships.filter(role=role).order_by("order")]


def test_import_bundled_seed_stores_every_article_once(seed_archive):
    outcome = seed_archive.outcome
    volume = Proceedings.objects.get()
    assert (volume.slug, volume.year, volume.is_published) == ("journalism-masters-2025", 2025, True)
    # The seed prints one article twice: the copy is kept, marked as a suspected repeat.
    assert (outcome.created, outcome.suspected_repeats) == (58, [SuspectedRepeat(line=13744, repeat_of=1556)])
    assert volume.articles.count() == 58
    assert list(volume.articles.values_list("position", flat=True)) == list(range(1, 59))
    assert set(Counter(volume.articles.values_list("language", flat=True))) == {"kk", "ru", "en"}
    assert volume.source_file.name.startswith("proceedings/journalism-masters-2025/source")
    stored = (seed_archive.media_root / volume.source_file.name).read_bytes()
    assert stored == (settings.BASE_DIR / "fixtures" / "000_b9a1821462d33f30.txt").read_bytes()


def test_import_bundled_seed_known_headers(seed_archive):
    andreeva = Article.objects.get(title__startswith="ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ")
    van_lu = Article.objects.get(title__startswith="УКРЕПЛЕНИЕ СОТРУДНИЧЕСТВА КИТАЙСКО-КАЗАХСТАНСКИХ СМИ")
    deepfake = Article.objects.get(title__contains="DEEPFAKE")
    assert (andreeva.language, people_of(andreeva, "author")) == ("kk", ["Андреева М. М."])
    assert (van_lu.language, people_of(van_lu, "author"), people_of(van_lu, "supervisor")) == (
        "ru",
        ["Ван Лу"],
        ["С. Х. Барлыбаева"],
    )
    assert people_of(deepfake, "supervisor") == ["К. Камзин"]
    kamzin = Authorship.objects.get(article=deepfake, role="supervisor")
    assert kamzin.position == "ф.ғ.д., профессор"
    assert "Ғылыми жетекшісі" in kamzin.printed_text


def test_import_bundled_seed_one_person_per_real_person(seed_archive):
    uzbekova = Person.objects.get(display_name="Узбекова Г. С.")
    assert sorted(uzbekova.name_variants) == ["Г. С. Өзбекова", "Узбекова Г. С."]
    assert uzbekova.authorships.filter(role="supervisor").count() == 3
    # Same surname stem, other person: Узбеков К. И. is not merged into Узбекова Г. С.
    assert Person.objects.get(display_name="Узбеков К. И.").authorships.filter(role="author").count() == 2
    assert Person.objects.get(display_name="Ван Лу").authorships.count() == 2


def test_import_bundled_seed_gives_every_article_a_topic(seed_archive):
    untopical = Article.objects.filter(topics__isnull=True)
    assert list(untopical) == []


def test_untitled_articles_stay_untitled_and_show_their_first_words(seed_archive):
    first = Article.objects.get(position=1)
    assert first.title is None
    assert first.display_title.startswith("Кіріспе Ақпараттық технологиялардың қарқынды дамуы")
