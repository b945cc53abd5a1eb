"""Reads of supervision, scoped to the actor's organisation."""

from datetime import date

from django.db.models import Q, QuerySet

from peerpath.organisations.models import Organisation

from .models import SupervisionAgreement


def agreements_in_force(organisation: Organisation, today: date) -> QuerySet[SupervisionAgreement]:
    return SupervisionAgreement.objects.filter(
        organisation=organisation, starts_on__lte=today
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def supervisor_ids_of(organisation: Organisation, worker_id: int, today: date) -> set[int]:
    """Who supervises the worker today (any kind of agreement in force): one query."""
    return set(
        agreements_in_force(organisation, today)
        .filter(worker_id=worker_id)
        .values_list("supervisor_id", flat=True)
    )


def supervisee_ids_of(organisation: Organisation, supervisor_id: int, today: date) -> set[int]:
    """The workers this person supervises today: one query."""
    return set(
        agreements_in_force(organisation, today)
        .filter(supervisor_id=supervisor_id)
        .values_list("worker_id", flat=True)
    )
