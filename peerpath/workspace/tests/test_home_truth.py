"""Home truth (issue 9, check 2) for the peer support roles: each number and each "nothing
yet" sentence on the home page agrees with the list page it summarises.

Both pages are fetched with the test client as that role, on the seeded demo data and on an
empty organisation, and what they name (people, concerns, goals, plans) or count is
compared. The person supported has no list pages of their own yet (their portal is a later
issue): their home page is compared with the pages their peer support worker reads about
them, which are built from the same selectors.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import make_user
from peerpath.caseload.models import OPEN_STATUSES, PeerRelationship, Person
from peerpath.core.roles import STAFF_ROLES, Role
from peerpath.governance.models import ConcernStatus, SafeguardingConcern
from peerpath.nonprod.demo import DEMO_ORGANISATION, DEMO_USERS
from peerpath.organisations.models import Organisation
from peerpath.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)
from peerpath.tests.pages import Node, parse

pytestmark = pytest.mark.django_db

HOME = "/"


@dataclass(frozen=True)
class Region:
    """The text and links inside the element with a given id (empty if there is none)."""

    node: Node | None

    @property
    def found(self) -> bool:
        return self.node is not None

    @property
    def hrefs(self) -> list[str]:
        return [href for _, href in self._links()]

    @property
    def link_texts(self) -> list[str]:
        return [text for text, _ in self._links()]

    @property
    def text(self) -> str:
        return self.node.text if self.node is not None else ""

    def _links(self) -> list[tuple[str, str]]:
        return [(t, h) for t, h in self.node.links() if h] if self.node is not None else []


def region(page: str, element_id: str) -> Region:
    found = parse(page).find_all(id=element_id)
    return Region(found[0] if found else None)


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(response.content.decode().split())


def people_linked(found: Region) -> list[int]:
    """The person ids a region links to (a page of their record), in order, no repeats."""
    ids = [int(m.group(1)) for h in found.hrefs if (m := re.match(r"/people/(\d+)/", h))]
    return list(dict.fromkeys(ids))


def concerns_linked(found: Region) -> list[int]:
    ids = [int(m.group(1)) for h in found.hrefs if (m := re.fullmatch(r"/safeguarding/(\d+)/", h))]
    return list(dict.fromkeys(ids))


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the checks, one per role -------------------------------------------------------------


def check_psw(client: Client) -> Iterator[str]:
    home = get(client, HOME)
    caseload = get(client, reverse("caseload:caseload"))
    on_home = people_linked(region(home, "psw-caseload"))
    on_list = people_linked(region(caseload, "caseload-people"))
    if on_home != on_list:
        yield f"PSW: home names {on_home}, the caseload page {on_list}"
    if ("No people on your caseload yet." in home) != (
        "Nobody is on your caseload yet." in caseload
    ):
        yield "PSW: the home page and the caseload page disagree about an empty caseload"
    # Each recently ended relationship the home page offers opens on its summary.
    ended = region(home, "psw-ended")
    for href in ended.hrefs:
        summary = get(client, href)
        if "Summary" not in summary:
            yield f"PSW: {href} is not the summary the home page promised"
    if not ended.found and "You have not ended peer support with anyone recently" not in home:
        yield "PSW: neither recently ended summaries nor the sentence saying there are none"


def check_supervisor(client: Client, organisation: Any) -> Iterator[str]:
    home = get(client, HOME)
    caseload = get(client, reverse("caseload:caseload"))
    everyone = people_linked(region(caseload, "caseload-people"))
    open_now = set(
        PeerRelationship.objects.filter(
            organisation=organisation, person_id__in=everyone, status__in=OPEN_STATUSES
        ).values_list("person_id", flat=True)
    )
    on_home = people_linked(region(home, "supervisor-caseload"))
    # The home table is the caseload page's people whose peer support is open.
    if set(on_home) != open_now:
        yield f"supervisor: home names {sorted(on_home)}, open on the caseload page {open_now}"
    if ("Nobody is supported by your teams yet." in home) != (not open_now):
        yield "supervisor: 'Nobody is supported by your teams yet.' disagrees with the caseload"
    referrals = get(client, reverse("caseload:referral-list"))
    waiting = people_linked(region(referrals, "waiting-list"))
    # On the home table, someone waiting shows "Waiting list" where their worker would be.
    waiting_home = [
        pk for pk in on_home if "Waiting list" in region(home, f"supervisor-caseload-{pk}").text
    ]
    if sorted(waiting_home) != sorted(waiting):
        yield f"supervisor: waiting on home {waiting_home}, on the waiting list {waiting}"
    queue = get(client, reverse("governance:concern-queue") + "?status=open")
    in_queue = concerns_linked(region(queue, "concern-queue"))
    on_home_concerns = concerns_linked(region(home, "supervisor-concerns"))
    if on_home_concerns != in_queue:
        yield f"supervisor: concerns on home {on_home_concerns}, open in the queue {in_queue}"
    if ("No open safeguarding concerns for your teams." in home) != (not in_queue):
        yield "supervisor: the no-concerns sentence disagrees with the queue"


def check_lead(client: Client) -> Iterator[str]:
    home = get(client, HOME)
    queue = get(client, reverse("governance:concern-queue") + "?status=open")
    in_queue = concerns_linked(region(queue, "concern-queue"))
    on_home = concerns_linked(region(home, "safeguarding-concerns"))
    if on_home != in_queue:  # the same concerns, in the same order: most overdue first
        yield f"lead: concerns on home {on_home}, open in the queue {in_queue}"
    count = region(home, "safeguarding-count").text
    expected = (
        f"{len(in_queue)} open safeguarding concern{'s' if len(in_queue) != 1 else ''}"
        if in_queue
        else "No open safeguarding concerns."
    )
    if not count.startswith(expected):
        yield f"lead: home says {count!r}, the queue has {len(in_queue)} open"
    if not in_queue and "There are no open safeguarding concerns for you." not in queue:
        yield "lead: the queue's empty sentence is missing"
    # Each concern on the home page names the person fully (full name, and birth date if known).
    for pk in on_home:
        concern = SafeguardingConcern.objects.select_related("person").get(pk=pk)
        row = region(home, f"safeguarding-concern-{pk}").text
        if concern.person.full_name not in row:
            yield f"lead: concern {pk} on home does not give {concern.person.full_name}"


def check_person(client: Client, person: Person | None, staff: Client | None) -> Iterator[str]:
    home = get(client, HOME)
    if "will appear here once you and your peer support worker start writing" in home:
        yield "person: the home page still says goals and plans will appear later"
    if person is None or staff is None:
        if "PeerPath does not hold a record of your peer support yet" not in home:
            yield "person with no record: the home page does not say so plainly"
        return
    goals_page = get(staff, reverse("recovery:goal-list", kwargs={"person": person.pk}))
    staff_goals = [
        t
        for h, t in zip(
            region(goals_page, "maincontent").hrefs,
            region(goals_page, "maincontent").link_texts,
            strict=True,
        )
        if re.fullmatch(rf"/people/{person.pk}/goals/\d+/", h)
    ]
    staff_goals = list(dict.fromkeys(staff_goals))
    home_goals = region(home, "person-goals")
    for goal in staff_goals:
        if goal not in home_goals.text:
            yield f"person: the goal {goal!r} is on the goal list but not on their home page"
    if ("You have no recovery goals written yet." in home) != (not staff_goals):
        yield "person: the no-goals sentence disagrees with the goal list"
    plans_page = get(staff, reverse("recovery:plan-list", kwargs={"person": person.pk}))
    home_plans = region(home, "person-plans").text
    for heading in ("Recovery plan", "Advance statement", "Crisis plan"):
        written = f">{heading}</a>" in plans_page
        on_home = f"Your {heading.lower()}" in home_plans
        not_written = bool(re.search(rf"You do not have an? {heading.lower()} yet", home_plans))
        if written != on_home or written == not_written:
            yield f"person: home and the plan list disagree about the {heading.lower()}"
    relationship = PeerRelationship.objects.filter(person=person, status__in=OPEN_STATUSES)
    worker = relationship.select_related("worker").first()
    worker_text = region(home, "person-worker").text
    if worker and worker.worker and worker.worker.display_name not in worker_text:
        yield f"person: home does not name their peer support worker {worker.worker.display_name}"
    appointments = get(staff, reverse("contacts:appointment-list", kwargs={"person": person.pk}))
    upcoming = appointments.split("<h2>Past</h2>")[0]
    first = re.search(r'/appointments/\d+/">([^<]+)</a>', upcoming)
    next_text = region(home, "person-next-appointment").text
    if first and html.unescape(first.group(1)) not in next_text:
        yield f"person: the next appointment {first.group(1)!r} is not on their home page"
    if not first and "No appointments coming up" not in next_text:
        yield "person: no appointment coming up, but the home page does not say so"


def check_carer(client: Client) -> Iterator[str]:
    home = get(client, HOME)
    links = region(home, "carer-people")
    if not links.found:
        if "Nobody has shared anything with you in PeerPath yet." not in get(
            client, reverse("governance:shared-list")
        ):
            yield "carer: home lists nobody, the shared-with-me page somebody"
        return
    for href in links.hrefs:
        pk = int(href.rstrip("/").rsplit("/", 1)[-1])
        detail = get(client, href)
        on_home = region(home, f"carer-shared-{pk}").text
        for heading in ("Crisis plan", "Recovery plan", "Advance statement", "Recovery goals"):
            if (f">{heading}</h2>" in detail) != (heading in on_home):
                yield f"carer: {heading} for link {pk}: home and the shared page disagree"
        nothing = "has not chosen to share anything with you in PeerPath at the moment" in detail
        if nothing != ("Nothing is shared with you at the moment" in on_home):
            yield f"carer: link {pk}: the nothing-shared sentence disagrees"


# --- on the seeded demo data ---------------------------------------------------------------


def demo_user(role: Role) -> Any:
    email = next(d.email for d in DEMO_USERS if d.role == role)
    return get_user_model().objects.get(email=email)


def test_home_pages_tell_the_truth_on_the_demo_data() -> None:
    call_command("seed_demo_data", verbosity=0)
    organisation = Organisation.objects.get(name=DEMO_ORGANISATION)
    person_user = demo_user(Role.PERSON)
    person = Person.objects.get(user=person_user)
    problems = [
        *check_psw(client_of(demo_user(Role.PSW))),
        *check_supervisor(client_of(demo_user(Role.SUPERVISOR)), organisation),
        *check_lead(client_of(demo_user(Role.SAFEGUARDING_LEAD))),
        *check_person(client_of(person_user), person, client_of(demo_user(Role.SUPERVISOR))),
        *check_carer(client_of(demo_user(Role.CARER))),
    ]
    assert problems == []


def test_the_demo_has_something_to_show_on_each_home_page() -> None:
    """The comparisons above mean something only if the demo fills each list."""
    call_command("seed_demo_data", verbosity=0)
    psw = get(client_of(demo_user(Role.PSW)), HOME)
    assert people_linked(region(psw, "psw-caseload"))
    assert region(psw, "psw-ended").hrefs
    waiting = get(client_of(demo_user(Role.SUPERVISOR)), reverse("caseload:referral-list"))
    assert people_linked(region(waiting, "waiting-list"))
    lead = get(client_of(demo_user(Role.SAFEGUARDING_LEAD)), HOME)
    assert concerns_linked(region(lead, "safeguarding-concerns"))
    person = get(client_of(demo_user(Role.PERSON)), HOME)
    assert "Play music with other people again" in region(person, "person-goals").text
    assert "Your crisis plan" in region(person, "person-plans").text
    assert "Jordan Reid" in region(person, "person-worker").text
    carer = get(client_of(demo_user(Role.CARER)), HOME)
    assert "Crisis plan" in carer


def test_the_carer_home_says_when_nothing_is_shared_any_more(
    client_for: Any, caseload_world: Any
) -> None:
    carer = client_for(Role.CARER)
    assert (
        "Crisis plan"
        in region(get(carer, HOME), f"carer-shared-{caseload_world.family_member.pk}").text
    )
    caseload_world.consent.withdrawn_at = caseload_world.consent.granted_at
    caseload_world.consent.withdrawn_by = caseload_world.user(Role.PSW)
    caseload_world.consent.save()
    assert list(check_carer(carer)) == []
    assert "Nothing is shared with you at the moment" in get(carer, HOME)


# --- on an empty organisation ---------------------------------------------------------------


def test_home_pages_tell_the_truth_on_an_empty_organisation() -> None:
    organisation = OrganisationFactory(name="Northgate Peer Support", slug="northgate")
    team = TeamFactory(organisation=organisation, name="Northgate Team")
    users = {}
    for role in (Role.PSW, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD, Role.PERSON, Role.CARER):
        user = make_user(
            f"{role.value}@northgate.example",
            full_name=f"{role.label} Northgate",
            totp=role in STAFF_ROLES,
        )
        MembershipFactory(user=user, organisation=organisation, role=role, team=team)
        users[role] = user
    problems = [
        *check_psw(client_of(users[Role.PSW])),
        *check_supervisor(client_of(users[Role.SUPERVISOR]), organisation),
        *check_lead(client_of(users[Role.SAFEGUARDING_LEAD])),
        *check_person(client_of(users[Role.PERSON]), None, None),
        *check_carer(client_of(users[Role.CARER])),
    ]
    assert problems == []
    assert not SafeguardingConcern.objects.filter(status=ConcernStatus.OPEN).exists()
