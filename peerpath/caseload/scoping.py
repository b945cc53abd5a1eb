"""Who may see which person's record: the one place caseload access is decided.

- A peer support worker sees the people on their caseload: an open relationship where they
  are the worker, or one shared with them.
- A peer supervisor (team lead) sees everyone whose record sits with a team they supervise.
- Nobody else sees a person's record through these views.

Every view of a person's record fetches the person with `get_person_or_404`, which also
audits the read; a person outside the caller's caseload is a 404, the same answer as a
person who does not exist.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from peerpath.core.audit import audit
from peerpath.core.forms import MAX_ID  # a bigger id is simply not found
from peerpath.core.models import AuditAction, AuditOutcome
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership

from .models import OPEN_STATUSES, PeerRelationship, Person

# The roles that may open a person's record at all; scoping narrows it further.
CASELOAD_ROLES = (Role.PSW, Role.SUPERVISOR)


def caller(request: HttpRequest) -> Any:
    """The signed-in user, typed for query lookups."""
    return request.user


def teams_supervised_by(user: Any, organisation: Any) -> QuerySet[Membership, Any]:
    """The ids of the teams this user supervises in this organisation (a subquery)."""
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Role.SUPERVISOR, team__isnull=False
    ).values("team_id")


def supervised_team_ids(request: HttpRequest) -> QuerySet[Membership, Any]:
    return teams_supervised_by(caller(request), request.organisation)  # type: ignore[attr-defined]


def caseload_relationships(request: HttpRequest) -> QuerySet[PeerRelationship]:
    """The open relationships a PSW works in: their own, or shared with them."""
    return PeerRelationship.objects.filter(
        organisation=request.organisation,  # type: ignore[attr-defined]
        status__in=OPEN_STATUSES,
    ).filter(Q(worker=caller(request)) | Q(shared_with=caller(request)))


def people_visible(request: HttpRequest) -> QuerySet[Person]:
    """Every person the caller may see, in their current organisation."""
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return Person.objects.none()
    allowed = Q(pk__in=[])
    if Role.PSW in roles:
        allowed |= Q(pk__in=caseload_relationships(request).values("person_id"))
    if Role.SUPERVISOR in roles:
        allowed |= Q(team_id__in=supervised_team_ids(request))
    return Person.objects.filter(allowed, organisation=organisation)


def get_person_or_404(request: HttpRequest, pk: int, *, reason: str = "") -> Person:
    """The person, if the caller may see them; audits the read (or the refusal)."""
    person = people_visible(request).select_related("team").filter(pk=pk).first()
    if person is None:
        audit(
            request,
            action=AuditAction.VIEW,
            outcome=AuditOutcome.NOT_FOUND,
            object_type="caseload.person",
            object_id=str(pk),
            person_id=pk if 0 < pk <= MAX_ID else None,
            reason="not on the caller's caseload, or no such person",
        )
        raise Http404
    audit(request, action=AuditAction.VIEW, obj=person, person_id=person.pk, reason=reason)
    return person


def person_lookup() -> QuerySet[Person]:
    """For services and commands that already know who is acting; views use the above."""
    return Person.objects.all()
