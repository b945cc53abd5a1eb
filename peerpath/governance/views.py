"""Consent to share with family and carers, the carer's view, safeguarding and disclosures."""

from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import (
    CASELOAD_ROLES,
    RECORD_READERS,
    may_open_record,
    own_record_view,
    person_view,
)
from peerpath.caseload.selectors import family_members
from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.audit import audit
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import conflict_message

from . import selectors, services
from .forms import (
    SCOPE_HINTS,
    CarerInviteForm,
    CarerMessageForm,
    ConcernActionForm,
    ConcernCloseForm,
    ConcernForm,
    ConsentGrantForm,
    DisclosureForm,
    DisclosureWithholdForm,
    MyShareForm,
)
from .models import ConcernStatus, SafeguardingConcern, ShareScope
from .sharing import shared_scopes

# Who works with the safeguarding queue; the selectors narrow it to each one's concerns.
CONCERN_ROLES = (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR, Role.PSW)
# Only a lead or a supervisor records the outcome and closes a concern.
CLOSER_ROLES = (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR)


# --- consent to share with family and carers -----------------------------------------------


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("consent to share", read_only=True)
def consent_list(request: OrgRequest, person: Person) -> HttpResponse:
    history = Paginator(selectors.consent_history(person), 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "governance/consent_list.jinja",
        {
            "person": person,
            "sharing": selectors.sharing_by_recipient(person),
            "history": history,
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("consent to share")
def consent_grant(request: OrgRequest, person: Person) -> HttpResponseBase:
    family = family_members(person)

    def save(form: ConsentGrantForm) -> HttpResponse:
        recipient = form.cleaned_data["recipient"]
        created, already = services.consent_grant(
            person=person,
            recipient=recipient,
            scopes=form.cleaned_data["scopes"],
            by=request.user,
            request=request,
        )
        labels = [c.get_scope_display().lower() for c in created]
        if labels:
            messages.success(
                request,
                f"{person.display_name} now shares their {', '.join(labels)} "
                f"with {recipient.name}.",
            )
        if already:
            messages.info(
                request,
                f"Some of these were already shared with {recipient.name}; they are unchanged.",
            )
        return redirect("governance:consent-list", person=person.pk)

    return form_page(
        request,
        lambda data: ConsentGrantForm(
            data,
            person=person,
            family=family,
            initial={"recipient": request.GET.get("recipient", "")[:12]},
        ),
        "governance/consent_grant.jinja",
        {"person": person, "has_family": family.exists(), "hints": SCOPE_HINTS},
        save=save,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("consent to share")
def consent_withdraw(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    consent = get_in_organisation_or_404(request, selectors.consents_of_person(person), pk=pk)
    if request.method == "POST":
        try:
            services.consent_withdraw(consent=consent, by=request.user, request=request)
        except services.AlreadyWithdrawn:
            messages.info(request, "This consent had already been withdrawn.")
        else:
            messages.success(
                request,
                f"{person.display_name}'s {consent.get_scope_display().lower()} is no longer "
                f"shared with {consent.recipient.name}.",
            )
        return redirect("governance:consent-list", person=person.pk)
    return TemplateResponse(
        request, "governance/consent_withdraw.jinja", {"person": person, "consent": consent}
    )


# --- what a carer sees ----------------------------------------------------------------------


@roles(Role.CARER)
@require_http_methods(["GET"])
def shared_list(request: OrgRequest) -> HttpResponse:
    links = list(selectors.caring_for(actor=request.actor))
    selectors.audit_links_listed(request, links)
    return TemplateResponse(request, "governance/shared_list.jinja", {"links": links})


@roles(Role.CARER)
@require_http_methods(["GET"])
def shared_detail(request: OrgRequest, pk: int) -> HttpResponse:
    shared = _shared_now(request, pk, "shared with a carer")
    return TemplateResponse(
        request,
        "governance/shared_detail.jinja",
        {"shared": shared, "person": shared.person, "today": timezone.localdate()},
    )


def _shared_now(request: OrgRequest, pk: int, why: str) -> selectors.SharedView:
    """The carer's link `pk` and what the person shares with them now. Consent is checked
    on this request: nothing is cached (hazard H4). The read is audited after it, not at
    the fetch: its reason names what was shared."""
    link = get_in_organisation_or_404(request, selectors.caring_for(actor=request.actor), pk=pk)
    shared = selectors.shared_with_carer(link)
    setattr(request, "audit_role", Role.CARER)  # noqa: B010
    audit(
        request,
        action=AuditAction.VIEW,
        obj=link,
        person_id=link.person_id,
        reason=f"{why}: " + (", ".join(shared.scopes) or "nothing shared"),
    )
    return shared


@roles(Role.CARER)
@require_http_methods(["GET"])
def shared_print(request: OrgRequest, pk: int) -> HttpResponse:
    shared = _shared_now(request, pk, "shared with a carer, to print")
    return TemplateResponse(
        request,
        "governance/shared_print.jinja",
        {"shared": shared, "person": shared.person, "today": timezone.localdate()},
    )


@roles(Role.CARER)
@require_http_methods(["GET"])
def shared_pdf(request: OrgRequest, pk: int) -> HttpResponse:
    link = get_in_organisation_or_404(request, selectors.caring_for(actor=request.actor), pk=pk)
    shared = selectors.shared_with_carer(link)
    setattr(request, "audit_role", Role.CARER)  # noqa: B010
    pdf = services.shared_pdf(shared=shared, by=request.user, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="shared-with-you-{link.pk}.pdf"'
    return response


@roles(Role.CARER)
@require_http_methods(["GET", "POST"])
@creates_once
def carer_message(request: OrgRequest, pk: int) -> HttpResponseBase:
    link = get_in_organisation_or_404(request, selectors.caring_for(actor=request.actor), pk=pk)
    setattr(request, "audit_role", Role.CARER)  # noqa: B010
    person = link.person

    def save(form: CarerMessageForm) -> HttpResponse:
        services.carer_message_send(
            member=link, text=form.cleaned_data["text"], by=request.user, request=request
        )
        messages.success(
            request,
            f"Your message has been sent to {person.display_name}'s peer support worker.",
        )
        return redirect("governance:carer-message", pk=link.pk)

    return form_page(
        request,
        CarerMessageForm,
        "governance/carer_message.jinja",
        {"link": link, "person": person, "sent": selectors.carer_messages_sent(link)},
        save=save,
    )


@roles(Role.CARER)
@require_http_methods(["GET"])
def shared_about(request: OrgRequest) -> HttpResponse:
    """What I can see and why: per person, each part shared with me and since when."""
    links = list(selectors.caring_for(actor=request.actor))
    selectors.audit_links_listed(request, links)
    rows = [selectors.shared_with_carer(link, with_content=False) for link in links]
    return TemplateResponse(
        request, "governance/shared_about.jinja", {"rows": rows, "scope_names": ShareScope}
    )


# --- the person's own sharing --------------------------------------------------------------


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("their own sharing with family and carers")
def my_sharing(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "governance/my_sharing.jinja",
        {"person": person, "rows": selectors.my_sharing(person)},
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("sharing more with a family member or carer")
def my_share(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    member = get_in_organisation_or_404(request, family_members(person), pk=pk)
    row = next(r for r in selectors.my_sharing(person) if r.recipient.pk == member.pk)

    def save(form: MyShareForm) -> HttpResponse:
        created, _already = services.consent_grant(
            person=person,
            recipient=member,
            scopes=form.cleaned_data["scopes"],
            by=request.user,
            request=request,
        )
        labels = [c.get_scope_display().lower() for c in created]
        if labels:
            messages.success(
                request, f"You are now sharing your {', '.join(labels)} with {member.name}."
            )
        return redirect("governance:my-sharing")

    return form_page(
        request,
        lambda data: MyShareForm(data, not_shared=row.not_shared),
        "governance/my_share.jinja",
        {"person": person, "member": member, "row": row, "hints": SCOPE_HINTS},
        save=save,
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@own_record_view("stopping sharing with a family member or carer")
def my_stop_sharing(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    consent = get_in_organisation_or_404(request, selectors.consents_of_person(person), pk=pk)
    if request.method == "POST" and consent.withdrawn_at is None:
        with suppress(services.AlreadyWithdrawn):
            services.consent_withdraw(consent=consent, by=request.user, request=request)
        messages.success(
            request,
            f"Done. {consent.recipient.name} can no longer see your "
            f"{consent.get_scope_display().lower()} in PeerPath.",
        )
        return redirect("governance:my-sharing")
    if request.method == "POST":
        return redirect("governance:my-sharing")
    return TemplateResponse(
        request, "governance/my_stop_sharing.jinja", {"person": person, "consent": consent}
    )


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("information about them shared without their consent")
def my_disclosures(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "governance/my_disclosures.jinja",
        {"person": person, "disclosures": selectors.disclosures_shown_to_person(person)},
    )


# --- carers' messages on the person's record ----------------------------------------------


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
@person_view("messages from carers")
def carer_messages(request: OrgRequest, person: Person) -> HttpResponse:
    page = Paginator(selectors.carer_messages_of_person(person), 25).get_page(
        request.GET.get("page")
    )
    shown = list(page.object_list)
    # Opening the page is reading them: the worker's own (or, with nobody named, any
    # caseload reader's) unread messages are stamped as read by them.
    services.carer_messages_mark_read(
        messages=[m for m in shown if m.to_worker_id in (None, request.user.pk)],
        by=request.user,
        request=request,
    )
    return TemplateResponse(
        request,
        "governance/carer_messages.jinja",
        {"person": person, "page": page, "messages_shown": shown},
    )


# --- safeguarding concerns -------------------------------------------------------------------


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("raise a safeguarding concern")
def concern_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    # Raised from one of the person's records; anything else in `from` is ignored.
    source = selectors.raised_from_record(person, request.GET.get("from"))

    def save(form: ConcernForm) -> HttpResponse:
        concern = services.concern_raise(
            person=person,
            data=form.cleaned_data,
            raised_from=source.value if source else f"caseload.person:{person.pk}",
            by=request.user,
            request=request,
        )
        if concern.lead is None:
            messages.warning(
                request,
                "Your concern is saved, but no safeguarding lead is set up in PeerPath "
                "for your organisation. Phone your safeguarding team now.",
            )
        else:
            messages.success(request, _sent_to(concern))
        return redirect("governance:concern-detail", pk=concern.pk)

    return form_page(
        request,
        ConcernForm,
        "governance/concern_form.jinja",
        {"person": person, "source": source},
        save=save,
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
    concerns = selectors.concern_queue(actor=request.actor, status=status)
    page = Paginator(concerns, 25).get_page(request.GET.get("page"))
    # "All": the open concerns a page at a time, then the most recently closed few (the
    # rest on "Closed only"), so no page sorts every concern ever raised (issue 14).
    recently_closed = (
        list(selectors.closed_concerns(actor=request.actor)[: selectors.RECENTLY_CLOSED])
        if not status
        else []
    )
    selectors.audit_concerns_listed(request, [*page.object_list, *recently_closed])
    return TemplateResponse(
        request,
        "governance/concern_queue.jinja",
        {
            "page": page,
            "recently_closed": recently_closed,
            "status": status,
            "query": f"status={status}" if status else "",
            "is_lead": request.actor.has(Role.SAFEGUARDING_LEAD),
        },
    )


def _concern_page(
    request: OrgRequest, concern: SafeguardingConcern, form: ConcernCloseForm | None, status: int
) -> HttpResponse:
    may_close = request.actor.may("governance.act_on_concern", concern)
    return TemplateResponse(
        request,
        "governance/concern_detail.jinja",
        {
            "concern": concern,
            "form": (form or ConcernCloseForm()) if may_close or form else None,
            "may_add_action": may_close,
            "may_open_record": may_open_record(request.actor, concern.person_id),
            # A safeguarding lead reaches the record through an open concern, read only.
            "record_read_only": request.actor.has(Role.SAFEGUARDING_LEAD)
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
    concern = get_in_organisation_or_404(
        request, selectors.concerns_to_act_on(actor=request.actor), audit_read=True, pk=pk
    )
    closed = concern.status != ConcernStatus.OPEN
    form = ConcernActionForm(
        None if closed else posted(request),
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
        status=409 if closed and request.method == "POST" else form_status(form),
    )


@roles(*CONCERN_ROLES)
@require_http_methods(["GET"])
def concern_detail(request: OrgRequest, pk: int) -> HttpResponse:
    concern = get_in_organisation_or_404(
        request, selectors.concerns_to_open(actor=request.actor), audit_read=True, pk=pk
    )
    return _concern_page(request, concern, None, 200)


@roles(*CLOSER_ROLES)
@require_POST
def concern_close(request: OrgRequest, pk: int) -> HttpResponse:
    concern = get_in_organisation_or_404(
        request, selectors.concerns_to_act_on(actor=request.actor), pk=pk
    )
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
    # The concern is shown again with the errors: a read of the person's record. Audited
    # here, not at the fetch: a close that succeeds shows nothing.
    audit(request, action=AuditAction.VIEW, obj=concern, person_id=concern.person_id)
    return _concern_page(request, concern, form, 400)


# --- a carer account for a family member ---------------------------------------------------


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("a carer account for a family member")
def carer_invite(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    """Give a family member a carer account linked to the person, once the person's consent
    to share with them is recorded; until then, say to record it first."""
    member = get_in_organisation_or_404(request, family_members(person), pk=pk)
    scopes = [ShareScope(s) for s in ShareScope.values if s in shared_scopes(member)]
    blocked = member.user_id is not None or not scopes
    form = CarerInviteForm(
        None if blocked else posted(request),
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
                f"what {person.display_name} shares with them."
                if invited
                else f"{member.name}'s PeerPath account is now linked. They will see only "
                f"what {person.display_name} shares with them.",
            )
            return redirect("workspace:person-detail", person=person.pk)
    return TemplateResponse(
        request,
        "governance/carer_invite.jinja",
        {"person": person, "member": member, "scopes": scopes, "form": form},
        status=409 if blocked and request.method == "POST" else form_status(form),
    )


# --- disclosures without consent -------------------------------------------------------------


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("disclosures", read_only=True)
def disclosure_list(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "governance/disclosure_list.jinja",
        {
            "person": person,
            "disclosures": selectors.disclosures_of_person(person),
            "may_withhold": request.actor.has(Role.SUPERVISOR, Role.SAFEGUARDING_LEAD),
        },
    )


@roles(Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)
@require_http_methods(["GET", "POST"])
@person_view("disclosure {pk}, shown to the person or not", read_only=True)
def disclosure_withhold(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    disclosure = get_in_organisation_or_404(
        request, selectors.disclosures_of_person_qs(person), pk=pk
    )

    def save(form: DisclosureWithholdForm) -> HttpResponse:
        services.disclosure_withhold(
            disclosure=disclosure,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            f"{person.display_name} will not see this disclosure on their own page."
            if disclosure.withheld_from_person
            else f"{person.display_name} will see this disclosure on their own page.",
        )
        return redirect("governance:disclosure-list", person=person.pk)

    return form_page(
        request,
        lambda data: DisclosureWithholdForm(
            data,
            initial={"reason": disclosure.withheld_from_person, "version": disclosure.version},
        ),
        "governance/disclosure_withhold.jinja",
        {"person": person, "disclosure": disclosure},
        save=save,
        conflict="whether the person sees this disclosure",
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("record a disclosure")
def disclosure_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    def save(form: DisclosureForm) -> HttpResponse:
        services.disclosure_record(
            person=person, data=form.cleaned_data, by=request.user, request=request
        )
        messages.success(
            request,
            f"The disclosure is recorded. {person.display_name}'s record now shows that "
            "information was shared without consent.",
        )
        return redirect("governance:disclosure-list", person=person.pk)

    return form_page(
        request,
        lambda data: DisclosureForm(
            data,
            concerns=selectors.concern_choices(person),
            initial={"concern": request.GET.get("concern", "")[:12]},
        ),
        "governance/disclosure_form.jinja",
        {"person": person},
        save=save,
    )
