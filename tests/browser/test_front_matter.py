"""An editor in a real Chromium at 1,366 px: an article that is front matter taken out and made an
article again, a repeat removed and restored, each from the review page, which lists them."""

import pytest
from playwright.sync_api import Browser, Page, expect

from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.services import proceedings_import
from tests.browser.conftest import PHONE, new_page, screenshot
from tests.browser.test_editor_journey import PASSWORD, log_in
from tests.factories import staff_user
from tests.proceedings.editing_texts import VOLUME_WITH_NEAR_COPY, dumped

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def review(live_server, settings, tmp_path) -> str:
    """The review page of a published volume whose third article is a near copy of the first."""
    settings.MEDIA_ROOT = tmp_path / "media"
    volume = proceedings_import(
        data=dumped(VOLUME_WITH_NEAR_COPY),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping(
            {"slug": "front-2025", "year": 2025, "title_en": "Media studies"}
        ),
        publish=True,
    ).proceedings
    return f"{live_server.url}/admin/proceedings/proceedings/{volume.pk}/review/"


def editor_page(browser: Browser, base: str, viewport: dict) -> Page:
    page = new_page(browser, viewport)
    page.set_extra_http_headers({"Accept-Language": "en"})
    log_in(page, base, staff_user("editor", editor=True, password=PASSWORD))
    page.on("dialog", lambda dialog: dialog.accept())  # every "are you sure?"
    return page


def test_front_matter_and_a_repeat_out_of_the_articles_and_back(browser, live_server, review):
    page = editor_page(browser, live_server.url, WIDE)
    page.goto(review)
    rows = page.locator("#review-articles tbody tr")
    expect(rows).to_have_count(4)

    # The near copy of article 1: removed as a repeat, and listed.
    rows.nth(2).get_by_role("button", name="It is a repeat: remove this copy").click()
    left_out = page.locator("#repeats-left-out + p + table tbody tr")
    expect(left_out).to_have_count(1)
    expect(left_out).to_contain_text("article 1 (lines 1–15)")
    expect(left_out).to_contain_text("an editor removed it as a repeat")
    # Article 2 is front matter.
    rows.nth(1).get_by_role("button", name="Article 2 is not an article").click()
    expect(page.locator(".messagelist")).to_contain_text("Lines 17–31 are the volume’s front matter now")
    expect(rows).to_have_count(2)
    front = page.locator("#front-matter + p + table tbody tr")
    expect(front).to_have_count(1)
    expect(front).to_contain_text("17–31")
    screenshot(page, "front-matter-1-review-1366")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]

    front.get_by_role("button", name="Make it an article again").click()
    expect(page.locator(".messagelist")).to_contain_text("Lines 17–31 are article 2 again")
    expect(page.locator("#front-matter + p")).to_have_text("None: no article was taken out as front matter.")
    left_out.get_by_role("button", name="Restore as an article").click()
    expect(page.locator(".messagelist")).to_contain_text("Lines 33–47 are article 3 again")
    expect(rows).to_have_count(4)
    expect(page.locator("#repeats-left-out + p")).to_have_text("None listed.")
    page.context.close()


def test_the_lists_on_a_phone(browser, live_server, review):
    page = editor_page(browser, live_server.url, PHONE)
    page.goto(review)
    rows = page.locator("#review-articles tbody tr")
    rows.nth(2).get_by_role("button", name="It is a repeat: remove this copy").click()
    expect(rows).to_have_count(3)
    rows.nth(1).get_by_role("button", name="Article 2 is not an article").click()
    expect(page.locator("#repeats-left-out + p + table tbody tr")).to_have_count(1)
    expect(page.locator("#front-matter + p + table tbody tr")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "front-matter-3-phone")
    page.context.close()


def test_not_an_article_from_the_articles_admin_page(browser, live_server, review):
    page = editor_page(browser, live_server.url, WIDE)
    page.goto(review)
    page.locator("#review-articles tbody tr").nth(3).get_by_role("link", name="Edit article 4").click()

    page.get_by_role("link", name="Not an article").click()
    expect(page.locator("#content-main")).to_contain_text("Article 4, lines 49–71")
    screenshot(page, "front-matter-4-ask-1366")
    page.get_by_role("button", name="Yes, it is not an article").click()

    assert page.url.startswith(review)
    expect(page.locator("#front-matter + p + table tbody tr")).to_contain_text("49–71")
    page.context.close()
