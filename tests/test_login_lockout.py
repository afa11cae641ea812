"""Failed admin sign-ins are counted per account and per client address (django-axes); past the
limit signing in is paused, even with the right password, until the cool-off ends or an
administrator lifts it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from tests.factories import staff_user

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password"
LOGIN = "/admin/login/"
ATTACKER, EDITOR_HOME = "203.0.113.66", "198.51.100.7"
PAUSED = {
    "en": "Too many failed sign-ins for this account or from this address: signing in is paused for up "
    "to 15 minutes. An administrator can lift the pause sooner.",
    "ru": "Слишком много неудачных попыток входа в эту учётную запись или с этого адреса: вход "
    "приостановлен не более чем на 15 минут. Администратор может снять ограничение раньше.",
    "kk": "Бұл тіркелгіге немесе осы мекенжайдан кіру тым көп рет сәтсіз болды: кіру 15 минутқа дейін "
    "тоқтатылды. Әкімші оны ертерек қайта аша алады.",
}


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.JINAQ_TRUSTED_PROXIES = 0


@pytest.fixture
def editor() -> User:
    return staff_user("editor", editor=True, password=PASSWORD)


def sign_in(address: str, username: str, password: str, *, language: str = "en", **headers) -> Client:
    """A fresh browser at `address` that posts the admin's sign-in form once; the answer is
    kept on the client as `.answer`."""
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language, **headers)
    client.answer = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return client


def signed_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def paused_message(response) -> str | None:
    """The lockout's reason as the page shows it (None when the page has none)."""
    html = response.content.decode()
    marker = 'id="login-paused">'
    if marker not in html:
        return None
    return " ".join(html.split(marker, 1)[1].split("</p>", 1)[0].split())


def fail(times: int, address: str, username: str = "editor", **headers) -> list[int]:
    return [sign_in(address, username, "wrong", **headers).answer.status_code for _ in range(times)]


def test_wrong_passwords_pause_the_account_and_then_the_right_one_is_refused_too(editor):
    statuses = fail(5, ATTACKER)
    refused = sign_in(ATTACKER, "editor", PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]  # the form again four times, then the pause
    assert refused.answer.status_code == 429
    assert refused.answer["Retry-After"] == "900"
    assert paused_message(refused.answer) == PAUSED["en"]
    assert not signed_in(refused)
    assert 'id="login-form"' in refused.answer.content.decode()  # the form stays, for after the pause


def test_a_failed_attempt_is_recorded_without_its_password(editor):
    sign_in(ATTACKER, "editor", "hunter2-typed-wrong")

    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == ("editor", ATTACKER, 1)
    assert "hunter2" not in attempt.post_data


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_pause_speaks_the_admin_language(editor, language):
    fail(5, ATTACKER)

    refused = sign_in(ATTACKER, "editor", PASSWORD, language=language)

    assert (refused.answer.status_code, paused_message(refused.answer)) == (429, PAUSED[language])


def test_the_paused_account_is_refused_from_another_address_too(editor):
    fail(5, ATTACKER)

    refused = sign_in(EDITOR_HOME, "editor", PASSWORD)

    assert (refused.answer.status_code, signed_in(refused)) == (429, False)


def test_one_address_guessing_many_accounts_is_paused(editor):
    statuses = [sign_in(ATTACKER, f"guess{n}", "wrong").answer.status_code for n in range(5)]
    refused = sign_in(ATTACKER, "editor", PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert (refused.answer.status_code, signed_in(refused)) == (429, False)


def test_another_account_from_another_address_still_signs_in(editor):
    staff_user("chief", editor=True, password=PASSWORD)
    fail(5, ATTACKER)

    chief = sign_in(EDITOR_HOME, "chief", PASSWORD)

    assert (chief.answer.status_code, chief.answer["Location"]) == (302, "/admin/")
    assert signed_in(chief)


def test_fewer_failures_than_the_limit_leave_the_right_password_working(editor):
    fail(4, EDITOR_HOME)

    editor_client = sign_in(EDITOR_HOME, "editor", PASSWORD)

    assert (editor_client.answer.status_code, signed_in(editor_client)) == (302, True)


def test_after_the_cool_off_the_right_password_works_again(editor):
    fail(5, ATTACKER)
    assert sign_in(ATTACKER, "editor", PASSWORD).answer.status_code == 429

    # Time travel: every recorded failure becomes a cool-off (and a second) older.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1))
    editor_client = sign_in(ATTACKER, "editor", PASSWORD)

    assert (editor_client.answer.status_code, signed_in(editor_client)) == (302, True)


def test_attempts_during_the_pause_do_not_extend_it(editor):
    fail(5, ATTACKER)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10))
    fail(3, ATTACKER)  # refused at once, not counted

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=5, seconds=1))

    assert sign_in(ATTACKER, "editor", PASSWORD).answer.status_code == 302


def test_an_administrator_lifts_the_pause_in_the_admin(editor):
    fail(5, ATTACKER)
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(User.objects.create_superuser("chief", password="x"))
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))

    listed = admin.get("/admin/axes/accessattempt/")
    lifted = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    editor_client = sign_in(ATTACKER, "editor", PASSWORD)

    assert "Locked Out" in listed.content.decode()
    assert lifted.status_code == 302
    assert AccessAttempt.objects.count() == 0
    assert (editor_client.answer.status_code, signed_in(editor_client)) == (302, True)


def test_an_administrator_lifts_the_pause_with_the_reset_command(editor):
    fail(5, ATTACKER)

    call_command("axes_reset_username", "editor", verbosity=0)
    call_command("axes_reset_ip", ATTACKER, verbosity=0)
    editor_client = sign_in(ATTACKER, "editor", PASSWORD)

    assert (editor_client.answer.status_code, signed_in(editor_client)) == (302, True)


def test_a_forged_forwarded_header_does_not_escape_the_address_count(editor):
    """With no trusted proxy, X-Forwarded-For is the client's own writing: five guesses at five
    accounts, each claiming another address, are still five from one address."""
    for n in range(5):
        sign_in(ATTACKER, f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    refused = sign_in(ATTACKER, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert refused.answer.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(editor, settings):
    settings.JINAQ_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    for n in range(5):
        sign_in(proxy, f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR=ATTACKER)

    refused = sign_in(proxy, "editor", PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER)
    editor_client = sign_in(proxy, "editor", PASSWORD, HTTP_X_FORWARDED_FOR=f"{ATTACKER}, {EDITOR_HOME}")

    assert refused.answer.status_code == 429
    assert (editor_client.answer.status_code, signed_in(editor_client)) == (302, True)


def test_one_ipv6_network_is_one_address(editor):
    for n in range(5):
        sign_in(f"2001:db8:1:2::{n + 1:x}", f"guess{n}", "wrong")

    refused = sign_in("2001:db8:1:2:ffff::9", "editor", PASSWORD)
    elsewhere = sign_in("2001:db8:1:3::1", "editor", PASSWORD)

    assert (refused.answer.status_code, elsewhere.answer.status_code) == (429, 302)


@pytest.mark.parametrize("foreign", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_signing_in_with_a_foreign_next_lands_on_the_admin(editor, foreign):
    client = Client(REMOTE_ADDR=EDITOR_HOME)
    form = client.get(LOGIN, {"next": foreign})

    answer = client.post(
        f"{LOGIN}?next={foreign}", {"username": "editor", "password": PASSWORD, "next": foreign}
    )

    assert form.status_code == 200
    assert (answer.status_code, answer["Location"]) == (302, "/admin/")
    assert client.get(answer["Location"]).status_code == 200
