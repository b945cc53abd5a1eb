"""People supported: the caseload, the person's record, referrals and the peer relationship."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import roles
from peerpath.core.http import OrgRequest, search_text
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, show_conflict

from . import selectors, services, steps
from .forms import (
    PERSON_FIELDS,
    REFERRAL_FIELDS,
    FamilyMemberForm,
    PersonForm,
    ReferralFields,
    ReferralForm,
    WorkerChoiceForm,
    WorkerProfileForm,
)
from .models import PeerRelationship
from .scoping import (
    CASELOAD_ROLES,
    RECORD_READERS,
    get_person_or_404,
    get_summary_or_404,
    supervised_team_ids,
)
from .steps import Step


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def caseload(request: OrgRequest) -> HttpResponse:
    text = search_text(request, limit=100)
    people = selectors.caseload_rows(request, text=text)
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
    mine = list(selectors.my_new_referrals(request)) if takes_referrals else []
    page = allocated = None
    if supervises:
        page = Paginator(selectors.waiting_list(request), 25).get_page(request.GET.get("page"))
        allocated = Paginator(selectors.team_new_referrals(request), 25).get_page(
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
def referral_create(request: OrgRequest) -> HttpResponse:
    teams = selectors.my_teams(request)
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        teams=teams,
        can_take=Role.PSW in request.roles,
        initial={"referred_on": timezone.localdate(), "team": teams.first()},
    )
    if request.method == "POST" and form.is_valid():
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
        if relationship.worker_id or person.team_id in _supervised(request):
            messages.success(request, f"Referral for {person.display_name} recorded.")
            return redirect("caseload:relationship", person=person.pk, pk=relationship.pk)
        messages.success(
            request,
            f"Referral for {person.display_name} recorded. The team's supervisor will match "
            "them with a peer support worker.",
        )
        return redirect("caseload:referral-list")
    return TemplateResponse(
        request,
        "caseload/referral_form.jinja",
        {"form": form, "person_fields": PERSON_FIELDS},
        status=400 if form.errors else 200,
    )


# The team's supervisor: a PSW sees a person only while peer support with them is open, so
# only a supervisor ever sees someone whose peer support has ended.
@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
@creates_once
def referral_again(request: OrgRequest, person: int) -> HttpResponse:
    """A new referral for someone already known, once earlier peer support has ended."""
    found = get_person_or_404(request, person)
    open_now = selectors.open_relationship_of(found)
    teams = selectors.my_teams(request)
    form = ReferralFields(
        request.POST if request.method == "POST" else None,
        teams=teams,
        can_take=Role.PSW in request.roles,
        initial={"referred_on": timezone.localdate(), "team": found.team},
    )
    if open_now is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        relationship = services.referral_create(
            organisation=request.organisation,
            team=data["team"],
            person_data=None,
            person=found,
            referral_data={name: data[name] for name in REFERRAL_FIELDS},
            worker=request.user if data.get("allocate_to_me") else None,
            by=request.user,
            request=request,
        )
        messages.success(request, f"New referral for {found.display_name} recorded.")
        return redirect("caseload:relationship", person=found.pk, pk=relationship.pk)
    return TemplateResponse(
        request,
        "caseload/referral_again.jinja",
        {"form": form, "person": found, "open_now": open_now},
        status=409 if open_now and request.method == "POST" else 400 if form.errors else 200,
    )


def _supervised(request: OrgRequest) -> set[int]:
    return {row["team_id"] for row in supervised_team_ids(request)}


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def person_edit(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person)
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        instance=found,
        initial={"version": found.version},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PERSON_FIELDS}
        try:
            services.person_update(
                person=found,
                data=data,
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this record")
        else:
            messages.success(request, f"{found.display_name}'s details saved.")
            return redirect("workspace:person-detail", person=found.pk)
    return TemplateResponse(
        request,
        "caseload/person_form.jinja",
        {"form": form, "person": found, "person_fields": PERSON_FIELDS},
        status=400 if form.errors else 200,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def family_member_create(request: OrgRequest, person: int) -> HttpResponse:
    return _family_member(request, person, None)


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def family_member_edit(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    """An edit is guarded by the record's version, not a one-time token: a second send of
    the same page is a stale save, refused with the words kept."""
    return _family_member(request, person, pk)


def _family_member(request: OrgRequest, person: int, pk: int | None) -> HttpResponse:
    found = get_person_or_404(request, person)
    member = selectors.family_member_of(found, pk) if pk is not None else None
    saved_name = member.name if member else ""
    form = FamilyMemberForm(
        request.POST if request.method == "POST" else None,
        instance=member,
        initial={"version": member.version} if member else None,
        editing=member is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = services.family_member_save(
                person=found,
                member=member,
                data=data,
                expected_version=data.pop("version", None),
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what=f"the entry for {saved_name}")
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("workspace:person-detail", person=found.pk)
    return TemplateResponse(
        request,
        "caseload/family_form.jinja",
        {"form": form, "person": found, "member": member},
        status=400 if form.errors else 200,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def relationship(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="peer support", read_only=True)
    rel = selectors.relationship_of(found, pk)
    read_only = bool(getattr(request, "record_read_only", False))
    return TemplateResponse(
        request,
        "caseload/relationship.jinja",
        {
            "person": found,
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


def _run_step(request: OrgRequest, person: int, pk: int, step: Step) -> HttpResponse:
    found = get_person_or_404(request, person)
    rel = selectors.relationship_of(found, pk)
    initial: dict[str, Any] = {"version": rel.version}
    if step.today_field:
        initial[step.today_field] = timezone.localdate()
    form = step.form_class(
        request.POST if request.method == "POST" else None,
        initial=initial,
        **{need: _FORM_NEEDS[need](request) for need in step.form_needs},
    )
    open_now = step.applies_to(rel)
    posted = request.method == "POST" and form.is_valid()
    stale = posted and form.cleaned_data["version"] != rel.version
    if not open_now and not stale:
        return TemplateResponse(
            request,
            "caseload/relationship_step_closed.jinja",
            {"person": found, "rel": rel, "heading": step.heading},
            status=409 if request.method == "POST" else 200,
        )
    what = f"a change to {found.display_name}'s peer support"
    if posted and not open_now:
        # Sent from a page opened before someone else moved the relationship past this
        # step: their words stay on the page, though the step cannot be taken now.
        show_conflict(form, EditConflict(rel.version), what=what, once=True)
    elif posted:
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
        else:
            messages.success(request, step.done.format(name=found.display_name))
            return redirect(step.then, person=found.pk, pk=rel.pk)
    return TemplateResponse(
        request,
        step.template,
        {"person": found, "rel": rel, "form": form, "heading": step.heading, **_page(step, rel)},
        status=400 if form.errors else 200,
    )


# What a step's form needs from the page (`Step.form_needs`): the choices it offers.
_FORM_NEEDS: dict[str, Callable[[OrgRequest], Any]] = {
    "workers": lambda request: selectors.workers(request.organisation),
    "teams": lambda request: selectors.organisation_teams(request),
}


def _page(step: Step, rel: PeerRelationship) -> dict[str, Any]:
    """What a step's page shows beyond its form: matching suggests workers."""
    if step is not steps.MATCH:
        return {}
    suggestions = selectors.match_suggestions(rel)
    return {"suggestions": suggestions, "anyone_free": any(s.has_capacity for s in suggestions)}


def _step_view(step: Step) -> Callable[..., HttpResponse]:
    @roles(*step.who)
    @require_http_methods(["GET", "POST"])
    def view(request: OrgRequest, person: int, pk: int) -> HttpResponse:
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
def relationship_share(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person)
    rel = selectors.relationship_of(found, pk)
    form = WorkerChoiceForm(
        request.POST if request.method == "POST" else None,
        workers=selectors.workers(request.organisation).exclude(pk=rel.worker_id or 0),
        initial={"version": rel.version},
    )
    if request.method == "POST" and form.is_valid():
        worker = form.cleaned_data["worker"]
        if request.POST.get("stop"):
            services.unshare(rel, worker=worker, by=request.user, request=request)
            messages.success(
                request,
                f"{found.display_name}'s record is no longer shared with {worker.display_name}.",
            )
        else:
            services.share(rel, worker=worker, by=request.user, request=request)
            messages.success(
                request, f"{found.display_name}'s record is shared with {worker.display_name}."
            )
        return redirect("caseload:relationship", person=found.pk, pk=rel.pk)
    return TemplateResponse(
        request,
        "caseload/relationship_share.jinja",
        {"person": found, "rel": rel, "form": form, "shared_with": list(rel.shared_with.all())},
        status=400 if form.errors else 200,
    )


@roles(Role.PSW)
@require_http_methods(["GET", "POST"])
def my_profile(request: OrgRequest) -> HttpResponse:
    profile = selectors.worker_profile(request.organisation, request.user)
    form = WorkerProfileForm(
        request.POST if request.method == "POST" else None,
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
        request, "caseload/my_profile.jinja", {"form": form}, status=400 if form.errors else 200
    )
