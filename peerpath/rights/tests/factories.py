"""Factories for rights' models: a request for a copy and its items and files, a
correction, a retention review and a tombstone. Each in its person's organisation."""

from datetime import timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.tests.factories import PersonRecordFactory
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.rights import clock
from peerpath.rights.models import (
    AccessPackFile,
    AccessPackItem,
    AccessRequest,
    Rectification,
    RetentionReview,
    Tombstone,
)


class AccessRequestFactory(PersonRecordFactory):
    class Meta:
        model = AccessRequest

    received_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyAttribute(lambda o: clock.due_on(o.received_on))
    requested_by = factory.SubFactory(UserFactory)


class AccessPackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessPackItem

    request = factory.SubFactory(AccessRequestFactory)
    organisation = factory.SelfAttribute("request.organisation")
    source = "recovery.goal"
    object_type = "recovery.goal"
    object_id = "1"
    label = "Your goals: Go back to college"
    content = factory.LazyFunction(lambda: {"Goal": "Go back to college"})


class AccessPackFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessPackFile

    request = factory.SubFactory(AccessRequestFactory)
    organisation = factory.SelfAttribute("request.organisation")
    kind = "json"
    data = b"{}"
    sha256 = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"


class RectificationFactory(PersonRecordFactory):
    class Meta:
        model = Rectification

    raised_by = factory.SubFactory(UserFactory)
    about = "details"
    what_is_wrong = "My pronouns are wrong."
    should_say = "they/them"


class RetentionReviewFactory(PersonRecordFactory):
    class Meta:
        model = RetentionReview

    due_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    decision = "destroy"
    reason = "Past the retention period; nothing to keep it for."
    decided_by = factory.SubFactory(UserFactory)


class TombstoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tombstone

    organisation = factory.SubFactory(OrganisationFactory)
    person_ref = "P1"
    counts = factory.LazyFunction(lambda: {"caseload.person": 1})
    rule = "20 years after care ended, or 10 years after death"
    destroyed_at = factory.LazyFunction(timezone.now)
    destroyed_by_label = "system owner"
