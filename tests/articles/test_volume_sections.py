"""A volume's page lists its articles under their section headings; sorting by title follows the
Kazakh alphabet."""

import re

import pytest

from articles.search.index import article_search_refresh
from proceedings.models import Proceedings, Section
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, ProceedingsFactory

pytestmark = pytest.mark.django_db

# The contents' section headings (h3) and article titles (h3 or h4), in page order.
CONTENTS_LINE = re.compile(
    r'<h3 class="contents-section" id="section-\d+"(?: lang="(\w+)")?>([^<]*)</h3>'
    r'|<h([34]) class="article-item__title">\s*<a href="[^"]*">([^<]*)</a>'
)


def contents(html: str) -> list[str]:
    """'## heading [lang]' and '<level> title' lines of the contents, in order."""
    out = []
    for lang, heading, level, title in CONTENTS_LINE.findall(html):
        out.append(f"## {heading} [{lang}]" if heading else f"h{level} {title}")
    return out


def sectioned_volume(
    sections: list[tuple[str, int]], *, before: int = 0, slug: str = "sectioned"
) -> Proceedings:
    """A published volume: `before` articles in no section, then each section with its count."""
    volume = ProceedingsFactory(slug=slug)
    position = 0
    for n in range(before):
        position += 1
        ArticleFactory(proceedings=volume, position=position, title_display=f"Кіріспе {n + 1}")
    for order, (title, count) in enumerate(sections, start=1):
        section = Section.objects.create(proceedings=volume, position=order, title=title, language="ru")
        for n in range(count):
            position += 1
            ArticleFactory(
                proceedings=volume, position=position, section=section, title_display=f"{title} {n + 1}"
            )
    stored_counts_refresh()
    return volume


def test_volume_page_lists_the_articles_under_their_section_headings(client):
    sectioned_volume([("Юридические науки", 2), ("Экономика", 1)], before=1)

    html = client.get("/en/proceedings/sectioned/").content.decode()

    assert contents(html) == [
        "h3 Кіріспе 1",
        "## Юридические науки [ru]",
        "h4 Юридические науки 1",
        "h4 Юридические науки 2",
        "## Экономика [ru]",
        "h4 Экономика 1",
    ]
    assert 'class="section-table"' not in html  # two sections need no table


def test_a_section_title_given_in_the_interface_language_is_shown_in_it(client):
    volume = sectioned_volume([("Юридические науки", 1)])
    Section.objects.filter(proceedings=volume).update(title_kk="Заң ғылымдары")

    kazakh = client.get("/kk/proceedings/sectioned/").content.decode()
    english = client.get("/en/proceedings/sectioned/").content.decode()

    assert contents(kazakh)[0] == "## Заң ғылымдары [kk]"
    assert contents(english)[0] == "## Юридические науки [ru]"


def test_many_sections_get_a_table_linking_to_the_page_each_starts_on(client):
    sectioned_volume([("Право", 20), ("Экономика", 20), ("Медиа", 15), ("История", 6)])

    first = client.get("/en/proceedings/sectioned/").content.decode()
    second = client.get("/en/proceedings/sectioned/?page=2").content.decode()

    pks = dict(Section.objects.values_list("title", "pk"))
    table = re.search(r'<nav class="section-table".*?</nav>', first, re.S).group(0)
    assert re.findall(r'<a href="([^"]*)" lang="ru">([^<]*)</a>', table) == [
        (f"/en/proceedings/sectioned/#section-{pks['Право']}", "Право"),
        (f"/en/proceedings/sectioned/#section-{pks['Экономика']}", "Экономика"),
        (f"/en/proceedings/sectioned/#section-{pks['Медиа']}", "Медиа"),
        (f"?page=2#section-{pks['История']}", "История"),
    ]
    # Fifty articles a page: the second opens inside "Медиа", whose heading is shown again.
    assert contents(second) == [
        "## Медиа [ru]",
        *[f"h4 Медиа {n}" for n in range(11, 16)],
        "## История [ru]",
        *[f"h4 История {n}" for n in range(1, 7)],
    ]


def test_sorted_by_title_the_contents_have_no_headings_and_follow_the_kazakh_alphabet(client):
    volume = ProceedingsFactory(slug="alphabet")
    section = Section.objects.create(proceedings=volume, position=1, title="Журналистика")
    for position, title in enumerate(["Бала тілі", "Әдебиет және медиа", "Аудитория", "Өнер", "Оқырман"], 1):
        ArticleFactory(proceedings=volume, position=position, section=section, title_display=title)
    article_search_refresh(article_ids=list(volume.articles.values_list("pk", flat=True)))
    stored_counts_refresh()

    html = client.get("/en/proceedings/alphabet/?sort=title").content.decode()

    assert contents(html) == [
        "h3 Аудитория",
        "h3 Әдебиет және медиа",
        "h3 Бала тілі",
        "h3 Оқырман",
        "h3 Өнер",
    ]


def test_the_volume_pages_json_twin_gives_the_sections_and_each_articles(client):
    volume = sectioned_volume([("Юридические науки", 1)], before=1)
    Section.objects.filter(proceedings=volume).update(title_en="Law")

    data = client.get("/en/proceedings/sectioned/?format=json").json()

    assert data["sections"] == [
        {
            "position": 1,
            "title": "Юридические науки",
            "language": "ru",
            "in_languages": {"kk": "", "ru": "", "en": "Law"},
        }
    ]
    assert [(article["display_title"], article["section"]) for article in data["articles"]] == [
        ("Кіріспе 1", None),
        ("Юридические науки 1", "Юридические науки"),
    ]


@pytest.mark.parametrize("articles", [3, 30])
def test_a_sectioned_volumes_page_reads_its_sections_in_two_queries(
    client, django_assert_num_queries, articles
):
    volume = sectioned_volume([("Право", articles), ("Экономика", articles)])

    # volume, count, topic choices, page ids, items, the sections, the articles' sections
    with django_assert_num_queries(7):
        response = client.get(f"/en/proceedings/{volume.slug}/")

    assert len(response.context["section_groups"]) == 2
