"""People supported: the caseload, the person's record, referrals and the peer relationship."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest, search_text
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, show_conflict

from . import selectors, services, steps
from .forms import (
    PERSON_EDIT_FIELDS,
    PERSON_FIELDS,
    REFERRAL_FIELDS,
    CapacityForm,
    FamilyMemberForm,
    PersonForm,
    PortalAccessForm,
    ReferralFields,
    ReferralForm,
    WorkerChoiceForm,
    WorkerProfileForm,
)
from .models import FamilyMember, PeerRelationship, Person
from .scoping import (
    CASELOAD_ROLES,
    RECORD_READERS,
    get_summary_or_404,
    person_view,
)
from .steps import Step


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def caseload(request: OrgRequest) -> HttpResponse:
    text = search_text(request, limit=100)
    people = selectors.caseload_rows(request.actor, text=text)
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    selectors.audit_listed(request, page.object_list)
    return TemplateResponse(
        request,
        "caseload/caseload.jinja",
        {
            "page": page,
            "q": text,
            "query": f"q={text}" if text else "",
            "for_teams": Role.SUPERVISOR in request.roles,
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def referral_list(request: OrgRequest) -> HttpResponse:
    supervises = Role.SUPERVISOR in request.roles
    takes_referrals = Role.PSW in request.roles
    mine = list(selectors.my_new_referrals(request.actor)) if takes_referrals else []
    page = allocated = None
    if supervises:
        page = Paginator(selectors.waiting_list(request.actor), 25).get_page(
            request.GET.get("page")
        )
        allocated = Paginator(selectors.team_new_referrals(request.actor), 25).get_page(
            request.GET.get("allocated")
        )
    listed = [r.person for r in mine]
    for shown in (page, allocated):
        listed += [r.person for r in shown.object_list] if shown else []
    selectors.audit_listed(request, listed)
    return TemplateResponse(
        request,
        "caseload/referral_list.jinja",
        {
            "waiting": page,
            "mine": mine,
            "takes_referrals": takes_referrals,
            "allocated": allocated,
            "today": timezone.localdate(),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def referral_create(request: OrgRequest) -> HttpResponseBase:
    teams = selectors.my_teams(request.actor)

    def save(form: ReferralForm) -> HttpResponse:
        data = form.cleaned_data
        relationship = services.referral_create(
            organisation=request.organisation,
            team=data["team"],
            person_data={name: data[name] for name in PERSON_FIELDS},
            referral_data={name: data[name] for name in REFERRAL_FIELDS},
            worker=request.user if data.get("allocate_to_me") else None,
            by=request.user,
            request=request,
        )
        person = relationship.person
        if relationship.worker_id or request.actor.may("caseload.supervise", person):
            messages.success(request, f"Referral for {person.display_name} recorded.")
            return redirect("caseload:relationship", person=person.pk, pk=relationship.pk)
        messages.success(
            request,
            f"Referral for {person.display_name} recorded. The team's supervisor will match "
            "them with a peer support worker.",
        )
        return redirect("caseload:referral-list")

    return form_page(
        request,
        lambda data: ReferralForm(
            data,
            teams=teams,
            can_take=request.actor.has(Role.PSW),
            initial={"referred_on": timezone.localdate(), "team": teams.first()},
        ),
        "caseload/referral_form.jinja",
        {"person_fields": PERSON_FIELDS},
        save=save,
    )


# The team's supervisor: a PSW sees a person only while peer support with them is open, so
# only a supervisor ever sees someone whose peer support has ended.
@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("refer again")
def referral_again(request: OrgRequest, person: Person) -> HttpResponse:
    """A new referral for someone already known, once earlier peer support has ended."""
    open_now = selectors.open_relationship_of(person)
    form = ReferralFields(
        posted(request),
        teams=selectors.my_teams(request.actor),
        can_take=request.actor.has(Role.PSW),
        initial={"referred_on": timezone.localdate(), "team": person.team},
    )
    if open_now is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            relationship = services.referral_create(
                organisation=request.organisation,
                team=data["team"],
                person_data=None,
                person=person,
                referral_data={name: data[name] for name in REFERRAL_FIELDS},
                worker=request.user if data.get("allocate_to_me") else None,
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"New referral for {person.display_name} recorded.")
            return redirect("caseload:relationship", person=person.pk, pk=relationship.pk)
    return TemplateResponse(
        request,
        "caseload/referral_again.jinja",
        {"form": form, "person": person, "open_now": open_now},
        status=409 if open_now and request.method == "POST" else form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("edit the person's details")
def person_edit(request: OrgRequest, person: Person) -> HttpResponseBase:
    def save(form: PersonForm) -> HttpResponse:
        services.person_update(
            person=person,
            data={name: form.cleaned_data[name] for name in PERSON_EDIT_FIELDS},
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
            request=request,
        )
        messages.success(request, f"{person.display_name}'s details saved.")
        return redirect("workspace:person-detail", person=person.pk)

    return form_page(
        request,
        lambda data: PersonForm(data, instance=person, initial={"version": person.version}),
        "caseload/person_form.jinja",
        {"person": person, "person_fields": PERSON_EDIT_FIELDS},
        save=save,
        conflict="this record",
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("add a family member or carer")
def family_member_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    return _family_member(request, person, None)


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("edit a family member or carer")
def family_member_edit(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    """An edit is guarded by the record's version, not a one-time token: a second send of
    the same page is a stale save, refused with the words kept."""
    return _family_member(request, person, selectors.family_member_of(person, pk))


def _family_member(
    request: OrgRequest, person: Person, member: FamilyMember | None
) -> HttpResponseBase:
    def save(form: FamilyMemberForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        saved = services.family_member_save(
            person=person,
            member=member,
            data=data,
            expected_version=data.pop("version", None),
            by=request.user,
            request=request,
        )
        messages.success(request, f"{saved.name} saved.")
        return redirect("workspace:person-detail", person=person.pk)

    return form_page(
        request,
        lambda data: FamilyMemberForm(
            data,
            instance=member,
            initial={"version": member.version} if member else None,
            editing=member is not None,
        ),
        "caseload/family_form.jinja",
        {"person": person, "member": member},
        save=save,
        conflict=f"the entry for {member.name if member else ''}",
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("peer support", read_only=True)
def relationship(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    rel = selectors.relationship_of(person, pk)
    read_only = bool(getattr(request, "record_read_only", False))
    return TemplateResponse(
        request,
        "caseload/relationship.jinja",
        {
            "person": person,
            "rel": rel,
            "events": selectors.events_of(rel),
            "shared_with": list(rel.shared_with.all()),
            "steps": [] if read_only else steps.offered(rel, request.roles),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def relationship_summary(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    """The relationship read only, where a PSW lands once they end peer support: it stays
    readable to them for a while after the rest of the record has closed to them."""
    found, rel, until = get_summary_or_404(request, person, pk)
    return TemplateResponse(
        request,
        "caseload/relationship.jinja",
        {
            "person": found,
            "rel": rel,
            "events": selectors.events_of(rel),
            "shared_with": list(rel.shared_with.all()),
            "steps": [],
            "summary_only": True,
            "readable_until": until,
        },
    )


def _run_step(request: OrgRequest, person: Person, pk: int, step: Step) -> HttpResponse:
    rel = selectors.relationship_of(person, pk)
    initial: dict[str, Any] = {"version": rel.version}
    if step.today_field:
        initial[step.today_field] = timezone.localdate()
    form = step.form_class(
        posted(request),
        initial=initial,
        **{need: _FORM_NEEDS[need](request) for need in step.form_needs},
    )
    open_now = step.applies_to(rel)
    sent = request.method == "POST" and form.is_valid()
    stale = sent and form.cleaned_data["version"] != rel.version
    if not open_now and not stale:
        return TemplateResponse(
            request,
            "caseload/relationship_step_closed.jinja",
            {"person": person, "rel": rel, "heading": step.heading},
            status=409 if request.method == "POST" else 200,
        )
    what = f"a change to {person.display_name}'s peer support"
    if sent and not open_now:
        # Sent from a page opened before someone else moved the relationship past this
        # step: their words stay on the page, though the step cannot be taken now.
        show_conflict(form, EditConflict(rel.version), what=what, once=True)
    elif sent:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.take_step(
                step, rel, data=data, expected_version=version, by=request.user, request=request
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what=what)
        except services.WrongStatus:
            show_conflict(form, EditConflict(rel.version), what=what, once=True)
        except ValidationError as refused:  # past the worker's agreed capacity
            add_service_errors(form, refused)
        else:
            messages.success(request, step.done.format(name=person.display_name))
            return redirect(step.then, person=person.pk, pk=rel.pk)
    return TemplateResponse(
        request,
        step.template,
        {"person": person, "rel": rel, "form": form, "heading": step.heading, **_page(step, rel)},
        status=form_status(form),
    )


# What a step's form needs from the page (`Step.form_needs`): the choices it offers.
_FORM_NEEDS: dict[str, Callable[[OrgRequest], Any]] = {
    "workers": lambda request: selectors.workers(request.organisation),
    "teams": lambda request: selectors.organisation_teams(request.actor),
}


def _page(step: Step, rel: PeerRelationship) -> dict[str, Any]:
    """What a step's page shows beyond its form: matching suggests workers."""
    if step is not steps.MATCH:
        return {}
    suggestions = selectors.match_suggestions(rel)
    return {"suggestions": suggestions, "anyone_free": any(s.has_capacity for s in suggestions)}


def _step_view(step: Step) -> Callable[..., HttpResponseBase]:
    @roles(*step.who)
    @require_http_methods(["GET", "POST"])
    @person_view(f"peer support: {step.heading.lower()}")
    def view(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
        return _run_step(request, person, pk, step)

    return view


relationship_match = _step_view(steps.MATCH)
relationship_choice = _step_view(steps.CHOICE)
relationship_first_meeting = _step_view(steps.FIRST_MEETING)
relationship_ending = _step_view(steps.ENDING)
relationship_end = _step_view(steps.END)
relationship_withdraw = _step_view(steps.WITHDRAW)
relationship_transfer = _step_view(steps.TRANSFER)


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("share peer support")
def relationship_share(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    rel = selectors.relationship_of(person, pk)

    def save(form: WorkerChoiceForm) -> HttpResponse:
        worker = form.cleaned_data["worker"]
        if request.POST.get("stop"):
            services.unshare(rel, worker=worker, by=request.user, request=request)
            messages.success(
                request,
                f"{person.display_name}'s record is no longer shared with {worker.display_name}.",
            )
        else:
            services.share(rel, worker=worker, by=request.user, request=request)
            messages.success(
                request, f"{person.display_name}'s record is shared with {worker.display_name}."
            )
        return redirect("caseload:relationship", person=person.pk, pk=rel.pk)

    return form_page(
        request,
        lambda data: WorkerChoiceForm(
            data,
            workers=selectors.workers(request.organisation).exclude(pk=rel.worker_id or 0),
            initial={"version": rel.version},
        ),
        "caseload/relationship_share.jinja",
        {"person": person, "rel": rel, "shared_with": list(rel.shared_with.all())},
        save=save,
    )


@roles(Role.PSW)
@require_http_methods(["GET", "POST"])
def my_profile(request: OrgRequest) -> HttpResponse:
    profile = selectors.my_worker_profile(request.actor)
    form = WorkerProfileForm(
        posted(request),
        instance=profile,
        initial={"version": profile.version if profile else 0},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.worker_profile_save(
                organisation=request.organisation,
                user=request.user,
                data=data,
                expected_version=data.pop("version"),
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="your matching profile", own=True)
        else:
            messages.success(request, "Your matching profile is saved.")
            return redirect("caseload:my-profile")
    return TemplateResponse(
        request,
        "caseload/my_profile.jinja",
        {"form": form, "profile": profile, "default_capacity": selectors.DEFAULT_CAPACITY},
        status=form_status(form),
    )


WORKERS_PAGE = 25


@roles(Role.SUPERVISOR)
@require_http_methods(["GET"])
def team_workers(request: OrgRequest) -> HttpResponse:
    """The supervised teams' workers: each one's open caseload against the capacity they
    agreed ("6 of 8"). Three queries for any number of workers (a page of them, their
    profiles, their open relationships)."""
    page = Paginator(selectors.team_workers(request.actor), WORKERS_PAGE).get_page(
        request.GET.get("page")
    )
    loads = selectors.worker_loads(request.organisation.pk, page.object_list)
    return TemplateResponse(request, "caseload/team_workers.jinja", {"page": page, "loads": loads})


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def worker_capacity(request: OrgRequest, worker: int) -> HttpResponseBase:
    found = selectors.team_workers(request.actor).filter(pk=worker).first()
    if found is None or not request.actor.may("caseload.agree_capacity", found):
        raise Http404
    load = selectors.worker_loads(request.organisation.pk, [found])[0]
    profile = load.profile

    def save(form: CapacityForm) -> HttpResponse:
        services.capacity_agree(
            organisation=request.organisation,
            worker=found,
            capacity=form.cleaned_data["capacity"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            f"{found.display_name}'s caseload capacity is {form.cleaned_data['capacity']}.",
        )
        return redirect("caseload:team-workers")

    return form_page(
        request,
        lambda data: CapacityForm(
            data,
            worker_name=found.display_name,
            initial={"version": profile.version if profile else 0, "capacity": load.capacity},
        ),
        "caseload/worker_capacity.jinja",
        {"worker": found, "load": load},
        save=save,
        conflict=f"{found.display_name}'s caseload capacity",
    )


# --- signing in to PeerPath (the person's own account) ------------------------------------


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("signing in to PeerPath")
def portal_access(request: OrgRequest, person: Person) -> HttpResponseBase:
    agreement = selectors.portal_agreement_current(person)

    def save(form: PortalAccessForm) -> HttpResponse:
        _agreement, invited = services.portal_access_give(
            person=person,
            email=form.cleaned_data["email"],
            agreed_on=form.cleaned_data["agreed_on"],
            how=form.cleaned_data["how"],
            note=form.cleaned_data["note"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            f"{person.display_name}'s agreement is recorded. "
            + (
                "We have emailed them an invitation to set a password."
                if invited
                else "Their existing PeerPath account is now linked to their record."
            ),
        )
        return redirect("caseload:portal-access", person=person.pk)

    return form_page(
        request,
        lambda data: PortalAccessForm(data, initial={"email": person.email}),
        "caseload/portal_access.jinja",
        {"person": person, "agreement": agreement},
        save=save,
    )
