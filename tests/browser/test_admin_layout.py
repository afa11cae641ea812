"""The editors' admin pages in a real Chromium at 1366x768 and on a phone: nothing wider than the
window, buttons a finger can hit, page breaks in the source, and every label in the language the
editor chose (the articles' own text aside)."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from articles.models import Topic
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.services import proceedings_import
from tests.browser.conftest import PHONE, new_page, screenshot
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf
from tests.factories import staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "admin-layout-password"
LAPTOP = {"width": 1366, "height": 768}
LONG_TITLE = "МЕДИАСАУАТТЫЛЫҚ " * 12  # one long title, to see it wraps instead of widening the table
# The page's width against the window's; the review table's against its own column.
WIDTHS = """() => ({
  page: document.documentElement.scrollWidth, window: window.innerWidth,
  table: (document.querySelector('#review-articles') || {}).scrollWidth || 0,
  column: (document.querySelector('.review-table-wrap') || {}).clientWidth || 0,
})"""
# Text the admin wrote, not the archive's: elements in another language than the page's
# (titles, keywords, abstracts carry `lang`), people's names, source lines and form values out.
ADMIN_TEXT = """(lang) => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll(
    `[lang]:not([lang="${lang}"]), a[href*="/authors/person/"], .line-text, textarea, select, script`
  ).forEach((element) => element.remove());
  return copy.innerText;
}"""
CYRILLIC = re.compile(r"[\u0400-\u04ff]+")


@pytest.fixture
def volume(live_server):
    """A draft volume of two articles from a PDF with printed page numbers, the first on two pages."""
    outcome = proceedings_import(
        data=build_pdf([FIRST_ARTICLE[:6], FIRST_ARTICLE[6:], SECOND_ARTICLE], footer_numbers_from=11),
        filename="volume.pdf",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping(
            {"slug": "layout-2026", "year": 2026, "title_kk": "Жас ғалымдар", "title_en": "Young scientists"}
        ),
    )
    volume = outcome.proceedings
    first, second = volume.articles.order_by("position")
    first.import_warnings = ["no header found", "boundary decided by a language change kk→ru"]
    first.title, first.title_display = LONG_TITLE, LONG_TITLE.title()
    first.keywords_kk = ["медиасауаттылық", "спорт журналистикасы", "жасанды интеллект"]
    first.save()
    topic = Topic.objects.create(slug="media-sport", name_kk="Спорт және медиа", name_en="Sport and media")
    first.topics.add(topic)
    second.topics.add(topic)
    return volume


def log_in(page: Page, base: str, language: str) -> None:
    user = staff_user("layout-editor", editor=True, password=PASSWORD)
    page.set_extra_http_headers({"Accept-Language": language})
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


def device_width(page: Page, widths: dict) -> int:
    """A phone zooms out to a page wider than itself, and window.innerWidth follows: the
    device's own width is the measure."""
    return min(widths["window"], page.viewport_size["width"])


def fits(page: Page) -> dict:
    widths = page.evaluate(WIDTHS)
    assert widths["page"] <= device_width(page, widths), widths
    assert widths["table"] <= widths["column"], widths
    return widths


def heights(page: Page, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all("(all) => all.map((e) => e.getBoundingClientRect().height)")


def test_admin_pages_fit_a_laptop_and_speak_the_editors_language(live_server, volume, browser: Browser):
    base = live_server.url
    first = volume.articles.order_by("position").first()
    page = new_page(browser, LAPTOP)
    log_in(page, base, "en")

    page.goto(f"{base}/admin/articles/article/{first.pk}/change/")
    expect(page.locator("#authorships-group .inline-related").first).to_be_visible()
    fits(page)
    screenshot(page, "admin-article-form-1366")

    page.goto(f"{base}/admin/proceedings/proceedings/{volume.pk}/review/")
    expect(page.locator("#review-articles tbody tr")).to_have_count(2)
    fits(page)
    english = page.evaluate(ADMIN_TEXT, "en")
    assert CYRILLIC.findall(english) == []
    assert "Sport and media" in english
    assert "No header found" in english
    assert min(heights(page, ".review-actions a, .review-actions button")) >= 32
    screenshot(page, "admin-review-1366-en")

    page.goto(f"{base}/admin/proceedings/proceedings/{volume.pk}/review/{first.pk}/")
    expect(page.locator(".review-source .line-page-break")).to_have_text(
        ["Page 11 (page 1 of the PDF)", "Page 12 (page 2 of the PDF)"]
    )
    fits(page)
    split = heights(page, ".review-source .line-tools button")
    assert len(split) > 1
    assert min(split) >= 32
    assert CYRILLIC.findall(page.evaluate(ADMIN_TEXT, "en")) == []
    screenshot(page, "admin-source-1366-en")

    # The editor switches the admin to Russian with the header's button; it stays Russian.
    page.get_by_role("button", name="RU").click()
    page.goto(f"{base}/admin/proceedings/proceedings/{volume.pk}/review/")
    russian = page.evaluate(ADMIN_TEXT, "ru")
    assert "Предупреждения" in russian
    assert "Заголовочная часть не найдена" in russian
    assert re.findall(r"\b(?:Warnings|Article|People|No header found|Sport and media)\b", russian) == []
    fits(page)
    screenshot(page, "admin-review-1366-ru")
    page.context.close()


def test_admin_pages_fit_a_phone(live_server, volume, browser: Browser):
    base = live_server.url
    first = volume.articles.order_by("position").first()
    page = new_page(browser, PHONE)
    log_in(page, base, "kk")

    for path, name in [
        (f"/admin/proceedings/proceedings/{volume.pk}/review/", "admin-review-phone"),
        (f"/admin/proceedings/proceedings/{volume.pk}/review/{first.pk}/", "admin-source-phone"),
        (f"/admin/articles/article/{first.pk}/change/", "admin-article-form-phone"),
    ]:
        page.goto(base + path)
        fits(page)
        screenshot(page, name)
    page.goto(f"{base}/admin/proceedings/proceedings/{volume.pk}/review/")
    assert min(heights(page, ".review-actions a, .review-actions button")) >= 32
    page.context.close()


def test_upload_form_fills_the_slug_from_a_kazakh_title(live_server, browser: Browser):
    base = live_server.url
    page = new_page(browser, LAPTOP)
    log_in(page, base, "kk")

    page.goto(f"{base}/admin/proceedings/proceedings/upload/")
    page.locator("#id_title_kk").press_sequentially("Жас ғалымдар әлемі")
    page.locator("#id_year").fill("2026")
    expect(page.locator("#id_slug")).to_have_value("zhas-ghalymdar-alemi-2026")

    page.locator("#id_slug").fill("my-volume")  # the editor's own slug is left alone
    page.locator("#id_title_kk").press_sequentially(" 2")
    page.wait_for_timeout(500)
    expect(page.locator("#id_slug")).to_have_value("my-volume")
    page.context.close()


def editor_pages(volume) -> list[tuple[str, str]]:
    """Every admin page an editor works in, beside the review: (path, screenshot name)."""
    first = volume.articles.order_by("position").first()
    person = first.authorships.first().person
    return [
        (f"/admin/proceedings/proceedings/{volume.pk}/change/", "admin-volume-form"),
        ("/admin/proceedings/proceedings/", "admin-volumes"),
        ("/admin/proceedings/proceedings/upload/", "admin-upload"),
        ("/admin/articles/article/", "admin-articles"),
        ("/admin/authors/person/", "admin-people"),
        (f"/admin/authors/person/{person.pk}/change/", "admin-person-form"),
        ("/admin/articles/topic/", "admin-topics"),
        (f"/admin/articles/articleusage/volume/{volume.pk}/", "admin-usage"),
    ]


@pytest.mark.parametrize(("viewport", "size"), [(LAPTOP, "1366"), (PHONE, "phone")])
def test_every_editor_page_fits_without_a_sideways_scroll(
    live_server, volume, browser: Browser, viewport, size
):
    page = new_page(browser, viewport)
    log_in(page, live_server.url, "en")

    overflowing = []
    for path, name in editor_pages(volume):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        screenshot(page, f"{name}-{size}")
        widths = page.evaluate(WIDTHS)
        if widths["page"] > device_width(page, widths):
            overflowing.append((path, widths["page"]))
    assert overflowing == [], overflowing
    page.context.close()


def test_the_volume_form_lists_its_articles_with_links_to_their_form_and_review(live_server, volume, browser):
    first, second = volume.articles.order_by("position")
    page = new_page(browser, LAPTOP)
    log_in(page, live_server.url, "en")

    page.goto(f"{live_server.url}/admin/proceedings/proceedings/{volume.pk}/change/")
    rows = page.locator("#articles-group tbody tr.has_original")
    expect(rows).to_have_count(2)
    expect(rows.locator("td.field-pages")).to_have_text(["11–12", "13"])  # the first is on two pages
    rows.nth(1).get_by_role("link", name="review").click()
    expect(page).to_have_url(re.compile(rf"/review/#article-{second.pk}$"))
    page.go_back()
    page.locator("#articles-group tbody tr.has_original").nth(0).locator(
        "td.field-title_links a"
    ).first.click()
    expect(page).to_have_url(re.compile(rf"/admin/articles/article/{first.pk}/change/$"))
    page.context.close()
