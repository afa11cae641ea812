"""How pages look in Chromium beyond their markup: the shipped fonts draw the Kazakh letters, the
dark theme follows the system, and printing leaves the article and its reference only."""

import pytest
from playwright.sync_api import Browser

from articles.models import Article
from tests.browser.conftest import SCREENSHOTS, screenshot

pytestmark = pytest.mark.browser

KAZAKH = "әіңғүұқөһ"


def kazakh_article() -> Article:
    return Article.objects.filter(language="kk", title__isnull=False).order_by("position").first()


def test_kazakh_letters_are_drawn_by_the_shipped_fonts(seeded_site, desktop):
    article = kazakh_article()
    desktop.goto(f"{seeded_site.url}/kk/articles/{article.slug}/")
    desktop.wait_for_load_state("networkidle")

    loaded = desktop.evaluate(
        """async () => {
            await document.fonts.ready;
            return Array.from(document.fonts)
                .filter((face) => face.status === "loaded")
                .map((face) => face.family.replaceAll('"', "") + " " + face.unicodeRange);
        }"""
    )

    # Both faces' Kazakh files were needed by the page's text (the interface and the article's).
    kazakh_range = "U+492-493, U+49A-49B, U+4A2-4A3, U+4AE-4AF, U+4BA-4BB, U+4D8-4D9, U+4E8-4E9"
    assert f"Noto Sans {kazakh_range}" in loaded
    assert f"Noto Serif {kazakh_range}" in loaded
    assert desktop.evaluate(f"document.fonts.check('16px \"Noto Serif\"', '{KAZAKH}')")


def test_dark_theme_follows_the_system(seeded_site, browser: Browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{seeded_site.url}/ru/")

    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    screenshot(page, "desktop-home-ru-dark")
    context.close()

    assert (background, text) == ("rgb(21, 24, 28)", "rgb(232, 230, 225)")


def test_printing_an_article_keeps_the_article_and_its_reference_only(seeded_site, desktop, tmp_path):
    article = kazakh_article()
    desktop.goto(f"{seeded_site.url}/ru/articles/{article.slug}/")
    desktop.emulate_media(media="print")

    def shown(selector: str) -> bool:
        return desktop.locator(selector).first.is_visible()

    hidden = [".site-header", ".breadcrumbs", ".sidebar", ".cite-box__actions", ".site-footer"]
    assert [selector for selector in hidden if desktop.locator(selector).count() and shown(selector)] == []
    assert [shown(selector) for selector in ("#article-title", "#cite-text", ".article-text")] == [True] * 3
    address = desktop.locator(".print-only").first
    assert address.is_visible()
    assert address.inner_text() == f"{seeded_site.url}/kk/articles/{article.slug}/"
    font = desktop.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Noto Serif"')

    pdf = tmp_path / "article.pdf"
    desktop.pdf(path=str(pdf), format="A4")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "article-print.pdf").write_bytes(pdf.read_bytes())
    assert pdf.read_bytes().startswith(b"%PDF")
