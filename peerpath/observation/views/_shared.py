"""What observation's pages share: who reads and observes, the guidance, fetching."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone

from peerpath.core.access import get_in_organisation_or_404
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from .. import selectors
from ..models import Observation

OBSERVERS = (Role.SUPERVISOR, Role.TRAINER)


# Everyone who may be in an observation or see one: its observer, its worker (a PSW, or a
# trainee observed by their trainer), and the peer development team (coordinators).
READERS = (Role.SUPERVISOR, Role.TRAINER, Role.PSW, Role.TRAINEE, Role.COORDINATOR)


# The passage of the competence framework this app carries out (seed 004).
GUIDANCE = (
    "it is assumed that supervision of peer support workers will include direct observation "
    "of their practice, in turn affording competence-based feedback, with local arrangements "
    "in place to manage any areas of significant concern."
)


PAGE_SIZE = 25


def _visible(
    request: OrgRequest, rows: "QuerySet[Any]", pk: int, *, view: str, may: str = ""
) -> Any:
    """The row `pk` of `rows` if the actor may `view` it (and, with `may`, do that to it
    now), its read audited; else 404."""
    found = get_in_organisation_or_404(request, rows, audit_read=True, pk=pk)
    if not request.actor.may(view, found) or (may and not request.actor.may(may, found)):
        raise Http404
    return found


def _observation(request: OrgRequest, pk: int, *, may: str = "") -> Observation:
    """An observation the actor may see, its read audited (with the person present); with
    `may`, one the actor may also do that to now (else 404)."""
    found: Observation = _visible(
        request,
        selectors.observations_listed(actor=request.actor, today=timezone.localdate()),
        pk,
        view="observation.view_observation",
        may=may,
    )
    return found


def _to_observation(
    request: OrgRequest, observation: Observation, message: str
) -> HttpResponseBase:
    """Say what was saved, back on the observation's page."""
    messages.success(request, message)
    return redirect("observation:observation-detail", pk=observation.pk)
