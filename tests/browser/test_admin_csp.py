"""The admin under the site's strict Content-Security-Policy: its pages, Django's and ours (the
review, the usage report, the sign-in pause), load and work in Chromium without a single
violation — no inline script or style is refused, so nothing is silently broken."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, expect

from articles.models import Article
from authors.models import Person
from proceedings.models import Proceedings
from proceedings.site.middleware import CONTENT_SECURITY_POLICY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "csp-admin-password"
# Chromium reports a refused script or style both as a console error and as a DOM event; both
# are collected (the event also catches reports a console filter might word differently).
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


class Violations:
    """Every CSP violation a page reports, by the console and by the securitypolicyviolation event."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(f"{self.page.url}: {message.text}")

    def on_page(self) -> list[str]:
        events = self.page.evaluate("() => window.__cspViolations || []")
        return [f"{self.page.url}: {event}" for event in events]


@pytest.fixture
def admin_page(seeded_site, desktop):
    """A superuser signed in through the admin's own sign-in form (a page under the policy too)."""
    User.objects.create_superuser("chief", password=PASSWORD)
    desktop.set_extra_http_headers({"Accept-Language": "en"})
    violations = Violations(desktop)
    response = desktop.goto(f"{seeded_site.url}/admin/login/")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    desktop.locator("#id_username").fill("chief")
    desktop.locator("#id_password").fill(PASSWORD)
    desktop.locator("input[type=submit]").click()
    expect(desktop.locator("#user-tools")).to_contain_text("chief")
    return desktop, violations


def admin_addresses() -> list[str]:
    volume = Proceedings.objects.order_by("pk").first()
    article = Article.objects.filter(proceedings=volume).order_by("position").first()
    person = Person.objects.filter(authorships__article__proceedings=volume).order_by("pk").first()
    chief = User.objects.get(username="chief")
    return [
        reverse("admin:index"),
        reverse("admin:proceedings_proceedings_changelist"),
        reverse("admin:proceedings_proceedings_changelist") + f"?date_start__year={volume.year}&q=a",
        reverse("admin:proceedings_proceedings_change", args=[volume.pk]),  # articles inline
        reverse("admin:proceedings_proceedings_add"),  # prepopulated slug
        reverse("admin:proceedings_proceedings_upload"),
        reverse("admin:proceedings_proceedings_review", args=[volume.pk]),
        reverse("admin:proceedings_proceedings_review_article", args=[volume.pk, article.pk]),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),  # authorship inline, autocomplete
        reverse("admin:articles_article_delete", args=[article.pk]),
        reverse("admin:articles_topic_add") + "?_popup=1",
        reverse("admin:articles_usage_volume", args=[volume.pk]),
        reverse("admin:articles_usage_person", args=[person.pk]),
        reverse("admin:authors_person_change", args=[person.pk]),
        reverse("admin:authors_authorship_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:auth_user_change", args=[chief.pk]),
        reverse("admin:auth_user_password_change", args=[chief.pk]),
    ]


def test_admin_pages_raise_no_csp_violation(admin_page, seeded_site):
    page, violations = admin_page
    found, unprotected = [], []

    for address in admin_addresses():
        response = page.goto(seeded_site.url + address)
        assert response.status == 200, address
        page.wait_for_load_state("networkidle")
        if response.headers.get("content-security-policy") != CONTENT_SECURITY_POLICY:
            unprotected.append(address)
        found += violations.on_page()

    assert unprotected == []
    assert found == []
    assert violations.console == []


def test_admin_widgets_work_under_the_policy(admin_page, seeded_site):
    """The admin's scripts run: the filter_horizontal chooser is built, the autocomplete opens and
    searches, the calendar pops up, the sidebar filter works — each would fail silently if a
    script or style were refused."""
    page, violations = admin_page
    article = Article.objects.order_by("pk").first()
    volume = article.proceedings

    page.goto(seeded_site.url + reverse("admin:articles_article_change", args=[article.pk]))
    expect(page.locator(".selector-available")).to_be_visible()  # SelectFilter2 built the chooser
    page.locator(".select2-selection").first.click()
    page.keyboard.type(volume.title_kk[:4])
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.keyboard.press("Escape")
    found = violations.on_page()

    page.goto(seeded_site.url + reverse("admin:proceedings_proceedings_change", args=[volume.pk]))
    page.locator("#id_date_start").scroll_into_view_if_needed()
    page.locator(".date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    found += violations.on_page()

    page.goto(seeded_site.url + reverse("admin:proceedings_proceedings_add"))
    page.locator("#id_title_en").press_sequentially("Content security 2026")  # keyup, as typed
    expect(page.locator("#id_slug")).to_have_value("content-security-2026")  # prepopulate.js
    found += violations.on_page()

    assert found == []
    assert violations.console == []


def test_a_refused_inline_style_is_reported(admin_page, seeded_site):
    """The collector itself: an inline style or script added to an admin page is refused and seen."""
    page, violations = admin_page
    page.goto(seeded_site.url + reverse("admin:index"))

    page.evaluate(
        """() => {
        const style = document.createElement('style');
        style.textContent = 'body { color: red }';
        document.head.appendChild(style);
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true';
        document.head.appendChild(script);
    }"""
    )
    page.wait_for_timeout(200)

    directives = sorted(event.split(" ")[1] for event in violations.on_page())
    assert directives == ["script-src-elem", "style-src-elem"]
    assert page.evaluate("() => window.__ran === undefined")


def test_the_sign_in_pause_shows_its_reason_without_a_violation(live_server, desktop, settings):
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_superuser("chief", password=PASSWORD)
    desktop.set_extra_http_headers({"Accept-Language": "en"})
    violations = Violations(desktop)

    desktop.goto(f"{live_server.url}/admin/login/")
    for _ in range(3):
        desktop.locator("#id_username").fill("chief")
        desktop.locator("#id_password").fill("wrong")
        desktop.locator("input[type=submit]").click()
        desktop.wait_for_load_state()
    paused = desktop.locator("#login-paused")

    expect(paused).to_contain_text("signing in is paused for up to 15 minutes")
    expect(desktop.locator("#login-form")).to_be_visible()
    assert violations.on_page() == []
    assert violations.console == []
