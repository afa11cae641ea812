"""The article page shows its text as headings, tables and preformatted runs, with a contents."""

import importlib
import itertools
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from articles.models import Article
from proceedings.importer.structure import Run, Structure, structure_for
from proceedings.services import proceedings_import_bundled
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PROSE = (
    "Жасанды интеллект редакциялардың жұмысын өзгертіп отыр: деректерді жинау, мәтінді тексеру "
    "және аудиторияны талдау енді алгоритмдердің көмегімен әлдеқайда жылдам жүреді."
)
BODY = "\n\n".join(
    [
        "Кіріспе",
        PROSE,
        "1. Зерттеу әдістері",
        PROSE,
        "1.1 Деректер",
        PROSE,
        "1-кесте. ЖИ құралдары",
        *["Қолдану", "саласы", "Спорт", "жаңалықтары", "Қаржы", "нарығы", "Сайлау", "ML (болжам)"],
        "Кестеден көрініп тұрғандай, " + PROSE,
        "Қорытынды",
        PROSE,
    ]
)


def text_of(html: str) -> str:
    return html[
        html.index('<h2 id="text-heading">') : html.index("</section>", html.index('id="text-heading"'))
    ]


def test_headings_are_headings_under_the_full_text_with_a_contents(client):
    article = ArticleFactory(slug="structured", body=BODY, body_structure={})

    html = client.get(f"/kk/articles/{article.slug}/").content.decode()
    text = text_of(html)

    assert '<h3 class="article-text__heading" id="s-kirispe">Кіріспе</h3>' in text
    assert '<h3 class="article-text__heading" id="s-1-zertteu-adisteri">1. Зерттеу әдістері</h3>' in text
    assert '<h4 class="article-text__heading" id="s-1-1-derekter">1.1 Деректер</h4>' in text
    contents = text[text.index('<nav class="article-contents"') : text.index("</nav>")]
    assert re.findall(r'href="#([^"]+)"', contents) == [
        "s-kirispe",
        "s-1-zertteu-adisteri",
        "s-1-1-derekter",
        "s-qorytyndy",
    ]
    # The subsection is listed under its section.
    assert (
        '<a href="#s-1-zertteu-adisteri">1. Зерттеу әдістері</a>\n      <ol><li><a href="#s-1-1-derekter">'
        in contents
    )
    # Levels go h1 (the title), h2 (the page's sections), then h3 and h4: none skipped.
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_a_text_dumps_table_is_one_preformatted_run_under_its_caption(client):
    article = ArticleFactory(slug="with-table", body=BODY, body_structure={})

    text = text_of(client.get(f"/kk/articles/{article.slug}/").content.decode())

    assert "<figcaption>1-кесте. ЖИ құралдары</figcaption>" in text
    pre = re.search(r'<pre class="([^"]+)">(.*?)</pre>', text, re.S)
    assert pre.group(1) == "article-text__pre article-text__pre--pieces"
    assert pre.group(2).split("\n") == [
        "Қолдану",
        "саласы",
        "Спорт",
        "жаңалықтары",
        "Қаржы",
        "нарығы",
        "Сайлау",
        "ML (болжам)",
    ]
    assert "<p>Қолдану</p>" not in text
    assert text.count("<p>") == 5


def test_a_rebuilt_table_is_a_table_with_its_caption_and_column_headers(client):
    body = "\n\n".join([PROSE, "Кесте 1. Көрсеткіштер", "Көрсеткіш", "2023", "Студенттер", "120", PROSE])
    rows = (("Көрсеткіш", "2023"), ("Студенттер", "120"))
    stored = Structure(runs=(Run(kind="table", paragraphs=(2, 3, 4, 5), caption=1, rows=rows),)).as_json(body)
    article = ArticleFactory(slug="pdf-table", body=body, body_structure=stored)

    text = text_of(client.get(f"/kk/articles/{article.slug}/").content.decode())

    assert (
        '<div class="article-text__scroll" role="region" tabindex="0" aria-label="Кесте 1. Көрсеткіштер">\n'
        "<table><caption>Кесте 1. Көрсеткіштер</caption>\n"
        '<thead><tr><th scope="col">Көрсеткіш</th><th scope="col">2023</th></tr></thead>\n'
        "<tbody><tr><td>Студенттер</td><td>120</td></tr></tbody>\n"
        "</table></div>"
    ) in text
    assert text.count("<p>") == 2


def test_an_edited_body_is_shown_by_its_own_text_not_a_stale_structure(client):
    body = "\n\n".join([PROSE, "Кесте 1. Көрсеткіштер", "Көрсеткіш", "2023", "Студенттер", "120", PROSE])
    stale = Structure(
        runs=(Run(kind="table", paragraphs=(2, 3, 4, 5), caption=1, rows=(("x", "y"),)),)
    ).as_json(body)
    article = ArticleFactory(slug="edited", body=body.replace("Көрсеткіш\n\n", ""), body_structure=stale)

    text = text_of(client.get(f"/kk/articles/{article.slug}/").content.decode())

    # The stored table no longer fits the text: its rows come from the text as it is now.
    assert "<table>" not in text
    assert ">2023\nСтуденттер\n120</pre>" in text


def test_the_json_twin_gives_the_blocks(client):
    article = ArticleFactory(slug="twin", body=BODY, body_structure={})

    blocks = client.get(f"/kk/articles/{article.slug}/?format=json").json()["blocks"]

    assert blocks[0] == {"kind": "heading", "text": "Кіріспе", "level": 1, "anchor": "s-kirispe"}
    assert {"kind": "pre", "caption": "1-кесте. ЖИ құралдары", "lines": ["Қолдану", "саласы", "Спорт",
            "жаңалықтары", "Қаржы", "нарығы", "Сайлау", "ML (болжам)"]} in blocks  # fmt: skip


def test_the_migration_gives_stored_articles_their_structure_from_their_text():
    article = ArticleFactory(body=BODY, body_structure={})
    migration = importlib.import_module("articles.migrations.0024_article_body_structure")

    migration.structure_from_text(apps, SimpleNamespace(connection=connection))

    article.refresh_from_db()
    assert article.body_structure == structure_for(None, BODY).as_json(BODY)
    assert article.body_structure["headings"] == [[0, 1], [2, 1], [4, 2], [16, 1]]


def test_the_seed_article_with_tables_has_its_tables_as_four_blocks(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    proceedings_import_bundled()
    article = Article.objects.get(title__startswith="ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ")

    text = text_of(client.get(f"/kk/articles/{article.slug}/").content.decode())

    # 291 paragraphs before, 272 of them under 25 characters: the tables' pieces.
    assert len(article.body.split("\n\n")) == 291
    assert text.count("<p>") == 15
    assert re.findall(r"<figcaption>(\d)-кесте\.", text) == ["1", "2", "3", "4"]
    assert text.count("<pre ") == 4
