"""A PSW's caseload is read through the indexes, not by reading every open relationship of
the organisation (issue 14). On PostgreSQL, with a region-like organisation (tens of
thousands of relationships across hundreds of workers, ANALYZEd), the plans of the
caseload page and the PSW's home never scan the relationship table; a handful are the
PSW's own and a few are shared with them.

The rows are committed (a transactional test) so the owner role can ANALYZE them: the
application role the suite runs as owns no table (ADR-013).
"""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.caseload.scoping import caseload_relationships, people_visible
from peerpath.caseload.selectors import caseload_rows
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import OrganisationFactory, TeamFactory
from peerpath.tests.databases import analyze, plan_of

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN is PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]

RELATIONSHIPS = 30_000
WORKERS = 300
OWN = 27
SHARED = 3


def region(psw: Any) -> Any:
    """An organisation with RELATIONSHIPS open relationships across WORKERS workers, OWN of
    them the PSW's and SHARED more shared with them; and a second organisation like it."""
    user_model = get_user_model()
    organisation: Any = OrganisationFactory()
    other: Any = OrganisationFactory()
    teams: list[Any] = [TeamFactory(organisation=organisation) for _ in range(10)]
    other_team: Any = TeamFactory(organisation=other)
    Membership.objects.create(user=psw, organisation=organisation, role=Role.PSW, team=teams[0])
    workers = user_model.objects.bulk_create(
        user_model(email=f"worker{n}@region.example", full_name=f"Worker {n}", password="!")
        for n in range(WORKERS)
    )
    people = Person.objects.bulk_create(
        Person(
            organisation=organisation if n % 4 else other,
            team=teams[n % 10] if n % 4 else other_team,
            full_name=f"Person {n:05}",
        )
        for n in range(RELATIONSHIPS)
    )
    statuses = (Status.ACTIVE, Status.ACTIVE, Status.ENDED, Status.OFFERED, Status.ENDING)
    # The PSW's own: the first OWN people of the organisation (n % 4 != 0), all active.
    own = {n for n in range(RELATIONSHIPS) if n % 4}
    own = set(sorted(own)[:OWN])
    relationships = PeerRelationship.objects.bulk_create(
        PeerRelationship(
            organisation=person.organisation,
            person=person,
            team=person.team,
            worker=psw if n in own else workers[n % WORKERS],
            status=Status.ACTIVE if n in own else statuses[n % 5],
            source="team",
            reason="Support",
            referred_on=date(2026, 1, 1),
        )
        for n, person in enumerate(people)
    )
    through = PeerRelationship.shared_with.through
    shared = [
        r
        for r in relationships[max(own) + 1 :]
        if r.organisation_id == organisation.pk and r.status == Status.ACTIVE
    ]
    through.objects.bulk_create(
        [through(peerrelationship_id=r.pk, user_id=psw.pk) for r in shared[:SHARED]]
        + [
            through(peerrelationship_id=r.pk, user_id=workers[(k + 1) % WORKERS].pk)
            for k, r in enumerate(shared[SHARED : SHARED + 2000])
        ]
    )
    analyze("caseload_peerrelationship", "caseload_peerrelationship_shared_with", "caseload_person")
    return organisation


def test_a_psws_caseload_is_read_through_the_indexes() -> None:
    from peerpath.accounts.tests.factories import UserFactory

    psw: Any = UserFactory(email="psw@region.example")
    organisation = region(psw)
    actor = actor_for(psw, organisation)
    # What the pages show: OWN + SHARED people, each once, in the same order as before.
    rows = list(caseload_rows(actor))
    assert len(rows) == OWN + SHARED == len({p.pk for p in rows})
    assert [p.full_name for p in rows] == sorted(p.full_name for p in rows)
    home = caseload_relationships(actor).select_related("person", "team", "worker")
    home = home.order_by("person__full_name", "pk")  # as the PSW home: no DISTINCT needed
    assert [r.person_id for r in home] == [p.pk for p in rows]
    for query in (caseload_rows(actor), people_visible(actor).filter(pk=rows[0].pk), home):
        plan = plan_of(query)
        print(plan)  # for docs/scale/record.md: pytest -s
        assert "Seq Scan on caseload_peerrelationship " not in plan, plan
        assert "relationship_worker" in plan, plan
