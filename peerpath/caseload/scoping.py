"""Who may see which person's record: the one place caseload access is decided.

- A peer support worker sees the people on their caseload: an open relationship where they
  are the worker, or one shared with them.
- A peer supervisor (team lead) sees everyone whose record sits with a team they supervise.
- A safeguarding lead reads, and never changes, the record of a person while a
  safeguarding concern about them is open; each read is audited with the concern as the
  reason, and access ends when the concern is closed. Only the pages that read the record
  (`get_person_or_404(..., read_only=True)`, with `RECORD_READERS` as their roles) allow it.
- After a PSW ends peer support, they may read that relationship's summary (and nothing
  else of the record) for `ENDED_SUMMARY_READABLE_FOR`, read only and audited.
- Nobody else sees a person's record through these views.

Every view of a person's record fetches the person with `get_person_or_404`, which also
audits the read; a person outside the caller's caseload is a 404, the same answer as a
person who does not exist.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.forms import MAX_ID  # a bigger id is simply not found
from peerpath.core.models import AuditAction, AuditOutcome
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership

from .models import OPEN_STATUSES, PeerRelationship, Person, Status

# The roles that may open (and change) a person's record; scoping narrows it further.
CASELOAD_ROLES = (Role.PSW, Role.SUPERVISOR)
# The roles of the pages that only read the record: a safeguarding lead reads it while a
# concern about the person is open.
RECORD_READERS = (Role.PSW, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)

# How long a PSW may still read the summary of peer support they ended, from the moment
# the ending was recorded: long enough to finish the hand-over and answer questions about
# it (a month), short enough that a worker who no longer supports the person does not keep
# reading about them. Read only; every read is audited.
ENDED_SUMMARY_READABLE_FOR = timedelta(days=30)


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


def _not_found(request: HttpRequest, pk: int) -> Http404:
    audit(
        request,
        action=AuditAction.VIEW,
        outcome=AuditOutcome.NOT_FOUND,
        object_type="caseload.person",
        object_id=str(pk),
        person_id=pk if 0 < pk <= MAX_ID else None,
        reason="not on the caller's caseload, or no such person",
    )
    return Http404()


def open_concern_ids(organisation: Any, person_id: int) -> list[int]:
    """The open safeguarding concerns about this person (one query)."""
    return list(
        Person.objects.filter(pk=person_id, organisation=organisation, concerns__status="open")
        .order_by("concerns__pk")
        .values_list("concerns__pk", flat=True)
    )


def _through_open_concern(request: HttpRequest, pk: int) -> tuple[Person, list[int]] | None:
    """A safeguarding lead's way to the person: an open concern about them."""
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    organisation = getattr(request, "organisation", None)
    if Role.SAFEGUARDING_LEAD not in roles or organisation is None or not 0 < pk <= MAX_ID:
        return None
    concerns = open_concern_ids(organisation, pk)
    if not concerns:
        return None
    person = Person.objects.select_related("team").get(pk=pk, organisation=organisation)
    return person, concerns


def get_person_or_404(
    request: HttpRequest, pk: int, *, reason: str = "", read_only: bool = False
) -> Person:
    """The person, if the caller may see them; audits the read (or the refusal).

    With `read_only`, a safeguarding lead also reaches a person with an open concern: the
    read is audited with the concern as its reason, and `request.record_read_only` tells
    the page to offer no change.
    """
    person = people_visible(request).select_related("team").filter(pk=pk).first()
    if person is None and read_only:
        found = _through_open_concern(request, pk)
        if found is not None:
            person, concerns = found
            ids = ", ".join(str(c) for c in concerns)
            word = "concern" if len(concerns) == 1 else "concerns"
            reason = f"safeguarding lead: open safeguarding {word} {ids}" + (
                f"; {reason}" if reason else ""
            )
            request.record_read_only = True  # type: ignore[attr-defined]
            request.record_concerns = concerns  # type: ignore[attr-defined]
    if person is None:
        raise _not_found(request, pk)
    audit(request, action=AuditAction.VIEW, obj=person, person_id=person.pk, reason=reason)
    return person


def person_view(
    reason: str, *, read_only: bool = False
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """For a page of a person's record: the URL's `person` id becomes the `Person`
    (`get_person_or_404` with this reason, so scoped and audited) before the view runs.
    Goes under the view's access policy: `@roles(*CASELOAD_ROLES)` then `@person_view(...)`.
    """

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, person: int, **kwargs: Any
        ) -> HttpResponseBase:
            found = get_person_or_404(request, person, reason=reason, read_only=read_only)
            return view(request, *args, person=found, **kwargs)

        return wrapper

    return decorator


def may_open_record(request: HttpRequest, person_id: int) -> bool:
    """Whether the person's record (`get_person_or_404(..., read_only=True)`) opens to the
    caller, so that a page links to it only then. Reads nothing of the record, so it is not
    audited; one or two queries."""
    if people_visible(request).filter(pk=person_id).exists():
        return True
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    organisation = getattr(request, "organisation", None)
    return (
        Role.SAFEGUARDING_LEAD in roles
        and organisation is not None
        and bool(open_concern_ids(organisation, person_id))
    )


def summary_readable_until(relationship: PeerRelationship) -> datetime | None:
    """Until when its worker may read an ended relationship's summary (None: not ended)."""
    if relationship.status != Status.ENDED or relationship.ended_at is None:
        return None
    return relationship.ended_at + ENDED_SUMMARY_READABLE_FOR


def ended_summaries(request: HttpRequest) -> QuerySet[PeerRelationship]:
    """The relationships the caller ended and may still read the summary of (newest first)."""
    return PeerRelationship.objects.filter(
        organisation=request.organisation,  # type: ignore[attr-defined]
        worker=caller(request),
        status=Status.ENDED,
        ended_at__gt=timezone.now() - ENDED_SUMMARY_READABLE_FOR,
    ).order_by("-ended_at", "-pk")


def get_summary_or_404(
    request: HttpRequest, person: int, pk: int
) -> tuple[Person, Any, datetime | None]:
    """An ended relationship's summary: for anyone who sees the person, and for the worker
    who ended it, for `ENDED_SUMMARY_READABLE_FOR`. Audited as a read of the person.

    Returns the person, the relationship and, when the caller reads it only as the worker
    who ended it, until when they may.
    """
    until = None
    found = people_visible(request).select_related("team").filter(pk=person).first()
    if found is not None:
        rel = PeerRelationship.objects.filter(person=found, pk=pk).select_related(
            "worker", "team", "person"
        )
        relationship = rel.first()
        reason = "peer support summary"
    else:
        roles: frozenset[Role] = getattr(request, "roles", frozenset())
        relationship = None
        if Role.PSW in roles and 0 < pk <= MAX_ID and 0 < person <= MAX_ID:
            relationship = (
                ended_summaries(request)
                .filter(pk=pk, person_id=person)
                .select_related("worker", "team", "person", "person__team")
                .first()
            )
        if relationship is not None:
            found = relationship.person
            until = summary_readable_until(relationship)
            reason = "the worker who ended peer support reads its summary" + (
                f", readable until {timezone.localtime(until):%-d %B %Y}" if until else ""
            )
    if found is None or relationship is None:
        raise _not_found(request, person)
    audit(request, action=AuditAction.VIEW, obj=found, person_id=found.pk, reason=reason)
    return found, relationship, until


def person_lookup() -> QuerySet[Person]:
    """For services and commands that already know who is acting; views use the above."""
    return Person.objects.all()
