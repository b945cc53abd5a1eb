"""Passkeys (WebAuthn): a person supported finds "Add a passkey" on their account security
page and allauth's add page answers them; the log-in page offers "Sign in with a passkey".
Adding one and signing in with it need a browser's authenticator:
tests/system/test_person_passkey.py. Here a passkey made by `add_a_passkey` stands in for
the pages that list, rename and remove one, and ask for one after the password. Staff still
need their authenticator app (accounts/middleware.py)."""

from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import TEST_PASSWORD
from peerpath.accounts.tests.helpers import add_a_passkey, log_in
from peerpath.core.roles import Role
from peerpath.tests.pages import words


def test_account_security_offers_a_passkey(world: Any, client_for: Any) -> None:
    person = client_for(Role.PERSON)
    page = words(person.get("/accounts/2fa/"))
    assert "Passkeys" in page and "Add a passkey" in page
    assert reverse("mfa_add_webauthn") == "/accounts/2fa/webauthn/add/"


def test_the_add_a_passkey_page_answers_after_the_password_is_typed_again(
    world: Any, client_for: Any
) -> None:
    person = client_for(Role.PERSON)
    assert person.get("/accounts/2fa/webauthn/add/").status_code == 302  # confirm first
    confirmed = person.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert confirmed.status_code == 302
    response = person.get("/accounts/2fa/webauthn/add/")
    assert response.status_code == 200
    assert b"webauthn.js" in response.content


def test_the_list_of_passkeys_answers_a_person_with_none_yet(world: Any, client_for: Any) -> None:
    person = client_for(Role.PERSON)
    person.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    page = words(person.get("/accounts/2fa/webauthn/"))
    assert "You have not added a passkey yet." in page and "Add a passkey" in page


def test_after_the_password_someone_with_only_a_passkey_is_asked_for_the_passkey(
    world: Any,
) -> None:
    """allauth asks for a passkey after the password once one is added: the page speaks of
    the passkey and recovery codes, not of an authenticator app the person does not have."""
    add_a_passkey(world.user(Role.PERSON))
    client = Client()
    assert (
        log_in(client, world.user(Role.PERSON).email)["Location"] == "/accounts/2fa/authenticate/"
    )
    page = words(client.get("/accounts/2fa/authenticate/"))
    assert "Use your passkey" in page
    assert "Type one of your recovery codes instead" in page
    assert "authenticator app" not in page


def test_staff_with_a_passkey_still_see_the_authenticator_code_first(world: Any) -> None:
    add_a_passkey(world.user(Role.PSW))
    client = Client()
    log_in(client, world.user(Role.PSW).email)
    page = words(client.get("/accounts/2fa/authenticate/"))
    assert "Enter your authenticator code" in page
    assert "Or use your passkey" in page


def test_a_person_renames_and_removes_their_passkey(world: Any, client_for: Any) -> None:
    passkey = add_a_passkey(world.user(Role.PERSON), name="My phone")
    person = client_for(Role.PERSON)
    person.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    listed = words(person.get(reverse("mfa_list_webauthn")))
    assert "My phone" in listed and "Rename My phone" in listed
    edit = reverse("mfa_edit_webauthn", kwargs={"pk": passkey.pk})
    assert "Rename your passkey" in words(person.get(edit))
    assert person.post(edit, {"name": "Alex's phone"})["Location"] == "/accounts/2fa/webauthn/"
    remove = reverse("mfa_remove_webauthn", kwargs={"pk": passkey.pk})
    assert "Remove Alex's phone?" in words(person.get(remove))
    person.post(remove)
    assert "You have not added a passkey yet." in words(person.get(reverse("mfa_list_webauthn")))
