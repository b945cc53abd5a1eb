import re
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.panels import read_panels
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.groups import panels
from peerpath.groups.models import Attendance, GroupSession, PeerGroup, Presence
from peerpath.groups.tests.helpers import error_next_to, group_data, supported
from peerpath.organisations.tests.factories import MembershipFactory, TeamFactory
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text, words

pytestmark = pytest.mark.django_db

PENALTY_WORDS = ("DNA", "no-show", "no show", "failed", "did not attend")


# Groups: who sees them, creating and editing


def test_create_explains_a_missing_facilitator_next_to_the_field(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    before = PeerGroup.objects.count()
    response = client.post("/groups/new/", group_data(world, name="", facilitators=[]))
    assert response.status_code == 400
    assert "Error: Create a peer group" in text(response)
    assert error_next_to(response, "id_facilitators") == "Error: Choose at least one facilitator."
    assert error_next_to(response, "id_name") == "Error: Enter the name of the group."
    assert PeerGroup.objects.count() == before


def test_create_refuses_a_facilitator_from_another_team(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other_psw = world.peers["psw in another team"]
    response = client_for(Role.PSW).post(
        "/groups/new/", group_data(world, facilitators=[str(other_psw.pk)])
    )
    assert response.status_code == 400
    assert error_next_to(response, "id_facilitators") == (
        "Error: Choose facilitators from the peer support workers of the group's team."
    )
    assert not PeerGroup.objects.filter(name="Thursday Hearing Voices Group").exists()


def test_a_supervisor_of_two_teams_cannot_mix_facilitators_across_teams(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    supervisor = world.peers["supervisor of another team"]
    MembershipFactory(
        user=supervisor, organisation=world.organisation, role=Role.PSW, team=world.team
    )
    client = Client()
    client.force_login(supervisor)
    other_team = world.other_team_group.team
    response = client.post(
        "/groups/new/",
        group_data(world, team=str(other_team.pk), facilitators=[str(world.user(Role.PSW).pk)]),
    )
    assert response.status_code == 400
    assert error_next_to(response, "id_facilitators") == (
        "Error: Facilitators must be peer support workers of Northfield Peer Team: "
        "Peer support worker Riverside works in another team."
    )


def test_a_psw_creates_a_group_in_their_team_and_it_is_audited(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    response = client.post("/groups/new/", group_data(world))
    group = PeerGroup.objects.get(name="Thursday Hearing Voices Group")
    assert response.status_code == 302
    assert response["Location"] == f"/groups/{group.pk}/"
    assert group.team == world.team
    assert group.organisation == world.organisation
    assert list(group.facilitators.all()) == [world.user(Role.PSW)]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="groups.peergroup", object_id=str(group.pk)
    ).exists()
    page = text(client.get(f"/groups/{group.pk}/"))
    assert "A safe space to talk about hearing voices" in page
    assert "Nobody has joined yet." in page and "No sessions yet." in page


def test_a_name_already_used_in_the_organisation_is_explained(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    response = client_for(Role.PSW).post(
        "/groups/new/", group_data(world, name="tuesday  peer group")
    )
    assert response.status_code == 400
    assert error_next_to(response, "id_name") == (
        "Error: There is already a group called “tuesday peer group”. Choose another name."
    )


def test_two_editors_do_not_overwrite_each_other(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    group = world.group
    client = client_for(Role.PSW)
    form = text(client.get(f"/groups/{group.pk}/edit/"))
    assert 'value="Tuesday Peer Group"' in form
    first = group_data(world, name="Tuesday Circle", version=str(group.version))
    assert client.post(f"/groups/{group.pk}/edit/", first).status_code == 302
    stale = client.post(
        f"/groups/{group.pk}/edit/", group_data(world, name="Tuesday Talk", version="1")
    )
    assert stale.status_code == 400
    page = text(stale)
    assert "Someone else saved this group while this page was open." in page
    assert 'value="Tuesday Talk"' in page  # the second editor's text is kept on the form
    group.refresh_from_db()
    assert (group.name, group.version) == ("Tuesday Circle", 2)
    # Saving again from the re-shown form (it carries the new version) goes through.
    again = group_data(world, name="Tuesday Talk", version="2")
    assert client.post(f"/groups/{group.pk}/edit/", again).status_code == 302
    group.refresh_from_db()
    assert group.name == "Tuesday Talk"


def test_the_list_shows_the_callers_teams_groups_only(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    for role in (Role.PSW, Role.SUPERVISOR):
        page = text(client_for(role).get("/groups/"))
        assert "Tuesday Peer Group" in page
        assert "Northfield Walk and Talk" not in page
        assert "1 member" in page
    other = Client()
    other.force_login(world.peers["psw in another team"])
    page = text(other.get("/groups/"))
    assert "Northfield Walk and Talk" in page and "Tuesday Peer Group" not in page


def test_a_psw_sees_a_group_they_facilitate_in_another_team(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    world.other_team_group.facilitators.add(world.user(Role.PSW))
    assert "Northfield Walk and Talk" in text(client_for(Role.PSW).get("/groups/"))
    assert client_for(Role.PSW).get(f"/groups/{world.other_team_group.pk}/").status_code == 200


def test_the_list_has_an_empty_state(world: Any) -> None:
    team = TeamFactory(organisation=world.organisation, name="New Team")
    user = world.user(Role.PSW)
    user.memberships.filter(role=Role.PSW).update(team=team)
    client = Client()
    client.force_login(user)
    page = text(client.get("/groups/"))
    assert "There are no peer groups in your team yet." in page
    assert "Create a group" in page


def test_another_teams_or_organisations_group_is_not_found(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other = world.other_team_group
    for role in (Role.PSW, Role.SUPERVISOR):
        client = client_for(role)
        for path in (
            f"/groups/{other.pk}/",
            f"/groups/{other.pk}/edit/",
            f"/groups/{other.pk}/members/add/",
            f"/groups/{other.pk}/sessions/new/",
        ):
            assert client.get(path).status_code == 404, (role, path)
    outsider = client_for("outsider")
    assert outsider.get(f"/groups/{world.group.pk}/").status_code == 404
    assert "Tuesday Peer Group" not in text(outsider.get("/groups/"))
    # A session of one group cannot be reached through another group's address.
    session = GroupSession.objects.create(
        organisation=world.organisation, group=other, starts_at=timezone.now()
    )
    url = f"/groups/{world.group.pk}/sessions/{session.pk}/register/"
    assert client_for(Role.PSW).get(url).status_code == 404


def test_other_roles_are_refused(caseload_world: Any, client_for: Any) -> None:
    for role in (Role.TRAINEE, Role.CARER, Role.ORG_ADMIN):
        assert client_for(role).get("/groups/").status_code == 403


# Members


def test_members_are_limited_to_people_the_caller_supports(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    mine = supported(world, "Bea Shaw")
    elsewhere = supported(world, "Cal Reed", worker=world.peers["psw in the same team"])
    client = client_for(Role.PSW)
    search = f"/groups/{world.group.pk}/members/search/"
    assert "Bea Shaw" in text(client.get(search, {"people_q": "shaw"}))
    assert "Nobody matches “Reed”" in text(client.get(search, {"people_q": "Reed"}))
    assert "Nobody matches “Alex”" in text(client.get(search, {"people_q": "Alex"}))  # a member
    refused = client.post(f"/groups/{world.group.pk}/members/add/", {"people": [elsewhere.pk]})
    assert refused.status_code == 400
    assert error_next_to(refused, "id_people") == (
        "Error: You can add only people you support who are not in the group yet."
    )
    assert not world.group.members.filter(pk=elsewhere.pk).exists()
    empty = client.post(f"/groups/{world.group.pk}/members/add/", {})
    assert error_next_to(empty, "id_people") == "Error: Choose at least one person to add."
    added = client.post(f"/groups/{world.group.pk}/members/add/", {"people": [mine.pk]})
    assert added.status_code == 302
    assert set(world.group.members.all()) == {world.person, mine}
    joined = AuditEvent.objects.get(person_id=mine.pk, action=AuditAction.UPDATE)
    assert "joined the peer group “Tuesday Peer Group”" in joined.reason


def test_the_supervisor_may_add_anyone_in_their_team(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    elsewhere = supported(world, "Cal Reed", worker=world.peers["psw in the same team"])
    client = client_for(Role.SUPERVISOR)
    response = client.post(f"/groups/{world.group.pk}/members/add/", {"people": [elsewhere.pk]})
    assert response.status_code == 302
    assert world.group.members.filter(pk=elsewhere.pk).exists()


def test_adding_several_people_audits_each_in_one_insert(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    people = [supported(world, f"Person {n}") for n in range(3)]
    client = client_for(Role.PSW)
    with CaptureQueriesContext(connection) as queries:
        client.post(f"/groups/{world.group.pk}/members/add/", {"people": [p.pk for p in people]})
    audit_inserts = [
        q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "core_auditevent"')
    ]
    assert len(audit_inserts) == 1
    joined = AuditEvent.objects.filter(reason__startswith="joined the peer group")
    assert Counter(joined.values_list("person_id", flat=True)) == Counter(p.pk for p in people)


def test_members_are_shown_with_a_second_identifier_and_removing_keeps_attendance(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    page = words(client.get(f"/groups/{world.group.pk}/"))
    # The name they go by, and beside it who they are (issue 9: a second identifier).
    assert "Alex (Alex Morgan, born 17 May 1990)" in page
    listed = AuditEvent.objects.filter(
        person_id=world.person.pk, reason=f"members of peer group {world.group.pk}"
    )
    assert listed.count() == 1
    url = f"/groups/{world.group.pk}/members/{world.person.pk}/remove/"
    confirm = text(client.get(url))
    assert "Remove Alex from Tuesday Peer Group?" in confirm
    assert "stay on record" in confirm
    assert world.group.members.filter(pk=world.person.pk).exists()  # GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert not world.group.members.filter(pk=world.person.pk).exists()
    assert Attendance.objects.filter(person=world.person, session=world.group_session).exists()
    left = AuditEvent.objects.get(person_id=world.person.pk, reason__startswith="left the peer")
    assert left.action == AuditAction.UPDATE
    # Someone no longer in the group cannot be removed again.
    assert client.post(url).status_code == 404
    # Their recorded attendance still shows on the register, marked as having left.
    register = words(
        client.get(f"/groups/{world.group.pk}/sessions/{world.group_session.pk}/register/")
    )
    assert "Alex (Alex Morgan, born 17 May 1990) (no longer in the group)" in register


# Sessions and the register


def test_adding_a_session_explains_mistakes_and_then_saves(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    url = f"/groups/{world.group.pk}/sessions/new/"
    bad = client.post(url, {**date_boxes("on", "2026-02-30"), "at": "", "topic": "Sleep"})
    assert bad.status_code == 400
    assert error_next_to(bad, "id_on") == "Error: Date of the session must be a real date"
    assert error_next_to(bad, "id_at") == "Error: Enter the time the session starts."
    assert world.group.sessions.count() == 1
    good = client.post(url, {**date_boxes("on", "2026-12-01"), "at": "18:30", "topic": "Sleep"})
    assert good.status_code == 302
    session = world.group.sessions.get(topic="Sleep")
    assert timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M") == "2026-12-01 18:30"
    assert session.organisation == world.organisation
    page = text(client.get(f"/groups/{world.group.pk}/"))
    assert "1 December 2026, 18:30" in page and "Register not taken yet" in page


def test_sessions_are_listed_newest_first_ten_to_a_page(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    start = timezone.now() - timedelta(days=100)
    for week in range(11):
        GroupSession.objects.create(
            organisation=world.organisation,
            group=world.group,
            starts_at=start + timedelta(days=7 * week),
            topic=f"Week {week:02d}",
        )
    client = client_for(Role.PSW)
    first = text(client.get(f"/groups/{world.group.pk}/"))
    topics = re.findall(r"Week \d\d|Hope", first)
    assert topics == [
        "Hope",
        "Week 10",
        "Week 09",
        "Week 08",
        "Week 07",
        "Week 06",
        "Week 05",
        "Week 04",
        "Week 03",
        "Week 02",
    ]
    assert "Page 1 of 2" in first
    second = text(client.get(f"/groups/{world.group.pk}/", {"page": 2}))
    assert re.findall(r"Week \d\d|Hope", second) == ["Week 01", "Week 00"]


def test_the_register_saves_and_re_saves_in_one_go(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    bea = supported(world, "Bea Shaw")
    world.group.members.add(bea)
    session = GroupSession.objects.create(
        organisation=world.organisation, group=world.group, starts_at=timezone.now(), topic="Sleep"
    )
    client = client_for(Role.PSW)
    url = f"/groups/{world.group.pk}/sessions/{session.pk}/register/"
    page = client.get(url)
    assert page.status_code == 200
    read = AuditEvent.objects.filter(reason=f"register of group session {session.pk}")
    assert set(read.values_list("person_id", flat=True)) == {world.person.pk, bea.pk}
    # One answer missing: explained beside that person, and nothing is saved.
    partial = client.post(url, {f"presence_{world.person.pk}": Presence.CAME})
    assert partial.status_code == 400
    assert (
        "Choose an answer for Bea Shaw: came, not this time, or let us know they could not come."
        in text(partial)
    )
    assert f'id="presence_{bea.pk}-error"' in partial.content.decode()
    assert not session.attendance.exists()
    saved = client.post(
        url,
        {
            f"presence_{world.person.pk}": Presence.CAME,
            f"presence_{bea.pk}": Presence.LET_US_KNOW,
            "version": 1,
        },
    )
    assert saved.status_code == 302
    assert dict(session.attendance.values_list("person_id", "presence")) == {
        world.person.pk: Presence.CAME,
        bea.pk: Presence.LET_US_KNOW,
    }
    assert session.attendance.get(person=bea).recorded_by == world.user(Role.PSW)
    resaved = client.post(
        url,
        {
            f"presence_{world.person.pk}": Presence.NOT_THIS_TIME,
            f"presence_{bea.pk}": Presence.CAME,
            "version": 2,
        },
    )
    assert resaved.status_code == 302
    assert session.attendance.count() == 2
    assert session.attendance.get(person=world.person).presence == Presence.NOT_THIS_TIME
    assert session.attendance.get(person=bea).presence == Presence.CAME
    changes = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, reason=f"group register, session {session.pk}"
    )
    assert Counter(changes.values_list("person_id", flat=True)) == {world.person.pk: 2, bea.pk: 2}
    form = text(client.get(url))
    assert (
        f'id="presence_{bea.pk}-came" name="presence_{bea.pk}" type="radio" value="came" checked'
        in form
    )
    summary = text(client.get(f"/groups/{world.group.pk}/"))
    assert "1 came" in summary and "Update the register" in summary


def test_a_tampered_answer_is_refused(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    url = f"/groups/{world.group.pk}/sessions/{world.group_session.pk}/register/"
    response = client_for(Role.PSW).post(url, {f"presence_{world.person.pk}": "dna"})
    assert response.status_code == 400
    assert world.group_session.attendance.get().presence == Presence.CAME


def test_no_penalty_words_on_any_page(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    bea = supported(world, "Bea Shaw")
    world.group.members.add(bea)
    Attendance.objects.create(
        organisation=world.organisation,
        session=world.group_session,
        person=bea,
        presence=Presence.NOT_THIS_TIME,
    )
    earlier = GroupSession.objects.create(
        organisation=world.organisation,
        group=world.group,
        starts_at=timezone.now() - timedelta(days=7),
    )
    Attendance.objects.create(
        organisation=world.organisation,
        session=earlier,
        person=world.person,
        presence=Presence.LET_US_KNOW,
    )
    client = client_for(Role.PSW)
    register = f"/groups/{world.group.pk}/sessions/{world.group_session.pk}/register/"
    pages = {
        "list": client.get("/groups/"),
        "detail": client.get(f"/groups/{world.group.pk}/"),
        "register": client.get(register),
        "register with errors": client.post(register, {}),
        "person's groups": client.get(f"/people/{world.person.pk}/groups/"),
        "person's record": client.get(f"/people/{world.person.pk}/"),
        "remove": client.get(f"/groups/{world.group.pk}/members/{bea.pk}/remove/"),
    }
    assert "Let us know they could not come" in words(pages["person's groups"])
    assert "Not this time" in words(pages["register"])
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        seen = words(response)
        for word in PENALTY_WORDS:
            found = word in seen if word == "DNA" else word in seen.lower()
            assert not found, f"“{word}” on the {name} page"


# The person's groups


def test_the_persons_groups_page_lists_groups_and_recent_attendance(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.SUPERVISOR)
    response = client.get(f"/people/{world.person.pk}/groups/")
    page = text(response)
    assert response.status_code == 200
    assert "<h1>Peer groups</h1>" in page
    assert "Tuesday Peer Group" in page and "Hope" in page and "Came" in page
    assert f'href="/groups/{world.group.pk}/"' in page
    assert AuditEvent.objects.filter(
        person_id=world.person.pk, action=AuditAction.VIEW, object_type="caseload.person"
    ).exists()
    other = Client()
    other.force_login(world.peers["psw in the same team"])
    assert other.get(f"/people/{world.person.pk}/groups/").status_code == 404


def test_the_groups_panel_on_the_persons_record(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    page = text(client_for(Role.PSW).get(f"/people/{world.person.pk}/"))
    assert 'id="groups-heading">Groups</h2>' in page
    today = timezone.localtime(world.group_session.starts_at).strftime("%-d %B %Y")
    assert "Tuesday Peer Group</dt>" in page and f"Last came {today}" in page


# Query counts do not grow with the number of members or groups


def _count(fn: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries.captured_queries)


@pytest.fixture
def grow(caseload_world: Any) -> Any:
    """Make the home group `size` members strong, every one on the PSW's caseload."""
    world = caseload_world

    def make(size: int) -> list[Person]:
        for n in range(world.group.members.count(), size):
            world.group.members.add(supported(world, f"Member {n:02d}"))
        return list(world.group.members.all())

    return make


def test_register_query_counts_do_not_grow_with_members(
    caseload_world: Any, client_for: Any, grow: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    client.get("/groups/")  # the client's first request also loads its session
    counts = {}
    for size in (2, 12):
        members = grow(size)
        assert len(members) == size
        session = GroupSession.objects.create(
            organisation=world.organisation, group=world.group, starts_at=timezone.now()
        )
        url = f"/groups/{world.group.pk}/sessions/{session.pk}/register/"
        reading = _count(lambda url=url: client.get(url))
        came = {f"presence_{p.pk}": Presence.CAME for p in members} | {"version": "1"}
        first_save = _count(lambda url=url, data=came: client.post(url, data))
        later = {f"presence_{p.pk}": Presence.NOT_THIS_TIME for p in members} | {"version": "2"}
        re_save = _count(lambda url=url, data=later: client.post(url, data))
        assert session.attendance.filter(presence=Presence.NOT_THIS_TIME).count() == size
        detail = _count(lambda: client.get(f"/groups/{world.group.pk}/"))
        counts[size] = (reading, first_save, re_save, detail)
    assert counts[2] == counts[12]


def test_panel_query_count_does_not_grow_with_groups_or_members(caseload_world: Any) -> None:
    """The person is in 2, then 12 groups; their first group has 2, then 12 members."""
    world = caseload_world
    request = RequestFactory().get(f"/people/{world.person.pk}/")
    template = get_template("groups/_person_panel.jinja")

    def render() -> str:
        (panel,) = read_panels(panels, request, world.person)
        return template.render({"person": world.person, "panel": panel, "context": panel.context})

    counts = {}
    for size in (2, 12):
        for n in range(world.group.members.count(), size):
            world.group.members.add(supported(world, f"Member {n:02d}"))
        for n in range(PeerGroup.objects.filter(members=world.person).count(), size):
            group = PeerGroup.objects.create(
                organisation=world.organisation, team=world.team, name=f"Group {n:02d}", purpose="x"
            )
            group.members.add(world.person)
            session = GroupSession.objects.create(
                organisation=world.organisation, group=group, starts_at=timezone.now()
            )
            Attendance.objects.create(
                organisation=world.organisation,
                session=session,
                person=world.person,
                presence=Presence.CAME,
            )
        with CaptureQueriesContext(connection) as queries:
            rendered = render()
        assert rendered.count("Last came") == size
        counts[size] = len(queries.captured_queries)
    assert counts == {2: 1, 12: 1}


def test_a_psw_sees_only_the_groups_they_run_not_every_group_of_their_team(
    caseload_world: Any,
) -> None:
    colleague = caseload_world.peers["psw in the same team"]
    client = Client()
    client.force_login(colleague)
    # world.group is in their team, but they do not facilitate it: its members are not theirs.
    assert client.get(f"/groups/{caseload_world.group.pk}/").status_code == 404
    assert "Tuesday Peer Group" not in text(client.get("/groups/"))


def test_a_psw_setting_up_a_group_must_be_one_of_its_facilitators(
    caseload_world: Any,
) -> None:
    colleague = caseload_world.peers["psw in the same team"]
    client = Client()
    client.force_login(colleague)
    response = client.post("/groups/new/", group_data(caseload_world))
    assert response.status_code == 400
    assert "Include yourself as a facilitator" in error_next_to(response, "id_facilitators")
    assert not PeerGroup.objects.filter(name="Thursday Hearing Voices Group").exists()


def test_the_add_page_names_only_who_is_chosen_and_who_matches(
    caseload_world: Any, client_for: Any
) -> None:
    """Choosing people by search (issue 14): the page never lists everyone the worker
    supports, and only the names it shows are audited as read."""
    world = caseload_world
    people = [supported(world, f"Person {n} Lane") for n in range(25)]
    bea = supported(world, "Bea Shaw")
    client = client_for(Role.PSW)
    url = f"/groups/{world.group.pk}/members/add/"
    before = AuditEvent.objects.count()
    page = text(client.get(url))
    assert "Nobody chosen yet." in page
    assert [p.full_name for p in [*people, bea] if p.full_name in page] == []
    assert AuditEvent.objects.count() == before  # nobody named, nobody read
    # Without JavaScript: "Search" sends the form back, saving nothing.
    found = client.post(url, {"people_q": "lane", "people_search": "1"})
    assert found.status_code == 200
    shown = text(found)
    assert "More than 20 people match “lane”" in shown
    assert sum(p.full_name in shown for p in people) == 20
    assert "Bea Shaw" not in shown
    assert not world.group.members.filter(pk__in=[p.pk for p in people]).exists()
    named = AuditEvent.objects.filter(reason=f"listed to add to peer group {world.group.pk}")
    assert named.count() == 20
    # As typed, with JavaScript: the matches and whoever is ticked, each audited.
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True)[0]
    typed = client.get(
        f"/groups/{world.group.pk}/members/search/", {"people_q": "bea", "people": [people[0].pk]}
    )
    fragment = text(typed)
    assert "Bea Shaw" in fragment and people[0].full_name in fragment
    assert people[1].full_name not in fragment
    now_named = named.filter(pk__gt=last).values_list("person_id", flat=True)
    assert set(now_named) == {bea.pk, people[0].pk} and len(now_named) == 2
    added = client.post(url, {"people": [bea.pk]})
    assert added.status_code == 302
    assert world.group.members.filter(pk=bea.pk).exists()
