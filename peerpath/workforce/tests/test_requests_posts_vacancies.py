"""Team requests, posts and vacancies: services, pages, and query counts."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.workforce import selectors
from peerpath.workforce.criteria import TEMPLATE_CRITERIA
from peerpath.workforce.models import (
    Post,
    RequestStatus,
    TeamRequest,
    Vacancy,
    VacancyStatus,
)
from peerpath.workforce.tests.helpers import actor_of, ask, make_post, make_vacancy, supervisor

pytestmark = pytest.mark.django_db

REQUEST = {
    "service_area": "younger_people",
    "setting": "community",
    "hours_per_week": "22.5",
    "role": "carer_peer",
    "hopes": "Someone who knows what caring is like",
}


def test_the_seed_criteria_are_quoted_verbatim() -> None:
    with open(next(__import__("pathlib").Path("/work/shared/seeds").glob("002_*.txt"))) as f:
        seed = f.read()
    assert len(TEMPLATE_CRITERIA) == 8
    for criterion in TEMPLATE_CRITERIA:
        assert f"• {criterion}" in seed


def test_a_supervisor_asks_for_a_peer_worker_for_their_team(world: World, client_for: Any) -> None:
    client = client_for(Role.SUPERVISOR)
    form = client.get("/workforce/requests/new/")
    assert "Would you like to have a peer worker work in your team?" in text(form)
    response = client.post("/workforce/requests/new/", {"team": world.team.pk, **REQUEST})
    team_request = TeamRequest.objects.get()
    assert response["Location"] == f"/workforce/requests/{team_request.pk}/"
    assert team_request.requested_by == world.user(Role.SUPERVISOR)
    assert team_request.status == RequestStatus.PENDING
    assert str(team_request.hours_per_week) == "22.5"
    page = text(client.get(response["Location"]))
    assert "Waiting for the peer development team" in page
    assert "Turn it into a post" not in page


def test_a_request_explains_mistakes_and_refuses_another_teams(
    world: World, client_for: Any
) -> None:
    client = client_for(Role.SUPERVISOR)
    bad = client.post(
        "/workforce/requests/new/",
        {**REQUEST, "team": world.other_team.pk, "hours_per_week": "40", "hopes": ""},
    )
    page = text(bad)
    assert bad.status_code == 400
    assert "Choose the team." in page
    assert "The hours must be no more than full time, 37.5 a week." in page
    assert "Tell the peer development team what you hope for." in page
    assert not TeamRequest.objects.exists()


def test_a_coordinator_turns_a_request_into_a_prefilled_post(world: World, client_for: Any) -> None:
    team_request = ask(world)
    client = client_for(Role.COORDINATOR)
    form = text(client.get(f"/workforce/requests/{team_request.pk}/accept/"))
    assert 'value="Peer support worker, Community Peer Support Team"' in form
    assert 'value="15.0"' in form or 'value="15"' in form
    response = client.post(
        f"/workforce/requests/{team_request.pk}/accept/",
        {
            "title": "Peer support worker, older people's ward",
            "team": world.team.pk,
            "service_area": "older_people",
            "setting": "ward",
            "hours_per_week": "15",
            "role": "peer",
            "version": team_request.version,
        },
    )
    post = Post.objects.get()
    assert response["Location"] == f"/workforce/posts/{post.pk}/"
    team_request.refresh_from_db()
    assert team_request.status == RequestStatus.ACCEPTED and team_request.post == post
    assert post.created_by == world.user(Role.COORDINATOR)
    # Accepting twice is not possible: the page says it has been answered.
    again = client.get(f"/workforce/requests/{team_request.pk}/accept/")
    assert again.status_code == 302
    # The team that asked sees the answer.
    page = text(client_for(Role.SUPERVISOR).get(f"/workforce/requests/{team_request.pk}/"))
    assert "Peer support worker, older people's ward" in page


def test_a_stale_accept_is_refused_and_makes_no_post(world: World, client_for: Any) -> None:
    team_request = ask(world)
    response = client_for(Role.COORDINATOR).post(
        f"/workforce/requests/{team_request.pk}/accept/",
        {
            "title": "A post",
            "team": world.team.pk,
            "service_area": "adult",
            "setting": "ward",
            "hours_per_week": "15",
            "role": "peer",
            "version": team_request.version + 1,
        },
    )
    assert response.status_code == 400
    assert "Nothing has been overwritten" in text(response)
    assert not Post.objects.exists()


def test_a_declined_request_shows_the_reason_to_the_team(world: World, client_for: Any) -> None:
    team_request = ask(world)
    coordinator = client_for(Role.COORDINATOR)
    empty = coordinator.post(
        f"/workforce/requests/{team_request.pk}/decline/",
        {"reason": "", "version": team_request.version},
    )
    assert empty.status_code == 400
    assert "Tell the team why" in text(empty)
    coordinator.post(
        f"/workforce/requests/{team_request.pk}/decline/",
        {"reason": "No funding until April; ask again then.", "version": team_request.version},
    )
    team_request.refresh_from_db()
    assert team_request.status == RequestStatus.DECLINED
    page = text(client_for(Role.SUPERVISOR).get(f"/workforce/requests/{team_request.pk}/"))
    assert "No funding until April; ask again then." in page


def test_who_sees_which_requests(world: World) -> None:
    mine = ask(world)
    assert list(selectors.team_requests(actor=supervisor(world))) == [mine]
    assert list(selectors.team_requests(actor=actor_of(world, Role.COORDINATOR))) == [mine]
    # A supervisor of no team, who asked for nothing.
    other = Actor(
        user=world.user(Role.TRAINER),
        organisation=world.organisation,
        roles=frozenset({Role.SUPERVISOR}),
    )
    assert list(selectors.team_requests(actor=other)) == []


@pytest.mark.parametrize("rows", [1, 7])
def test_the_request_list_and_home_sections_make_the_same_queries_however_many(
    world: World, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    for n in range(rows):
        ask(world, hopes=f"Hope {n}")
    coordinator = client_for(Role.COORDINATOR)
    coordinator.get("/workforce/requests/")
    with django_assert_num_queries(6):
        page = coordinator.get("/workforce/requests/")
    assert page.status_code == 200
    supervisor_client = client_for(Role.SUPERVISOR)
    supervisor_client.get("/workforce/requests/")
    with django_assert_num_queries(6):
        supervisor_client.get("/workforce/requests/")


def test_the_request_list_paginates(world: World, client_for: Any) -> None:
    for n in range(27):
        ask(world, hopes=f"Hope {n}")
    page = text(client_for(Role.COORDINATOR).get("/workforce/requests/"))
    assert "Page 1 of 2" in page


# --- posts ----------------------------------------------------------------------------------


def test_a_post_is_vacant_until_someone_is_employed_in_it(world: World) -> None:
    from peerpath.workforce.models import EmploymentRecord

    post = make_post(world)
    today = timezone.localdate()
    coordinator = actor_of(world, Role.COORDINATOR)
    assert selectors.posts_filled_vacant(actor=coordinator, today=today) == {
        "filled": 0,
        "vacant": 1,
    }
    EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=world.user(Role.PSW),
        post=post,
        starts_on=today - timedelta(days=10),
        hours_per_week=post.hours_per_week,
        line_manager=world.user(Role.SUPERVISOR),
    )
    assert selectors.posts_filled_vacant(actor=coordinator, today=today) == {
        "filled": 1,
        "vacant": 0,
    }
    [row] = selectors.posts(actor=coordinator, today=today)
    assert row.filled  # type: ignore[attr-defined]


def test_a_post_is_edited_with_a_version_check(world: World, client_for: Any) -> None:
    post = make_post(world)
    client = client_for(Role.COORDINATOR)
    data = {
        "title": "Renamed",
        "team": world.team.pk,
        "service_area": "adult",
        "setting": "community",
        "hours_per_week": "30",
        "role": "peer",
        "version": post.version,
    }
    assert client.post(f"/workforce/posts/{post.pk}/edit/", data).status_code == 302
    stale = client.post(f"/workforce/posts/{post.pk}/edit/", {**data, "title": "Stale"})
    assert stale.status_code == 400
    assert "Nothing has been overwritten" in text(stale)
    post.refresh_from_db()
    assert post.title == "Renamed" and post.version == 2


def test_an_admin_reads_posts_but_does_not_edit_them(world: World, client_for: Any) -> None:
    post = make_post(world)
    admin = client_for(Role.ORG_ADMIN)
    page = text(admin.get(f"/workforce/posts/{post.pk}/"))
    assert post.title in page and "Edit the post" not in page
    assert admin.get(f"/workforce/posts/{post.pk}/edit/").status_code == 403


@pytest.mark.parametrize("rows", [1, 6])
def test_the_post_list_makes_the_same_queries_however_many_posts(
    world: World, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    for n in range(rows):
        make_post(world, title=f"Post {n}")
    client = client_for(Role.ORG_ADMIN)
    client.get("/workforce/posts/")
    with django_assert_num_queries(5):
        assert client.get("/workforce/posts/").status_code == 200


# --- vacancies ------------------------------------------------------------------------------


def test_a_vacancy_starts_from_the_template_criteria_and_they_can_be_edited(
    world: World, client_for: Any
) -> None:
    post = make_post(world)
    client = client_for(Role.COORDINATOR)
    form = text(client.get(f"/workforce/posts/{post.pk}/vacancies/new/"))
    assert "have developed plans for managing your own recovery" in form
    today = timezone.localdate()
    response = client.post(
        f"/workforce/posts/{post.pk}/vacancies/new/",
        {
            **date_boxes("opens_on", today),
            **date_boxes("closes_on", today + timedelta(days=21)),
            "description": "Join the ward.",
            "criteria": "\n".join(TEMPLATE_CRITERIA[:3]) + "\n\n  • Can drive  \n",
            "questions": "Why peer support?\nHow do you stay well?",
        },
    )
    vacancy = Vacancy.objects.get()
    assert response["Location"] == f"/workforce/vacancies/{vacancy.pk}/"
    assert [c.text for c in vacancy.criteria.all()] == [*TEMPLATE_CRITERIA[:3], "Can drive"]
    assert vacancy.status == VacancyStatus.DRAFT
    assert [q.text for q in vacancy.questions.all()] == [
        "Why peer support?",
        "How do you stay well?",
    ]


def test_a_vacancy_closing_before_it_opens_is_explained(world: World, client_for: Any) -> None:
    post = make_post(world)
    today = timezone.localdate()
    response = client_for(Role.COORDINATOR).post(
        f"/workforce/posts/{post.pk}/vacancies/new/",
        {
            **date_boxes("opens_on", today),
            **date_boxes("closes_on", today - timedelta(days=1)),
            "description": "x",
            "criteria": "",
        },
    )
    assert response.status_code == 400
    page = text(response)
    assert "The closing date must be on or after the opening date." in page
    assert "Give at least one eligibility criterion." in page


def test_a_vacancy_goes_from_draft_to_advertised_to_closed_and_never_back(
    world: World, client_for: Any
) -> None:
    vacancy = make_vacancy(world)
    client = client_for(Role.COORDINATOR)
    move = f"/workforce/vacancies/{vacancy.pk}/move/"
    client.post(move, {"to_status": "advertised", "version": 1})
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.ADVERTISED
    stale = client.post(move, {"to_status": "closed", "version": 1})
    assert stale.status_code == 400
    client.post(move, {"to_status": "closed", "version": 2})
    back = client.post(move, {"to_status": "advertised", "version": 3})
    assert back.status_code == 400
    assert "cannot be advertised" in text(back)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED


def test_the_home_pages_summarise_requests_and_posts(world: World, client_for: Any) -> None:
    team_request = ask(world)
    make_post(world)
    coordinator = text(client_for(Role.COORDINATOR).get("/"))
    assert f"/workforce/requests/{team_request.pk}/" in coordinator
    assert "0 posts are filled and 1 vacant." in coordinator
    supervisor_home = text(client_for(Role.SUPERVISOR).get("/"))
    assert "Ask for a peer worker in your team" in supervisor_home
    assert "waiting for the peer development team" in supervisor_home
    admin = text(client_for(Role.ORG_ADMIN).get("/"))
    assert "0 posts are filled and 1 vacant." in admin
    assert "Peer workers for your team" not in text(client_for(Role.PSW).get("/"))


@pytest.mark.parametrize("rows", [1, 8])
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SUPERVISOR, Role.ORG_ADMIN])
def test_the_home_sections_make_the_same_queries_however_many(
    world: World,
    client_for: Any,
    django_assert_num_queries: Any,
    monkeypatch: Any,
    rows: int,
    role: Role,
) -> None:
    from peerpath.core.home import HomeSection
    from peerpath.workforce import home as workforce_home
    from peerpath.workspace import home

    def quiet_section(request: Any) -> HomeSection:
        return HomeSection(role=Role.PERSON, heading="Quiet", template="home/_summary.jinja")

    monkeypatch.setattr(home, "SECTION_BUILDERS", dict.fromkeys(Role, quiet_section))
    monkeypatch.setattr(home, "MORE_SECTIONS", (workforce_home.SECTIONS,))
    for n in range(rows):
        ask(world, hopes=f"Hope {n}")
        make_post(world, title=f"Post {n}")
    client = client_for(role)
    client.get("/")
    # The page's own 3 (test_home.py), then the section's: 3 for the supervisor's (their
    # teams, their requests, their panels), 2 for the coordinator's (requests, posts), 1 for
    # the admin's.
    with django_assert_num_queries({Role.SUPERVISOR: 6, Role.COORDINATOR: 5}.get(role, 4)):
        assert client.get("/").status_code == 200
