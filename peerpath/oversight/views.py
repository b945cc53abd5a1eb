"""Urgent access (break-the-glass) and "who has seen my record".

Urgent access never goes through `/people/<person>/…`: `get_person_or_404` ignores grants,
so a grant opens only the pages here, and each is fetched through the actor's own grants
in force (`grants_in_force`), else 404.
"""

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import own_record_view
from peerpath.caseload.selectors import audit_listed
from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.recovery.documents import CRISIS_PLAN, EMERGENCY, SAMARITANS

from . import presenters, selectors, services
from .forms import FindForm, GrantForm, ReviewForm
from .models import URGENT_ACCESS_LASTS, UrgentAccess
from .selectors import REVIEWERS, URGENT_ROLES

MATCH_SALT = "peerpath.oversight.match"
MATCH_VALID_FOR = 30 * 60  # seconds: a match found is good for half an hour
REVIEW_PER_PAGE = 20
SEEN_PER_PAGE = 25  # sentences a page
SEEN_ROWS = 400  # audit rows read for a page (one query), enough for 25 sentences
CURSOR_SALT = "peerpath.oversight.seen"


# --- urgent access -----------------------------------------------------------------------------


def match_token(request: OrgRequest, person: Person) -> str:
    """Signed proof that this user found this person by an exact search just now, so the
    grant form cannot be opened by trying one id after another."""
    return signing.dumps({"p": person.pk, "u": request.user.pk}, salt=MATCH_SALT)


def _matched_person(request: OrgRequest) -> Person | None:
    try:
        found = signing.loads(
            request.GET.get("match", ""), salt=MATCH_SALT, max_age=MATCH_VALID_FOR
        )
        pk = int(request.GET.get("person", ""))
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(found, dict) or found.get("u") != request.user.pk or found.get("p") != pk:
        return None
    return selectors.person_for_grant(actor=request.actor, pk=pk)


def _hours() -> int:
    return int(URGENT_ACCESS_LASTS.total_seconds() // 3600)


@roles(*URGENT_ROLES)
@require_http_methods(["GET", "POST"])
def urgent_find(request: OrgRequest) -> HttpResponse:
    """Find the person: exact NHS number, or full name and date of birth (sent by POST, so
    what is typed stays out of addresses and logs). Every search is audited."""
    form = FindForm(posted(request))
    found: list[Person] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = selectors.find_people(
            actor=request.actor,
            nhs_number=data["nhs_number"],
            full_name=data["full_name"],
            date_of_birth=data["date_of_birth"],
        )
        services.person_search_audit(request, actor=request.actor, how=form.how, found=found)
    return TemplateResponse(
        request,
        "oversight/urgent_find.jinja",
        {
            "form": form,
            "found": [(p, match_token(request, p)) for p in found] if found else found,
            "grants": list(selectors.grants_in_force(actor=request.actor)),
            "hours": _hours(),
        },
        status=form_status(form),
    )


@roles(*URGENT_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def urgent_new(request: OrgRequest) -> HttpResponseBase:
    person = _matched_person(request)
    if person is None:
        return TemplateResponse(request, "oversight/find_first.jinja", {})
    services.person_shown_audit(request, actor=request.actor, person=person)

    def save(form: GrantForm) -> HttpResponseBase:
        grant = services.urgent_access_grant(
            actor=request.actor,
            person=person,
            reason_kind=form.cleaned_data["reason_kind"],
            reason=form.cleaned_data["reason"],
            request=request,
        )
        messages.success(
            request,
            f"Urgent access opened until {timezone.localtime(grant.expires_at):%H:%M}. "
            "Your supervisor or a safeguarding lead will review it.",
        )
        return redirect("oversight:urgent-detail", pk=grant.pk)

    return form_page(
        request,
        GrantForm,
        "oversight/urgent_new.jinja",
        {"person": person, "hours": _hours()},
        save=save,
    )


def _grant_or_404(request: OrgRequest, pk: int) -> UrgentAccess:
    return get_in_organisation_or_404(
        request, selectors.grants_in_force(actor=request.actor), pk=pk
    )


@roles(*URGENT_ROLES)
@require_http_methods(["GET"])
def urgent_detail(request: OrgRequest, pk: int) -> HttpResponse:
    """Only what a crisis needs: who they are, how to reach them, their PSW and team, and
    their crisis plan."""
    grant = _grant_or_404(request, pk)
    relationship, plan = selectors.what_a_grant_opens(grant.person)
    services.urgent_access_read_audit(request, grant=grant, what="crisis plan and contact details")
    return TemplateResponse(
        request,
        "oversight/urgent_detail.jinja",
        {
            "grant": grant,
            "person": grant.person,
            "relationship": relationship,
            "version": plan,
            "kind": CRISIS_PLAN,
            "sections": [(s, plan.content.get(s.key, "")) for s in CRISIS_PLAN.sections]
            if plan
            else [],
            "samaritans": SAMARITANS,
            "emergency": EMERGENCY,
        },
    )


@roles(*URGENT_ROLES)
@require_http_methods(["GET"])
def urgent_pdf(request: OrgRequest, pk: int) -> HttpResponse:
    grant = _grant_or_404(request, pk)
    _, plan = selectors.what_a_grant_opens(grant.person)
    if plan is None:
        raise Http404
    pdf = services.crisis_plan_pdf(grant=grant, version=plan, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"crisis-plan-{grant.person_id}-version-{plan.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@roles(*URGENT_ROLES)
@require_POST
def urgent_end(request: OrgRequest, pk: int) -> HttpResponseBase:
    grant = _grant_or_404(request, pk)
    services.urgent_access_end(grant=grant, by=request.user, request=request)
    messages.success(request, "Urgent access ended. The record is closed to you again.")
    return redirect("oversight:urgent-find")


def _reviewer_role(request: OrgRequest) -> Role:
    return Role.SAFEGUARDING_LEAD if request.actor.has(Role.SAFEGUARDING_LEAD) else Role.SUPERVISOR


@roles(*REVIEWERS)
@require_http_methods(["GET"])
def urgent_review_list(request: OrgRequest) -> HttpResponse:
    grants = selectors.grants_to_review(actor=request.actor)
    page = Paginator(grants, REVIEW_PER_PAGE).get_page(request.GET.get("page"))
    setattr(request, "audit_role", _reviewer_role(request))  # noqa: B010
    audit_listed(
        request, [g.person for g in page.object_list], reason="listed for urgent access review"
    )
    return TemplateResponse(
        request,
        "oversight/urgent_review_list.jinja",
        {
            "page": page,
            "unreviewed": selectors.unreviewed_count(actor=request.actor),
            "as_lead": request.actor.has(Role.SAFEGUARDING_LEAD),
        },
    )


@roles(*REVIEWERS)
@require_http_methods(["GET", "POST"])
def urgent_review(request: OrgRequest, pk: int) -> HttpResponseBase:
    setattr(request, "audit_role", _reviewer_role(request))  # noqa: B010
    grant = get_in_organisation_or_404(
        request, selectors.grants_to_review(actor=request.actor), audit_read=True, pk=pk
    )

    def make(data: Any) -> ReviewForm:
        return ReviewForm(data, initial={"version": grant.version})

    def save(form: ReviewForm) -> HttpResponseBase:
        services.urgent_access_review(
            grant=grant,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            reviewer_role=_reviewer_role(request),
            request=request,
        )
        messages.success(request, "Review saved.")
        return redirect("oversight:urgent-review-list")

    return form_page(
        request,
        make,
        "oversight/urgent_review.jinja",
        {"grant": grant},
        save=save,
        conflict="a review of this urgent access",
    )


# --- who has seen my record ---------------------------------------------------------------


def _cursor(text: str) -> tuple[datetime, int] | None:
    if not text:
        return None
    try:
        at, pk = signing.loads(text, salt=CURSOR_SALT)
        return datetime.fromisoformat(at), int(pk)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def _cursor_text(at: Any, pk: int) -> str:
    return signing.dumps([at.isoformat(), pk], salt=CURSOR_SALT)


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("who has seen my record")
def who_has_seen(request: OrgRequest, person: Person) -> HttpResponse:
    """Others' reads of the person's record, newest first, 25 sentences a page."""
    before = _cursor(request.GET.get("after", ""))
    events = selectors.seen_by_others(person, before=before, limit=SEEN_ROWS)
    names = selectors.names_of(e.actor_id for e in events if e.actor_id is not None)
    grants = selectors.grants_by_id(presenters.grant_ids(events), person)
    groups = presenters.group(events, names, grants)
    more = ""
    if len(groups) > SEEN_PER_PAGE:
        groups = groups[:SEEN_PER_PAGE]
        more = _cursor_text(*groups[-1].last)
    elif len(events) == SEEN_ROWS:
        # The last sentence may go on past these rows: it starts the next page, unless it
        # is the only one (then the next page starts after the last row read).
        if len(groups) > 1:
            groups.pop()
        more = _cursor_text(*groups[-1].last)
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "oversight/who_has_seen.jinja",
        {
            "person": person,
            "sentences": [(g, g.sentence(today)) for g in groups],
            "more": more,
            "first_page": before is None,
        },
    )
