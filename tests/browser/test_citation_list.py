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
