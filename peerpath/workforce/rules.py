"""Who may do what to a team request or a vacancy (django-rules), asked in views as
`request.actor.may("workforce.<rule>", obj)`."""

from typing import Any

import rules
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation

from .models import RequestStatus
from .selectors import employment_current


@rules.predicate
def of_the_actors_team(actor: Actor, team_request: Any) -> bool:
    """The request is for a team the actor supervises, or the actor made it."""
    return (
        team_request.team_id in actor.supervised_team_ids
        or team_request.requested_by_id == actor.user_id
    )


@rules.predicate
def is_pending(actor: Actor, team_request: Any) -> bool:
    return bool(team_request.status == RequestStatus.PENDING)


# The team that asked reads its request and the answer; the peer development team and
# admins read them all.
rules.add_rule(
    "workforce.read_team_request",
    in_actors_organisation & (holds(Role.COORDINATOR, Role.ORG_ADMIN) | of_the_actors_team),
)
# Only the peer development team decides, and only once.
rules.add_rule(
    "workforce.decide_team_request",
    in_actors_organisation & holds(Role.COORDINATOR) & is_pending,
)


@rules.predicate
def on_the_panel(actor: Actor, application: Any) -> bool:
    """The actor sits on the vacancy's panel or on an interview panel of this application
    (one query)."""
    if actor.user_id is None:
        return False
    return bool(
        application.vacancy.panel.filter(pk=actor.user_id).exists()
        or application.interviews.filter(panel__pk=actor.user_id).exists()
    )


@rules.predicate
def on_an_interview_panel(actor: Actor, application: Any) -> bool:
    return actor.user_id is not None and bool(
        application.interviews.filter(panel__pk=actor.user_id).exists()
    )


# The panel's scores and notes: only the panel and the peer development team.
rules.add_rule(
    "workforce.read_panel_scores",
    in_actors_organisation & (holds(Role.COORDINATOR) | on_the_panel),
)
# Scoring an interview: its panel members.
rules.add_rule("workforce.score_interview", in_actors_organisation & on_an_interview_panel)


@rules.predicate
def is_current(actor: Actor, record: Any) -> bool:
    """The employment has not ended."""
    return record.ends_on is None


# The peer development team changes a current employment record; an ended one is kept as
# it was.
rules.add_rule(
    "workforce.edit_employment", in_actors_organisation & holds(Role.COORDINATOR) & is_current
)


@rules.predicate
def in_post(actor: Actor) -> bool:
    """The actor has a current employment record here (one query)."""
    if actor.user_id is None or actor.organisation is None:
        return False
    return employment_current(actor.organisation, actor.user_id, timezone.localdate()) is not None


# Applying from one's own account: a graduate (a trainee's account), or a peer worker
# already in post applying for another vacancy.
rules.add_rule(
    "workforce.apply_from_account",
    in_actors_organisation & (holds(Role.TRAINEE) | (holds(Role.PSW) & in_post)),
)
