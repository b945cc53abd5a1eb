"""Choosing a new cohort's facilitators by search: the cohort list never lists every member
of staff (a region has thousands), with JavaScript (the search box asks as it is typed) or
without (its "Search" button sends the form back and it comes again as typed)."""

from datetime import date
from typing import Any

import pytest

from conftest import World, make_user
from peerpath.core.chooser import MATCHES_SHOWN
from peerpath.core.roles import Role
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import parse, text
from peerpath.training.models import Cohort
from peerpath.training.services.delivery import cohort_create
from peerpath.training.tests import helpers

pytestmark = pytest.mark.django_db

SEARCH = "/training/cohorts/facilitators/"
pep = helpers.pep  # the fixture: the organisation's copy of the PEP


def staff(world: World, count: int, role: Role = Role.TRAINER) -> list[Any]:
    """`count` members of staff, "Staffmember 00" onwards."""
    people = []
    for n in range(count):
        user = make_user(
            f"staff{n:02d}@riverside.example", full_name=f"Staffmember {n:02d}", totp=True
        )
        MembershipFactory(user=user, organisation=world.organisation, role=role, team=world.team)
        people.append(user)
    return people


def boxes(html: str) -> dict[str, bool]:
    """The facilitator tick boxes on the page: label → ticked."""
    return boxes_named(html, "facilitators")


@pytest.mark.parametrize("count", [5, 60])
def test_the_cohort_list_names_no_staff_until_searched_in_a_fixed_number_of_statements(
    world: World, client_for: Any, django_assert_num_queries: Any, pep: Any, count: int
) -> None:
    staff(world, count)
    for n in range(count // 2):
        cohort_create(
            programme=pep, title=f"C{n}", starts_on=date(2027, 3, 1), facilitators=[], by=None
        )
    client = client_for(Role.COORDINATOR)
    client.get("/training/cohorts/")
    # The same with 5 or 60 staff: no staff are read until someone searches.
    with django_assert_num_queries(6):
        page = client.get("/training/cohorts/").content.decode()
    assert "Staffmember" not in page
    assert "staff00@" not in page
    assert boxes(page) == {}
    assert "Nobody chosen yet." in text(page)


def test_a_search_lists_at_most_the_cap_of_staff_who_match(
    world: World, client_for: Any, django_assert_num_queries: Any
) -> None:
    staff(world, 60)
    client = client_for(Role.COORDINATOR)
    client.get(SEARCH)
    # The request's own (session, user, roles) and one for the matches.
    with django_assert_num_queries(4):
        found = client.get(SEARCH, {"facilitators_q": "staffmember"}).content.decode()
    assert len(boxes(found)) == MATCHES_SHOWN == 20
    assert "More than 20 people match “staffmember”" in text(found)
    # By email as well as by name, and every word must match.
    assert boxes(client.get(SEARCH, {"facilitators_q": "staff17@"}).content.decode()) == {
        "Staffmember 17": False
    }
    assert list(boxes(client.get(SEARCH, {"facilitators_q": "member 17"}).content.decode())) == [
        "Staffmember 17"
    ]
    # Those already ticked stay ticked, above the matches, and are not matched twice.
    ticked = Cohort._meta.apps.get_model("accounts", "User").objects.get(full_name="Staffmember 03")
    shown = boxes(
        client.get(SEARCH, {"facilitators_q": "staff0", "facilitators": ticked.pk}).content.decode()
    )
    assert shown["Staffmember 03"] is True
    assert len(shown) == 10
    assert "Nobody matches “nobody-at-all”" in text(
        client.get(SEARCH, {"facilitators_q": "nobody-at-all"}).content.decode()
    )


def test_the_search_finds_only_staff_of_the_organisation(world: World, client_for: Any) -> None:
    staff(world, 2)
    trainee = make_user(
        "sam.trainee@riverside.example", full_name="Staffmember Trainee", totp=False
    )
    MembershipFactory(
        user=trainee, organisation=world.organisation, role=Role.TRAINEE, team=world.team
    )
    outsider = make_user("sam@eastfield.example", full_name="Staffmember Eastfield", totp=True)
    MembershipFactory(
        user=outsider,
        organisation=world.other_organisation,
        role=Role.TRAINER,
        team=world.other_team,
    )
    client = client_for(Role.COORDINATOR)
    found = boxes(client.get(SEARCH, {"facilitators_q": "staffmember"}).content.decode())
    assert found == {"Staffmember 00": False, "Staffmember 01": False}
    # Nor can their ids be sent, ticked or typed: the answer says so in plain words.
    for person in (trainee, outsider):
        answer = client.get(SEARCH, {"facilitators": person.pk})
        assert "Staffmember" not in answer.content.decode()


def test_without_javascript_search_keeps_what_was_typed_then_the_cohort_is_created(
    world: World, client_for: Any, pep: Any
) -> None:
    people = staff(world, 30)
    client = client_for(Role.COORDINATOR)
    form = {
        "programme": pep.pk,
        "title": "Spring cohort",
        "starts_on_day": "1",
        "starts_on_month": "3",
        "starts_on_year": "2027",
        "place": "Room 4",
        "facilitators": [people[3].pk],
        "facilitators_q": "Staffmember 17",
        "facilitators_search": "1",
    }
    page = client.post("/training/cohorts/", form)
    assert page.status_code == 200
    html = page.content.decode()
    assert boxes(html) == {"Staffmember 03": True, "Staffmember 17": False}
    assert 'value="Spring cohort"' in html
    assert 'value="Room 4"' in html
    assert "There is a problem" not in html
    assert not Cohort.objects.filter(title="Spring cohort").exists()

    # Ticking the match and creating the cohort: both facilitate it.
    del form["facilitators_search"]
    form["facilitators"] = [people[3].pk, people[17].pk]
    assert client.post("/training/cohorts/", form).status_code == 302
    cohort = Cohort.objects.get(title="Spring cohort")
    assert set(cohort.facilitators.all()) == {people[3], people[17]}


def test_someone_who_cannot_facilitate_is_refused_next_to_the_field(
    world: World, client_for: Any, pep: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    answer = client.post(
        "/training/cohorts/",
        {
            "programme": pep.pk,
            "title": "Spring cohort",
            "starts_on_day": "1",
            "starts_on_month": "3",
            "starts_on_year": "2027",
            "facilitators": [world.user(Role.TRAINEE).pk],
        },
    )
    assert answer.status_code == 400
    page = text(answer)
    assert "Choose from the people the search finds: someone chosen cannot be chosen here." in page
    assert 'href="#id_facilitators"' in page
    assert 'class="nhsuk-error-message" id="id_facilitators-error"' in page
    assert not Cohort.objects.filter(title="Spring cohort").exists()


def test_the_cohort_list_shows_cohorts_a_page_at_a_time(
    world: World, client_for: Any, pep: Any
) -> None:
    for n in range(30):
        cohort_create(
            programme=pep,
            title=f"Cohort {n:02d}",
            starts_on=date(2027, 3, 1),
            facilitators=[],
            by=None,
        )
    client = client_for(Role.COORDINATOR)
    first = parse(client.get("/training/cohorts/").content.decode())
    second = parse(client.get("/training/cohorts/?page=2").content.decode())
    titles = [r.find("a").text for r in first.table_rows()] + [
        r.find("a").text for r in second.table_rows()
    ]
    assert len(first.table_rows()) == 25
    assert titles == [f"Cohort {n:02d}" for n in reversed(range(30))]
    assert "Page 2 of 2" in second.text


def test_the_new_intake_chooses_its_selection_panel_the_same_way(
    world: World, client_for: Any, pep: Any
) -> None:
    people = staff(world, 30)
    client = client_for(Role.COORDINATOR)
    page = client.get("/training/intakes/new/").content.decode()
    assert "Staffmember" not in page
    assert "Only the panel can read what applicants say about their lived experience." in page
    found = client.get("/training/intakes/new/panel/", {"panel_q": "staffmember"})
    assert len(parse(found.content.decode()).find_all("input", name="panel")) == 20
    form = {
        "programme": pep.pk,
        "title": "Spring intake",
        "opens_on_day": "1",
        "opens_on_month": "1",
        "opens_on_year": "2027",
        "closes_on_day": "1",
        "closes_on_month": "2",
        "closes_on_year": "2027",
        "capacity": "12",
        "panel": [people[5].pk],
        "panel_q": "staff2",
        "panel_search": "1",
    }
    shown = client.post("/training/intakes/new/", form)
    assert shown.status_code == 200
    assert 'value="Spring intake"' in shown.content.decode()
    names = [
        box.attrs["value"] for box in parse(shown.content.decode()).find_all("input", name="panel")
    ]
    assert names[0] == str(people[5].pk)
    assert len(names) == 11  # the one chosen, and staff20 to staff29
    del form["panel_search"]
    assert client.post("/training/intakes/new/", form).status_code == 302
    # A trainee cannot sit on the panel: refused in plain words, next to the field.
    form["title"], form["panel"] = "Autumn intake", [world.user(Role.TRAINEE).pk]
    refused = client.post("/training/intakes/new/", form)
    assert refused.status_code == 400
    assert "Choose from the people the search finds" in text(refused)


def test_a_vacancy_chooses_its_panel_by_search_and_its_edit_keeps_the_panel_ticked(
    world: World, client_for: Any
) -> None:
    from peerpath.workforce.tests.helpers import make_post, make_vacancy

    staff(world, 30, role=Role.SUPERVISOR)
    post = make_post(world)
    client = client_for(Role.COORDINATOR)
    new = client.get(f"/workforce/posts/{post.pk}/vacancies/new/").content.decode()
    assert "Staffmember" not in new
    found = client.get("/workforce/vacancies/panel/", {"panel_q": "staffmember"})
    assert len(parse(found.content.decode()).find_all("input", name="panel")) == 20
    vacancy = make_vacancy(world, post)
    edit = client.get(f"/workforce/vacancies/{vacancy.pk}/edit/").content.decode()
    assert boxes_named(edit, "panel") == {world.user(Role.SUPERVISOR).full_name: True}
    assert "Staffmember" not in edit


def boxes_named(html: str, name: str) -> dict[str, bool]:
    page = parse(html)
    found = {}
    for box in page.find_all("input", name=name):
        label = next(
            lab for lab in page.find_all("label") if lab.attrs.get("for") == box.attrs["id"]
        )
        found[label.text.strip()] = "checked" in box.attrs
    return found
