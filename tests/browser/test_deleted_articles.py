"""An editor in a real Chromium deletes an article on its admin page, is told its lines stay,
finds them on the review page under "Deleted articles" and makes them an article again."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.browser import test_front_matter
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_front_matter import WIDE, editor_page

review = test_front_matter.review  # the fixture: a volume whose article 2 has lines 17–31

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("viewport", "name"), [(WIDE, "1366"), (PHONE, "phone")])
def test_a_deleted_article_is_listed_on_the_review_and_comes_back(
    browser, live_server, review, viewport, name
):
    page = editor_page(browser, live_server.url, viewport)
    page.goto(review)
    rows = page.locator("#review-articles tbody tr")
    expect(rows).to_have_count(4)
    second = Article.objects.get(proceedings__slug="front-2025", position=2)

    page.goto(live_server.url + reverse("admin:articles_article_delete", args=[second.pk]))
    expect(page.locator(".review-delete-keeps")).to_contain_text("Its source lines stay with the volume")
    screenshot(page, f"deleted-article-1-confirm-{name}")
    page.get_by_role("button", name="Yes, I’m sure").click()
    page.goto(review)

    deleted = page.locator("#deleted-articles + p + table tbody tr")
    expect(deleted).to_have_count(1)
    expect(deleted).to_contain_text("17–31")
    expect(rows).to_have_count(3)
    page.locator("#deleted-articles").scroll_into_view_if_needed()
    screenshot(page, f"deleted-article-2-review-{name}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    deleted.get_by_role("button", name="Make it an article again").click()
    expect(page.locator(".messagelist")).to_contain_text("Lines 17–31 are article 2 again")
    expect(rows).to_have_count(4)
    expect(page.locator("#deleted-articles")).to_have_count(0)
    page.context.close()
