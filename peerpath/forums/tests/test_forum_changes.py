"""Rescheduling and editing a session, cancelling it with a reason, and inviting one named
person: the version check, the emails the worker sends (never the request), the audit."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import OUTSIDER, World
from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.forums import services
from peerpath.forums.models import Forum, ForumInvitation
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import text
from peerpath.training.tests.factories import (
    AwardFactory,
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def schedule(world: World, *, invite: bool = True) -> Forum:
    forum = services.forum_schedule(
        organisation=world.organisation,
        kind="reflective_practice",
        starts_at=(timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0),
        place="Team base",
        theme="Hope",
        by=world.user(Role.COORDINATOR),
    )
    if invite:
        services.forum_invite(
            forum=forum, invitees=[world.user(Role.PSW)], by=world.user(Role.COORDINATOR)
        )
    return forum


def edit_data(forum: Forum, **changes: str) -> dict[str, str]:
    starts = timezone.localtime(forum.starts_at)
    return {
        "version": str(forum.version),
        "on": starts.date().isoformat(),
        "at": starts.strftime("%H:%M"),
        "place": forum.place,
        "theme": forum.theme,
        "description": forum.description,
        **changes,
    }


def test_a_coordinator_reschedules_and_invitees_are_emailed_by_the_worker(
    world: World, client_for: Any
) -> None:
    forum = schedule(world)
    coordinator = client_for(Role.COORDINATOR)
    detail = text(coordinator.get(f"/forums/{forum.pk}/"))
    assert "Change or reschedule the session" in detail and "Cancel the session" in detail
    new_day = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = coordinator.post(
        f"/forums/{forum.pk}/change/",
        edit_data(forum, on=new_day, at="10:30", place="Recovery College, room 3"),
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert timezone.localtime(forum.starts_at).strftime("%Y-%m-%d %H:%M") == f"{new_day} 10:30"
    assert forum.place == "Recovery College, room 3" and forum.version == 2
    # Nothing was sent in the request; the worker sends one email per invitee.
    assert mail.outbox == []
    run_jobs()
    run_jobs()
    [email] = mail.outbox
    assert email.to == [world.user(Role.PSW).email]
    assert "Recovery College, room 3" in email.body and "10:30" in email.body
    assert AuditEvent.objects.filter(reason="rescheduled").count() == 1


def test_changing_only_the_title_or_description_emails_nobody(
    world: World, client_for: Any
) -> None:
    forum = schedule(world)
    coordinator = client_for(Role.COORDINATOR)
    response = coordinator.post(
        f"/forums/{forum.pk}/change/",
        edit_data(forum, theme="Hope and boundaries", description="Bring a cup of tea."),
    )
    assert response.status_code == 302
    run_jobs()
    run_jobs()
    assert mail.outbox == []
    forum.refresh_from_db()
    assert forum.theme == "Hope and boundaries" and forum.description == "Bring a cup of tea."
    assert "Bring a cup of tea." in text(client_for(Role.PSW).get(f"/forums/{forum.pk}/"))


def test_a_stale_edit_is_refused_and_changes_nothing(world: World, client_for: Any) -> None:
    forum = schedule(world)
    coordinator = client_for(Role.COORDINATOR)
    opened = edit_data(forum)
    assert (
        coordinator.post(f"/forums/{forum.pk}/change/", {**opened, "theme": "First"}).status_code
        == 302
    )
    stale = coordinator.post(f"/forums/{forum.pk}/change/", {**opened, "theme": "Second"})
    assert stale.status_code == 400 and "Nothing has been overwritten" in text(stale)
    forum.refresh_from_db()
    assert forum.theme == "First"


def test_bad_input_on_the_edit_comes_back_next_to_the_field(world: World, client_for: Any) -> None:
    forum = schedule(world)
    response = client_for(Role.COORDINATOR).post(
        f"/forums/{forum.pk}/change/", edit_data(forum, at="noonish", place="")
    )
    assert response.status_code == 400
    page = text(response)
    assert "Enter the start time as hours and minutes, like 14:00." in page
    assert "Enter where it takes place." in page


def test_a_cancelled_session_is_kept_with_its_reason_and_invitees_are_told(
    world: World, client_for: Any
) -> None:
    forum = schedule(world)
    coordinator = client_for(Role.COORDINATOR)
    confirm = text(coordinator.get(f"/forums/{forum.pk}/cancel/"))
    assert "Are you sure you want to cancel" in confirm and "1 person invited" in confirm
    no_reason = coordinator.post(f"/forums/{forum.pk}/cancel/", {"version": "1", "reason": ""})
    assert no_reason.status_code == 400
    assert "Enter why the session is cancelled." in text(no_reason)
    done = coordinator.post(
        f"/forums/{forum.pk}/cancel/", {"version": "1", "reason": "The room flooded."}
    )
    assert done.status_code == 302
    forum.refresh_from_db()
    assert forum.is_cancelled and forum.cancelled_reason == "The room flooded."
    assert forum.cancelled_by == world.user(Role.COORDINATOR)
    assert Forum.objects.filter(pk=forum.pk).exists()
    run_jobs()
    run_jobs()
    [email] = mail.outbox
    assert "is cancelled" in email.subject and "The room flooded." in email.body
    # The invitee still opens it, sees why, and it leaves their home's coming-up list.
    page = text(client_for(Role.PSW).get(f"/forums/{forum.pk}/"))
    assert "Cancelled" in page and "The room flooded." in page
    assert f"/forums/{forum.pk}/" not in text(client_for(Role.PSW).get("/"))
    assert "Cancelled" in text(coordinator.get("/forums/"))
    # A cancelled session is not changed, cancelled again, or invited to.
    detail = text(coordinator.get(f"/forums/{forum.pk}/"))
    assert "Change or reschedule the session" not in detail
    for url in ("change/", "cancel/", "invite/", "invite/one/"):
        assert coordinator.get(f"/forums/{forum.pk}/{url}").status_code == 404
    assert AuditEvent.objects.filter(reason="cancelled").count() == 1


def test_invite_one_named_person_once(world: World, client_for: Any) -> None:
    forum = schedule(world, invite=False)
    graduate: Any = UserFactory(full_name="Dev Graduate")
    MembershipFactory(organisation=world.organisation, role=Role.TRAINEE, user=graduate)
    cohort = CohortFactory(programme=ProgrammeFactory(organisation=world.organisation))
    AwardFactory(enrolment=EnrolmentFactory(cohort=cohort, trainee=graduate))
    still_training: Any = UserFactory(full_name="Still Training")
    MembershipFactory(organisation=world.organisation, role=Role.TRAINEE, user=still_training)
    coordinator = client_for(Role.COORDINATOR)
    url = f"/forums/{forum.pk}/invite/one/"
    page = text(coordinator.get(url))
    assert "Dev Graduate" in page and world.user(Role.PSW).display_name in page
    # Only peer workers and graduates not employed are offered: not a trainee in training,
    # nor a supervisor, nor anyone of another organisation.
    assert "Still Training" not in page
    assert world.user(Role.SUPERVISOR).display_name not in page
    wrong = coordinator.post(url, {"invitee": str(still_training.pk)})
    assert wrong.status_code == 400
    assert "Choose a peer support worker or a graduate from the list." in text(wrong)
    assert coordinator.post(url, {"invitee": str(graduate.pk)}).status_code == 302
    assert list(ForumInvitation.objects.values_list("invitee_id", flat=True)) == [graduate.pk]
    again = coordinator.post(url, {"invitee": str(graduate.pk)})
    assert again.status_code == 400
    assert "Dev Graduate is already invited to this session." in text(again)
    assert ForumInvitation.objects.count() == 1
    assert "Dev Graduate (already invited)" in text(coordinator.get(url))
    run_jobs()
    run_jobs()
    [email] = mail.outbox
    assert email.to == [graduate.email] and "you are invited" in email.subject
    assert f"/forums/{forum.pk}/" in text(client_for_user(client_for, graduate))


def client_for_user(client_for: Any, user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get("/")


def test_only_the_coordinator_changes_cancels_and_invites(world: World, client_for: Any) -> None:
    forum = schedule(world)
    for url in ("change/", "cancel/", "invite/one/"):
        assert client_for(Role.PSW).get(f"/forums/{forum.pk}/{url}").status_code == 403
        assert client_for(OUTSIDER).get(f"/forums/{forum.pk}/{url}").status_code in (403, 404)
    assert "Change or reschedule" not in text(client_for(Role.PSW).get(f"/forums/{forum.pk}/"))


def test_the_change_rule_says_yes_and_no(world: World) -> None:
    forum = schedule(world, invite=False)
    coordinator = actor_for(world.user(Role.COORDINATOR), world.organisation)
    psw = actor_for(world.user(Role.PSW), world.organisation)
    outsider = actor_for(world.user(OUTSIDER), world.other_organisation)
    assert coordinator.may("forums.change_forum", forum)
    assert not psw.may("forums.change_forum", forum)
    assert not outsider.may("forums.change_forum", forum)
    services.forum_cancel(
        forum=forum, reason="Snow", expected_version=forum.version, by=world.user(Role.COORDINATOR)
    )
    forum.refresh_from_db()
    assert not coordinator.may("forums.change_forum", forum)
    assert coordinator.may("forums.run_forum", forum)
