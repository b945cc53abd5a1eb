"""Passkeys (WebAuthn): a person supported finds "Add a passkey" on their account security
page and allauth's add page answers them; the log-in page offers "Sign in with a passkey".
The browser part (a virtual authenticator) is not tested here: see the consent lane's
report. Staff still need their authenticator app (accounts/middleware.py)."""

from typing import Any

from django.urls import reverse

from conftest import TEST_PASSWORD
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
