"""Grow the caseload world (peerpath/caseload/tests/world.py) to show that a page's query
count does not grow with it."""

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.contacts.tests.factories import ContactNoteFactory, SignpostFactory
from peerpath.core.roles import Role
from peerpath.governance.tests.factories import SafeguardingConcernFactory
from peerpath.recovery.tests.factories import GoalFactory, GoalStepFactory

# A concern whose details do not matter to the page's query count.
UNSPECIFIED_CONCERN = {
    "abuse_type": "neglect",
    "who_is_at_risk": "-",
    "immediacy": "soon",
    "what_was_said": "-",
    "actions_taken": "-",
}


def grow(world: Any, people: int, contacts_each: int) -> None:
    """Add people to the PSW's caseload, each with goals, contacts, a follow-up and a concern."""
    psw = world.user(Role.PSW)
    today = timezone.localdate()
    service = world.signpost.service
    for n in range(people):
        person = person_on_caseload(
            world,
            f"Person {n}",
            reason="Support",
            referred_on=today - timedelta(days=60),
            first_met_on=today - timedelta(days=50),
        )
        goal = GoalFactory(person=person, in_own_words="A goal", why_it_matters="-", strengths="-")
        GoalStepFactory(goal=goal, text="A step", due_on=today)
        for c in range(contacts_each):
            ContactNoteFactory(
                person=person,
                author=psw,
                contact_on=today - timedelta(days=c),
                kind="phone",
                duration_minutes=10,
                note=f"Note {c}",
                signed=True,
            )
        SignpostFactory(person=person, service=service, by=psw, follow_up_on=today)
        SafeguardingConcernFactory(person=person, raised_by=psw, **UNSPECIFIED_CONCERN)


def count(client: Client, url: str) -> int:
    client.get(url)  # the first request of a session caches the two-factor check
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)
