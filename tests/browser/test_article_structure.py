"""In Chromium: the seed article whose tables were hundreds of one-word paragraphs is a page of a
few screens, its tables never wider than a phone; an article's contents lead to its sections."""

import pytest

from articles.models import Article
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

TABLES_ARTICLE = "ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ"
# Measured before the text had structure: 18,224 px at 1,366 px, 23,446 px on a 390 px phone; the
# tables' 272 pieces were then 12,000 px of one-word paragraphs on the phone, the text itself
# (eleven long paragraphs in a narrow column) is most of what is left.
DESKTOP_BEFORE, PHONE_BEFORE = 18_224, 23_446
SHARE_LEFT = {1366: 0.5, 390: 0.6}


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
