"""A reader's path through the site in a real Chromium, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_home_language_volume_article_author(seeded_site, request, device):
    page: Page = request.getfixturevalue(device)

    page.goto(f"{seeded_site.url}/kk/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    screenshot(page, f"{device}-1-home-kk")

    page.locator(".language-switcher a[hreflang=ru]").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert page.url == f"{seeded_site.url}/ru/"

    page.get_by_role("link", name=re.compile("Сборник научных статей магистрантов")).first.click()
    expect(page.locator("h1")).to_contain_text("Сборник научных статей")
    assert "/ru/proceedings/journalism-masters-2025/" in page.url
    screenshot(page, f"{device}-2-volume-ru")

    page.get_by_role("link", name=re.compile("Жасанды интеллект – журналистің", re.IGNORECASE)).first.click()
    expect(page.locator("h1")).to_contain_text(re.compile("журналистің", re.IGNORECASE))
    expect(page.locator("meta[name=citation_author]")).to_have_attribute("content", re.compile("Андреева"))
    screenshot(page, f"{device}-3-article-ru")

    page.get_by_role("link", name="Андреева М. М.").first.click()
    expect(page.locator("h1")).to_have_text("Андреева М. М.")
    assert "/ru/authors/" in page.url
    screenshot(page, f"{device}-4-author-ru")


def test_search_from_the_home_page_box(seeded_site, desktop):
    desktop.goto(f"{seeded_site.url}/en/")

    desktop.get_by_role("searchbox").fill("телефонияның")
    desktop.keyboard.press("Enter")

    expect(desktop.locator(".search-results mark").first).to_have_text("телефония")
    expect(desktop.locator("html")).to_have_attribute("lang", "en")
    screenshot(desktop, "desktop-5-search-en")


def test_keyboard_user_can_skip_to_content(seeded_site, desktop):
    desktop.goto(f"{seeded_site.url}/en/")

    desktop.keyboard.press("Tab")

    focused = desktop.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#content"
