"""Shared helpers for this app's tests."""

from typing import Any

from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.core.roles import Role


def person_on_caseload(world: Any, name: str = "Robin Hale") -> Person:
    """A new person on the home PSW's caseload, with no goals or plans yet."""
    person = Person.objects.create(organisation=world.organisation, team=world.team, full_name=name)
    PeerRelationship.objects.create(
        organisation=world.organisation,
        person=person,
        team=world.team,
        worker=world.user(Role.PSW),
        status=Status.ACTIVE,
        source="self",
        reason="Would like support",
        referred_on=timezone.localdate(),
    )
    return person
