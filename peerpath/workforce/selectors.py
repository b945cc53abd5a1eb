"""Reads of posts and employment, scoped to the actor's organisation."""

from datetime import date

from django.db.models import Q, QuerySet

from peerpath.organisations.models import Organisation

from .models import EmploymentRecord


def employments_current(organisation: Organisation, today: date) -> QuerySet[EmploymentRecord]:
    """Employment records running on `today`: started, and not yet ended."""
    return EmploymentRecord.objects.filter(organisation=organisation, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def employment_current(
    organisation: Organisation, worker_id: int, today: date
) -> EmploymentRecord | None:
    """The worker's current employment here (the latest to start), or None."""
    return (
        employments_current(organisation, today)
        .filter(worker_id=worker_id)
        .select_related("post", "post__team", "line_manager", "peer_supervisor")
        .order_by("-starts_on", "-pk")
        .first()
    )
