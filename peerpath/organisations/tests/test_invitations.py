"""Onboarding: an invitation is accepted from its link, the address is verified, the person
chooses a password and goes straight on (staff to two-factor set-up). Expired, used and
tampered links say what happened and offer a new link; admins see who has not accepted."""

import time
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import World
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Invitation, Membership
from peerpath.organisations.services import user_invite
from peerpath.organisations.tests.helpers import LINK, PASSWORD, accept, link_in
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db

User = get_user_model()


def main(response: Any) -> str:
    """The page's main content (the rest holds a per-request nonce)."""
    return text(response).split("<main", 1)[1].split("</main>", 1)[0]


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.fixture
def invite(world: World, client_for: Any) -> Any:
    """The admin invites someone through the page; returns the link from the email."""
    admin = client_for(Role.ORG_ADMIN)

    def send(name: str, email: str, *roles: Role) -> str:
        mail.outbox.clear()
        response = admin.post(
            "/manage/people/invite/",
            {"full_name": name, "email": email, "roles": list(roles), "team": world.team.pk},
        )
        run_jobs()
        assert response.status_code == 302, text(response)
        [message] = mail.outbox
        assert message.to == [email]
        return link_in(message)

    return send


# The invitation, accepted ------------------------------------------------------------------


def test_invited_staff_are_welcomed_verified_and_led_straight_to_two_factor_set_up(
    world: World, invite: Any
) -> None:
    link = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    visitor = Client()
    page = text(visitor.get(link))
    assert "Welcome to PeerPath, Sam Newcomer" in page
    assert (
        "Organisation admin Riverside invited you to Riverside NHS Foundation Trust "
        "as Peer support worker." in page
    )
    assert "Change Password" not in page and "Your password is now changed" not in page
    assert "two-factor authentication" in page  # staff are told the next step before it

    response = accept(visitor, link)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    user = User.objects.get(email="sam.newcomer@riverside.example")
    assert user.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)

    # Straight on: no second password prompt, and allauth lets them add an authenticator.
    setup = visitor.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    setup_page = text(setup)
    assert "verified your email address" not in setup_page
    for instruction in ("An authenticator app", "Scan the QR code", "6-digit code"):
        assert instruction in setup_page
    secret = setup.context["form"].secret
    assert secret in setup_page  # the key to type, for those who cannot scan
    activated = visitor.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    assert activated["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    codes = visitor.get("/accounts/2fa/recovery-codes/")
    codes_page = text(codes)
    assert "Your recovery codes" in codes_page
    assert "Keep them somewhere safe" in codes_page
    for code in codes.context["unused_codes"]:
        assert code in codes_page
    assert 'href="/"' in codes_page and "Continue to your home page" in codes_page

    home = visitor.get("/")
    assert home.status_code == 200
    assert "Hello, Sam Newcomer" in text(home)

    invitation = Invitation.objects.get(user=user)
    assert invitation.accepted_at is not None
    reasons = set(
        AuditEvent.objects.filter(
            object_type="organisations.invitation", object_id=str(invitation.pk)
        ).values_list("reason", flat=True)
    )
    assert any(r.startswith("invitation sent") for r in reasons), reasons
    assert "invitation link opened" in reasons
    assert "invitation accepted: password created, email address verified" in reasons
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN, actor_id=user.pk, organisation_id=world.organisation.pk
    ).exists()


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.PERSON, Role.CARER])
def test_invited_trainees_people_and_carers_go_straight_to_their_home_page(
    world: World, invite: Any, role: Role
) -> None:
    link = invite("Priya Newcomer", "priya@riverside.example", role)
    visitor = Client()
    page = text(visitor.get(link))
    assert f"as {role.label}." in page
    assert "two-factor" not in page
    response = accept(visitor, link)
    assert response["Location"] == "/"
    home = text(visitor.get("/"))
    assert "Hello, Priya Newcomer" in home
    assert "Your PeerPath account is ready." in home
    user = User.objects.get(email="priya@riverside.example")
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.parametrize(
    ("password1", "password2", "field", "message"),
    [
        ("short", "short", "password1", "This password is too short."),
        ("password123456", "password123456", "password1", "This password is too common."),
        ("48291057362819", "48291057362819", "password1", "This password is entirely numeric."),
        ("sam.newcomer@1", "sam.newcomer@1", "password1", "too similar"),
        (PASSWORD, PASSWORD + "x", "password2", "The passwords do not match."),
        ("", "", "password1", "Create a password."),
    ],
)
def test_a_password_that_fails_the_checks_is_explained_next_to_its_field(
    world: World, invite: Any, password1: str, password2: str, field: str, message: str
) -> None:
    link = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    response = Client().post(link, {"password1": password1, "password2": password2})
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    # The message is next to the field it is about (and in the summary at the top).
    beside = page.split(f'id="id_{field}-error"', 1)
    assert len(beside) == 2, page
    assert message in beside[1][:300]
    assert "Welcome to PeerPath, Sam Newcomer" in page
    user = User.objects.get(email="sam.newcomer@riverside.example")
    assert not user.has_usable_password()
    assert Invitation.objects.get(user=user).accepted_at is None


# Links that no longer work ----------------------------------------------------------------


def test_an_expired_link_says_so_and_sends_a_fresh_one_to_the_invited_address(
    world: World, invite: Any
) -> None:
    link = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        visitor = Client()
        expired = visitor.get(link)
        assert expired.status_code == 410
        page = text(expired)
        assert "This invitation link has expired" in page
        assert "Welcome to PeerPath" not in page
        assert "Send me a new link" in page
        # It cannot be used to set a password.
        assert accept(visitor, link).status_code == 410
        assert not User.objects.get(email="sam.newcomer@riverside.example").has_usable_password()

        mail.outbox.clear()
        asked = visitor.post(link + "new-link/")
        run_jobs()
        assert asked.status_code == 302
        [message] = mail.outbox
        assert message.to == ["sam.newcomer@riverside.example"]
        fresh = link_in(message)
        assert fresh != link
        sent = text(visitor.get(asked["Location"]))
        assert "We have sent a new invitation link to s***@riverside.example." in sent

        # The old link now says a newer one replaced it; the new one works.
        assert "This invitation link has been replaced" in text(visitor.get(link))
        assert accept(visitor, fresh)["Location"] == "/accounts/2fa/totp/activate/"
    invitation = Invitation.objects.get(user__email="sam.newcomer@riverside.example")
    assert invitation.send_count == 2
    assert AuditEvent.objects.filter(
        object_id=str(invitation.pk), reason="new invitation link sent at the invitee's request"
    ).exists()
    assert AuditEvent.objects.filter(
        object_id=str(invitation.pk), outcome=AuditOutcome.DENIED, reason="invitation link expired"
    ).exists()


def test_a_used_link_says_so_and_points_to_log_in_and_password_reset(
    world: World, invite: Any
) -> None:
    link = invite("Priya Newcomer", "priya@riverside.example", Role.TRAINEE)
    accept(Client(), link)
    again = Client().get(link)
    assert again.status_code == 410
    page = text(again)
    assert "This invitation has already been used" in page
    assert 'href="/accounts/login/"' in page
    assert 'href="/accounts/password/reset/"' in page
    assert "If you did not accept it yourself, tell your organisation admin" in page
    # Using it again changes nothing.
    assert accept(Client(), link, "another password 7788").status_code == 410
    assert User.objects.get(email="priya@riverside.example").check_password(PASSWORD)


@pytest.mark.parametrize(
    "damage",
    [
        lambda link: link[:-6] + "/",  # cut short
        lambda link: link.replace(":", "x", 1),  # changed
        lambda link: "/invitation/not-a-real-link/",
    ],
)
def test_a_tampered_or_broken_link_says_so_and_offers_a_way_to_ask_again(
    world: World, invite: Any, damage: Any
) -> None:
    link = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    response = Client().get(damage(link))
    assert response.status_code == 404
    page = text(response)
    assert "This invitation link does not work" in page
    assert "copied the whole link" in page
    assert 'href="/invitation/ask/"' in page
    assert "Sam Newcomer" not in page


def test_asking_for_a_new_link_never_reveals_whether_an_address_has_an_account(
    world: World, invite: Any
) -> None:
    invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    form = Client().get("/invitation/ask/")
    assert form.status_code == 200
    assert "Ask for a new invitation link" in text(form)
    answers = {}
    sent_to = {}
    with time_machine.travel(timezone.now() + timedelta(minutes=15)):
        for email in ("Sam.Newcomer@riverside.example", world.user(Role.PSW).email, "who@no.org"):
            mail.outbox.clear()
            client = Client()
            posted = client.post("/invitation/ask/", {"email": email})
            run_jobs()
            assert posted.status_code == 302
            answers[email] = (posted["Location"], main(client.get(posted["Location"])))
            sent_to[email] = [m.to for m in mail.outbox]
    # A new link goes only to an address with an invitation waiting.
    assert sent_to == {
        "Sam.Newcomer@riverside.example": [["sam.newcomer@riverside.example"]],
        world.user(Role.PSW).email: [],
        "who@no.org": [],
    }
    # The same words whatever the address.
    assert len({answer for answer in answers.values()}) == 1
    assert "If an invitation is waiting for that address" in answers["who@no.org"][1]


def test_asking_for_a_new_link_sends_one_once_the_last_is_a_few_minutes_old(
    world: World, invite: Any
) -> None:
    first = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    client = Client()
    mail.outbox.clear()
    client.post("/invitation/ask/", {"email": "sam.newcomer@riverside.example"})
    run_jobs()
    assert mail.outbox == []  # one was sent moments ago: no flood of emails
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        client.post("/invitation/ask/", {"email": "sam.newcomer@riverside.example"})
        run_jobs()
        [message] = mail.outbox
        assert link_in(message) != first
        assert "has been replaced" in text(Client().get(first))


def test_asking_for_a_new_link_needs_a_real_email_address(world: World) -> None:
    response = Client().post("/invitation/ask/", {"email": "not an address"})
    assert response.status_code == 400  # shown again with the error, as every form page
    assert "Enter an email address in the correct format" in text(response)


def test_someone_signed_in_as_another_person_is_asked_to_log_out_first(
    world: World, invite: Any, client_for: Any
) -> None:
    link = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    other = client_for(Role.TRAINEE)
    page = text(other.get(link))
    assert "This invitation is for someone else" in page
    assert "Log out" in page
    assert "Welcome to PeerPath" not in page
    assert accept(other, link).status_code == 403
    assert not User.objects.get(email="sam.newcomer@riverside.example").has_usable_password()


def test_removing_someone_before_they_accept_withdraws_the_invitation(
    world: World, invite: Any, client_for: Any
) -> None:
    link = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    user = User.objects.get(email="sam.newcomer@riverside.example")
    client_for(Role.ORG_ADMIN).post(f"/manage/people/{user.public_id}/remove/")
    response = Client().get(link)
    assert response.status_code == 410
    assert "This invitation has been withdrawn" in text(response)
    assert Invitation.objects.get(user=user).withdrawn_at is not None
    assert accept(Client(), link).status_code == 410


# The organisation admin's view -------------------------------------------------------------


def test_admin_sees_who_has_not_accepted_and_resends_after_confirming(
    world: World, invite: Any, client_for: Any
) -> None:
    first = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    accepted = invite("Priya Newcomer", "priya@riverside.example", Role.TRAINEE)
    accept(Client(), accepted)
    admin = client_for(Role.ORG_ADMIN)
    sam = User.objects.get(email="sam.newcomer@riverside.example")
    invitation = Invitation.objects.get(user=sam)

    waiting = text(admin.get("/manage/invitations/"))
    assert "Invitations not accepted" in waiting
    assert "Sam Newcomer" in waiting and "Priya Newcomer" not in waiting
    assert timezone.localdate().strftime("%-d %B %Y") in waiting  # the date it was sent
    assert f'href="/manage/invitations/{invitation.pk}/resend/"' in waiting

    people = text(admin.get("/manage/people/"))
    assert "1 invitation not accepted yet" in people
    assert 'href="/manage/invitations/"' in people
    assert people.count("Invitation not accepted") == 1
    detail = text(admin.get(f"/manage/people/{sam.public_id}/"))
    assert "Invitation sent" in detail and "not accepted yet" in detail
    assert f'href="/manage/invitations/{invitation.pk}/resend/"' in detail

    confirm = admin.get(f"/manage/invitations/{invitation.pk}/resend/")
    assert "Send Sam Newcomer a new invitation link?" in text(confirm)
    assert "The link in any earlier email will stop working." in text(confirm)
    mail.outbox.clear()
    resent = admin.post(f"/manage/invitations/{invitation.pk}/resend/")
    run_jobs()
    assert resent["Location"] == "/manage/invitations/"
    [message] = mail.outbox
    assert message.to == [sam.email]
    fresh = link_in(message)
    assert "New invitation link sent to sam.newcomer@riverside.example." in text(
        admin.get("/manage/invitations/")
    )
    assert "has been replaced" in text(Client().get(first))
    assert "Welcome to PeerPath, Sam Newcomer" in text(Client().get(fresh))
    event = AuditEvent.objects.get(
        object_id=str(invitation.pk), reason="invitation sent again; earlier links no longer work"
    )
    assert (event.actor_id, event.organisation_id) == (
        world.user(Role.ORG_ADMIN).pk,
        world.organisation.pk,
    )


def test_an_accepted_invitation_cannot_be_resent(
    world: World, invite: Any, client_for: Any
) -> None:
    accept(Client(), invite("Priya Newcomer", "priya@riverside.example", Role.TRAINEE))
    invitation = Invitation.objects.get(user__email="priya@riverside.example")
    admin = client_for(Role.ORG_ADMIN)
    mail.outbox.clear()
    response = admin.post(f"/manage/invitations/{invitation.pk}/resend/")
    run_jobs()
    assert response.status_code == 302
    assert mail.outbox == []
    assert "Priya Newcomer has already accepted their invitation." in text(
        admin.get(response["Location"])
    )
    assert Invitation.objects.get(pk=invitation.pk).send_count == 1


def test_another_organisations_invitation_answers_404(world: World, client_for: Any) -> None:
    user_invite(
        organisation=world.other_organisation,
        email="eastfield.new@example.org",
        full_name="East New",
        roles={Role.PSW},
        team=None,
        by=None,
    )
    invitation = Invitation.objects.get(user__email="eastfield.new@example.org")
    admin = client_for(Role.ORG_ADMIN)
    assert admin.get(f"/manage/invitations/{invitation.pk}/resend/").status_code == 404
    assert admin.post(f"/manage/invitations/{invitation.pk}/resend/").status_code == 404
    assert "East New" not in text(admin.get("/manage/invitations/"))


def test_admin_home_counts_waiting_invitations_from_the_same_list(
    world: World, invite: Any, client_for: Any
) -> None:
    admin = client_for(Role.ORG_ADMIN)
    assert "No invitations are waiting to be accepted." in text(admin.get("/"))
    assert "Everyone you invited has accepted." in text(admin.get("/manage/invitations/"))
    invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    invite("Ash Newcomer", "ash@riverside.example", Role.TRAINER)
    accept(Client(), invite("Priya Newcomer", "priya@riverside.example", Role.TRAINEE))
    home = text(admin.get("/"))
    listed = text(admin.get("/manage/invitations/"))
    rows = listed.count('href="/manage/invitations/') - listed.count('href="/manage/invitations/"')
    assert rows == 2
    assert "2 invitations not accepted yet." in home
    assert 'href="/manage/invitations/"' in home


@pytest.mark.parametrize("extra", [2, 10])
def test_invitation_list_query_count_does_not_grow(
    world: World, client_for: Any, django_assert_num_queries: Any, extra: int
) -> None:
    for i in range(extra):
        user_invite(
            organisation=world.organisation,
            email=f"waiting{i}@riverside.example",
            full_name=f"Waiting {i}",
            roles={Role.PSW},
            team=world.team,
            by=world.user(Role.ORG_ADMIN),
        )
    client = client_for(Role.ORG_ADMIN)
    client.get("/manage/invitations/")
    # session, user, memberships, the count and the page of invitations (with their people
    # and inviters), and those people's roles here.
    with django_assert_num_queries(6):
        client.get("/manage/invitations/")


@pytest.mark.parametrize("extra", [2, 10])
def test_admin_home_query_count_does_not_grow_with_invitations(
    world: World, client_for: Any, django_assert_num_queries: Any, extra: int
) -> None:
    for i in range(extra):
        user_invite(
            organisation=world.organisation,
            email=f"waiting{i}@riverside.example",
            full_name=f"Waiting {i}",
            roles={Role.PSW},
            team=None,
            by=None,
        )
    client = client_for(Role.ORG_ADMIN)
    assert f"{extra} invitations not accepted yet." in text(client.get("/"))
    # session, user, memberships, members, teams, invitations waiting, and one each for the
    # workforce section (posts filled and vacant), the learning section (refreshers due)
    # and the rights section (copies of records waiting for review).
    with django_assert_num_queries(9):
        client.get("/")


# Callers of user_invite, and accounts in more than one organisation ---------------------------


def test_user_invite_keeps_its_keywords_for_other_callers(world: World) -> None:
    carer = user_invite(
        organisation=world.organisation,
        email="family@riverside.example",
        full_name="Family Member",
        roles={Role.CARER},
        team=None,
        by=world.user(Role.PSW),
        request=None,
        base_url="https://peerpath.example.org",
    )
    assert carer.email == "family@riverside.example"
    assert set(Membership.objects.filter(user=carer).values_list("role", flat=True)) == {Role.CARER}
    invitation = Invitation.objects.get(user=carer)
    assert invitation.role_labels == ["Carer"]
    assert invitation.invited_by == world.user(Role.PSW)
    assert invitation.team is None
    assert invitation.is_waiting


def test_someone_invited_by_two_organisations_gets_a_link_from_each_and_one_accepts_both(
    world: World, invite: Any
) -> None:
    riverside = invite("Sam Newcomer", "sam.newcomer@riverside.example", Role.PSW)
    mail.outbox.clear()
    user_invite(
        organisation=world.other_organisation,
        email="sam.newcomer@riverside.example",
        full_name="Sam Newcomer",
        roles={Role.TRAINER},
        team=None,
        by=None,
        base_url="http://testserver",
    )
    run_jobs()
    # No password yet, so the second email carries a link too (not "sign in as usual").
    [message] = mail.outbox
    eastfield = link_in(message)
    assert "You already have a PeerPath account" not in message.body
    accept(Client(), riverside)
    assert "This invitation has already been used" in text(Client().get(eastfield))
    assert not Invitation.objects.filter(accepted_at__isnull=True).exists()
    assert AuditEvent.objects.filter(
        organisation_id=world.other_organisation.pk,
        reason="invitation accepted: password created, email address verified",
    ).exists()


def test_someone_who_already_has_a_password_is_told_to_sign_in_and_has_no_invitation_link(
    world: World, client_for: Any
) -> None:
    outsider = world.user("outsider")
    client_for(Role.ORG_ADMIN).post(
        "/manage/people/invite/",
        {"full_name": "Olu", "email": outsider.email, "roles": [Role.TRAINER]},
    )
    run_jobs()
    [message] = mail.outbox
    assert "You already have a PeerPath account" in message.body
    assert LINK.search(str(message.body)) is None
    assert not Invitation.objects.filter(user=outsider).exists()
