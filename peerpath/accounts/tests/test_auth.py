"""Log-in, two-factor authentication, lock-out and session lifetime, through the real views."""

import time
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import TEST_PASSWORD, TEST_TOTP_SECRET, World, make_user
from peerpath.accounts.tests.helpers import current_code, log_in
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Membership

pytestmark = pytest.mark.django_db


def test_staff_log_in_needs_password_then_authenticator_code(world: World) -> None:
    client = Client()
    response = log_in(client, world.user(Role.PSW).email)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Not signed in yet: the home page still asks to log in.
    assert client.get("/")["Location"].startswith("/accounts/login/")
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "Incorrect code" in wrong.content.decode()
    right = client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert right.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "No people on your caseload yet." in home.content.decode()
    # The log-in is in the organisation's audit log, for its admins to see.
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN,
        actor_id=world.user(Role.PSW).pk,
        organisation_id=world.organisation.pk,
    ).exists()


def test_people_supported_log_in_with_a_password_alone(world: World) -> None:
    client = Client()
    response = log_in(client, world.user(Role.PERSON).email)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert (
        "PeerPath does not hold a record of your peer support yet."
        in client.get("/").content.decode()
    )


def test_staff_without_an_authenticator_must_set_one_up_first(world: World) -> None:
    newcomer = make_user("new.psw@riverside.example", full_name="New PSW", totp=False)
    Membership.objects.create(user=newcomer, organisation=world.organisation, role=Role.PSW)
    client = Client()
    assert log_in(client, newcomer.email)["Location"] == "/"
    for path in ("/", "/manage/people/", "/privacy/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Changing two-factor settings asks for the password again first.
    reauthenticate = client.get("/accounts/2fa/totp/activate/")
    assert reauthenticate["Location"].startswith("/accounts/reauthenticate/")
    client.post(reauthenticate["Location"], {"password": TEST_PASSWORD})
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    assert "Set up two-factor authentication" in setup.content.decode()
    assert "QR code for your authenticator app" in setup.content.decode()
    secret = setup.context["form"].secret
    activated = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert activated.status_code == 302
    assert client.get("/").status_code == 200


def test_trainees_are_not_asked_to_set_up_two_factor(world: World) -> None:
    client = Client()
    log_in(client, world.user(Role.TRAINEE).email)
    assert client.get("/").status_code == 200


def test_staff_cannot_switch_two_factor_off(world: World) -> None:
    client = Client()
    log_in(client, world.user(Role.SUPERVISOR).email)
    client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    page = client.get("/accounts/2fa/").content.decode()
    assert "two-factor authentication stays on" in page
    assert "/accounts/2fa/totp/deactivate/" not in page
    # Posting to the page directly is refused too, even after confirming the password.
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    response = client.post("/accounts/2fa/totp/deactivate/", {})
    assert response.status_code == 200
    assert "You cannot deactivate two-factor authentication." in response.content.decode()
    assert Authenticator.objects.filter(
        user=world.user(Role.SUPERVISOR), type=Authenticator.Type.TOTP
    ).exists()


def test_people_supported_may_switch_their_optional_two_factor_off(world: World) -> None:
    person = world.user(Role.PERSON)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(person, TEST_TOTP_SECRET)
    client = Client()
    log_in(client, person.email)
    client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert "/accounts/2fa/totp/deactivate/" in client.get("/accounts/2fa/").content.decode()


def test_five_wrong_passwords_lock_the_account_and_are_audited(world: World) -> None:
    psw = world.user(Role.PSW)
    client = Client()
    for _ in range(5):
        response = log_in(client, psw.email, "not the password")
        assert response.status_code in (200, 429)
    locked = log_in(client, psw.email)  # even the right password is refused now
    assert locked.status_code == 429
    assert "locked" in locked.content.decode()
    assert client.get("/")["Location"].startswith("/accounts/login/")
    failed = AuditEvent.objects.filter(
        action=AuditAction.LOGIN_FAILED,
        object_id=str(psw.pk),
        organisation_id=world.organisation.pk,
    )
    # The fifth wrong password locks the account; the sixth try meets the lock.
    assert list(failed.order_by("id").values_list("reason", flat=True)) == [
        *["wrong email or password"] * 4,
        "account locked",
        "account locked",
    ]
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, object_id=str(psw.pk)).exists()
    # Another account is not affected.
    assert log_in(Client(), world.user(Role.TRAINEE).email)["Location"] == "/"


def test_the_lock_lifts_after_the_cool_off_period(world: World) -> None:
    trainee = world.user(Role.TRAINEE)
    with time_machine.travel("2026-11-22 09:00 +0000", tick=False):
        for _ in range(5):
            log_in(Client(), trainee.email, "wrong")
        assert log_in(Client(), trainee.email).status_code == 429
    with time_machine.travel("2026-11-22 09:31 +0000", tick=False):
        assert log_in(Client(), trainee.email)["Location"] == "/"


def test_a_session_ends_after_30_idle_minutes(world: World) -> None:
    client = Client()
    with time_machine.travel("2026-11-22 09:00 +0000", tick=False):
        log_in(client, world.user(Role.TRAINEE).email)
        assert client.get("/").status_code == 200
    with time_machine.travel("2026-11-22 09:29 +0000", tick=False):
        assert client.get("/").status_code == 200  # activity keeps it alive
    with time_machine.travel("2026-11-22 10:00 +0000", tick=False):
        assert client.get("/")["Location"].startswith("/accounts/login/")


def _session_writes(client: Client) -> int:
    """How many statements one page read spends writing the session row."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return sum(
        1
        for query in queries.captured_queries
        if "django_session" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_reading_pages_writes_the_session_at_most_once_a_minute(world: World) -> None:
    client = Client()
    with time_machine.travel("2026-11-22 09:00 +0000", tick=False) as traveller:
        log_in(client, world.user(Role.TRAINEE).email)
        client.get("/")
        traveller.shift(timedelta(seconds=30))
        assert _session_writes(client) == 0  # nothing changed, timer renewed 30 s ago
        traveller.shift(timedelta(seconds=31))
        assert _session_writes(client) == 1  # a minute on: the idle timer is renewed
        assert _session_writes(client) == 0


def test_a_session_ends_12_hours_after_log_in_however_active(world: World) -> None:
    client = Client()
    start = "2026-11-22 08:00 +0000"
    with time_machine.travel(start, tick=False) as traveller:
        log_in(client, world.user(Role.TRAINEE).email)
        for _ in range(12 * 3 - 1):  # a request every 20 minutes, for 11 h 40 min
            traveller.shift(timedelta(minutes=20))
            assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=21))
        assert client.get("/")["Location"].startswith("/accounts/login/")


def test_password_reset_sends_an_email_and_does_not_reveal_accounts(world: World) -> None:
    client = Client()
    known = client.post("/accounts/password/reset/", {"email": world.user(Role.PSW).email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    run_jobs()  # the worker sends what the pages queued
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert next(m.to for m in mail.outbox if "reset" in m.body.lower()) == [
        world.user(Role.PSW).email
    ]


def test_password_reset_still_asks_for_the_authenticator_code(world: World) -> None:
    psw = world.user(Role.PSW)
    psw.set_password("a brand new password 99")
    psw.save()
    response = log_in(Client(), psw.email, "a brand new password 99")
    assert response["Location"] == "/accounts/2fa/authenticate/"


@pytest.mark.parametrize(("steps_back", "accepted"), [(1, True), (3, False)])
def test_a_code_from_the_step_before_is_accepted_but_not_an_old_one(
    world: World, steps_back: int, accepted: bool
) -> None:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD - steps_back
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter))
    client = Client()
    log_in(client, world.user(Role.TRAINER).email)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert (response.status_code == 302) is accepted
