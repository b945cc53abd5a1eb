"""Who may see which person's record: the one place caseload access is decided.

- A peer support worker sees the people on their caseload: an open relationship where they
  are the worker, or one shared with them.
- A peer supervisor (team lead) sees everyone whose record sits with a team they supervise.
- A safeguarding lead reads, and never changes, the record of a person while a
  safeguarding concern about them is open; each read is audited with the concern as the
  reason, and access ends when the concern is closed. Only the pages that read the record
  (`@person_view(..., read_only=True)`, with `RECORD_READERS` as their roles) allow it.
- After a PSW ends peer support, they may read that relationship's summary (and nothing
  else of the record) for `ENDED_SUMMARY_READABLE_FOR`, read only and audited.
- A person supported sees their own record, and only theirs, through `@own_record_view`
  (the pages under /my/): their `Person` comes from who is signed in, never from the URL.
- Nobody else sees a person's record through these views.

The selectors here take the `Actor` (`people_visible(actor)`) and answer with querysets
already scoped to it. Every page of a person's record fetches the person with
`@person_view(reason)` (`get_person_or_404`, which takes the request because it also
audits the read); a person outside the caller's caseload is a 404, the same answer as a
person who does not exist. The same decisions for an object in hand are `rules.py`'s
(`actor.may("caseload.change_record", person)`).
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.forms import MAX_ID  # a bigger id is simply not found
from peerpath.core.http import PeerPathRequest
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


def teams_supervised_by(user: Any, organisation: Any) -> QuerySet[Membership, Any]:
    """The ids of the teams this user supervises in this organisation (a subquery), for a
    selector that is given a user and an organisation rather than an actor."""
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Role.SUPERVISOR, team__isnull=False
    ).values("team_id")


def caseload_relationships(actor: Actor) -> QuerySet[PeerRelationship]:
    """The open relationships a PSW works in: their own, or shared with them.

    The ids come from a UNION of two index-driven reads (issue 14): the worker's own open
    relationships (`relationship_worker`: organisation, worker, status) and the ones shared
    with them (the sharing table's index on the user). `worker OR shared_with` across a
    left join read every open relationship of the organisation to find a PSW's few, and
    could list one twice; the UNION lists each once.
    """
    if actor.user is None or actor.organisation is None:
        return PeerRelationship.objects.none()
    own = PeerRelationship.objects.filter(
        organisation=actor.organisation, worker=actor.user, status__in=OPEN_STATUSES
    )
    shared = PeerRelationship.shared_with.through.objects.filter(user=actor.user)
    ids = own.order_by().values("pk").union(shared.order_by().values("peerrelationship_id"))
    return PeerRelationship.objects.filter(
        pk__in=ids, organisation=actor.organisation, status__in=OPEN_STATUSES
    )


def people_visible(actor: Actor) -> QuerySet[Person]:
    """Every person the actor may see, in their current organisation."""
    if actor.organisation is None:
        return Person.objects.none()
    allowed = Q(pk__in=[])
    if actor.has(Role.PSW):
        allowed |= Q(pk__in=caseload_relationships(actor).values("person_id"))
    if actor.has(Role.SUPERVISOR):
        allowed |= Q(team_id__in=actor.supervised_team_ids)
    return Person.objects.filter(allowed, organisation=actor.organisation)


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


def _through_open_concern(actor: Actor, pk: int) -> tuple[Person, list[int]] | None:
    """A safeguarding lead's way to the person: an open concern about them."""
    organisation = actor.organisation
    if not actor.has(Role.SAFEGUARDING_LEAD) or organisation is None or not 0 < pk <= MAX_ID:
        return None
    # The person once per open concern, each row naming it: one query, not two (issue 14:
    # the record's statements). As `open_concern_ids`, through the person's concerns.
    found = list(
        Person.objects.filter(pk=pk, organisation=organisation, concerns__status="open")
        .select_related("team")
        .annotate(open_concern=F("concerns__pk"))
        .order_by("open_concern")
    )
    if not found:
        return None
    return found[0], [row.open_concern for row in found]


def get_person_or_404(
    request: PeerPathRequest, pk: int, *, reason: str = "", read_only: bool = False
) -> Person:
    """The person, if the caller may see them; audits the read (or the refusal).

    With `read_only`, a safeguarding lead also reaches a person with an open concern: the
    read is audited with the concern as its reason, and `request.record_read_only` tells
    the page to offer no change.
    """
    actor = request.actor
    person = people_visible(actor).select_related("team").filter(pk=pk).first()
    if person is None and read_only:
        found = _through_open_concern(actor, pk)
        if found is not None:
            person, concerns = found
            ids = ", ".join(str(c) for c in concerns)
            word = "concern" if len(concerns) == 1 else "concerns"
            reason = f"safeguarding lead: open safeguarding {word} {ids}" + (
                f"; {reason}" if reason else ""
            )
            # For the page and its template: offer no change, name the concerns.
            setattr(request, "record_read_only", True)  # noqa: B010
            setattr(request, "record_concerns", concerns)  # noqa: B010
    if person is None:
        raise _not_found(request, pk)
    if not getattr(request, "record_read_only", False):
        setattr(request, "audit_role", _caseload_role(actor, person))  # noqa: B010
    else:
        setattr(request, "audit_role", Role.SAFEGUARDING_LEAD)  # noqa: B010
    audit(request, action=AuditAction.VIEW, obj=person, person_id=person.pk, reason=reason)
    return person


def _caseload_role(actor: Actor, person: Person) -> Role:
    """The role through which the caseload check let the actor in (for the audit row, so
    "who has seen my record" can name it): a supervisor of the person's team, else a PSW.
    Asks for the supervised teams only of someone who holds both roles."""
    if not actor.has(Role.PSW):
        return Role.SUPERVISOR
    if actor.has(Role.SUPERVISOR) and person.team_id in actor.supervised_team_ids:
        return Role.SUPERVISOR
    return Role.PSW


def own_record(actor: Actor) -> Person | None:
    """The signed-in person's own record in their current organisation (None: they have
    none there, e.g. an invitation accepted before the record was linked)."""
    if actor.user is None or actor.organisation is None or not actor.has(Role.PERSON):
        return None
    return (
        Person.objects.filter(user=actor.user, organisation=actor.organisation)
        .select_related("team")
        .first()
    )


def own_record_view(
    reason: str | Callable[..., str],
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """For a page of the signed-in person's own record (under /my/): the view gets
    `person=` their `Person`, never one named by the URL, so nobody reaches another
    person's record this way. The read is audited with this reason, as the person's own
    (`by_subject`), and every audit row the request writes about them says so too.
    A person without a linked record sees a kind "nothing here yet" page.
    Goes under the view's access policy: `@roles(Role.PERSON)` then `@own_record_view(...)`.
    """

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: PeerPathRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            person = own_record(request.actor)
            if person is None:
                return render(request, "caseload/no_own_record.jinja", {})
            setattr(request, "audit_role", Role.PERSON)  # noqa: B010
            setattr(request, "audit_subject_person_id", person.pk)  # noqa: B010
            if callable(reason):
                why = reason(**kwargs)
            else:
                why = reason.format(**kwargs) if "{" in reason else reason
            audit(request, action=AuditAction.VIEW, obj=person, person_id=person.pk, reason=why)
            return view(request, *args, person=person, **kwargs)

        return wrapper

    return decorator


def person_view(
    reason: str | Callable[..., str], *, read_only: bool = False
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """For a page of a person's record: the URL's `person` id becomes the `Person`
    (`get_person_or_404` with this reason, so scoped and audited) before the view runs.
    The reason may name the URL's other arguments, `"contact record {pk}"`, or be a
    function of them.
    Goes under the view's access policy: `@roles(*CASELOAD_ROLES)` then `@person_view(...)`.
    """

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(
            request: PeerPathRequest, *args: Any, person: int, **kwargs: Any
        ) -> HttpResponseBase:
            if callable(reason):
                why = reason(**kwargs)
            else:
                why = reason.format(**kwargs) if "{" in reason else reason
            found = get_person_or_404(request, person, reason=why, read_only=read_only)
            return view(request, *args, person=found, **kwargs)

        return wrapper

    return decorator


def may_open_record(actor: Actor, person_id: int) -> bool:
    """Whether the person's record (`get_person_or_404(..., read_only=True)`) opens to the
    actor, so that a page links to it only then. Reads nothing of the record, so it is not
    audited; one or two queries."""
    if people_visible(actor).filter(pk=person_id).exists():
        return True
    return (
        actor.has(Role.SAFEGUARDING_LEAD)
        and actor.organisation is not None
        and bool(open_concern_ids(actor.organisation, person_id))
    )


def summary_readable_until(relationship: PeerRelationship) -> datetime | None:
    """Until when its worker may read an ended relationship's summary (None: not ended)."""
    if relationship.status != Status.ENDED or relationship.ended_at is None:
        return None
    return relationship.ended_at + ENDED_SUMMARY_READABLE_FOR


def ended_summaries(actor: Actor) -> QuerySet[PeerRelationship]:
    """The relationships the actor ended and may still read the summary of (newest first)."""
    if actor.user is None or actor.organisation is None:
        return PeerRelationship.objects.none()
    return PeerRelationship.objects.filter(
        organisation=actor.organisation,
        worker=actor.user,
        status=Status.ENDED,
        ended_at__gt=timezone.now() - ENDED_SUMMARY_READABLE_FOR,
    ).order_by("-ended_at", "-pk")


def get_summary_or_404(
    request: PeerPathRequest, person: int, pk: int
) -> tuple[Person, Any, datetime | None]:
    """An ended relationship's summary: for anyone who sees the person, and for the worker
    who ended it, for `ENDED_SUMMARY_READABLE_FOR`. Audited as a read of the person.

    Returns the person, the relationship and, when the caller reads it only as the worker
    who ended it, until when they may.
    """
    actor = request.actor
    until = None
    found = people_visible(actor).select_related("team").filter(pk=person).first()
    if found is not None:
        rel = PeerRelationship.objects.filter(person=found, pk=pk).select_related(
            "worker", "team", "person"
        )
        relationship = rel.first()
        reason = "peer support summary"
    else:
        relationship = None
        if actor.has(Role.PSW) and 0 < pk <= MAX_ID and 0 < person <= MAX_ID:
            relationship = (
                ended_summaries(actor)
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
