"""The admin's own JavaScript widgets speak Kazakh in the Kazakh admin: the two-box topic selector
and the calendar read their words from the admin's jsi18n, which Django's own kk catalogue leaves
mostly English (proceedings/locale/kk/LC_MESSAGES/djangojs.po fills it in)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, new_page, screenshot
from tests.factories import ArticleFactory, TopicFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kazakh-admin-password"
KAZAKH_MONTHS = "Қаңтар|Ақпан|Наурыз|Сәуір|Мамыр|Маусым|Шілде|Тамыз|Қыркүйек|Қазан|Қараша|Желтоқсан"


def signed_in(page: Page, live_server) -> Page:
    page.set_extra_http_headers({"Accept-Language": "kk"})
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()
    return page


@pytest.mark.parametrize("viewport", [DESKTOP | {"width": 1366}, PHONE], ids=["desktop", "phone"])
def test_topic_selector_and_calendar_read_kazakh(browser, live_server, viewport):
    staff_user("editor", editor=True, password=PASSWORD)
    article = ArticleFactory()
    TopicFactory(name_kk="Спорт журналистикасы")
    page = signed_in(new_page(browser, viewport), live_server)
    name = "phone" if viewport is PHONE else "desktop"

    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    expect(page.locator(".selector-chooseall").first).to_contain_text("Барлығын таңдау")
    expect(page.locator(".selector-clearall").first).to_contain_text("Барлығын алып тастау")
    page.locator(".selector-chooseall").first.scroll_into_view_if_needed()
    screenshot(page, f"admin-kk-topic-selector-{name}")

    page.goto(
        live_server.url + reverse("admin:proceedings_proceedings_change", args=[article.proceedings_id])
    )
    page.locator(".datetimeshortcuts a[id^=calendarlink]").first.click()
    calendar = page.locator(".calendarbox").first
    expect(calendar.locator("caption")).to_have_text(re.compile(f"^({KAZAKH_MONTHS}) \\d{{4}}$"))
    # The week starts on Monday in Kazakh: Дүйсенбі's letter, not English “M”.
    expect(calendar.locator("th").first).to_have_text("Д")
    screenshot(page, f"admin-kk-calendar-{name}")
