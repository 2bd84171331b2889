import importlib

import pytest
from django.contrib.auth.models import Group, User
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unguessable-password"


@pytest.fixture
def editor():
    user = User.objects.create_user("ed", "ed@casestudies.example", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, username: str, password: str, ip: str):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_account_is_locked_after_five_wrong_passwords_from_anywhere(client, editor):
    statuses = [sign_in(client, "ed", "wrong", f"10.0.0.{n}").status_code for n in range(5)]

    locked = sign_in(client, "ed", PASSWORD, "10.0.0.99")

    assert statuses == [200, 200, 200, 200, 429]  # the form with its error four times, then the lockout
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()


def test_client_is_locked_after_five_wrong_passwords_for_any_accounts(client, editor):
    User.objects.create_user("other", "other@casestudies.example", PASSWORD, is_staff=True)
    for n in range(5):
        sign_in(client, f"guess{n}", "wrong", "10.0.1.1")

    from_same_client = sign_in(client, "other", PASSWORD, "10.0.1.1")
    from_elsewhere = sign_in(client, "ed", PASSWORD, "10.0.1.2")

    assert from_same_client.status_code == 429
    assert (from_elsewhere.status_code, from_elsewhere["Location"]) == (302, "/admin/")


def test_successful_sign_in_resets_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "ed", "wrong", "10.0.2.1")
    assert sign_in(client, "ed", PASSWORD, "10.0.2.1").status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "ed", "wrong", "10.0.2.1")

    assert sign_in(client, "ed", PASSWORD, "10.0.2.1").status_code == 302


@pytest.fixture
def secret_admin_url(settings):
    import site_config.urls

    settings.ADMIN_URL = "editors-7f3a/"
    clear_url_caches()
    importlib.reload(site_config.urls)
    yield
    settings.ADMIN_URL = "admin/"
    clear_url_caches()
    importlib.reload(site_config.urls)


def test_admin_url_comes_from_settings(client, editor, secret_admin_url):
    client.force_login(editor)

    assert client.get("/admin/").status_code == 404
    response = client.get("/editors-7f3a/")
    assert response.status_code == 200
    assert "Review queue" in response.content.decode()
    assert "Disallow: /admin/" not in client.get("/robots.txt").content.decode()
