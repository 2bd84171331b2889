"""manage.py create_editor: a staff user in the Editors group, never a superuser."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def create_editor(*args) -> str:
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def test_create_editor_with_password_env_creates_staff_editor(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    out = create_editor("alice", "alice@council.example", "--password-env", "EDITOR_PASSWORD")
    assert out == "Created editor alice <alice@council.example>.\n"
    user = get_user_model().objects.get(username="alice")
    assert (user.email, user.is_staff, user.is_superuser, user.is_active) == (
        "alice@council.example",
        True,
        False,
        True,
    )
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password(PASSWORD)
    assert user.has_perm("casestudies.publish_casestudy")
    assert not user.has_perm("casestudies.delete_casestudy")


def test_create_editor_updates_existing_user_and_removes_superuser(monkeypatch):
    get_user_model().objects.create_superuser("bob", "old@council.example", "an old password")
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    out = create_editor("bob", "bob@council.example", "--password-env", "EDITOR_PASSWORD")
    assert out == "Updated editor bob <bob@council.example>.\n"
    user = get_user_model().objects.get(username="bob")
    assert (user.email, user.is_staff, user.is_superuser) == ("bob@council.example", True, False)
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password(PASSWORD)
    assert get_user_model().objects.count() == 1


def test_create_editor_empty_password_env_is_an_error(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "")
    with pytest.raises(CommandError) as failed:
        create_editor("alice", "alice@council.example", "--password-env", "EDITOR_PASSWORD")
    assert str(failed.value) == "The environment variable EDITOR_PASSWORD is empty."
    assert get_user_model().objects.count() == 0


def test_create_editor_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "12345678")
    with pytest.raises(CommandError) as failed:
        create_editor("alice", "alice@council.example", "--password-env", "EDITOR_PASSWORD")
    assert str(failed.value) == "This password is too common. This password is entirely numeric."
    assert get_user_model().objects.count() == 0


def test_create_editor_asks_for_password_twice(monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    create_editor("carol", "carol@council.example")
    assert get_user_model().objects.get(username="carol").check_password(PASSWORD)


def test_create_editor_mismatched_passwords_are_refused(monkeypatch):
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError) as failed:
        create_editor("carol", "carol@council.example")
    assert str(failed.value) == "The passwords do not match."
    assert get_user_model().objects.count() == 0
