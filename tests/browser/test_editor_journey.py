"""An editor's path in a real Chromium: log in, upload a PDF, let the background import run,
review it, fix a title, publish, and find the fixed article on the public site."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.browser.conftest import screenshot
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf
from tests.factories import staff_user

# The import writes its progress through a second connection ("progress"), as in production.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases=["default", "progress"])]

PASSWORD = "editor-journey-password"
FIXED_TITLE = "Жасанды интеллект және спорт шолушылары"


@pytest.fixture
def editor() -> User:
    return staff_user("editor", editor=True, password=PASSWORD)


def log_in(page: Page, base: str, user: User) -> None:
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(user.username)


def test_editor_uploads_fixes_a_title_publishes_and_readers_find_it(live_server, editor, desktop, tmp_path):
    base = live_server.url
    desktop.set_extra_http_headers({"Accept-Language": "en"})
    log_in(desktop, base, editor)

    # Upload: a new draft volume and its file; the import is queued for the background worker.
    desktop.goto(f"{base}/admin/proceedings/proceedings/upload/")
    desktop.locator("#id_title_en").fill("Editor journey proceedings")
    desktop.locator("#id_year").fill("2026")
    desktop.locator("#id_slug").fill("editor-journey-2026")
    pdf = tmp_path / "volume.pdf"
    pdf.write_bytes(build_pdf([FIRST_ARTICLE, SECOND_ARTICLE]))
    desktop.locator("#id_source").set_input_files(str(pdf))
    desktop.locator("input[type=submit]").click()
    expect(desktop).to_have_url(re.compile(r"/admin/proceedings/proceedings/\d+/review/$"))
    expect(desktop.locator(".review-status")).to_have_text(re.compile("draft", re.IGNORECASE))
    screenshot(desktop, "editor-1-review-queued")

    # The worker (`manage.py db_worker`) runs the queued import; the page's poller sees it
    # finish and reloads with the articles.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    rows = desktop.locator("#review-articles tbody tr")
    expect(rows).to_have_count(2, timeout=15_000)
    expect(rows.nth(0)).to_contain_text("Жасанды интеллект және спорт журналистикасы")
    expect(rows.nth(0)).to_contain_text("Сейітов А. Б.")
    expect(rows.nth(1)).to_contain_text("Петрова Е. В.")
    screenshot(desktop, "editor-2-review")

    # The article's source beside its fields, header lines marked.
    rows.nth(0).locator(".review-title a").click()
    expect(desktop.locator(".review-source tr.line--header").first).to_contain_text("ЖАСАНДЫ ИНТЕЛЛЕКТ")
    expect(desktop.locator(".review-fields")).to_contain_text("Сейітов А. Б.")
    screenshot(desktop, "editor-3-article-source")

    # Merge with the next article, then split it again where the second title starts (each
    # button asks first; the editor agrees).
    desktop.on("dialog", lambda dialog: dialog.accept())
    desktop.get_by_role("button", name="Merge with article 2").click()
    expect(desktop.locator(".messagelist")).to_contain_text("are now one")
    second_title = desktop.locator(".review-source tr", has_text=SECOND_ARTICLE[0])
    second_title.get_by_role("button", name="Split here").click()
    expect(desktop.locator(".messagelist")).to_contain_text("article 2 now starts there")
    expect(desktop.locator(".review-source tbody tr[id^=line-]")).to_have_count(len(FIRST_ARTICLE))

    # Fix the title in the article's change form.
    desktop.locator(".review-fields__edit a").click()
    desktop.locator("#id_title").fill(FIXED_TITLE.upper())
    desktop.locator("#id_title_display").fill(FIXED_TITLE)
    desktop.locator("input[name=_save]").click()
    expect(desktop.locator(".messagelist")).to_contain_text(FIXED_TITLE)

    # Publish from the review page.
    volume_id = Article.objects.get(title=FIXED_TITLE.upper()).proceedings_id
    desktop.goto(f"{base}/admin/proceedings/proceedings/{volume_id}/review/")
    expect(desktop.locator("#review-articles")).to_contain_text(FIXED_TITLE)
    desktop.get_by_role("button", name="Publish").click()
    expect(desktop.locator(".review-status")).to_have_text(re.compile("published", re.IGNORECASE))
    screenshot(desktop, "editor-4-review-published")

    # A reader finds it: on the volume's page and through search.
    desktop.goto(f"{base}/en/proceedings/editor-journey-2026/")
    desktop.get_by_role("link", name=FIXED_TITLE).click()
    expect(desktop.locator("h1")).to_have_text(FIXED_TITLE)
    desktop.goto(f"{base}/en/search/?q=шолушылары")
    expect(desktop.locator(".search-results")).to_contain_text(FIXED_TITLE)
    screenshot(desktop, "editor-5-public-search")


def test_review_of_the_seed_volume_and_one_article_beside_its_source(seeded_site, editor, desktop):
    volume = Article.objects.order_by("position").first().proceedings
    warned = volume.articles.exclude(import_warnings=[]).order_by("position")
    desktop.set_extra_http_headers({"Accept-Language": "en"})
    log_in(desktop, seeded_site.url, editor)

    desktop.goto(f"{seeded_site.url}/admin/proceedings/proceedings/{volume.pk}/review/")

    expect(desktop.locator("#review-articles tbody tr")).to_have_count(volume.articles.count())
    expect(desktop.locator("#review-articles tr.review-row--warned")).to_have_count(warned.count())
    screenshot(desktop, "editor-6-seed-review")

    desktop.locator(f"#article-{warned[1].pk} .review-title a").click()
    expect(desktop.locator(".review-source tbody tr[id^=line-]")).to_have_count(
        len(desktop.locator(".review-source .line-number").all_inner_texts())
    )
    expect(desktop.locator(".review-fields .review-warning").first).to_be_visible()
    screenshot(desktop, "editor-7-seed-article-source")
