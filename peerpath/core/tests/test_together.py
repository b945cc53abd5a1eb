"""Lists read together in one statement (`peerpath.core.together`, issue 14) are the same
as each queryset read on its own: the same rows in the same order, every field's value
and type, the related objects `select_related` names and the annotations. Run on SQLite
and PostgreSQL, over every list the person's record page reads."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.tests.factories import PersonFactory, PortalAgreementFactory
from peerpath.contacts.tests.factories import AppointmentFactory, ContactNoteFactory
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.together import Part, fetch_together
from peerpath.governance.tests.factories import DisclosureFactory
from peerpath.groups.tests.factories import AttendanceFactory, PeerGroupFactory
from peerpath.organisations.models import Membership
from peerpath.recovery.models import Goal
from peerpath.recovery.tests.factories import GoalFactory, GoalStepFactory, GoalUpdateFactory
from peerpath.rights.tests.factories import AccessRequestFactory, RectificationFactory
from peerpath.workspace.person_page import record_parts

pytestmark = pytest.mark.django_db


def fill(world: Any) -> Person:
    """The caseload world's person (one of every record) with a few more of each."""
    person: Person = world.person
    psw, supervisor = world.user(Role.PSW), world.user(Role.SUPERVISOR)
    world.relationship.shared_with.add(supervisor)
    for n in range(7):
        ContactNoteFactory(person=person, author=psw, note=f"Note {n}", signed=n % 2 == 0)
        goal = GoalFactory(person=person, in_own_words=f"Goal {n}")
        GoalStepFactory(goal=goal, text=f"Step {n}", due_on=None if n % 3 else timezone.localdate())
        GoalUpdateFactory(goal=goal, text=f"Went {n}", is_success=True, by=psw)
    now = timezone.now()
    for days in (-9, -2, 1, 4, 8):
        AppointmentFactory(person=person, worker=psw, starts_at=now + timedelta(days=days))
    DisclosureFactory(person=person, by=supervisor)
    group: Any = PeerGroupFactory(organisation=person.organisation, team=person.team)
    group.members.add(person)
    AttendanceFactory(session__group=group, person=person)
    RectificationFactory(person=person, raised_by=psw)
    AccessRequestFactory(person=person, requested_by=psw)
    if person.user_id:
        PortalAgreementFactory(person=person)
    return person


def same(read: Model, together: Model, path: str) -> None:
    assert type(read) is type(together), path
    for field in read._meta.concrete_fields:
        expected, got = getattr(read, field.attname), getattr(together, field.attname)
        assert got == expected, f"{path}.{field.attname}: {got!r} != {expected!r}"
        assert type(got) is type(expected), f"{path}.{field.attname}: {type(got)}"


def compare(name: str, part: Part, got: list[Any]) -> int:
    queryset = part.queryset if part.limit is None else part.queryset[: part.limit]
    expected = list(queryset)
    assert [o.pk for o in got] == [o.pk for o in expected], name
    related = part.queryset.query.select_related or {}
    annotations = list(part.queryset.query.annotation_select)
    for read, together in zip(expected, got, strict=True):
        same(read, together, name)
        for attribute in annotations:
            assert getattr(together, attribute) == getattr(read, attribute), (name, attribute)
        assert isinstance(related, dict)
        for relation, deeper in related.items():
            mine, theirs = getattr(read, relation), getattr(together, relation)
            assert (mine is None) == (theirs is None), (name, relation)
            if mine is not None:
                same(mine, theirs, f"{name}.{relation}")
                for second in deeper:
                    if getattr(mine, second) is not None:
                        same(getattr(mine, second), getattr(theirs, second), f"{name}.{second}")
    return len(expected)


def test_every_list_on_the_record_page_reads_the_same_together(caseload_world: Any) -> None:
    person = fill(caseload_world)
    request: Any = RequestFactory().get("/")
    psw = caseload_world.user(Role.PSW)
    request.actor = Actor.from_memberships(
        psw, Membership.objects.filter(user=psw), organisation_id=person.organisation_id
    )
    parts = record_parts(request, person)
    with CaptureQueriesContext(connection) as queries:
        rows = fetch_together(parts)
    assert len(queries) == 1
    assert set(rows) == set(parts)
    counts = {name: compare(name, part, rows[name]) for name, part in parts.items()}
    # The data reaches every kind of part: rows, limits, windows, annotations, relations.
    assert counts["peerpath.contacts.panels:notes"] == 5
    assert counts["peerpath.recovery.panels:steps"] >= 8
    assert counts["peerpath.contacts.panels:appointments"] >= 5
    assert counts["shared_with"] == 1
    assert counts["peerpath.recovery.panels:successes"] == 3
    empty = [name for name, n in counts.items() if n == 0]
    assert empty == [], f"parts with no rows to compare: {empty}"


def test_nothing_to_read_is_an_empty_list(caseload_world: Any) -> None:
    stranger: Any = PersonFactory(organisation=caseload_world.organisation)
    rows = fetch_together(
        {"goals": Part(Goal.objects.filter(person=stranger)), "none": Part(Person.objects.none())}
    )
    assert rows == {"goals": [], "none": []}


def test_a_sliced_or_prefetching_queryset_is_refused() -> None:
    with pytest.raises(ValueError, match="give a limit"):
        fetch_together({"people": Person.objects.all()[:3]})
    with pytest.raises(ValueError, match="does not prefetch"):
        fetch_together({"people": Person.objects.prefetch_related("family")})
