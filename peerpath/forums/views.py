"""Forums' pages: the peer development team schedules and runs them; invitees see theirs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from . import selectors, services
from .forms import (
    AttendanceForm,
    CancelForm,
    ForumEditForm,
    ForumForm,
    InviteForm,
    InviteOneForm,
    NotesForm,
)
from .models import Forum

RUNS = (Role.COORDINATOR,)
SEES = (Role.COORDINATOR, Role.PSW, Role.TRAINEE)
PAGE_SIZE = 20


def _forum(request: OrgRequest, pk: int, rule: str) -> Forum:
    forum = get_in_organisation_or_404(request, selectors.forums_for(actor=request.actor), pk=pk)
    if not request.actor.may(rule, forum):
        raise Http404
    return forum


def _open_forum(request: OrgRequest, pk: int) -> Forum:
    """A forum the actor runs that is not cancelled (a cancelled one is only read)."""
    return _forum(request, pk, "forums.change_forum")


@roles(*SEES)
@require_http_methods(["GET"])
def forum_list(request: OrgRequest) -> HttpResponse:
    page = Paginator(selectors.forums_for(actor=request.actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "forums/forum_list.jinja",
        {
            "page": page,
            "runs": request.actor.has(*RUNS),
            "now": timezone.now(),
        },
    )


@roles(*RUNS)
@require_http_methods(["GET", "POST"])
@creates_once
def forum_create(request: OrgRequest) -> HttpResponseBase:
    def save(form: ForumForm) -> HttpResponse:
        forum = services.forum_schedule(
            organisation=request.organisation,
            kind=form.cleaned_data["kind"],
            starts_at=form.starts_at(),
            place=form.cleaned_data["place"],
            theme=form.cleaned_data["theme"],
            description=form.cleaned_data["description"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Scheduled. Now invite peer workers.")
        return redirect("forums:invite", pk=forum.pk)

    return form_page(request, ForumForm, "forums/forum_form.jinja", {}, save=save)


@roles(*SEES)
@require_http_methods(["GET"])
def forum_detail(request: OrgRequest, pk: int) -> HttpResponse:
    forum = _forum(request, pk, "forums.view_forum")
    runs = request.actor.may("forums.run_forum", forum)
    invitations = selectors.invitations_of(forum) if runs else []
    return TemplateResponse(
        request,
        "forums/forum_detail.jinja",
        {
            "forum": forum,
            "runs": runs,
            "invitations": invitations,
            "summary": selectors.attendance_summary(invitations),
            "mine": None if runs else selectors.my_invitation(forum, request.actor),
            "past": forum.starts_at < timezone.now(),
        },
    )


@roles(*RUNS)
@require_http_methods(["GET", "POST"])
def forum_invite(request: OrgRequest, pk: int) -> HttpResponseBase:
    forum = _open_forum(request, pk)

    def save(form: InviteForm) -> HttpResponse:
        actor = request.actor
        invited = forum.invitations.values("invitee_id")
        invitees = []
        if form.cleaned_data["peer_workers"]:
            invitees += list(selectors.peer_workers(actor=actor).exclude(pk__in=invited))
        if form.cleaned_data["graduates"]:
            invitees += list(selectors.graduates_not_employed(actor=actor).exclude(pk__in=invited))
        new = services.forum_invite(
            forum=forum, invitees=invitees, by=request.user, request=request
        )
        messages.success(
            request,
            f"{new} {'person' if new == 1 else 'people'} invited."
            if new
            else "Everyone you chose was already invited.",
        )
        return redirect("forums:detail", pk=forum.pk)

    return form_page(
        request,
        InviteForm,
        "forums/forum_invite.jinja",
        {"forum": forum, "counts": selectors.invite_counts(actor=request.actor, forum=forum)},
        save=save,
    )


@roles(*RUNS)
@require_http_methods(["GET", "POST"])
def forum_attendance(request: OrgRequest, pk: int) -> HttpResponseBase:
    forum = _forum(request, pk, "forums.run_forum")
    invitations = selectors.invitations_of(forum)

    def save(form: AttendanceForm) -> HttpResponse:
        services.attendance_record(
            forum=forum,
            entries=form.entries(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Attendance saved.")
        return redirect("forums:detail", pk=forum.pk)

    return form_page(
        request,
        lambda data: AttendanceForm(
            data, invitations=invitations, initial={"version": forum.version}
        ),
        "forums/forum_attendance.jinja",
        {"forum": forum},
        save=save,
        conflict="the attendance for this session",
    )


@roles(*RUNS)
@require_http_methods(["GET", "POST"])
def forum_notes(request: OrgRequest, pk: int) -> HttpResponseBase:
    forum = _forum(request, pk, "forums.run_forum")

    def save(form: NotesForm) -> HttpResponse:
        services.notes_save(
            forum=forum,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Shared learning notes saved.")
        return redirect("forums:detail", pk=forum.pk)

    return form_page(
        request,
        lambda data: NotesForm(
            data,
            initial={
                "version": forum.version,
                "theme": forum.theme,
                "learning_notes": forum.learning_notes,
                # Ticked again only for notes already confirmed; they can untick it.
                "notes_have_no_personal_details": forum.notes_have_no_personal_details,
            },
        ),
        "forums/forum_notes.jinja",
        {"forum": forum},
        save=save,
        conflict="the notes of this session",
    )


@roles(*RUNS)
@require_http_methods(["GET", "POST"])
def forum_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    """Reschedule a session or change its details; invitees are told of a move by email."""
    forum = _open_forum(request, pk)

    def save(form: ForumEditForm) -> HttpResponse:
        moved = services.forum_edit(
            forum=forum,
            starts_at=form.starts_at(),
            place=form.cleaned_data["place"],
            theme=form.cleaned_data["theme"],
            description=form.cleaned_data["description"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            "Saved. Everyone invited will get an email with the new date, time and place."
            if moved
            else "Saved.",
        )
        return redirect("forums:detail", pk=forum.pk)

    starts = timezone.localtime(forum.starts_at)
    return form_page(
        request,
        lambda data: ForumEditForm(
            data,
            initial={
                "version": forum.version,
                "on": starts.date(),
                "at": starts.strftime("%H:%M"),
                "place": forum.place,
                "theme": forum.theme,
                "description": forum.description,
            },
        ),
        "forums/forum_edit.jinja",
        {"forum": forum},
        save=save,
        conflict="this session",
    )


@roles(*RUNS)
@require_http_methods(["GET", "POST"])
def forum_cancel(request: OrgRequest, pk: int) -> HttpResponseBase:
    """Confirm the cancellation of a session, with a reason; it is kept, not deleted."""
    forum = _open_forum(request, pk)

    def save(form: CancelForm) -> HttpResponse:
        services.forum_cancel(
            forum=forum,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "The session is cancelled. Everyone invited will get an email.")
        return redirect("forums:detail", pk=forum.pk)

    return form_page(
        request,
        lambda data: CancelForm(data, initial={"version": forum.version}),
        "forums/forum_cancel.jinja",
        {"forum": forum, "invited": forum.invitations.count()},
        save=save,
        conflict="this session",
    )


@roles(*RUNS)
@require_http_methods(["GET", "POST"])
def forum_invite_one(request: OrgRequest, pk: int) -> HttpResponseBase:
    """Invite one named peer support worker or graduate not yet employed."""
    forum = _open_forum(request, pk)
    people = selectors.invitable(actor=request.actor)
    invited = selectors.invitee_ids(forum)

    def save(form: InviteOneForm) -> HttpResponse:
        invitee = form.cleaned_data["invitee"]
        services.forum_invite_one(forum=forum, invitee=invitee, by=request.user, request=request)
        messages.success(request, f"{invitee.display_name} is invited and will get an email.")
        return redirect("forums:detail", pk=forum.pk)

    return form_page(
        request,
        lambda data: InviteOneForm(data, people=people, invited=invited),
        "forums/forum_invite_one.jinja",
        {"forum": forum},
        save=save,
    )
