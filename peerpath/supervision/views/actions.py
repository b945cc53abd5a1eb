"""Actions agreed in supervision, and the supervisor's list of supervisees."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from .. import selectors, services
from ..forms import (
    ActionForm,
)
from ._shared import (
    PARTIES,
    PER_PAGE,
    _not_now,
    _session_form,
    _session_if,
    _session_url,
)


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
@creates_once
def action_add(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_if(
        request,
        pk,
        "supervision.add_action",
        "Actions are added by the supervisor before they sign.",
    )
    if isinstance(session, HttpResponseRedirect):
        return session

    return _session_form(
        request,
        session,
        ActionForm,
        "supervision/action_form.jinja",
        write=lambda data: services.action_add(
            session=session,
            text=data["text"],
            owner=data["owner"],
            due_on=data["due_on"],
            by=request.user,
            request=request,
        ),
        done="Action added.",
    )


@roles(*PARTIES)
@require_POST
def action_done(request: OrgRequest, pk: int) -> HttpResponseBase:
    action = get_in_organisation_or_404(request, selectors.actions_visible(request.actor), pk=pk)
    back = request.POST.get("session", "")
    to = (
        reverse("supervision:session-detail", kwargs={"pk": int(back)})
        if back.isdigit()
        else _session_url(action.session)
    )
    if not request.actor.may("supervision.mark_action_done", action):
        return _not_now(request, "This action is already done.", to)
    try:
        services.action_done(
            action=action, today=timezone.localdate(), by=request.user, request=request
        )
    except ValidationError:  # pragma: no cover - the rule above has checked
        raise
    messages.success(request, "Action marked done.")
    return HttpResponseRedirect(to)


@roles(Role.SUPERVISOR)
@require_http_methods(["GET"])
def supervisee_list(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(selectors.supervisees(request.actor, today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [selectors.due_row(a, today) for a in page.object_list]
    return TemplateResponse(
        request, "supervision/supervisee_list.jinja", {"page": page, "rows": rows}
    )
