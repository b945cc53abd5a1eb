"""Reads of rights, scoped to who asks."""

from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from peerpath.caseload.models import Person
from peerpath.core.actor import Actor
from peerpath.core.roles import Role

from .models import (
    OPEN_REQUEST_STATUSES,
    AccessPackFile,
    AccessPackItem,
    AccessRequest,
    Decision,
    Rectification,
)

REVIEWERS = (Role.ORG_ADMIN, Role.SAFEGUARDING_LEAD)


def own_requests(person: Person) -> QuerySet[AccessRequest]:
    """The person's requests for a copy, newest first, with their files."""
    return AccessRequest.objects.filter(person=person).prefetch_related("files")


def own_request_file(person: Person, pk: int, kind: str) -> AccessPackFile | None:
    """A file of one of the person's released copies (None: not theirs, or not ready)."""
    return (
        AccessPackFile.objects.filter(request__person=person, request_id=pk, kind=kind)
        .select_related("request")
        .first()
    )


def requests_for_review(actor: Actor) -> QuerySet[AccessRequest]:
    """Every request of the actor's organisation, for a reviewer: open ones first, the
    soonest due first; with how many items wait for a decision."""
    if actor.organisation is None or not actor.has(*REVIEWERS):
        return AccessRequest.objects.none()
    return (
        AccessRequest.objects.filter(organisation=actor.organisation)
        .select_related("person", "requested_by")
        .annotate(
            waiting=Count("items", filter=Q(items__decision=Decision.PENDING)),
            is_done=Case(
                When(status__in=OPEN_REQUEST_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("is_done", "due_on", "pk")
    )


def open_requests_count(actor: Actor) -> int:
    return requests_for_review(actor).filter(status__in=OPEN_REQUEST_STATUSES).count()


def review_items(access_request: AccessRequest) -> QuerySet[AccessPackItem]:
    """The request's items: those waiting for a decision first (so they are on the first
    page however many records are flagged), then the other flagged ones, then the rest."""
    waiting_first = Case(
        When(decision=Decision.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return access_request.items.select_related("decided_by").order_by(
        waiting_first, "-flagged", "position", "pk"
    )


def request_files(access_request: AccessRequest) -> QuerySet[AccessPackFile]:
    return AccessPackFile.objects.filter(request=access_request).defer("data")


def person_requests(person: Person) -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(person=person)


def own_corrections(person: Person) -> QuerySet[Rectification]:
    return Rectification.objects.filter(person=person).select_related("answered_by")


def person_corrections(person: Person) -> QuerySet[Rectification]:
    return Rectification.objects.filter(person=person).select_related("raised_by", "answered_by")


def signed_notes_of(person: Person) -> QuerySet[Any]:
    """The signed notes the person can read, newest first (to say which one is wrong):
    contacts' own read for the person, so a note held back from them is not offered, not
    even its date."""
    from peerpath.contacts.selectors import notes_for_person

    return notes_for_person(person).select_related(None).prefetch_related(None)


def open_corrections(person: Person) -> QuerySet[Rectification]:
    return person_corrections(person).filter(status="open")


def open_corrections_for(actor: Actor) -> QuerySet[Rectification]:
    """Unanswered corrections of the people the actor sees (their caseload), oldest first."""
    from peerpath.caseload.scoping import people_visible

    return (
        Rectification.objects.filter(person__in=people_visible(actor), status="open")
        .select_related("person")
        .order_by("raised_at", "pk")
    )
