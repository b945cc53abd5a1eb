"""Reads of people supported and their peer relationships, already scoped by the caller."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from peerpath.core.audit import audit_many
from peerpath.core.models import AuditAction

from .models import FamilyMember, PeerRelationship, Person
from .scoping import people_visible


def caseload_rows(request: HttpRequest, *, text: str = "") -> QuerySet[Person]:
    people = people_visible(request).select_related("team")
    for word in text.split()[:5]:
        people = people.filter(
            Q(full_name__icontains=word) | Q(preferred_name__icontains=word) | Q(nhs_number=word)
        )
    return people.order_by("full_name", "pk")


def audit_listed(request: HttpRequest, people: Iterable[Person]) -> None:
    """One INSERT for every person named on a list page."""
    audit_many(
        request,
        action=AuditAction.VIEW,
        objects=list(people),
        person_id_of=lambda p: p.pk,
        reason="listed",
    )


def relationships_of(person: Person) -> list[PeerRelationship]:
    return list(
        PeerRelationship.objects.filter(person=person)
        .select_related("worker", "team")
        .prefetch_related("shared_with")
        .order_by("-referred_on", "-pk")
    )


def family_of(person: Person) -> list[FamilyMember]:
    return list(FamilyMember.objects.filter(person=person).order_by("name", "pk"))
