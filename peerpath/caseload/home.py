"""The home pages of peer support workers and supervisors (team leads).

A PSW sees their caseload with what needs doing (last contact, next step, plans due for
review, follow-ups due, open concerns) and today's appointments. A supervisor sees their
teams' caseloads by worker, people with no contact recorded in 30 days, and open
concerns. Each page runs a fixed number of queries whatever the caseload size: the rows
are one query, and each column is one aggregate query over the page's people.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone

from peerpath.contacts import selectors as contacts
from peerpath.contacts.models import ContactNote
from peerpath.core.home import HomeSection
from peerpath.core.roles import Role
from peerpath.governance import selectors as governance
from peerpath.recovery import selectors as recovery

from .models import PeerRelationship, Status
from .scoping import caseload_relationships, supervised_team_ids
from .selectors import audit_listed

REVIEW_WARNING = timedelta(days=14)  # plans due for review within two weeks are shown
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


def _rows(request: HttpRequest, relationships: list[PeerRelationship], today: date) -> list[Row]:
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


def _page(request: HttpRequest, relationships: Any) -> Page[Any]:
    return Paginator(relationships, PAGE_SIZE).get_page(request.GET.get("page"))


def psw_home(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    relationships = (
        caseload_relationships(request)
        .select_related("person", "team", "worker")
        .distinct()
        .order_by("person__full_name", "pk")
    )
    page = _page(request, relationships)
    organisation = request.organisation  # type: ignore[attr-defined]
    rows = _rows(request, list(page.object_list), today)
    appointments = contacts.appointments_on(request.user, organisation, today)
    follow_ups = contacts.follow_ups_due(request.user, organisation, today)
    _audit_named_elsewhere(request, rows, [*appointments, *follow_ups])
    return {
        "today": today,
        "psw_page": page,
        "psw_rows": rows,
        "appointments_today": appointments,
        "follow_ups_due": follow_ups,
    }


def _audit_named_elsewhere(request: HttpRequest, rows: list[Row], records: list[Any]) -> None:
    """People a home page names outside its table (which `_rows` audits already)."""
    listed = {row.relationship.person_id for row in rows}
    others = {r.person_id: r.person for r in records if r.person_id not in listed}
    audit_listed(request, others.values())


def supervisor_home(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    relationships = (
        PeerRelationship.objects.filter(
            organisation=request.organisation,  # type: ignore[attr-defined]
            team_id__in=supervised_team_ids(request),
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


def _open_concerns(request: HttpRequest) -> list[Any]:
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    concerns = list(
        governance.open_concerns_for(request.user, request.organisation, roles)[:20]  # type: ignore[attr-defined]
    )
    audit_listed(request, [concern.person for concern in concerns])
    return concerns


def psw_section(request: HttpRequest) -> HomeSection:
    return HomeSection(
        role=Role.PSW,
        heading="Your caseload",
        template="caseload/_psw_home.jinja",
        data=psw_home(request),
    )


def supervisor_section(request: HttpRequest) -> HomeSection:
    data = supervisor_home(request)
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    # A safeguarding lead sees every open concern in their own section.
    data["open_concerns"] = None if Role.SAFEGUARDING_LEAD in roles else _open_concerns(request)
    return HomeSection(
        role=Role.SUPERVISOR,
        heading="Supervision",
        template="caseload/_supervisor_home.jinja",
        data=data,
    )


def safeguarding_section(request: HttpRequest) -> HomeSection:
    return HomeSection(
        role=Role.SAFEGUARDING_LEAD,
        heading="Safeguarding",
        template="caseload/_concerns_home.jinja",
        data={"open_concerns": _open_concerns(request)},
    )


def person_section(request: HttpRequest) -> HomeSection:
    return HomeSection(
        role=Role.PERSON,
        heading="Your recovery",
        template="home/_summary.jinja",
        data={
            "summary": "Your goals and plans will appear here once you and your peer "
            "support worker start writing them together."
        },
    )


def carer_section(request: HttpRequest) -> HomeSection:
    # Only who they care for: what is shared is decided, and audited, on its own page.
    links = list(governance.caring_for(request.user, request.organisation))  # type: ignore[attr-defined]
    governance.audit_links_listed(request, links)
    return HomeSection(
        role=Role.CARER,
        heading="Shared with you",
        template="caseload/_carer_home.jinja",
        data={"caring_for": links},
    )
