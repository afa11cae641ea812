"""In Chromium: the seed article whose tables were hundreds of one-word paragraphs is a page of a
few screens, its tables never wider than a phone; an article's contents lead to its sections."""

import pytest

from articles.models import Article
from proceedings.importer.structure import Run, Structure
from proceedings.models import Proceedings
from tests.browser.conftest import screenshot
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

TABLES_ARTICLE = "ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ"
# Measured before the text had structure: 18,224 px at 1,366 px, 23,446 px on a 390 px phone; the
# tables' 272 pieces were then 12,000 px of one-word paragraphs on the phone, the text itself
# (eleven long paragraphs in a narrow column) is most of what is left.
DESKTOP_BEFORE, PHONE_BEFORE = 18_224, 23_446
SHARE_LEFT = {1366: 0.5, 390: 0.6}
PROSE = (
    "Жасанды интеллект редакциялардың жұмысын өзгертіп отыр: деректерді жинау, мәтінді тексеру "
    "және аудиторияны талдау енді алгоритмдердің көмегімен әлдеқайда жылдам жүреді."
)


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize(("width", "before"), [(1366, DESKTOP_BEFORE), (390, PHONE_BEFORE)])
def test_the_seed_article_with_tables_is_a_few_screens_and_fits_the_width(
    seeded_site, browser, width, before
):
    article = Article.objects.get(title__startswith=TABLES_ARTICLE)
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page = context.new_page()
    page.goto(f"{seeded_site.url}/kk/articles/{article.slug}/")

    height = page_height(page)
    widest = page.evaluate("document.documentElement.scrollWidth")
    blocks = page.evaluate(
        """() => Array.from(document.querySelectorAll('.article-text__scroll'))
            .map((box) => box.getBoundingClientRect().right <= window.innerWidth)"""
    )
    screenshot(page, f"{'desktop' if width > 500 else 'phone'}-article-tables-kk")
    print(f"article with tables at {width} px: {before} px before, {height} px now")
    context.close()

    assert height < SHARE_LEFT[width] * before
    assert widest == width  # nothing wider than the page
    assert blocks == [True, True, True, True]


def test_the_contents_lead_to_the_sections(seeded_site, desktop):
    article = max(Article.objects.all(), key=lambda item: len(item.body_structure.get("headings", [])))
    desktop.goto(f"{seeded_site.url}/en/articles/{article.slug}/")

    links = desktop.locator(".article-contents a")
    count = links.count()
    middle = links.nth(count // 2)  # the last sections may sit too low on the page to reach the top
    anchor = middle.get_attribute("href")
    middle.click()
    desktop.wait_for_function(f"location.hash === '{anchor}'")
    top = desktop.evaluate(f"document.getElementById('{anchor[1:]}').getBoundingClientRect().top")
    screenshot(desktop, "desktop-article-contents-en")

    assert count == len(article.body_structure["headings"])
    assert 0 <= top < 100  # the section's heading is at the top of the window


WIDE_ROWS = (
    ("Көрсеткіш", "2019", "2020", "2021", "2022", "2023", "Өсімі, %"),
    ("Студенттер саны (күндізгі бөлім)", "1 204", "1 317", "1 402", "1 536", "1 611", "33,8"),
    ("Жарияланған мақалалар", "45", "52", "61", "60", "74", "64,4"),
)


def test_a_rebuilt_table_scrolls_in_its_own_box_on_a_phone(seeded_site, phone):
    texts = [
        PROSE,
        "Кесте 1. Факультеттің көрсеткіштері",
        *[cell for row in WIDE_ROWS for cell in row],
        PROSE,
    ]
    body = "\n\n".join(texts)
    table = Run(kind="table", paragraphs=tuple(range(2, 2 + 21)), caption=1, rows=WIDE_ROWS)
    volume = Proceedings.objects.get()
    article = ArticleFactory(
        proceedings=volume,
        position=volume.articles.count() + 1,
        slug="table-on-a-phone",
        body=body,
        body_structure=Structure(runs=(table,)).as_json(body),
    )
    phone.goto(f"{seeded_site.url}/kk/articles/{article.slug}/")

    box = phone.locator(".article-text__scroll")
    sizes = box.evaluate("(box) => [box.clientWidth, box.scrollWidth, box.getBoundingClientRect().right]")
    box.scroll_into_view_if_needed()
    screenshot(phone, "phone-article-rebuilt-table-kk")

    assert phone.locator("caption").inner_text() == "Кесте 1. Факультеттің көрсеткіштері"
    assert phone.locator("th").all_inner_texts() == list(WIDE_ROWS[0])
    client_width, scroll_width, right = sizes
    assert scroll_width > client_width  # wider than the phone: it scrolls inside its box
    assert right <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
