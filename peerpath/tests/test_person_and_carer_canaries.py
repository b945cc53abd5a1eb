"""A canary crawl as the person supported and as the carer (issue 13, "Checks that must
exist"): nothing of another person's record, nothing withheld from the person and nothing
the person does not share with the carer is reachable in any page, PDF, export or
download they can open. Then the person withdraws all sharing, and on the next request the
carer sees nothing of the crisis plan.

The entry points are every URL pattern whose access policy lets a person supported or a
carer in, found in the URLconf as the URL-by-role walk finds them (its walk examples fill
the arguments), so a page any app adds for them later is crawled without being listed.
From each, the crawl follows every same-site link (PDFs are read with pdftotext).
"""

import json
from collections import deque
from typing import Any

import pytest
from django.test import Client

from peerpath.caseload.models import Person
from peerpath.caseload.tests.factories import FamilyMemberFactory, PersonFactory
from peerpath.contacts.tests.factories import ContactNoteFactory
from peerpath.core.access import ROLES
from peerpath.core.roles import Role
from peerpath.governance.models import SharingConsent
from peerpath.governance.sharing import in_force
from peerpath.governance.tests.factories import DisclosureFactory, SharingConsentFactory
from peerpath.governance.tests.helpers import HREF, body_text, write_version
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.selectors import actor_for
from peerpath.recovery.tests.factories import (
    DocumentFactory,
    DocumentVersionFactory,
    GoalFactory,
)
from peerpath.rights.models import AccessRequest, Decision
from peerpath.rights.services import access_release, access_request_create, item_decide

from .access_walk import iter_routes, route_policy
from .walk_world import EXAMPLES

pytestmark = pytest.mark.django_db

# Planted in ANOTHER person's record: neither the person nor the carer may ever see them.
OTHERS = {
    "goal": "CANARY-other-goal-41c",
    "crisis plan": "CANARY-other-plan-52d",
    "contact note": "CANARY-other-note-63e",
    "family member": "CANARY-other-family-74f",
}
# Alex's own, but withheld from Alex with a recorded reason.
WITHHELD = "CANARY-withheld-disclosure-85a"
# Alex's own recovery plan, which Alex does not share with the carer.
NOT_SHARED = "CANARY-not-shared-recovery-96b"
# Alex's crisis plan, shared with the carer until Alex withdraws it.
SHARED = "CANARY-shared-crisis-a7c"

SKIP = ("/static/", "/accounts/logout", "/media/")


def entry_points(world: Any, role: Role) -> list[str]:
    """Every URL whose policy names `role`, arguments from the walk examples."""
    from django.urls import reverse

    found = []
    for route in iter_routes():
        policy = route_policy(route)
        if policy is None or policy.kind != ROLES or role not in policy.roles:
            continue
        if route.kwarg_names:
            example = EXAMPLES.get(route.name)
            assert example is not None, f"{route.name} has no walk example"
            kwargs = example.kwargs(world)
        else:
            kwargs = {}
        found.append(reverse(route.name, kwargs=kwargs or None))
    return found


def crawl(client: Client, starts: list[str], limit: int = 400) -> dict[str, str]:
    """Every page, PDF and download reachable from `starts` by same-site links (GET):
    path → its text."""
    seen: dict[str, str] = {}
    queue = deque(starts)
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP):
            continue
        response = client.get(path)
        seen[path] = body_text(response)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for href in HREF.findall(response.content.decode()):
                href = href.replace("&amp;", "&")
                if href not in seen:
                    queue.append(href)
    assert len(seen) < limit, "the crawl did not finish"
    return seen


def where(pages: dict[str, str], canaries: list[str]) -> list[str]:
    return [
        f"{canary} on {path}"
        for path, body in pages.items()
        for canary in canaries
        if canary in body
    ]


@pytest.fixture
def planted(walk_world: Any) -> Any:
    world = walk_world
    psw = world.user(Role.PSW)
    # The person persona is Alex's own account.
    Person.objects.filter(pk=world.person.pk).update(user=world.user(Role.PERSON))
    other: Any = PersonFactory(
        organisation=world.organisation, team=world.team, full_name="Sam Other"
    )
    GoalFactory(person=other, in_own_words=OTHERS["goal"], created_by=psw)
    plan: Any = DocumentFactory(person=other, kind="crisis_plan", current_version=1)
    DocumentVersionFactory(
        document=plan, number=1, content={"warning_signs": OTHERS["crisis plan"]}
    )
    ContactNoteFactory(person=other, author=psw, note=OTHERS["contact note"])
    member: Any = FamilyMemberFactory(person=other, name=OTHERS["family member"], is_carer=True)
    SharingConsentFactory(person=other, recipient=member, scope="crisis_plan", granted_by=psw)
    DisclosureFactory(
        person=world.person,
        by=psw,
        what_was_shared=WITHHELD,
        withheld_from_person="It would name a neighbour at risk",
    )
    write_version(world, "recovery_plan", {"keeps_me_well": NOT_SHARED})
    write_version(world, "crisis_plan", {"warning_signs": SHARED})
    return world


def test_the_person_sees_their_own_record_and_nothing_of_anyone_else(
    planted: Any, client_for: Any
) -> None:
    person = client_for(Role.PERSON)
    pages = crawl(person, ["/", *entry_points(planted, Role.PERSON)])
    assert "/my/sharing/" in pages and "/my/sharing/disclosures/" in pages
    # The crawl reaches the person's own record, so finding no canary means something.
    assert any("Go back to college" in body for body in pages.values())
    assert any("Adult social care duty team" in body for body in pages.values())
    assert where(pages, [*OTHERS.values(), WITHHELD]) == []


def test_the_persons_copy_of_their_record_holds_no_canary_until_released(
    planted: Any, client_for: Any
) -> None:
    """Alex asks for a copy; the withheld disclosure waits for a reviewer, who withholds
    it; the crawl then reads the released PDF and JSON through Alex's own links."""
    world = planted
    AccessRequest.objects.filter(person=world.person).delete()  # the walk's, not released
    access_request = access_request_create(person=world.person, by=world.user(Role.PERSON))
    run_jobs()
    lead = actor_for(world.user(Role.SAFEGUARDING_LEAD), world.organisation)
    for item in access_request.items.filter(decision=Decision.PENDING):
        decision = "withhold" if WITHHELD in json.dumps(item.content) else "release"
        item_decide(
            item=item,
            decision=decision,
            reason="Names someone else",
            expected_version=item.version,
            actor=lead,
        )
    access_request.refresh_from_db()
    access_release(
        access_request=access_request, expected_version=access_request.version, actor=lead
    )
    run_jobs()

    person = client_for(Role.PERSON)
    pages = crawl(person, ["/", *entry_points(world, Role.PERSON)])
    copies = {kind: f"/my/copy/{access_request.pk}/{kind}/" for kind in ("pdf", "json")}
    for path in copies.values():
        assert path in pages, f"no link reaches {path}"
        assert "Go back to college" in pages[path]  # their goal, in the copy
    assert where(pages, [*OTHERS.values(), WITHHELD]) == []


def test_the_carer_sees_only_what_is_shared_and_nothing_once_it_is_withdrawn(
    planted: Any, client_for: Any
) -> None:
    world = planted
    carer = client_for(Role.CARER)
    starts = ["/", *entry_points(world, Role.CARER)]
    pages = crawl(carer, starts)
    shared_pdf = f"/shared-with-me/{world.family_member.pk}/pdf/"
    assert shared_pdf in pages and SHARED in pages[shared_pdf]  # PDFs are read
    assert where(pages, [SHARED]) != []
    assert where(pages, [*OTHERS.values(), WITHHELD, NOT_SHARED]) == []

    # Alex withdraws everything, through their own pages.
    person = client_for(Role.PERSON)
    for consent in SharingConsent.objects.filter(in_force(), person=world.person):
        assert person.post(f"/my/sharing/{consent.pk}/stop/").status_code == 302
    assert not SharingConsent.objects.filter(in_force(), person=world.person).exists()

    after = crawl(carer, starts)
    assert where(after, [SHARED, NOT_SHARED, *OTHERS.values(), WITHHELD]) == []
    detail = after[f"/shared-with-me/{world.family_member.pk}/"]
    assert "Crisis plan" not in detail and "Samaritans" not in detail
    assert "has not chosen to share anything with you" in detail
