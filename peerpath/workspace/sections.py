"""The home page sections of the peer support roles, which bring together the person's
peer relationship (caseload), their goals and plans (recovery), contacts, and consent and
safeguarding (governance).

- A PSW sees their caseload with what needs doing (last contact, next step, plans due for
  review, follow-ups due, open concerns), today's appointments, and the summaries of peer
  support they ended recently (still readable to them, scoping.ENDED_SUMMARY_READABLE_FOR).
- A supervisor sees their teams' caseloads by worker, people with no contact recorded in
  30 days, and open concerns.
- A safeguarding lead sees the open concerns by due time, the most overdue first, with
  each person fully identified: the queue's own selector, so the two cannot disagree.
- A person supported sees what PeerPath truly holds for them: their goals, their plans
  (last updated, review date), who their peer support worker is and their next
  appointment, read through the staff pages' selectors and audited as their own read.
- A carer sees, per person they care for, what is shared with them now (the consent rule
  the shared-detail page uses).

Each section runs a fixed number of queries whatever the size of the lists: the rows are
one query, and each column is one aggregate query over the page's people.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Status
from peerpath.caseload.scoping import (
    caseload_relationships,
    ended_summaries,
    summary_readable_until,
)
from peerpath.caseload.selectors import audit_listed, open_relationship_of, person_of_user
from peerpath.contacts import selectors as contacts
from peerpath.contacts.models import ContactNote
from peerpath.core.audit import audit
from peerpath.core.home import HomeSection
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.governance import selectors as governance
from peerpath.governance.models import ShareScope
from peerpath.governance.sharing import shared_scopes_of
from peerpath.recovery import selectors as recovery
from peerpath.recovery.selectors import REVIEW_WARNING

from .my_pages import MY_PAGES

NO_CONTACT_AFTER = timedelta(days=30)
PAGE_SIZE = 50


@dataclass(frozen=True)
class Row:
    relationship: PeerRelationship
    last_contact: date | None
    next_step: Any
    reviews_due: list[Any]
    follow_ups_due: int
    open_concerns: int

    @property
    def person(self) -> Any:
        return self.relationship.person


def _rows(request: OrgRequest, relationships: list[PeerRelationship], today: date) -> list[Row]:
    ids = [r.person_id for r in relationships]
    last = contacts.last_contact_on(ids)
    steps = recovery.next_steps(ids)
    reviews = recovery.reviews_due(ids, today + REVIEW_WARNING)
    follow_ups = contacts.follow_up_counts(ids, today)
    concerns = governance.open_concern_counts(ids)
    audit_listed(request, [r.person for r in relationships])
    return [
        Row(
            relationship=r,
            last_contact=last.get(r.person_id),
            next_step=steps.get(r.person_id),
            reviews_due=reviews.get(r.person_id, []),
            follow_ups_due=follow_ups.get(r.person_id, 0),
            open_concerns=concerns.get(r.person_id, 0),
        )
        for r in relationships
    ]


def _page(request: OrgRequest, relationships: Any) -> Page[Any]:
    return Paginator(relationships, PAGE_SIZE).get_page(request.GET.get("page"))


def psw_home(request: OrgRequest) -> dict[str, Any]:
    actor = request.actor
    today = timezone.localdate()
    relationships = (
        caseload_relationships(actor)  # each relationship once (a UNION of ids)
        .select_related("person", "team", "worker")
        .order_by("person__full_name", "pk")
    )
    page = _page(request, relationships)
    rows = _rows(request, list(page.object_list), today)
    appointments = contacts.appointments_on(actor, today)
    follow_ups = contacts.follow_ups_due(actor, today)
    ended = [
        (rel, summary_readable_until(rel))
        for rel in ended_summaries(actor).select_related("person")[:PAGE_SIZE]
    ]
    _audit_named_elsewhere(request, rows, [*appointments, *follow_ups, *(r for r, _ in ended)])
    return {
        "today": today,
        "psw_page": page,
        "psw_rows": rows,
        "appointments_today": appointments,
        "follow_ups_due": follow_ups,
        "recently_ended": ended,
    }


def _audit_named_elsewhere(request: OrgRequest, rows: list[Row], records: list[Any]) -> None:
    """People a home page names outside its table (which `_rows` audits already)."""
    listed = {row.relationship.person_id for row in rows}
    others = {r.person_id: r.person for r in records if r.person_id not in listed}
    audit_listed(request, others.values())


def supervisor_home(request: OrgRequest) -> dict[str, Any]:
    actor = request.actor
    today = timezone.localdate()
    relationships = (
        PeerRelationship.objects.filter(
            organisation=actor.organisation,
            team_id__in=actor.supervised_team_ids,
            status__in=(Status.REFERRED, Status.OFFERED, Status.ACTIVE, Status.ENDING),
        )
        .select_related("person", "team", "worker")
        .order_by("worker__full_name", "person__full_name", "pk")
    )
    page = _page(request, relationships)
    rows = _rows(request, list(page.object_list), today)
    since = today - NO_CONTACT_AFTER
    # Across all the teams' people, not only this page: one query.
    quiet = list(
        relationships.filter(status__in=(Status.ACTIVE, Status.ENDING))
        .filter(Q(first_met_on__lt=since) | Q(first_met_on__isnull=True, referred_on__lt=since))
        .exclude(
            Exists(ContactNote.objects.filter(person=OuterRef("person"), contact_on__gte=since))
        )[:PAGE_SIZE]
    )
    _audit_named_elsewhere(request, rows, quiet)
    return {
        "today": today,
        "team_page": page,
        "team_rows": rows,
        "quiet_rows": quiet,
    }


def _open_concerns(request: OrgRequest) -> list[Any]:
    concerns = list(governance.open_concerns_for(actor=request.actor)[:20])
    audit_listed(request, [concern.person for concern in concerns])
    return concerns


def psw_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.PSW,
        heading="Your caseload",
        template="workspace/_psw_home.jinja",
        data=psw_home(request),
    )


def supervisor_section(request: OrgRequest) -> HomeSection:
    data = supervisor_home(request)
    roles = request.roles
    # A safeguarding lead sees every open concern in their own section.
    data["open_concerns"] = None if Role.SAFEGUARDING_LEAD in roles else _open_concerns(request)
    return HomeSection(
        role=Role.SUPERVISOR,
        heading="Supervision",
        template="workspace/_supervisor_home.jinja",
        data=data,
    )


LEAD_HOME_CONCERNS = 20  # the rest are on the queue's page, which the section links to


def safeguarding_section(request: OrgRequest) -> HomeSection:
    """The open concerns, as the queue's "open only" page lists them: by due time, the
    most overdue first (two queries: the count and the first rows)."""
    queue = governance.concern_queue(actor=request.actor, status="open")
    concerns = list(queue[:LEAD_HOME_CONCERNS])
    total = queue.count()
    governance.audit_concerns_listed(request, concerns)
    return HomeSection(
        role=Role.SAFEGUARDING_LEAD,
        heading="Safeguarding",
        template="workspace/_concerns_home.jinja",
        data={"open_concerns": concerns, "open_total": total},
    )


def person_home(request: OrgRequest) -> dict[str, Any]:
    """What PeerPath holds for the person reading it, through the staff pages' selectors."""
    person = person_of_user(request.user, request.organisation)
    if person is None:
        return {"person": None}
    # The person's own read: their "who has seen my record" leaves it out.
    setattr(request, "audit_subject_person_id", person.pk)  # noqa: B010
    audit(
        request,
        action=AuditAction.VIEW,
        obj=person,
        person_id=person.pk,
        reason="the person reading their own record (home page)",
    )
    relationship = open_relationship_of(person)
    return {
        "person": person,
        "goals": recovery.goal_rows(person),
        "plans": recovery.plan_rows(person),
        "relationship": relationship,
        "next_appointment": contacts.next_appointment(person, timezone.now()),
        "today": timezone.localdate(),
        "my_pages": MY_PAGES,
    }


def person_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.PERSON,
        heading="Your recovery",
        template="workspace/_person_home.jinja",
        data=person_home(request),
    )


def carer_section(request: OrgRequest) -> HomeSection:
    """Per person they care for, what is shared with them now: the consent rule the shared
    page asks (`may_share`), for all of them in one query."""
    links = list(governance.caring_for(actor=request.actor))
    governance.audit_links_listed(request, links)
    scopes = shared_scopes_of(links)
    return HomeSection(
        role=Role.CARER,
        heading="Shared with you",
        template="workspace/_carer_home.jinja",
        data={
            "caring_for": [
                (link, [ShareScope(s) for s in ShareScope.values if s in scopes[link.pk]])
                for link in links
            ]
        },
    )
