"""Reflective practice sessions and professional forums: scheduling, invitations, the
invitees' home, attendance in neutral words, shared learning notes, queries."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import OUTSIDER, World
from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.roles import Role
from peerpath.forums import services
from peerpath.forums.models import Forum, ForumInvitation
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import text
from peerpath.training.tests.factories import (
    AwardFactory,
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "professional_forum",
    "on": "2027-01-14",
    "at": "14:00",
    "place": "Recovery College, room 2",
    "theme": "Boundaries and friendship",
}


def graduate(world: World, name: str) -> Any:
    """A trainee of the organisation with an award: a graduate not yet employed."""
    user: Any = UserFactory(full_name=name)
    MembershipFactory(
        organisation=world.organisation, team=world.team, role=Role.TRAINEE, user=user
    )
    cohort = CohortFactory(programme=ProgrammeFactory(organisation=world.organisation))
    AwardFactory(enrolment=EnrolmentFactory(cohort=cohort, trainee=user))
    return user


def schedule(world: World, days: int = 20, theme: str = "Hope") -> Forum:
    return services.forum_schedule(
        organisation=world.organisation,
        kind="reflective_practice",
        starts_at=timezone.now() + timedelta(days=days),
        place="Team base",
        theme=theme,
        by=world.user(Role.COORDINATOR),
    )


def test_a_coordinator_schedules_and_invites_peer_workers_and_graduates(
    world: World, client_for: Any
) -> None:
    grad = graduate(world, "Dev Graduate")
    still_training: Any = UserFactory(full_name="Still Training")
    MembershipFactory(organisation=world.organisation, role=Role.TRAINEE, user=still_training)
    coordinator = client_for(Role.COORDINATOR)
    response = coordinator.post("/forums/new/", FORM)
    assert response.status_code == 302
    forum = Forum.objects.get()
    assert forum.starts_at.hour == 14 and forum.kind == "professional_forum"
    page = text(coordinator.get(f"/forums/{forum.pk}/invite/"))
    assert "Not invited yet: 1 peer support worker, and 1 graduate" in page
    none_chosen = coordinator.post(f"/forums/{forum.pk}/invite/", {})
    assert none_chosen.status_code == 400 and "Choose who to invite." in text(none_chosen)
    coordinator.post(f"/forums/{forum.pk}/invite/", {"peer_workers": "on", "graduates": "on"})
    invited = set(ForumInvitation.objects.values_list("invitee_id", flat=True))
    assert invited == {world.user(Role.PSW).pk, grad.pk}
    # Inviting again adds nobody twice.
    coordinator.post(f"/forums/{forum.pk}/invite/", {"peer_workers": "on"})
    assert ForumInvitation.objects.count() == 2
    # The PSW sees it on their home; a trainee still training does not.
    home = text(client_for(Role.PSW).get("/"))
    assert "Boundaries and friendship" in home and f"/forums/{forum.pk}/" in home
    assert "Boundaries and friendship" not in text(client_for(Role.TRAINEE).get("/"))


def test_bad_input_comes_back_next_to_the_field(world: World, client_for: Any) -> None:
    response = client_for(Role.COORDINATOR).post(
        "/forums/new/", {**FORM, "at": "teatime", "place": "", "kind": ""}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Enter the start time as hours and minutes, like 14:00." in page
    assert "Enter where it takes place." in page
    assert "Choose what kind of session it is." in page
    assert Forum.objects.count() == 0


def test_only_invitees_and_the_coordinator_open_a_forum(world: World, client_for: Any) -> None:
    forum = schedule(world)
    url = f"/forums/{forum.pk}/"
    assert client_for(Role.COORDINATOR).get(url).status_code == 200
    assert client_for(Role.PSW).get(url).status_code == 404
    services.forum_invite(
        forum=forum, invitees=[world.user(Role.PSW)], by=world.user(Role.COORDINATOR)
    )
    assert client_for(Role.PSW).get(url).status_code == 200
    assert client_for(Role.SUPERVISOR).get(url).status_code == 403
    assert client_for(OUTSIDER).get(url).status_code == 404
    # An invitee reads it but does not run it.
    assert client_for(Role.PSW).get(f"{url}attendance/").status_code == 403


def test_attendance_is_recorded_in_neutral_words(world: World, client_for: Any) -> None:
    forum = schedule(world, days=-3)
    services.forum_invite(
        forum=forum, invitees=[world.user(Role.PSW)], by=world.user(Role.COORDINATOR)
    )
    invitation = ForumInvitation.objects.get()
    coordinator = client_for(Role.COORDINATOR)
    page = text(coordinator.get(f"/forums/{forum.pk}/attendance/"))
    for words in ("Attended", "Sent apologies", "Not there this time"):
        assert words in page
    for penalty in ("failed", "DNA", "did not attend", "absent", "no-show", "non-compliant"):
        assert penalty.lower() not in page.lower()
    saved = coordinator.post(
        f"/forums/{forum.pk}/attendance/",
        {"version": "1", f"attendance_{invitation.pk}": "apologies"},
    )
    assert saved.status_code == 302
    invitation.refresh_from_db()
    assert invitation.attendance == "apologies"
    assert "1 sent apologies" in text(coordinator.get(f"/forums/{forum.pk}/"))
    # A register opened before that save is refused, and changes nothing.
    stale = coordinator.post(
        f"/forums/{forum.pk}/attendance/",
        {"version": "1", f"attendance_{invitation.pk}": "attended"},
    )
    assert stale.status_code == 400 and "Nothing has been overwritten" in text(stale)
    invitation.refresh_from_db()
    assert invitation.attendance == "apologies"
    # The invitee sees their own attendance, in the same words.
    assert "Sent apologies" in text(client_for(Role.PSW).get(f"/forums/{forum.pk}/"))


def test_learning_notes_need_the_no_personal_details_confirmation(
    world: World, client_for: Any
) -> None:
    forum = schedule(world, days=-3)
    coordinator = client_for(Role.COORDINATOR)
    page = text(coordinator.get(f"/forums/{forum.pk}/notes/"))
    assert "no names, initials, places or stories that could identify someone" in page
    notes = {"version": "1", "theme": "Hope", "learning_notes": "Hope is catching."}
    refused = coordinator.post(f"/forums/{forum.pk}/notes/", notes)
    assert refused.status_code == 400
    assert "Confirm that the notes include no personal details of people supported." in text(
        refused
    )
    saved = coordinator.post(
        f"/forums/{forum.pk}/notes/", {**notes, "notes_have_no_personal_details": "on"}
    )
    assert saved.status_code == 302
    forum.refresh_from_db()
    assert forum.learning_notes == "Hope is catching." and forum.notes_have_no_personal_details


@pytest.mark.parametrize("forums", [2, 25])
def test_lists_and_homes_have_flat_query_counts(
    world: World, client_for: Any, django_assert_num_queries: Any, forums: int
) -> None:
    psw = world.user(Role.PSW)
    for n in range(forums):
        forum = schedule(world, days=n + 1, theme=f"Theme {n}")
        services.forum_invite(forum=forum, invitees=[psw], by=world.user(Role.COORDINATOR))
    for role, url, expected in (
        (Role.COORDINATOR, "/forums/", 5),
        (Role.PSW, "/forums/", 5),
    ):
        client = client_for(role)
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


def test_the_invitees_and_coordinators_homes_stay_flat_as_forums_grow(
    world: World, client_for: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    psw = world.user(Role.PSW)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            forum = schedule(world, days=i + 1, theme=f"Theme {i}")
            services.forum_invite(forum=forum, invitees=[psw], by=world.user(Role.COORDINATOR))

    def count(role: Role) -> int:
        client = client_for(role)
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    add(2, 0)
    before = {role: count(role) for role in (Role.PSW, Role.COORDINATOR)}
    add(20, 2)
    assert {role: count(role) for role in (Role.PSW, Role.COORDINATOR)} == before


def test_the_demo_has_an_upcoming_forum_and_a_past_session_with_notes() -> None:
    import io

    from django.core.management import call_command

    from peerpath.nonprod.demo import DEMO_ORGANISATION
    from peerpath.nonprod.forums_demo import seed_forums
    from peerpath.organisations.models import Organisation

    call_command("seed_demo_data", stdout=io.StringIO())
    demo = Organisation.objects.get(name=DEMO_ORGANISATION)
    now = timezone.now()
    upcoming = Forum.objects.get(organisation=demo, starts_at__gte=now, cancelled_at=None)
    past = Forum.objects.get(organisation=demo, starts_at__lt=now)
    cancelled = Forum.objects.get(organisation=demo, cancelled_at__isnull=False)
    assert cancelled.cancelled_reason.startswith("The facilitator is unwell.")
    assert upcoming.kind == "professional_forum" and past.kind == "reflective_practice"
    assert past.learning_notes and past.notes_have_no_personal_details
    jordan = upcoming.invitations.filter(invitee__email="psw@peerpath.example")
    assert jordan.exists()
    assert seed_forums(demo) == 0
