"""An editor in a real Chromium merges two articles whose titles were both fixed by hand: the
review asks first, naming the title that would be lost; "no" changes nothing, "yes" merges."""

import pytest
from playwright.sync_api import expect

from articles.hand_edits import article_hand_edits_record
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.services import proceedings_import
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_front_matter import editor_page
from tests.proceedings.editing_texts import VOLUME, dumped

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 900}
THIRD_TITLE = "Трансграничное сотрудничество медиа Китая и Казахстана"


@pytest.fixture
def second_article(live_server, settings, tmp_path) -> str:
    """The review page of article 2 of four; articles 2 and 3 have titles fixed by hand."""
    settings.MEDIA_ROOT = tmp_path / "media"
    volume = proceedings_import(
        data=dumped(VOLUME),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "hand-2025", "year": 2025, "title_en": "Media"}),
    ).proceedings
    second, third = volume.articles.get(position=2), volume.articles.get(position=3)
    third.title = third.title_display = THIRD_TITLE
    third.save()
    for article in (second, third):
        article_hand_edits_record(article=article, fields=["title"])
    return f"{live_server.url}/admin/proceedings/proceedings/{volume.pk}/review/{second.pk}/"


def test_merge_that_would_lose_a_hand_edited_title_asks_and_no_changes_nothing(
    browser, live_server, second_article
):
    page = editor_page(browser, live_server.url, WIDE)
    page.goto(second_article)
    page.locator("form[action$='/merge-next/'] button").click()

    lost = page.locator(".review-lost tbody tr")
    expect(lost).to_have_count(1)
    expect(lost).to_contain_text(f"3 — “{THIRD_TITLE}”")
    expect(lost).to_contain_text("a split at line 47 gives this one back")
    screenshot(page, "hand-edits-confirm-1366")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]

    page.get_by_role("link", name="No, keep everything as it is").click()
    expect(page.locator("form[action$='/merge-next/'] button")).to_have_text("Merge with article 3")
    page.locator("form[action$='/merge-next/'] button").click()
    page.get_by_role("button", name="Do it and lose these values").click()
    expect(page.locator(".messagelist")).to_contain_text("Articles 2 and 3 are now one: article 2.")
    page.context.close()


def test_the_question_on_a_phone_in_russian(browser, live_server, second_article):
    page = editor_page(browser, live_server.url, PHONE)
    page.set_extra_http_headers({"Accept-Language": "ru"})
    page.goto(second_article)
    page.locator("form[action$='/merge-next/'] button").click()

    expect(page.locator("h1")).to_have_text("Значения, исправленные вручную, будут потеряны")
    expect(page.locator(".review-lost tbody tr")).to_contain_text(THIRD_TITLE)
    screenshot(page, "hand-edits-confirm-phone-ru")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()
