"""The organisation admin's pages: people, roles, teams; and switching organisation."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.accounts import selectors as account_selectors
from peerpath.accounts import services as account_services
from peerpath.core.access import get_in_organisation_or_404, roles, signed_in
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest, PeerPathRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, show_conflict

from . import presenters, selectors, services
from .forms import (
    ROLE_HINTS,
    InviteForm,
    MemberEditForm,
    MemberSearchForm,
    OrganisationSettingsForm,
    TeamForm,
)
from .middleware import SESSION_ORGANISATION

PAGE_SIZE = 25


def _member_user(request: OrgRequest, public_id: Any) -> Any:
    return get_in_organisation_or_404(
        request,
        selectors.members_of(actor=request.actor),
        belongs=selectors.is_member,
        public_id=public_id,
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET"])
def member_list(request: OrgRequest) -> HttpResponse:
    form = MemberSearchForm(request.GET)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(
        selectors.members_queryset(actor=request.actor, search=search),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    members = [selectors.member_from_user(u) for u in page.object_list]
    return TemplateResponse(
        request,
        "organisations/member_list.jinja",
        {
            "form": form,
            "search": search,
            "page": page,
            "members": members,
            "invitations_waiting": selectors.invitations_waiting(request.organisation).count(),
        },
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
@creates_once
def member_invite(request: OrgRequest) -> HttpResponseBase:
    organisation = request.organisation

    def save(form: InviteForm) -> HttpResponse:
        user = services.user_invite(
            organisation=organisation,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            roles=form.cleaned_data["roles"],
            team=form.cleaned_data["team"],
            by=request.user,
            request=request,
        )
        messages.success(request, f"Invitation sent to {user.email}.")
        return redirect("organisations:member-detail", public_id=user.public_id)

    return form_page(
        request,
        lambda data: InviteForm(data, organisation=organisation),
        "organisations/member_invite.jinja",
        {"role_hints": ROLE_HINTS},
        save=save,
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def member_detail(request: OrgRequest, public_id: Any) -> HttpResponse:
    organisation = request.organisation
    user = _member_user(request, public_id)
    member = selectors.member_get(organisation, user)
    initial = {
        "roles": member.roles,
        "team": member.team,
        "expected": selectors.member_state(member),
    }
    form = MemberEditForm(
        posted(request),
        organisation=organisation,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                organisation=organisation,
                user=user,
                roles=form.cleaned_data["roles"],
                team=form.cleaned_data["team"],
                seen=form.cleaned_data["expected"],
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            member = selectors.member_get(organisation, user)
            show_conflict(form, conflict, what="these roles", field="expected")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Roles saved for {user.display_name}.")
            return redirect("organisations:member-detail", public_id=user.public_id)
    invitation = selectors.invitation_waiting_for(organisation, user)
    return TemplateResponse(
        request,
        "organisations/member_detail.jinja",
        {
            "member": member,
            "form": form,
            "role_hints": ROLE_HINTS,
            "account": account_selectors.account_status(user),
            "invitation": invitation,
            "invitation_status": presenters.invitation_status(invitation, user),
        },
        status=form_status(form),
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def member_reset_two_factor(request: OrgRequest, public_id: Any) -> HttpResponse:
    user = _member_user(request, public_id)
    if request.method == "POST":
        account_services.two_factor_reset(
            user=user, organisation_id=request.organisation.pk, by=request.user, request=request
        )
        messages.success(
            request,
            f"Two-factor authentication reset for {user.display_name}. "
            "They will set up their authenticator app again when they next log in.",
        )
        return redirect("organisations:member-detail", public_id=user.public_id)
    return TemplateResponse(
        request,
        "organisations/member_reset_two_factor.jinja",
        {"member": selectors.member_get(request.organisation, user)},
    )


@roles(Role.ORG_ADMIN)
@require_POST
def member_unlock(request: OrgRequest, public_id: Any) -> HttpResponse:
    user = _member_user(request, public_id)
    account_services.account_unlock(
        user=user, organisation_id=request.organisation.pk, by=request.user, request=request
    )
    messages.success(request, f"{user.display_name} can log in again.")
    return redirect("organisations:member-detail", public_id=user.public_id)


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def member_remove(request: OrgRequest, public_id: Any) -> HttpResponse:
    organisation = request.organisation
    user = _member_user(request, public_id)
    error = ""
    if request.method == "POST":
        try:
            services.membership_remove(
                organisation=organisation, user=user, by=request.user, request=request
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{user.display_name} no longer has roles in {organisation}.")
            return redirect("organisations:member-list")
    return TemplateResponse(
        request,
        "organisations/member_remove.jinja",
        {"member": selectors.member_get(organisation, user), "error": error},
        status=400 if error else 200,
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def team_list(request: OrgRequest) -> HttpResponseBase:
    organisation = request.organisation

    def save(form: TeamForm) -> HttpResponse:
        team = services.team_create(
            organisation=organisation,
            name=form.cleaned_data["name"],
            by=request.user,
            request=request,
        )
        messages.success(request, f"Team “{team.name}” added.")
        return redirect("organisations:team-list")

    return form_page(
        request,
        lambda data: TeamForm(data, organisation=organisation),
        "organisations/team_list.jinja",
        {"teams": selectors.team_list(actor=request.actor)},
        save=save,
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET"])
def team_detail(request: OrgRequest, pk: int) -> HttpResponse:
    team = get_in_organisation_or_404(request, selectors.teams_of(actor=request.actor), pk=pk)
    return TemplateResponse(
        request,
        "organisations/team_detail.jinja",
        {"team": team, "members": selectors.team_members(team)},
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_settings(request: OrgRequest) -> HttpResponseBase:
    organisation = request.organisation
    initial = {
        "publishes_framework": "yes" if organisation.publishes_framework else "no",
        "retention_years_after_care": organisation.retention_years_after_care,
        "retention_years_after_death": organisation.retention_years_after_death,
        "version": organisation.version,
    }

    def save(form: OrganisationSettingsForm) -> HttpResponse:
        try:
            services.organisation_settings_update(
                organisation=organisation,
                publishes_framework=form.cleaned_data["publishes_framework"],
                retention_years_after_care=form.cleaned_data["retention_years_after_care"],
                retention_years_after_death=form.cleaned_data["retention_years_after_death"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        except EditConflict:
            organisation.refresh_from_db()  # the page shows what they saved
            raise
        messages.success(request, "Settings saved.")
        return redirect("organisations:settings")

    return form_page(
        request,
        lambda data: OrganisationSettingsForm(data, initial=initial),
        "organisations/settings.jinja",
        {"organisation": organisation},
        save=save,
        conflict="these settings",
    )


@signed_in
@require_POST
def organisation_switch(request: PeerPathRequest) -> HttpResponse:
    chosen = request.POST.get("organisation", "")
    for organisation in request.organisations:
        if str(organisation.pk) == chosen:
            request.session[SESSION_ORGANISATION] = organisation.pk
            messages.success(request, f"You are now working in {organisation}.")
            break
    else:
        messages.error(request, "Choose one of your organisations.")
    return redirect("workspace:home")
