"""A librarian's citation list in a real Chromium: add from two pages, reorder, export."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

VOLUME = "journalism-masters-2025"


def test_citation_list_from_two_pages_reordered_and_exported(seeded_site, desktop):
    andreeva = Article.objects.get(title__startswith="ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ")
    first = Article.objects.filter(proceedings__slug=VOLUME).order_by("position").first()

    desktop.goto(f"{seeded_site.url}/en/articles/{andreeva.slug}/")
    expect(desktop.locator("#cite-text")).to_contain_text("Андреева М. М. Жасанды интеллект")
    expect(desktop.locator("#cite .cite-copy")).to_be_visible()
    desktop.locator("#cite .citation-toggle button").click()
    expect(desktop.locator("#cite .citation-toggle button")).to_have_text("Remove from citation list")
    screenshot(desktop, "desktop-citations-1-cite-box-en")

    desktop.goto(f"{seeded_site.url}/en/proceedings/{VOLUME}/")
    desktop.locator(".article-item").first.get_by_role("button", name="Add to citation list").click()
    expect(desktop.locator(".site-nav .count-badge")).to_have_text("2")

    desktop.locator(".site-nav__citations").click()
    entries = desktop.locator(".citation-list__entry")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("Жасанды интеллект")
    desktop.get_by_role("button", name="Move down").click()
    expect(entries.nth(1)).to_contain_text("Жасанды интеллект")
    screenshot(desktop, "desktop-citations-2-list-en")

    with desktop.expect_download() as download_info:
        desktop.locator(".export-links a[data-format=ris]").click()
    download = download_info.value
    text = Path(download.path()).read_text(encoding="utf-8")

    assert download.suggested_filename == "citation-list.ris"
    assert text.count("TY  - CPAPER") == 2
    assert text.index(f"/en/articles/{first.slug}/") < text.index(f"/en/articles/{andreeva.slug}/")


def fill_list(page, site_url: str, count: int) -> list[Article]:
    """`count` articles of the seed volume added from its contents page, in printed order."""
    page.goto(f"{site_url}/en/proceedings/{VOLUME}/")
    buttons = page.locator(".article-item").get_by_role("button", name="Add to citation list")
    for index in range(count):
        buttons.nth(0).click()  # the page comes back with that one turned into "Remove"
        expect(page.locator(".site-nav .count-badge")).to_have_text(str(index + 1))
    return list(Article.objects.filter(proceedings__slug=VOLUME).order_by("position")[:count])


def test_citation_list_in_russian_sorted_and_moved_to_a_position(seeded_site, desktop):
    articles = fill_list(desktop, seeded_site.url, 4)
    desktop.goto(f"{seeded_site.url}/en/citations/")

    desktop.locator(".citation-list__settings").get_by_role("link", name="Русский").click()
    texts = desktop.locator(".citation-list__text")
    expect(texts).to_have_count(4)
    for index in range(4):
        expect(texts.nth(index)).to_contain_text("(дата обращения: ")
        expect(texts.nth(index)).to_contain_text("Сборник научных статей магистрантов")

    desktop.get_by_role("button", name="Sort alphabetically").click()
    shown = [texts.nth(index).inner_text() for index in range(4)]
    # Digits, then Cyrillic in the Kazakh alphabet, then Latin ('Deepfake').
    assert [text.split(" // ")[0][:28] for text in shown] == [
        "[Без названия: 21 ғасырда ин",
        "[Без названия: Ақпараттық те",
        "[Без названия: Бизнес коммун",
        "[Без названия: Deepfake (ары",
    ]
    assert desktop.url.endswith("/en/citations/?style=gost-r-7-0-5-2008&lang=ru")

    entry = desktop.locator(".citation-list__entry").nth(3)
    entry.locator("input[name=position]").fill("1")
    entry.get_by_role("button", name="Move to this position").click()
    expect(texts.nth(0)).to_have_text(shown[3])
    screenshot(desktop, "desktop-citations-3-list-ru-sorted")

    with desktop.expect_download() as download_info:
        desktop.locator(".export-links a[data-format=gost-r-7-0-5-2008]").click()
    lines = Path(download_info.value.path()).read_text(encoding="utf-8").split("\n")
    assert [line.split(" ", 1)[0] for line in lines] == ["1.", "2.", "3.", "4."]
    assert lines[0] == f"1. {shown[3]}"
    assert all(f"/en/articles/{article.slug}/" in "".join(lines) for article in articles)


def test_citation_list_on_a_phone(seeded_site, phone):
    fill_list(phone, seeded_site.url, 3)
    phone.goto(f"{seeded_site.url}/kk/citations/")

    expect(phone.locator(".citation-list__entry")).to_have_count(3)
    expect(phone.locator(".citation-list__settings [hreflang=kk][aria-current=true]")).to_have_count(1)
    widths = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]  # nothing wider than the screen
    screenshot(phone, "phone-citations-list-kk")
