import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from conftest import World
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.organisations import selectors
from peerpath.organisations.models import Membership, Team
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db

User = get_user_model()


def roles_of(user: Any, world: World) -> set[str]:
    return set(
        Membership.objects.filter(user=user, organisation=world.organisation).values_list(
            "role", flat=True
        )
    )


def test_another_organisations_member_answers_404_and_the_attempt_is_audited(
    world: World, client_for: Any
) -> None:
    outsider = world.user("outsider")
    response = client_for(Role.ORG_ADMIN).get(f"/manage/people/{outsider.public_id}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert outsider.email not in response.content.decode()
    event = AuditEvent.objects.get(outcome=AuditOutcome.NOT_FOUND)
    assert event.actor_id == world.user(Role.ORG_ADMIN).pk
    assert event.object_type == "accounts.user"
    assert event.object_id == str(outsider.public_id)
    assert event.reason == "another organisation's record"
    assert event.path == f"/manage/people/{outsider.public_id}/"


def test_another_organisations_team_answers_404_and_the_attempt_is_audited(
    world: World, client_for: Any
) -> None:
    response = client_for("outsider").get(f"/manage/teams/{world.team.pk}/")
    assert response.status_code == 404
    assert world.team.name not in response.content.decode()
    event = AuditEvent.objects.get(outcome=AuditOutcome.NOT_FOUND)
    assert (event.actor_id, event.object_type, event.object_id) == (
        world.user("outsider").pk,
        "organisations.team",
        str(world.team.pk),
    )


def test_a_missing_record_answers_the_same_404(world: World, client_for: Any) -> None:
    response = client_for(Role.ORG_ADMIN).get("/manage/teams/999999/")
    assert response.status_code == 404
    assert AuditEvent.objects.get(outcome=AuditOutcome.NOT_FOUND).reason == "no such record"


def test_member_list_shows_only_this_organisation(world: World, client_for: Any) -> None:
    page = client_for(Role.ORG_ADMIN).get("/manage/people/").content.decode()
    assert world.user(Role.PSW).email in page
    assert "outsider@eastfield.example" not in page


def test_member_list_search(world: World, client_for: Any) -> None:
    page = client_for(Role.ORG_ADMIN).get("/manage/people/", {"q": "Trainer"}).content.decode()
    assert world.user(Role.TRAINER).email in page
    assert world.user(Role.PSW).email not in page
    page = client_for(Role.ORG_ADMIN).get("/manage/people/", {"q": "zzz"}).content.decode()
    assert "Nobody matches “zzz”." in page


@pytest.mark.parametrize("extra", [2, 12])
def test_member_list_query_count_does_not_grow(
    world: World, client_for: Any, django_assert_num_queries: Any, extra: int
) -> None:
    for i in range(extra):
        user = User.objects.create_user(email=f"extra{i}@riverside.example", full_name=f"X {i}")
        Membership.objects.create(
            user=user, organisation=world.organisation, role=Role.PSW, team=world.team
        )
    client = client_for(Role.ORG_ADMIN)
    client.get("/manage/people/")
    # session, user, memberships, count, page of users, their memberships with teams,
    # and the count of invitations not accepted.
    with django_assert_num_queries(7):
        client.get("/manage/people/")


def test_invite_creates_the_account_roles_and_sends_a_password_link(
    world: World, client_for: Any
) -> None:
    admin = client_for(Role.ORG_ADMIN)
    response = admin.post(
        "/manage/people/invite/",
        {
            "full_name": "Sam Newcomer",
            "email": "Sam.Newcomer@Riverside.example",
            "roles": [Role.PSW, Role.TRAINER],
            "team": world.team.pk,
        },
    )
    run_jobs()
    user = User.objects.get(email="sam.newcomer@riverside.example")
    assert response.status_code == 302
    assert response["Location"] == f"/manage/people/{user.public_id}/"
    assert not user.has_usable_password()
    assert roles_of(user, world) == {Role.PSW, Role.TRAINER}
    assert set(Membership.objects.filter(user=user).values_list("team", flat=True)) == {
        world.team.pk
    }
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="organisations.membership", object_id=str(user.pk)
    ).exists()
    [email] = mail.outbox
    assert email.to == ["sam.newcomer@riverside.example"]
    assert "as: Trainer, Peer support worker." in email.body
    link = re.search(r"http://testserver(/invitation/\S+/)", str(email.body))
    assert link is not None

    # The link welcomes the new person, lets them choose a password and logs them in; the
    # address is verified, so two-factor set-up (they are staff) follows at once.
    visitor = Client()
    form_page = visitor.get(link.group(1))
    assert form_page.status_code == 200
    assert "Welcome to PeerPath, Sam Newcomer" in form_page.content.decode()
    set_password = visitor.post(
        link.group(1),
        {"password1": "a long new password 42", "password2": "a long new password 42"},
    )
    assert set_password.status_code == 302
    assert set_password["Location"] == "/accounts/2fa/totp/activate/"
    user.refresh_from_db()
    assert user.check_password("a long new password 42")
    assert EmailAddress.objects.get(user=user).verified


def test_invite_explains_what_is_missing(world: World, client_for: Any) -> None:
    response = client_for(Role.ORG_ADMIN).post("/manage/people/invite/", {"email": "not-an-email"})
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Enter the person's full name." in page
    assert "Enter an email address in the correct format" in page
    assert "Choose at least one role." in page
    assert not User.objects.filter(email="not-an-email").exists()


def test_inviting_an_existing_member_is_refused_without_changes(
    world: World, client_for: Any
) -> None:
    psw = world.user(Role.PSW)
    response = client_for(Role.ORG_ADMIN).post(
        "/manage/people/invite/",
        {"full_name": "Again", "email": psw.email, "roles": [Role.ORG_ADMIN]},
    )
    assert response.status_code == 400
    assert "already a member here" in response.content.decode()
    assert roles_of(psw, world) == {Role.PSW}
    assert mail.outbox == []


def test_inviting_someone_from_another_organisation_adds_roles_to_their_account(
    world: World, client_for: Any
) -> None:
    outsider = world.user("outsider")
    client_for(Role.ORG_ADMIN).post(
        "/manage/people/invite/",
        {"full_name": "Olu", "email": outsider.email, "roles": [Role.TRAINER]},
    )
    run_jobs()
    assert roles_of(outsider, world) == {Role.TRAINER}
    [email] = mail.outbox
    assert "You already have a PeerPath account" in email.body


def seen(world: World, user: Any) -> str:
    """What the member page's version check carries: the roles and team it showed."""
    return selectors.member_state(selectors.member_get(world.organisation, user))


def test_changing_roles_and_team(world: World, client_for: Any) -> None:
    psw = world.user(Role.PSW)
    other_team = Team.objects.create(organisation=world.organisation, name="Crisis team")
    response = client_for(Role.ORG_ADMIN).post(
        f"/manage/people/{psw.public_id}/",
        {"roles": [Role.PSW, Role.SUPERVISOR], "team": other_team.pk, "expected": seen(world, psw)},
    )
    assert response.status_code == 302
    assert roles_of(psw, world) == {Role.PSW, Role.SUPERVISOR}
    assert set(Membership.objects.filter(user=psw).values_list("team", flat=True)) == {
        other_team.pk
    }
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(psw.pk))
    assert "Peer supervisor" in event.reason


def test_a_stale_change_of_roles_is_refused_and_the_first_kept(
    world: World, client_for: Any
) -> None:
    psw = world.user(Role.PSW)
    client = client_for(Role.ORG_ADMIN)
    url = f"/manage/people/{psw.public_id}/"
    stale = seen(world, psw)
    first = client.post(url, {"roles": [Role.PSW, Role.TRAINER], "expected": stale})
    assert first.status_code == 302
    second = client.post(url, {"roles": [Role.PSW, Role.SUPERVISOR], "expected": stale})
    assert second.status_code == 400
    assert "Someone else saved these roles while this page was open." in second.content.decode()
    assert roles_of(psw, world) == {Role.PSW, Role.TRAINER}


def test_a_team_from_another_organisation_cannot_be_chosen(world: World, client_for: Any) -> None:
    psw = world.user(Role.PSW)
    response = client_for(Role.ORG_ADMIN).post(
        f"/manage/people/{psw.public_id}/", {"roles": [Role.PSW], "team": world.other_team.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert set(Membership.objects.filter(user=psw).values_list("team", flat=True)) == {
        world.team.pk
    }


def test_the_last_organisation_admin_cannot_be_removed(world: World, client_for: Any) -> None:
    admin_user = world.user(Role.ORG_ADMIN)
    client = client_for(Role.ORG_ADMIN)
    response = client.post(f"/manage/people/{admin_user.public_id}/remove/")
    assert response.status_code == 400
    assert "at least one organisation admin" in response.content.decode()
    assert roles_of(admin_user, world) == {Role.ORG_ADMIN}
    response = client.post(
        f"/manage/people/{admin_user.public_id}/",
        {"roles": [Role.PSW], "expected": seen(world, admin_user)},
    )
    assert "at least one organisation admin" in response.content.decode()
    assert roles_of(admin_user, world) == {Role.ORG_ADMIN}


def test_removing_a_member_asks_first_then_keeps_their_account(
    world: World, client_for: Any
) -> None:
    psw = world.user(Role.PSW)
    client = client_for(Role.ORG_ADMIN)
    confirm = client.get(f"/manage/people/{psw.public_id}/remove/")
    assert "Yes, remove" in confirm.content.decode()
    assert roles_of(psw, world) == {Role.PSW}
    response = client.post(f"/manage/people/{psw.public_id}/remove/")
    assert response.status_code == 302
    assert roles_of(psw, world) == set()
    assert User.objects.filter(pk=psw.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(psw.pk)).exists()
    assert client.get(f"/manage/people/{psw.public_id}/").status_code == 404


def test_teams_can_be_added_and_names_must_differ(world: World, client_for: Any) -> None:
    client = client_for(Role.ORG_ADMIN)
    assert client.post("/manage/teams/", {"name": "Crisis team"}).status_code == 302
    assert Team.objects.filter(organisation=world.organisation, name="Crisis team").exists()
    response = client.post("/manage/teams/", {"name": "crisis TEAM"})
    assert "There is already a team with this name." in response.content.decode()
    assert Team.objects.filter(organisation=world.organisation).count() == 2


def test_switching_organisation_changes_what_the_user_sees(world: World, client_for: Any) -> None:
    psw = world.user(Role.PSW)
    Membership.objects.create(user=psw, organisation=world.other_organisation, role=Role.TRAINEE)
    client = client_for(Role.PSW)
    assert "No people on your caseload yet." in client.get("/").content.decode()
    client.post("/organisation/switch/", {"organisation": world.other_organisation.pk})
    page = client.get("/").content.decode()
    # Only a trainee there: not "working in", but still told whose account this is.
    assert "Showing your account with Eastfield Recovery College." in page
    assert "You are not enrolled on a course yet." in page
    assert "No people on your caseload yet." not in page


def test_an_organisation_the_user_does_not_belong_to_cannot_be_chosen(
    world: World, client_for: Any
) -> None:
    client = client_for(Role.PSW)
    response = client.post("/organisation/switch/", {"organisation": world.other_organisation.pk})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "You are working in Riverside NHS Foundation Trust." in page
    assert "Choose one of your organisations." in page


def test_admin_resets_a_lost_authenticator_after_confirming(world: World, client_for: Any) -> None:
    from allauth.mfa.models import Authenticator

    psw = world.user(Role.PSW)
    client = client_for(Role.ORG_ADMIN)
    detail = client.get(f"/manage/people/{psw.public_id}/").content.decode()
    assert "Reset two-factor authentication for" in detail
    confirm = client.get(f"/manage/people/{psw.public_id}/reset-two-factor/")
    assert "Check it is really them" in confirm.content.decode()
    assert Authenticator.objects.filter(user=psw).exists()
    response = client.post(f"/manage/people/{psw.public_id}/reset-two-factor/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=psw).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(psw.pk), reason="two-factor authentication reset"
    ).exists()
    # At their next log-in they are asked to set it up again.
    psw_client = client_for(Role.PSW)
    assert psw_client.get("/")["Location"] == "/accounts/2fa/totp/activate/"


def test_admin_unlocks_a_locked_account(world: World, client_for: Any) -> None:
    trainee = world.user(Role.TRAINEE)
    for _ in range(5):
        Client().post("/accounts/login/", {"login": trainee.email, "password": "wrong"})
    client = client_for(Role.ORG_ADMIN)
    detail = client.get(f"/manage/people/{trainee.public_id}/").content.decode()
    assert "Locked after repeated wrong passwords" in detail
    assert client.post(f"/manage/people/{trainee.public_id}/unlock/").status_code == 302
    assert "Not locked" in client.get(f"/manage/people/{trainee.public_id}/").content.decode()
    from conftest import TEST_PASSWORD

    login = Client().post("/accounts/login/", {"login": trainee.email, "password": TEST_PASSWORD})
    assert login["Location"] == "/"
    assert AuditEvent.objects.filter(reason="account unlocked", object_id=str(trainee.pk)).exists()
