"""Wrong two-factor codes at log-in: audited like wrong passwords, and counted by the same
per-account lock-out (five failures of either kind lock the account for 30 minutes)."""

from typing import Any

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from axes.models import AccessAttempt
from django.test import Client

from conftest import TEST_PASSWORD, World
from peerpath.accounts.tests.helpers import current_code, log_in
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role

pytestmark = pytest.mark.django_db

WRONG_CODE = "000000"


def _failures(user: Any) -> list[str]:
    return list(
        AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, object_id=str(user.pk))
        .order_by("id")
        .values_list("reason", flat=True)
    )


def _code_page(client: Client, user: Any) -> None:
    assert log_in(client, user.email)["Location"] == "/accounts/2fa/authenticate/"


def test_a_wrong_code_at_log_in_is_audited_as_a_failed_log_in(world: World) -> None:
    psw = world.user(Role.PSW)
    client = Client()
    _code_page(client, psw)
    response = client.post("/accounts/2fa/authenticate/", {"code": WRONG_CODE})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED, object_id=str(psw.pk))
    assert event.outcome == AuditOutcome.DENIED
    assert event.reason == "wrong two-factor code"
    assert event.organisation_id == world.organisation.pk
    assert event.path == "/accounts/2fa/authenticate/"
    # django-axes keeps what was posted with the failure, but not the code.
    attempt = AccessAttempt.objects.get(username=psw.email)
    assert attempt.failures_since_start == 1
    assert WRONG_CODE not in attempt.post_data


def test_five_wrong_codes_lock_the_account_even_for_the_right_code(world: World) -> None:
    psw = world.user(Role.PSW)
    client = Client()
    _code_page(client, psw)
    answers = [
        client.post("/accounts/2fa/authenticate/", {"code": WRONG_CODE}).status_code
        for _ in range(5)
    ]
    assert answers == [200, 200, 200, 200, 429]
    # The right code no longer helps: the account is locked, and nobody is signed in.
    locked = client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert locked.status_code == 429
    assert "locked" in locked.content.decode()
    assert client.get("/")["Location"].startswith("/accounts/login/")
    # Nor does starting again with the right password.
    assert log_in(Client(), psw.email).status_code == 429
    assert _failures(psw)[:5] == [*["wrong two-factor code"] * 4, "account locked"]
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, object_id=str(psw.pk)).exists()
    # Another account is not affected.
    other = Client()
    _code_page(other, world.user(Role.TRAINER))
    assert other.post("/accounts/2fa/authenticate/", {"code": current_code()}).status_code == 302


def test_wrong_passwords_and_wrong_codes_add_up_to_one_lock_out(world: World) -> None:
    trainer = world.user(Role.TRAINER)
    for _ in range(3):
        assert log_in(Client(), trainer.email, "not the password").status_code == 200
    client = Client()
    _code_page(client, trainer)
    assert client.post("/accounts/2fa/authenticate/", {"code": WRONG_CODE}).status_code == 200
    assert client.post("/accounts/2fa/authenticate/", {"code": WRONG_CODE}).status_code == 429
    assert log_in(Client(), trainer.email, TEST_PASSWORD).status_code == 429


def test_a_wrong_recovery_code_counts_too(world: World) -> None:
    supervisor = world.user(Role.SUPERVISOR)
    RecoveryCodes.activate(supervisor)
    client = Client()
    _code_page(client, supervisor)
    for _ in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": "abcd-1234"})
    assert _failures(supervisor)[:4] == ["wrong two-factor code"] * 4
    assert client.post("/accounts/2fa/authenticate/", {"code": current_code()}).status_code == 429


def test_a_right_code_clears_the_count(world: World) -> None:
    psw = world.user(Role.PSW)
    client = Client()
    _code_page(client, psw)
    for _ in range(4):
        client.post("/accounts/2fa/authenticate/", {"code": WRONG_CODE})
    assert client.post("/accounts/2fa/authenticate/", {"code": current_code()}).status_code == 302
    client.post("/accounts/logout/")
    # Four more wrong codes after a successful log-in do not lock the account.
    again = Client()
    _code_page(again, psw)
    for _ in range(4):
        assert again.post("/accounts/2fa/authenticate/", {"code": WRONG_CODE}).status_code == 200


def test_a_wrong_code_when_confirming_identity_is_audited_but_does_not_lock(
    world: World, client_for: Any
) -> None:
    """Asked again for a code before changing two-factor settings, while signed in: the
    failure is in the audit log, but a signed-in person is not locked out of log-in."""
    psw = world.user(Role.PSW)
    client = client_for(Role.PSW)
    for _ in range(5):
        response = client.post("/accounts/2fa/reauthenticate/", {"code": WRONG_CODE})
        assert response.status_code == 200
    assert _failures(psw) == ["wrong two-factor code when confirming identity"] * 5
    assert log_in(Client(), psw.email)["Location"] == "/accounts/2fa/authenticate/"
