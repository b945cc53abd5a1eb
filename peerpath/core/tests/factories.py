"""Factories for core's records: audit events and create forms' one-time tokens."""

import factory
from django.utils import timezone

from peerpath.core.models import AuditAction, AuditEvent, FormToken


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    at = factory.LazyFunction(timezone.now)
    action = AuditAction.VIEW
    object_type = "caseload.person"
    object_id = "1"


class FormTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormToken

    token = factory.Sequence(lambda n: f"token-{n:058d}")
    path = "/people/new/"
