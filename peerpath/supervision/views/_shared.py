"""What supervision's pages share: who may do what, fetching, going back."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

from peerpath.core.access import get_in_organisation_or_404
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, conflict_message, posted_version

from .. import selectors
from ..models import SupervisionAgreement, SupervisionSession

PER_PAGE = 20
SETTERS_UP = (Role.SUPERVISOR, Role.COORDINATOR)
PARTIES = (Role.SUPERVISOR, Role.PSW)


def _agreement_or_404(request: OrgRequest, pk: int) -> SupervisionAgreement:
    return get_in_organisation_or_404(
        request, selectors.agreements_visible(request.actor), audit_read=True, pk=pk
    )


def _session_or_404(request: OrgRequest, pk: int) -> SupervisionSession:
    return get_in_organisation_or_404(
        request, selectors.sessions_visible(request.actor), audit_read=True, pk=pk
    )


def _session_url(session: SupervisionSession) -> str:
    return reverse("supervision:session-detail", kwargs={"pk": session.pk})


def _not_now(request: OrgRequest, text: str, to: str) -> HttpResponseRedirect:
    messages.info(request, text)
    return HttpResponseRedirect(to)


def _unit_4_2() -> Any:
    """Framework unit 4.2, as imported (its statements are quoted, never paraphrased)."""
    return selectors.unit_4_2()


def _agreement_url(agreement: SupervisionAgreement) -> str:
    return reverse("supervision:agreement-detail", kwargs={"pk": agreement.pk})


Found = TypeVar("Found", SupervisionAgreement, SupervisionSession)


def _if_may(
    request: OrgRequest, found: Found, rule: str, refusal: str, to: str
) -> Found | HttpResponseRedirect:
    """`found`, when the actor may do `rule` to it now; else back to `to`, saying `refusal`."""
    if request.actor.may(rule, found):
        return found
    return _not_now(request, refusal, to)


def _agreement_if(
    request: OrgRequest, pk: int, rule: str, refusal: str
) -> SupervisionAgreement | HttpResponseRedirect:
    agreement = _agreement_or_404(request, pk)
    return _if_may(request, agreement, rule, refusal, _agreement_url(agreement))


def _session_if(
    request: OrgRequest, pk: int, rule: str, refusal: str
) -> SupervisionSession | HttpResponseRedirect:
    session = _session_or_404(request, pk)
    return _if_may(request, session, rule, refusal, _session_url(session))


def _saved(request: OrgRequest, session: SupervisionSession, message: str) -> HttpResponseRedirect:
    """Say what was saved, back on the session's page."""
    messages.success(request, message)
    return HttpResponseRedirect(_session_url(session))


def _session_form(
    request: OrgRequest,
    session: SupervisionSession,
    form: Any,
    template: str,
    *,
    write: Callable[[dict[str, Any]], object],
    done: str,
    conflict: str = "this record",
    **context: Any,
) -> HttpResponseBase:
    """A one-form page of a session (`form_page`): a valid post is handed to
    `write(cleaned_data)`, then back to the session, saying `done`."""

    def save(bound: Any) -> HttpResponse:
        write(bound.cleaned_data)
        return _saved(request, session, done)

    return form_page(
        request,
        form,
        template,
        {"session": session, "agreement": session.agreement, **context},
        save=save,
        conflict=conflict,
    )


def _confirmed(
    request: OrgRequest, here: str, write: Callable[[int | None], object], *, conflict: str
) -> HttpResponseRedirect | None:
    """Agreeing or signing what the page showed: `write(the version it was read at)`.
    None once written; after an edit in between, back to `here` saying so (`conflict`
    names what changed)."""
    try:
        write(posted_version(request.POST))
    except EditConflict:
        messages.error(request, conflict_message(conflict, typed=False))
        return HttpResponseRedirect(here)
    return None
