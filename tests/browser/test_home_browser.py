import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_home_opens_and_switches_language(seeded_site, desktop):
    desktop.goto(f"{seeded_site.url}/kk/")
    kazakh_lang = desktop.get_attribute("html", "lang")

    desktop.get_by_role("navigation", name="Interface language").get_by_role("link", name="English").click()

    assert kazakh_lang == "kk"
    assert desktop.get_attribute("html", "lang") == "en"
    assert desktop.url == f"{seeded_site.url}/en/"
    screenshot(desktop, "home-desktop-en")
