"""Factories for governance: consent to share, safeguarding concerns and disclosures.

Each record belongs to the organisation of its person; a consent's recipient is one of
the person's family, a concern action's person the concern's.
"""

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.tests.factories import FamilyMemberFactory, PersonRecordFactory
from peerpath.governance.models import (
    AbuseType,
    CarerMessage,
    ConcernAction,
    ConcernActionKind,
    Disclosure,
    Immediacy,
    SafeguardingConcern,
    ShareScope,
    SharingConsent,
)


class SharingConsentFactory(PersonRecordFactory):
    class Meta:
        model = SharingConsent

    recipient = factory.SubFactory(
        FamilyMemberFactory, person=factory.SelfAttribute("..person"), is_carer=True
    )
    scope = ShareScope.CRISIS_PLAN
    granted_at = factory.LazyFunction(timezone.now)
    granted_by = factory.SubFactory(UserFactory)


class SafeguardingConcernFactory(PersonRecordFactory):
    """An open concern raised now (its due time follows from its immediacy on save)."""

    class Meta:
        model = SafeguardingConcern

    raised_by = factory.SubFactory(UserFactory)
    raised_at = factory.LazyFunction(timezone.now)
    abuse_type = AbuseType.FINANCIAL
    who_is_at_risk = "Alex"
    immediacy = Immediacy.SOON
    what_was_said = "Someone is taking Alex's money."
    actions_taken = "Talked it through with Alex."


class DisclosureFactory(PersonRecordFactory):
    class Meta:
        model = Disclosure

    by = factory.SubFactory(UserFactory)
    at = factory.LazyFunction(timezone.now)
    told_whom = "Adult social care duty team"
    what_was_shared = "Name and the concern"
    justification = "To prevent serious harm"


class ConcernActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernAction

    concern = factory.SubFactory(SafeguardingConcernFactory)
    organisation = factory.SelfAttribute("concern.organisation")
    person = factory.SelfAttribute("concern.person")
    kind = ConcernActionKind.CALL
    happened_at = factory.LazyFunction(timezone.now)
    what = "Rang the duty team; they will visit tomorrow."
    recorded_by = factory.SubFactory(UserFactory)


class CarerMessageFactory(PersonRecordFactory):
    """A carer's message to the person's worker, unread."""

    class Meta:
        model = CarerMessage

    sender = factory.SubFactory(
        FamilyMemberFactory, person=factory.SelfAttribute("..person"), is_carer=True
    )
    sender_user = factory.SubFactory(UserFactory)
    text = "Alex seemed low at the weekend; could you check in with them?"
    sent_at = factory.LazyFunction(timezone.now)
