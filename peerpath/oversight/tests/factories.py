"""Urgent access for tests: a grant in force (unless told), and its factory_boy factory
(peerpath/tests/test_factories.py)."""

from datetime import timedelta
from typing import Any, cast

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.tests.factories import PersonFactory
from peerpath.core.roles import Role
from peerpath.oversight.models import URGENT_ACCESS_LASTS, ReasonKind, UrgentAccess


class UrgentAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UrgentAccess

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    granted_to = factory.SubFactory(UserFactory)
    role_used = Role.ON_CALL
    reason_kind = ReasonKind.CRISIS_CALL
    reason = "A crisis call from their sister; they are alone tonight."
    started_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.started_at + URGENT_ACCESS_LASTS)


def grant(person: Any, to: Any, *, ago: timedelta = timedelta(0), **kwargs: Any) -> UrgentAccess:
    """A grant to `to` for `person`, started `ago` (in force unless that is over 3 hours)."""
    started = timezone.now() - ago
    made: Any = UrgentAccessFactory(
        person=person,
        organisation=person.organisation,
        granted_to=to,
        started_at=started,
        expires_at=started + URGENT_ACCESS_LASTS,
        **kwargs,
    )
    return cast(UrgentAccess, made)
