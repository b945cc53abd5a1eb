"""Peer groups: facilitators, members, sessions and a register that records absence kindly."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, own_record_view, person_view
from peerpath.caseload.selectors import audit_listed
from peerpath.core.access import roles
from peerpath.core.chooser import choices_fragment, is_search, shown_as_typed
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import (
    EditConflict,
    conflict_message,
    posted_version,
    show_conflict,
)

from . import selectors, services
from .forms import GroupForm, MemberAddForm, SessionForm
from .models import PeerGroup, Presence


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def group_list(request: OrgRequest) -> HttpResponse:
    page = Paginator(selectors.group_list(request.actor), 25).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "groups/group_list.jinja",
        {"page": page, "can_create": bool(selectors.actor_teams(request.actor))},
    )


def _group_form(request: OrgRequest, group: PeerGroup | None, data: Any = None) -> GroupForm:
    teams = selectors.actor_teams(request.actor)
    if group is not None and group.team_id not in {t.pk for t in teams}:
        teams.append(group.team)
    initial: dict[str, Any] = {}
    if group is not None:
        initial = {
            "name": group.name,
            "purpose": group.purpose,
            "where": group.where,
            "team": str(group.team_id),
            "facilitators": [u.pk for u in selectors.group_facilitators(group)],
            "version": group.version,
        }
    elif len(teams) == 1:
        initial = {"team": str(teams[0].pk)}
    return GroupForm(
        data,
        teams=teams,
        options=selectors.facilitator_options(teams),
        initial=initial,
        must_include=None if Role.SUPERVISOR in request.roles else request.user,
    )


def _details(form: GroupForm) -> dict[str, Any]:
    return {
        name: form.cleaned_data[name]
        for name in ("name", "purpose", "where", "team", "facilitators")
    }


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def group_create(request: OrgRequest) -> HttpResponseBase:
    def save(form: GroupForm) -> HttpResponse:
        group = services.group_create(
            organisation=request.organisation, by=request.user, request=request, **_details(form)
        )
        messages.success(request, f"“{group.name}” created. Add the people who would like to join.")
        return redirect("groups:group-detail", pk=group.pk)

    return form_page(
        request,
        lambda data: _group_form(request, None, data),
        "groups/group_form.jinja",
        {"group": None},
        save=save,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def group_edit(request: OrgRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_or_404(request, pk)
    form = _group_form(request, group, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(
                group=group,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
                **_details(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict as conflict:
            # The page around the form shows the group as saved, too.
            show_conflict(form, conflict, what="this group", saved=group)
        else:
            messages.success(request, f"“{group.name}” saved.")
            return redirect("groups:group-detail", pk=group.pk)
    return TemplateResponse(
        request,
        "groups/group_form.jinja",
        {"form": form, "group": group},
        status=form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def group_detail(request: OrgRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_or_404(request, pk)
    members = selectors.group_members(group)
    audit_listed(request, members, reason=f"members of peer group {group.pk}")
    sessions = Paginator(selectors.group_sessions(group), 10).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "groups/group_detail.jinja",
        {
            "group": group,
            "facilitators": selectors.group_facilitators(group),
            "members": members,
            "openable": selectors.visible_person_ids(request.actor, members),
            "sessions": sessions,
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def member_add(request: OrgRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_or_404(request, pk)
    addable = selectors.people_addable(request.actor, group)
    form = MemberAddForm(posted(request), people=addable, group=group)
    searching = is_search(request, "people")  # the chooser's Search, without JavaScript
    if searching:
        shown_as_typed(form)
    elif request.method == "POST" and form.is_valid():
        added = services.members_add(
            group=group, people=form.cleaned_data["people"], by=request.user, request=request
        )
        names = ", ".join(p.display_name for p in added)
        messages.success(request, f"{names} added to “{group.name}”.")
        return redirect("groups:group-detail", pk=group.pk)
    chooser = form.chooser("people")
    # Only the people the page names are read: those chosen and the few who match.
    audit_listed(request, chooser.shown, reason=f"listed to add to peer group {group.pk}")
    return TemplateResponse(
        request,
        "groups/member_add.jinja",
        {"form": form, "group": group, "chooser": chooser, "has_choices": addable.exists()},
        status=200 if searching else form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def member_search(request: OrgRequest, pk: int) -> HttpResponse:
    """The people matching the add-people form's search box, and those already ticked: the
    part of the form the box swaps in as a name is typed. Each name shown is audited."""
    group = selectors.group_get_or_404(request, pk)
    form = MemberAddForm(
        request.GET, people=selectors.people_addable(request.actor, group), group=group
    )
    return choices_fragment(
        request,
        form,
        "people",
        on_shown=lambda people: audit_listed(
            request, people, reason=f"listed to add to peer group {group.pk}"
        ),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def member_remove(request: OrgRequest, group: int, member: int) -> HttpResponse:
    found = selectors.group_get_or_404(request, group)
    person = selectors.group_member_or_404(found, member)
    if request.method == "POST":
        services.member_remove(group=found, person=person, by=request.user, request=request)
        messages.success(
            request,
            f"{person.display_name} is no longer in “{found.name}”. Their past attendance is kept.",
        )
        return redirect("groups:group-detail", pk=found.pk)
    audit_listed(request, [person], reason=f"confirming removal from peer group {found.pk}")
    return TemplateResponse(
        request, "groups/member_remove.jinja", {"group": found, "person": person}
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def session_create(request: OrgRequest, pk: int) -> HttpResponseBase:
    group = selectors.group_get_or_404(request, pk)

    def save(form: SessionForm) -> HttpResponse:
        session = services.session_create(
            group=group,
            starts_at=form.starts_at(),
            topic=form.cleaned_data["topic"],
            by=request.user,
            request=request,
        )
        day = timezone.localtime(session.starts_at)
        messages.success(request, f"Session on {day:%-d %B %Y} added to “{group.name}”.")
        return redirect("groups:group-detail", pk=group.pk)

    return form_page(request, SessionForm, "groups/session_form.jinja", {"group": group}, save=save)


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def register(request: OrgRequest, group: int, pk: int) -> HttpResponse:
    found = selectors.group_get_or_404(request, group)
    session = selectors.session_get_or_404(found, pk)
    rows = selectors.register_rows(session)
    errors: dict[str, list[str]] = {}
    submitted: dict[str, str] = {}
    version: int | None = session.version
    if request.method == "POST":
        submitted = {
            f"presence_{row.person.pk}": str(request.POST.get(f"presence_{row.person.pk}", ""))
            for row in rows
        }
        entries = {
            row.person.pk: submitted[f"presence_{row.person.pk}"]
            for row in rows
            if submitted[f"presence_{row.person.pk}"]
        }
        try:
            changed = services.register_save(
                session=session,
                entries=entries,
                listed=[row.person for row in rows],
                expected_version=posted_version(request.POST),
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            # What they chose stays on the page; saving again saves it over the newer one.
            said = conflict_message("the register for this session")
            errors, version = {"__all__": [said]}, conflict.latest
        except ValidationError as error:
            errors = (
                error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            )
        else:
            messages.success(
                request,
                "Register saved." if changed else "Register saved: nothing had changed.",
            )
            return redirect("groups:group-detail", pk=found.pk)
    audit_listed(
        request, [row.person for row in rows], reason=f"register of group session {session.pk}"
    )
    return TemplateResponse(
        request,
        "groups/register.jinja",
        {
            "group": found,
            "session": session,
            "rows": rows,
            "presences": Presence,
            "errors": errors,
            "submitted": submitted,
            "version": version,
        },
        status=400 if errors else 200,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("peer groups", read_only=True)
def person_groups(request: OrgRequest, person: Person) -> HttpResponse:
    groups = selectors.person_groups(person)
    attendance = selectors.person_attendance(person)
    return TemplateResponse(
        request,
        "groups/person_groups.jinja",
        {
            "person": person,
            "groups": groups,
            "attendance": attendance,
            "openable": selectors.visible_group_ids(
                request.actor, [*groups, *(a.session.group for a in attendance)]
            ),
        },
    )


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("the person reading their own peer groups")
def my_groups(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "groups/my_groups.jinja",
        {"groups": selectors.person_groups_for_person(person)},
    )
