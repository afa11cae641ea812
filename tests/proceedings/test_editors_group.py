"""The Editors group exists after migrating and is what lets staff into the archive's admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_editors_group_has_the_archive_permissions():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))

    assert {
        "add_proceedings",
        "change_article",
        "change_person",
        "delete_authorship",
        "view_topic",
    } <= codenames
    assert "delete_person" not in codenames  # people with papers are merged, never deleted
    assert not any(codename.endswith("_user") or codename.endswith("_group") for codename in codenames)


def test_editor_reaches_the_article_admin_and_other_staff_do_not(client):
    client.force_login(staff_user("editor", editor=True))
    editor_status = client.get(reverse("admin:articles_article_changelist")).status_code
    client.force_login(staff_user("clerk", editor=False))
    clerk_status = client.get(reverse("admin:articles_article_changelist")).status_code

    assert (editor_status, clerk_status) == (200, 403)


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:proceedings_proceedings_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
