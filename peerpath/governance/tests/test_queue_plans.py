"""The safeguarding queue reads its open concerns from their partial index, in the queue's
order, and never sorts every concern ever raised (issue 14). On PostgreSQL, with a
region-like history (tens of thousands of concerns, nearly all closed, in two
organisations, ANALYZEd), the plan of the queue's page of open concerns uses
`concern_open_queue` and scans no concern table; the recently closed use
`concern_closed_recent`.

The rows are committed (a transactional test) so the owner role can ANALYZE them: the
application role the suite runs as owns no table (ADR-013).
"""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.models import Person
from peerpath.core.roles import Role
from peerpath.governance import selectors
from peerpath.governance.models import ConcernStatus, SafeguardingConcern
from peerpath.organisations.models import Membership
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import OrganisationFactory, TeamFactory
from peerpath.tests.databases import analyze, plan_of

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN is PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]

CONCERNS = 20_000
OPEN_EVERY = 100  # one concern in a hundred is still open


def history() -> Any:
    """A lead's organisation and another, CONCERNS concerns between them over ten years."""
    organisation: Any = OrganisationFactory()
    other: Any = OrganisationFactory()
    teams: dict[int, Any] = {o.pk: TeamFactory(organisation=o) for o in (organisation, other)}
    lead: Any = UserFactory(email="lead@region.example")
    Membership.objects.create(user=lead, organisation=organisation, role=Role.SAFEGUARDING_LEAD)
    raiser: Any = UserFactory(email="psw@region.example")
    people = Person.objects.bulk_create(
        Person(organisation=o, team=teams[o.pk], full_name=f"Person {n:05}")
        for n in range(CONCERNS // 3)
        for o in [organisation if n % 2 else other]
    )
    now = timezone.now()
    SafeguardingConcern.objects.bulk_create(
        SafeguardingConcern(
            organisation_id=person.organisation_id,
            person=person,
            raised_by=raiser,
            raised_at=now - timedelta(hours=CONCERNS - n),
            due_at=now - timedelta(hours=CONCERNS - n - 24),
            abuse_type="neglect",
            who_is_at_risk="-",
            immediacy="soon",
            what_was_said="-",
            actions_taken="-",
            status=ConcernStatus.OPEN if n % OPEN_EVERY == 1 else ConcernStatus.CLOSED,
            outcome="" if n % OPEN_EVERY == 1 else "Resolved",
            closed_at=None if n % OPEN_EVERY == 1 else now,
        )
        for n in range(CONCERNS)
        for person in [people[n % len(people)]]
    )
    analyze("governance_safeguardingconcern", "caseload_person")
    return actor_for(lead, organisation)


def test_the_queue_reads_open_concerns_from_their_index() -> None:
    actor = history()
    page = selectors.concern_queue(actor=actor)[:25]  # the queue's first page ("All")
    concerns = list(page)
    assert len(concerns) == 25 and all(c.status == ConcernStatus.OPEN for c in concerns)
    assert [c.due_at for c in concerns] == sorted(c.due_at for c in concerns)
    plan = plan_of(page)
    print(plan)  # for docs/scale/record.md: pytest -s
    assert "concern_open_queue" in plan, plan
    assert "Seq Scan on governance_safeguardingconcern" not in plan, plan
    closed = selectors.closed_concerns(actor=actor)[: selectors.RECENTLY_CLOSED]
    plan = plan_of(closed)
    print(plan)
    assert "concern_closed_recent" in plan, plan
    assert "Seq Scan on governance_safeguardingconcern" not in plan, plan
