"""A volume's contents under its section headings, with the table of sections, on a desktop and a phone."""

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Browser

from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.services import proceedings_import
from tests.browser.conftest import PHONE, new_page, screenshot
from tests.proceedings.furniture_volumes import prose
from tests.proceedings.section_volumes import article_lines, text_of

pytestmark = pytest.mark.browser

SECTIONS = [
    "ЮРИДИЧЕСКИЕ НАУКИ",
    "ЭКОНОМИЧЕСКИЕ НАУКИ",
    "НОМИНАЦИЯ «ИСТОРИЯ НАУКИ И ТЕХНОЛОГИЙ»",
    "ПЕДАГОГИЧЕСКИЕ НАУКИ",
]
SHOWN = [
    "Юридические науки",
    "Экономические науки",
    "Номинация «История науки и технологий»",
    "Педагогические науки",
]


def headed(title: str, name: str, seed: str) -> list[str]:
    return [title, name, "студент 3 курса", *prose(seed, 25)]


@pytest.fixture
def sectioned_site(transactional_db, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    data = text_of(
        [SECTIONS[0]],
        article_lines("ru1"),
        article_lines("ru2"),
        [SECTIONS[1]],
        article_lines("ru3"),
        [SECTIONS[2]],
        headed("ЖУРНАЛИСТИКА ДАННЫХ В РЕГИОНАХ", "Сидоров П. П.", "history"),
        [SECTIONS[3]],
        headed("ЦИФРОВЫЕ ИНСТРУМЕНТЫ В ШКОЛЕ", "Орлова К. К.", "school"),
        headed("МЕДИАОБРАЗОВАНИЕ УЧИТЕЛЕЙ", "Ким Д. А.", "teachers"),
    )
    proceedings_import(
        data=data,
        filename="volume.txt",
        max_bytes=django_settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping(
            {"slug": "sections-2024", "year": 2024, "title_ru": "Молодые учёные – 2024"}
        ),
        publish=True,
    )
    return live_server


def test_the_contents_under_section_headings_on_a_desktop_and_a_phone(
    sectioned_site, browser: Browser, phone
):
    desktop = new_page(browser, {"width": 1366, "height": 900})
    desktop.goto(f"{sectioned_site.url}/ru/proceedings/sections-2024/")

    headings = desktop.locator("h3.contents-section").all_inner_texts()
    table = desktop.locator(".section-table a").all_inner_texts()
    screenshot(desktop, "desktop-volume-sections-ru")
    desktop.locator(".section-table a", has_text=SHOWN[3]).click()
    desktop.wait_for_url("**#section-*")
    landed = desktop.evaluate("document.querySelector(location.hash).textContent")
    desktop.context.close()
    phone.goto(f"{sectioned_site.url}/kk/proceedings/sections-2024/")
    phone_width = phone.evaluate("document.documentElement.scrollWidth")
    screenshot(phone, "phone-volume-sections-kk")

    assert headings == SHOWN
    assert table == SHOWN
    assert landed == SHOWN[3]
    assert phone_width <= PHONE["width"]  # nothing wider than the phone
