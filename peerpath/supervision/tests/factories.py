"""Supervision records for tests: an agreement (agreed by both unless told), sessions in
each state, actions; and a factory_boy factory per model (peerpath/tests/test_factories.py).
"""

from datetime import date, timedelta
from typing import Any

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.supervision.models import (
    SessionAddendum,
    SessionState,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionKind,
    SupervisionSession,
)


def agreement(
    worker: Any,
    supervisor: Any,
    organisation: Any,
    *,
    agreed: bool = True,
    kind: str = SupervisionKind.PRACTICE,
    starts_on: date | None = None,
    every_weeks: int = 4,
) -> SupervisionAgreement:
    now = timezone.now() if agreed else None
    return SupervisionAgreement.objects.create(
        organisation=organisation,
        worker=worker,
        supervisor=supervisor,
        kind=kind,
        every_weeks=every_weeks,
        where="Team base, quiet room",
        what_is_recorded="A summary and agreed actions, signed by both",
        confidentiality_limits="Risk to you or others is shared with the safeguarding lead",
        starts_on=starts_on or timezone.localdate() - timedelta(weeks=8),
        worker_agreed_at=now,
        supervisor_agreed_at=now,
    )


def session(
    of: SupervisionAgreement,
    *,
    held_on: date | None = None,
    recorded: bool = True,
    signed: bool = False,
    brought: str = "A hard week with a person's housing appeal",
) -> SupervisionSession:
    now = timezone.now()
    return SupervisionSession.objects.create(
        organisation_id=of.organisation_id,
        agreement=of,
        held_on=held_on or timezone.localdate() - timedelta(days=7),
        state=SessionState.HELD if recorded else SessionState.SCHEDULED,
        brought=brought if recorded else "",
        reflection="Kept boundaries well; noticed tiredness" if recorded else "",
        recorded_at=now if recorded else None,
        supervisor_signed_at=now if signed else None,
        worker_signed_at=now if signed else None,
    )


def action(
    of: SupervisionSession,
    *,
    text: str = "Read the lone working policy",
    due_on: date | None = None,
) -> SupervisionAction:
    return SupervisionAction.objects.create(
        organisation_id=of.organisation_id,
        session=of,
        text=text,
        owner="worker",
        due_on=due_on or of.held_on + timedelta(days=14),
    )


def another_user(world: Any, role: Any, name: str) -> Any:
    """Another member of the home organisation and team, holding `role`."""
    from peerpath.accounts.tests.factories import UserFactory
    from peerpath.organisations.tests.factories import MembershipFactory

    slug = name.lower().replace(" ", ".")
    user = UserFactory(email=f"{slug}@riverside.example", full_name=name, authenticator=True)
    MembershipFactory(user=user, organisation=world.organisation, role=role, team=world.team)
    return user


class SupervisionAgreementFactory(factory.django.DjangoModelFactory):
    """Peer practice supervision every four weeks from today, agreed by neither yet."""

    class Meta:
        model = SupervisionAgreement

    organisation = factory.SubFactory(OrganisationFactory)
    worker = factory.SubFactory(UserFactory)
    supervisor = factory.SubFactory(UserFactory)
    kind = SupervisionKind.PRACTICE
    where = "Team base"
    what_is_recorded = "A summary and actions"
    confidentiality_limits = "Risk is shared with the safeguarding lead"
    starts_on = factory.LazyFunction(timezone.localdate)


class SupervisionSessionFactory(factory.django.DjangoModelFactory):
    """A session booked for today, not yet recorded."""

    class Meta:
        model = SupervisionSession

    agreement = factory.SubFactory(SupervisionAgreementFactory)
    organisation = factory.SelfAttribute("agreement.organisation")
    held_on = factory.LazyFunction(timezone.localdate)


class SupervisionActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionAction

    session = factory.SubFactory(SupervisionSessionFactory)
    organisation = factory.SelfAttribute("session.organisation")
    text = "Read the lone working policy"
    owner = "worker"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class SessionAddendumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionAddendum

    session = factory.SubFactory(SupervisionSessionFactory)
    organisation = factory.SelfAttribute("session.organisation")
    text = "We also talked about annual leave."
    reason = "A missed topic"
    by = factory.SelfAttribute("session.agreement.supervisor")
