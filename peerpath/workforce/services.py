"""Writes for the workforce: team requests, posts and vacancies.

Every write is atomic and audited; edits carry a version check
(peerpath/core/versioning.py).
"""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import EditConflict, claim_version
from peerpath.organisations.models import Organisation, Team

from .criteria import TEMPLATE_CRITERIA
from .models import (
    Post,
    RequestStatus,
    TeamRequest,
    Vacancy,
    VacancyCriterion,
    VacancyStatus,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def _who(actor: Actor) -> tuple["User", Organisation]:
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    return actor.user, actor.organisation


def _own_team(actor: Actor, team: Team) -> None:
    if actor.organisation is None or team.organisation_id != actor.organisation.pk:
        raise ValidationError({"team": "Choose one of your organisation's teams."})


# --- team requests ----------------------------------------------------------------------------


def team_request_create(
    *,
    actor: Actor,
    team: Team,
    service_area: str,
    setting: str,
    hours_per_week: Decimal,
    role: str,
    hopes: str,
    request: HttpRequest | None = None,
) -> TeamRequest:
    """A member of a team asks the peer development team for a peer worker."""
    _own_team(actor, team)
    user, organisation = _who(actor)
    with transaction.atomic():
        team_request = TeamRequest(
            organisation=organisation,
            team=team,
            service_area=service_area,
            setting=setting,
            hours_per_week=hours_per_week,
            role=role,
            hopes=hopes.strip(),
            requested_by=user,
        )
        team_request.full_clean()
        team_request.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=team_request,
            actor=user,
            organisation_id=team_request.organisation_id,
            reason="a team asks for a peer worker",
        )
    return team_request


def _still_pending(team_request: TeamRequest, expected_version: int | None) -> None:
    claim_version(team_request, expected_version=expected_version)
    if team_request.status != RequestStatus.PENDING:
        raise EditConflict(team_request.version)


def team_request_decline(
    *,
    team_request: TeamRequest,
    reason: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> TeamRequest:
    """Not taken forward, with a reason the team that asked reads."""
    if not reason.strip():
        raise ValidationError({"reason": "Tell the team why, so they know what could change."})
    with transaction.atomic():
        _still_pending(team_request, expected_version)
        team_request.status = RequestStatus.DECLINED
        team_request.decline_reason = reason.strip()
        team_request.decided_by = by
        team_request.decided_at = timezone.now()
        team_request.save(
            update_fields=["status", "decline_reason", "decided_by", "decided_at", "version"]
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=team_request,
            actor=by,
            organisation_id=team_request.organisation_id,
            reason="request not taken forward",
        )
    return team_request


def team_request_accept(
    *,
    team_request: TeamRequest,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
    **post_fields: Any,
) -> Post:
    """The peer development team turns the request into a post (one transaction)."""
    with transaction.atomic():
        _still_pending(team_request, expected_version)
        post = _post_new(team_request.organisation_id, by, post_fields)
        team_request.status = RequestStatus.ACCEPTED
        team_request.post = post
        team_request.decided_by = by
        team_request.decided_at = timezone.now()
        team_request.save(update_fields=["status", "post", "decided_by", "decided_at", "version"])
        audit(
            request,
            action=AuditAction.CREATE,
            obj=post,
            actor=by,
            organisation_id=post.organisation_id,
            reason=f"post made from the request of {team_request.team}",
        )
    return post


# --- posts -------------------------------------------------------------------------------------

POST_FIELDS = ("team", "title", "role", "service_area", "setting", "hours_per_week")


def _post_new(organisation_id: int, by: "User | None", fields: dict[str, Any]) -> Post:
    team = fields["team"]
    if team.organisation_id != organisation_id:
        raise ValidationError({"team": "Choose one of your organisation's teams."})
    post = Post(organisation_id=organisation_id, created_by=by, **fields)
    post.full_clean()
    post.save()
    return post


def post_create(*, actor: Actor, request: HttpRequest | None = None, **fields: Any) -> Post:
    user, organisation = _who(actor)
    with transaction.atomic():
        post = _post_new(organisation.pk, user, fields)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=post,
            actor=user,
            organisation_id=post.organisation_id,
        )
    return post


def post_edit(
    *,
    post: Post,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
    **fields: Any,
) -> Post:
    if fields["team"].organisation_id != post.organisation_id:
        raise ValidationError({"team": "Choose one of your organisation's teams."})
    with transaction.atomic():
        claim_version(post, expected_version=expected_version)
        for name in POST_FIELDS:
            setattr(post, name, fields[name])
        post.full_clean()
        post.save()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=post,
            actor=by,
            organisation_id=post.organisation_id,
        )
    return post


# --- vacancies ---------------------------------------------------------------------------------


def _dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "The closing date must be on or after the opening date."}
        )


def _criteria_lines(text: str) -> list[str]:
    lines = [line.strip().lstrip("•-* ").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise ValidationError({"criteria": "Give at least one eligibility criterion."})
    return lines


def vacancy_create(
    *,
    post: Post,
    opens_on: date,
    closes_on: date,
    description: str,
    criteria: str,
    panel: list[Any],
    by: "User | None",
    request: HttpRequest | None = None,
) -> Vacancy:
    """A draft vacancy for the post, its criteria one a line (the template's by default)."""
    _dates(opens_on, closes_on)
    lines = _criteria_lines(criteria)
    with transaction.atomic():
        vacancy = Vacancy(
            organisation_id=post.organisation_id,
            post=post,
            opens_on=opens_on,
            closes_on=closes_on,
            description=description.strip(),
            created_by=by,
        )
        vacancy.full_clean()
        vacancy.save()
        vacancy.panel.set(panel)
        _criteria_set(vacancy, lines)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=vacancy,
            actor=by,
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


def _criteria_set(vacancy: Vacancy, lines: list[str]) -> None:
    vacancy.criteria.all().delete()
    VacancyCriterion.objects.bulk_create(
        VacancyCriterion(organisation_id=vacancy.organisation_id, vacancy=vacancy, order=n, text=t)
        for n, t in enumerate(lines, start=1)
    )


def vacancy_edit(
    *,
    vacancy: Vacancy,
    expected_version: int | None,
    opens_on: date,
    closes_on: date,
    description: str,
    criteria: str,
    panel: list[Any],
    by: "User | None",
    request: HttpRequest | None = None,
) -> Vacancy:
    """Dates, description, panel; the criteria only while nobody has applied against them."""
    _dates(opens_on, closes_on)
    lines = _criteria_lines(criteria)
    with transaction.atomic():
        claim_version(vacancy, expected_version=expected_version)
        if vacancy.status == VacancyStatus.CLOSED:
            raise ValidationError("A closed vacancy is kept as it was.")
        vacancy.opens_on, vacancy.closes_on = opens_on, closes_on
        vacancy.description = description.strip()
        vacancy.full_clean()
        vacancy.save()
        vacancy.panel.set(panel)
        if [c.text for c in vacancy.criteria.all()] != lines:
            if _has_applications(vacancy):
                raise ValidationError(
                    {
                        "criteria": "People have applied against these criteria, so they stay "
                        "as they are."
                    }
                )
            _criteria_set(vacancy, lines)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=vacancy,
            actor=by,
            organisation_id=vacancy.organisation_id,
        )
    return vacancy


def _has_applications(vacancy: Vacancy) -> bool:
    applications = getattr(vacancy, "applications", None)
    return applications is not None and bool(applications.exists())


NEXT_STATUS = {
    VacancyStatus.DRAFT: VacancyStatus.ADVERTISED,
    VacancyStatus.ADVERTISED: VacancyStatus.CLOSED,
}


def vacancy_move(
    *,
    vacancy: Vacancy,
    to_status: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Vacancy:
    """Draft → advertised → closed, never back."""
    with transaction.atomic():
        claim_version(vacancy, expected_version=expected_version)
        if NEXT_STATUS.get(VacancyStatus(vacancy.status)) != to_status:
            raise ValidationError(
                f"A vacancy that is {vacancy.get_status_display().lower()} cannot be "
                f"{VacancyStatus(to_status).label.lower()}."
            )
        vacancy.status = to_status
        vacancy.save(update_fields=["status", "version"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=vacancy,
            actor=by,
            organisation_id=vacancy.organisation_id,
            reason=f"vacancy {VacancyStatus(to_status).label.lower()}",
        )
    return vacancy


def template_criteria_text() -> str:
    return "\n".join(TEMPLATE_CRITERIA)
