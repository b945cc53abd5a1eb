"""Consent to share with family and carers, the carer's view, safeguarding and disclosures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.scoping import (
    CASELOAD_ROLES,
    RECORD_READERS,
    get_person_or_404,
    may_open_record,
)
from peerpath.caseload.selectors import family_members
from peerpath.core.access import roles
from peerpath.core.audit import audit
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction, AuditOutcome
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import conflict_message

from . import selectors, services
from .forms import (
    SCOPE_HINTS,
    CarerInviteForm,
    ConcernActionForm,
    ConcernCloseForm,
    ConcernForm,
    ConsentGrantForm,
    DisclosureForm,
)
from .models import ConcernStatus, SafeguardingConcern, ShareScope
from .sharing import shared_scopes

# Who works with the safeguarding queue; the selectors narrow it to each one's concerns.
CONCERN_ROLES = (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR, Role.PSW)
# Only a lead or a supervisor records the outcome and closes a concern.
CLOSER_ROLES = (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR)


def _not_found(request: OrgRequest, object_type: str, pk: int, reason: str) -> Http404:
    audit(
        request,
        action=AuditAction.VIEW,
        outcome=AuditOutcome.NOT_FOUND,
        object_type=object_type,
        object_id=str(pk),
        reason=reason,
    )
    return Http404()


# --- consent to share with family and carers -----------------------------------------------


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def consent_list(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="consent to share", read_only=True)
    history = Paginator(selectors.consent_history(found), 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "governance/consent_list.jinja",
        {
            "person": found,
            "sharing": selectors.sharing_by_recipient(found),
            "history": history,
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def consent_grant(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="consent to share")
    family = family_members(found)
    form = ConsentGrantForm(
        request.POST if request.method == "POST" else None,
        person=found,
        family=family,
        initial={"recipient": request.GET.get("recipient", "")[:12]},
    )
    if request.method == "POST" and form.is_valid():
        recipient = form.cleaned_data["recipient"]
        try:
            created, already = services.consent_grant(
                person=found,
                recipient=recipient,
                scopes=form.cleaned_data["scopes"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            labels = [c.get_scope_display().lower() for c in created]
            if labels:
                messages.success(
                    request,
                    f"{found.display_name} now shares their {', '.join(labels)} "
                    f"with {recipient.name}.",
                )
            if already:
                messages.info(
                    request,
                    f"Some of these were already shared with {recipient.name}; they are unchanged.",
                )
            return redirect("governance:consent-list", person=found.pk)
    return TemplateResponse(
        request,
        "governance/consent_grant.jinja",
        {"person": found, "form": form, "has_family": family.exists(), "hints": SCOPE_HINTS},
        status=400 if form.errors else 200,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="consent to share")
    consent = selectors.consent_of_person(found, pk)
    if consent is None:
        raise _not_found(request, "governance.sharingconsent", pk, "not this person's consent")
    if request.method == "POST":
        try:
            services.consent_withdraw(consent=consent, by=request.user, request=request)
        except services.AlreadyWithdrawn:
            messages.info(request, "This consent had already been withdrawn.")
        else:
            messages.success(
                request,
                f"{found.display_name}'s {consent.get_scope_display().lower()} is no longer "
                f"shared with {consent.recipient.name}.",
            )
        return redirect("governance:consent-list", person=found.pk)
    return TemplateResponse(
        request, "governance/consent_withdraw.jinja", {"person": found, "consent": consent}
    )


# --- what a carer sees ----------------------------------------------------------------------


@roles(Role.CARER)
@require_http_methods(["GET"])
def shared_list(request: OrgRequest) -> HttpResponse:
    links = list(selectors.caring_for(request.user, request.organisation))
    selectors.audit_links_listed(request, links)
    return TemplateResponse(request, "governance/shared_list.jinja", {"links": links})


@roles(Role.CARER)
@require_http_methods(["GET"])
def shared_detail(request: OrgRequest, pk: int) -> HttpResponse:
    link = selectors.carer_link(request.user, request.organisation, pk)
    if link is None:
        raise _not_found(request, "caseload.familymember", pk, "not this carer's link")
    # Consent is checked now, on this request: nothing is cached (hazard H4).
    shared = selectors.shared_with_carer(link)
    audit(
        request,
        action=AuditAction.VIEW,
        obj=link,
        person_id=link.person_id,
        reason="shared with a carer: " + (", ".join(shared.scopes) or "nothing shared"),
    )
    return TemplateResponse(
        request,
        "governance/shared_detail.jinja",
        {"shared": shared, "person": link.person, "today": timezone.localdate()},
    )


# --- safeguarding concerns -------------------------------------------------------------------


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def concern_create(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="raise a safeguarding concern")
    # Raised from one of the person's records; anything else in `from` is ignored.
    source = selectors.raised_from_record(found, request.GET.get("from"))
    form = ConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_raise(
                person=found,
                data=form.cleaned_data,
                raised_from=source.value if source else f"caseload.person:{found.pk}",
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if concern.lead is None:
                messages.warning(
                    request,
                    "Your concern is saved, but no safeguarding lead is set up in PeerPath "
                    "for your organisation. Phone your safeguarding team now.",
                )
            else:
                messages.success(request, _sent_to(concern))
            return redirect("governance:concern-detail", pk=concern.pk)
    return TemplateResponse(
        request,
        "governance/concern_form.jinja",
        {"person": found, "form": form, "source": source},
        status=400 if form.errors else 200,
    )


def _sent_to(concern: SafeguardingConcern) -> str:
    names = [f"{concern.lead.display_name} (safeguarding lead)"]  # type: ignore[union-attr]
    if concern.supervisor is not None:
        names.append(f"{concern.supervisor.display_name} (supervisor)")
    return "Your concern has been sent to " + " and ".join(names) + "."


@roles(*CONCERN_ROLES)
@require_http_methods(["GET"])
def concern_queue(request: OrgRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in ConcernStatus.values else ""
    concerns = selectors.concern_queue(
        request.user, request.organisation, request.roles, status=status
    )
    page = Paginator(concerns, 25).get_page(request.GET.get("page"))
    selectors.audit_concerns_listed(request, page.object_list)
    return TemplateResponse(
        request,
        "governance/concern_queue.jinja",
        {
            "page": page,
            "status": status,
            "query": f"status={status}" if status else "",
            "is_lead": Role.SAFEGUARDING_LEAD in request.roles,
        },
    )


def _concern_page(
    request: OrgRequest, concern: SafeguardingConcern, form: ConcernCloseForm | None, status: int
) -> HttpResponse:
    may_close = concern.status == ConcernStatus.OPEN and selectors.concern_may_close(
        request.user, request.organisation, request.roles, concern.pk
    )
    return TemplateResponse(
        request,
        "governance/concern_detail.jinja",
        {
            "concern": concern,
            "form": (form or ConcernCloseForm()) if may_close or form else None,
            "may_add_action": may_close,
            "may_open_record": may_open_record(request.actor, concern.person_id),
            # A safeguarding lead reaches the record through an open concern, read only.
            "record_read_only": Role.SAFEGUARDING_LEAD in request.roles
            and concern.status == ConcernStatus.OPEN,
            "disclosures": selectors.disclosures_of_concern(concern),
            "actions": selectors.concern_actions(concern),
            "facts": selectors.concern_person_facts(concern),
        },
        status=status,
    )


@roles(*CLOSER_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def concern_action_add(request: OrgRequest, pk: int) -> HttpResponse:
    """Record what was done (a call, who was told, an action agreed) on an open concern."""
    concern = selectors.concern_lookup(request.user, request.organisation, request.roles, pk)
    if concern is None or not selectors.concern_may_close(
        request.user, request.organisation, request.roles, pk
    ):
        raise _not_found(request, "governance.safeguardingconcern", pk, "may not add to it")
    audit(request, action=AuditAction.VIEW, obj=concern, person_id=concern.person_id)
    closed = concern.status != ConcernStatus.OPEN
    form = ConcernActionForm(
        request.POST if request.method == "POST" and not closed else None,
        initial={
            "happened_on": timezone.localdate(),
            "happened_time": timezone.localtime().strftime("%H:%M"),
        },
    )
    if not closed and request.method == "POST" and form.is_valid():
        try:
            services.concern_action_record(
                concern=concern, data=form.entry(), by=request.user, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.AlreadyClosed:
            closed = True
        else:
            messages.success(request, "Added to the concern's timeline.")
            return redirect("governance:concern-detail", pk=concern.pk)
    return TemplateResponse(
        request,
        "governance/concern_action_form.jinja",
        {"concern": concern, "form": form, "closed": closed},
        status=409 if closed and request.method == "POST" else 400 if form.errors else 200,
    )


@roles(*CONCERN_ROLES)
@require_http_methods(["GET"])
def concern_detail(request: OrgRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_lookup(request.user, request.organisation, request.roles, pk)
    if concern is None:
        raise _not_found(request, "governance.safeguardingconcern", pk, "not a concern for them")
    audit(request, action=AuditAction.VIEW, obj=concern, person_id=concern.person_id)
    return _concern_page(request, concern, None, 200)


@roles(*CLOSER_ROLES)
@require_POST
def concern_close(request: OrgRequest, pk: int) -> HttpResponse:
    concern = selectors.concern_lookup(request.user, request.organisation, request.roles, pk)
    if concern is None or not selectors.concern_may_close(
        request.user, request.organisation, request.roles, pk
    ):
        raise _not_found(request, "governance.safeguardingconcern", pk, "may not close it")
    form = ConcernCloseForm(request.POST)
    if form.is_valid():
        try:
            services.concern_close(
                concern=concern,
                outcome=form.cleaned_data["outcome"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.AlreadyClosed:
            # Their outcome is shown, and this one stays on the page to copy.
            concern.refresh_from_db()
            form.add_error(None, conflict_message("an outcome for this concern", once=True))
        else:
            messages.success(request, "The concern is closed and its outcome recorded.")
            return redirect("governance:concern-detail", pk=concern.pk)
    # The concern is shown again with the errors: a read of the person's record.
    audit(request, action=AuditAction.VIEW, obj=concern, person_id=concern.person_id)
    return _concern_page(request, concern, form, 400)


# --- a carer account for a family member ---------------------------------------------------


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def carer_invite(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    """Give a family member a carer account linked to the person, once the person's consent
    to share with them is recorded; until then, say to record it first."""
    found = get_person_or_404(request, person, reason="a carer account for a family member")
    member = selectors.family_member_of_person(found, pk)
    if member is None:
        raise _not_found(request, "caseload.familymember", pk, "not this person's family")
    scopes = [ShareScope(s) for s in ShareScope.values if s in shared_scopes(member)]
    blocked = member.user_id is not None or not scopes
    form = CarerInviteForm(
        request.POST if request.method == "POST" and not blocked else None,
        initial={"email": member.email},
    )
    if not blocked and request.method == "POST" and form.is_valid():
        try:
            _, invited = services.carer_invite(
                member=member, email=form.cleaned_data["email"], by=request.user, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except (services.NoConsentYet, services.AlreadyLinked):
            blocked = True
        else:
            messages.success(
                request,
                f"We have emailed {member.name} an invitation to PeerPath. They will see only "
                f"what {found.display_name} shares with them."
                if invited
                else f"{member.name}'s PeerPath account is now linked. They will see only "
                f"what {found.display_name} shares with them.",
            )
            return redirect("workspace:person-detail", person=found.pk)
    return TemplateResponse(
        request,
        "governance/carer_invite.jinja",
        {"person": found, "member": member, "scopes": scopes, "form": form},
        status=409 if blocked and request.method == "POST" else 400 if form.errors else 200,
    )


# --- disclosures without consent -------------------------------------------------------------


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def disclosure_list(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="disclosures", read_only=True)
    return TemplateResponse(
        request,
        "governance/disclosure_list.jinja",
        {"person": found, "disclosures": selectors.disclosures_of_person(found)},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def disclosure_create(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="record a disclosure")
    form = DisclosureForm(
        request.POST if request.method == "POST" else None,
        concerns=selectors.concern_choices(found),
        initial={"concern": request.GET.get("concern", "")[:12]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_record(
                person=found, data=form.cleaned_data, by=request.user, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"The disclosure is recorded. {found.display_name}'s record now shows that "
                "information was shared without consent.",
            )
            return redirect("governance:disclosure-list", person=found.pk)
    return TemplateResponse(
        request,
        "governance/disclosure_form.jinja",
        {"person": found, "form": form},
        status=400 if form.errors else 200,
    )
